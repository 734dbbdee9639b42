"""Friendly, translated error pages. Nothing personal is logged; the transaction is aborted by
pyramid_tm, so whatever was committed before stays."""
import logging

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge, HTTPSeeOther
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config

log = logging.getLogger(__name__)


@notfound_view_config(renderer="portal:templates/errors/404.jinja2")
def not_found(request):
    request.response.status = 404
    return {}


@forbidden_view_config(renderer="portal:templates/errors/403.jinja2")
def forbidden(request):
    if request.user is None:
        return HTTPSeeOther(request.route_path("login", _query={"came_from": request.path_qs}))
    request.response.status = 403
    return {}


@exception_view_config(BadCSRFToken, renderer="portal:templates/errors/csrf.jinja2")
def bad_csrf(request):
    request.response.status = 400
    return {}


@exception_view_config(HTTPBadRequest, renderer="portal:templates/errors/400.jinja2")
def bad_request(exc, request):
    request.response.status = 400
    return {"detail": exc.detail}


@exception_view_config(HTTPRequestEntityTooLarge, renderer="portal:templates/errors/400.jinja2")
def too_large(exc, request):
    request.response.status = 413
    return {"detail": exc.detail}


@exception_view_config(Exception, renderer="portal:templates/errors/500.jinja2")
def server_error(exc, request):
    log.exception("error while serving %s %s", request.method, request.path)
    request.response.status = 500
    return {}
