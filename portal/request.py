"""The portal's request: what every request offers views and templates besides Pyramid's own.

Declared on a class, not with ``config.add_request_method(..., reify=True)``: for request
properties added that way Pyramid builds a new class for every request, whose garbage made the
interpreter's cycle collector a visible share of an uncached page (see bench/run).
"""
from pyramid.decorator import reify
from pyramid.interfaces import IRequestExtensions
from pyramid.request import Request
from pyramid_tm import create_tm

from .i18n import direction
from .models import get_tm_session
from .security import flash, pop_flash


class PortalRequest(Request):
    @reify
    def tm(self):
        """pyramid_tm's transaction manager (pyramid_tm adds it with ``add_request_method``;
        :func:`includeme` takes that one back, as it is declared here)."""
        return create_tm(self)

    @reify
    def dbsession(self):
        """The request's SQLAlchemy session, committed or rolled back with it by pyramid_tm."""
        # tests pass their own session (bound to a rolled-back transaction) in the environ
        session = self.environ.get("app.dbsession")
        if session is None:
            session = get_tm_session(self.registry["dbsession_factory"], self.tm, request=self)
        session.info["request"] = self
        return session

    @reify
    def session_row(self):
        """The login session of the request's cookie (``UserSession``), or None."""
        return self.registry["security_policy"].current_session(self)

    @reify
    def user(self):
        row = self.session_row
        return row.user if row is not None else None

    @reify
    def text_direction(self):
        return direction(self.locale_name)

    flash = flash
    pop_flash = pop_flash


def includeme(config):
    config.set_request_factory(PortalRequest)

    def declared_here():
        # after every add_request_method (order 0): Pyramid would build a class per request
        # to hold a property this class already has
        extensions = config.registry.queryUtility(IRequestExtensions)
        for name in list(extensions.descriptors) if extensions is not None else ():
            if name in vars(PortalRequest):
                del extensions.descriptors[name]

    config.action(None, declared_here, order=1)
