"""Security headers on every response, and no caching of what staff see.

``SecurityHeaders`` is the outermost WSGI layer (see ``portal.main``), so pages answered by the
page cache, 304s, error pages and static files get the headers too. The Content-Security-Policy
allows no inline script or style anywhere: deform's date and time widgets are rendered by
templates of our own without their inline scripts (``portal/deform_templates``), and form pages
start deform from ``static/js/forms.js``.
"""
from pyramid.events import NewResponse

from .security import SESSION_COOKIE

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])
HSTS = "max-age=31536000"


def security_headers(settings):
    headers = [
        ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
    ]
    if settings.get("portal.hsts"):
        headers.append(("Strict-Transport-Security", HSTS))
    return headers


class SecurityHeaders:
    """Adds the security headers to every response ``app`` gives."""

    def __init__(self, app):
        self.app = app
        self.registry = app.registry
        self.headers = security_headers(app.registry.settings)

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _value in headers}
            headers = list(headers) + [(name, value) for name, value in self.headers
                                       if name.lower() not in present]
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


def is_static_asset(request):
    route = request.matched_route
    return route is not None and route.name.startswith("__")  # add_static_view's routes


def no_store_for_staff(event):
    """Nothing a logged-in user was shown stays in a browser's or a proxy's cache."""
    request = event.request
    if SESSION_COOKIE in request.cookies and not is_static_asset(request):
        event.response.headers["Cache-Control"] = "private, no-store"


def includeme(config):
    config.add_subscriber(no_store_for_staff, NewResponse)
