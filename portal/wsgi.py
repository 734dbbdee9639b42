"""WSGI layers around the Pyramid router, outside the page cache (see ``portal.main``).

``RejectUndecodableURLs`` answers a path or query that is not UTF-8 with a translated 400 page:
WebOb and Pyramid raise ``UnicodeDecodeError`` wherever such a URL is read (the page cache, the
locale negotiator, route matching), so the router is handed a clean request marked as invalid.
"""
from urllib.parse import unquote_to_bytes

from pyramid.events import NewRequest
from pyramid.httpexceptions import HTTPBadRequest

from .i18n import _

INVALID_URL = "portal.invalid_url"


def decodable(environ):
    """True when the path and the query decode as UTF-8 (WSGI hands them over as latin-1)."""
    try:
        for key in ("SCRIPT_NAME", "PATH_INFO"):
            environ.get(key, "").encode("latin-1").decode("utf-8")
        unquote_to_bytes(environ.get("QUERY_STRING", "").encode("latin-1")).decode("utf-8")
    except UnicodeError:
        return False
    return True


class RejectUndecodableURLs:
    """In front of ``app``; a URL that is not UTF-8 goes to ``router`` as ``/``, marked invalid."""

    def __init__(self, app, router):
        self.app = app
        self.router = router
        self.registry = router.registry

    def __call__(self, environ, start_response):
        if decodable(environ):
            return self.app(environ, start_response)
        clean = {**environ, "SCRIPT_NAME": "", "PATH_INFO": "/", "QUERY_STRING": "",
                 INVALID_URL: True}
        return self.router(clean, start_response)


def refuse_invalid_url(event):
    request = event.request
    if request.environ.get(INVALID_URL):
        raise HTTPBadRequest(request.localizer.translate(
            _("This address contains characters that cannot be read. Check the link.")))


def includeme(config):
    config.add_subscriber(refuse_invalid_url, NewRequest)
