"""Friendly, translated error pages. Nothing personal is logged; the transaction is aborted by
pyramid_tm, so whatever was committed before stays."""
import logging

from pyramid.exceptions import BadCSRFToken
from pyramid.httpexceptions import HTTPBadRequest, HTTPRequestEntityTooLarge, HTTPSeeOther
from pyramid.view import exception_view_config, forbidden_view_config, notfound_view_config
from sqlalchemy import insert
from sqlalchemy.exc import SQLAlchemyError

from ..models import ErrorEvent
from ..models.meta import utcnow

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
    record_error(request, exc)
    request.response.status = 500
    return {}


def record_error(request, exc):
    """Count the error for the administrator's health tile, in a transaction of its own (the
    request's is rolled back); when the database itself failed, the log has it."""
    route = request.matched_route.name if request.matched_route is not None else ""
    try:
        with request.registry["dbengine"].begin() as connection:
            connection.execute(insert(ErrorEvent).values(at=utcnow(), route=route[:100],
                                                         kind=type(exc).__name__[:100]))
    except SQLAlchemyError:
        log.warning("the error could not be counted in the database")
