"""Requests refused before anything reads them: a WSGI layer outside the page cache and outside
Pyramid's execution policy (pyramid_retry reads the whole body first, to replay it).

* A path or query that is not UTF-8 is answered 400: WebOb and Pyramid raise
  ``UnicodeDecodeError`` wherever such a URL is read (the page cache, the locale negotiator,
  route matching).
* A body larger than ``portal.max_request_bytes`` is answered 413: at once when
  ``Content-Length`` says so, and after reading no more than the limit when the length is not
  known in advance (chunked).

Either way the router is handed a clean request (``GET /``, no body) marked with the reason, and
renders the translated error page for it.
"""
import io
import tempfile
from urllib.parse import unquote_to_bytes

from pyramid.events import NewRequest
from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge

from .i18n import _

REFUSED = "portal.refused"
INVALID_URL, TOO_LARGE = "invalid_url", "too_large"
CHUNK = 64 * 1024


def decodable(environ):
    """True when the path and the query decode as UTF-8 (WSGI hands them over as latin-1)."""
    try:
        for key in ("SCRIPT_NAME", "PATH_INFO"):
            environ.get(key, "").encode("latin-1").decode("utf-8")
        unquote_to_bytes(environ.get("QUERY_STRING", "").encode("latin-1")).decode("utf-8")
    except UnicodeError:
        return False
    return True


def buffer_body(environ, limit):
    """Read a body of unknown length into a spooled file; None once it passes ``limit``.
    An empty body (every GET from a server that ends each body, as waitress does) needs no
    file: making one cost more than the rest of a cached page's answer."""
    stream, body, size = environ["wsgi.input"], None, 0
    while True:
        data = stream.read(min(CHUNK, limit + 1 - size))
        if not data:
            break
        size += len(data)
        if size > limit:
            if body is not None:
                body.close()
            return None
        if body is None:
            body = tempfile.SpooledTemporaryFile(CHUNK * 16)
        body.write(data)
    if body is None:
        return io.BytesIO(), 0
    body.seek(0)
    return body, size


def body_refused(environ, limit):
    """True when the body is over ``limit``; a body of unknown length is buffered meanwhile."""
    length = environ.get("CONTENT_LENGTH")
    if length:
        return not length.isdigit() or int(length) > limit
    if not environ.get("wsgi.input_terminated"):
        return False  # WebOb reads no body of unknown length unless the server ended it
    buffered = buffer_body(environ, limit)
    if buffered is None:
        return True
    environ["wsgi.input"], size = buffered
    environ["CONTENT_LENGTH"] = str(size)
    return False


class RefuseBadRequests:
    """In front of ``app``; a refused request goes to ``router`` as ``GET /``, marked."""

    def __init__(self, app, router):
        self.app = app
        self.router = router
        self.registry = router.registry
        self.limit = router.registry.settings["portal.max_request_bytes"]

    def __call__(self, environ, start_response):
        if not decodable(environ):
            reason = INVALID_URL
        elif body_refused(environ, self.limit):
            reason = TOO_LARGE
        else:
            return self.app(environ, start_response)
        clean = {**environ, "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": "/",
                 "QUERY_STRING": "", "CONTENT_LENGTH": "0", REFUSED: reason}
        return self.router(clean, start_response)


def raise_refusal(event):
    request = event.request
    reason = request.environ.get(REFUSED)
    if reason is None:
        return
    translate = request.localizer.translate
    if reason == INVALID_URL:
        raise HTTPBadRequest(translate(
            _("This address contains characters that cannot be read. Check the link.")))
    if reason == TOO_LARGE:
        limit = request.registry.settings["portal.max_request_bytes"]
        raise HTTPRequestEntityTooLarge(translate(
            _("What was sent is larger than ${mb} MB.", mapping={"mb": limit // (1024 * 1024)})))


def includeme(config):
    config.add_subscriber(raise_refusal, NewRequest)
