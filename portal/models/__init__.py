"""Database plumbing (as in the Pyramid cookiecutter) plus SQLite hardening.

``request.dbsession`` is a session joined to the request's transaction by ``pyramid_tm``;
``pyramid_retry`` replays a request whose transaction failed with a retryable error.
"""
import sqlite3

from pyramid_tm import default_commit_veto
from pyramid_retry import mark_error_retryable
from sqlalchemy import engine_from_config, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import configure_mappers, sessionmaker
from zope.sqlalchemy.datamanager import join_transaction, mark_changed

from . import audit, changes
from .audit import AuditEntry  # noqa: F401
from .changes import ChangeCounter  # noqa: F401
from .centre import Centre, CentrePluginSetting, Room  # noqa: F401
from .content import Content, ContentText, Page  # noqa: F401
from .local_roles import LocalRole  # noqa: F401
from .meta import Base  # noqa: F401
from .notifications import ErrorEvent, Notification  # noqa: F401
from .populators import PopulatorRun  # noqa: F401
from .revisions import SourceRevision  # noqa: F401
from .principals import LoginThrottle, Organisation, RoleAssignment, User, UserSession  # noqa: F401

configure_mappers()

SQLITE_BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_connection, connection_record):
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # off by default in SQLite
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def get_engine(settings, prefix="sqlalchemy."):
    engine = engine_from_config(settings, prefix)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


TRANSACTION_MANAGER = "transaction_manager"


class JoinTransactionManager:
    """zope.sqlalchemy's session events, listened to once on the session factory rather than on
    every session (``zope.sqlalchemy.register`` per session was 7% of an uncached page): a
    session joins the transaction manager it names in ``info``; one without is left alone."""

    def install(self, factory):
        for name in ("after_begin", "after_attach", "after_flush", "after_bulk_update",
                     "after_bulk_delete", "before_commit", "do_orm_execute"):
            event.listen(factory, name, getattr(self, name))

    @staticmethod
    def join(session, *args):
        manager = session.info.get(TRANSACTION_MANAGER)
        if manager is not None:
            join_transaction(session, transaction_manager=manager)

    after_begin = after_attach = join

    @staticmethod
    def changed(session, *args):
        manager = session.info.get(TRANSACTION_MANAGER)
        if manager is not None:
            mark_changed(session, transaction_manager=manager)

    after_flush = changed

    def after_bulk_update(self, context):
        self.changed(context.session)

    after_bulk_delete = after_bulk_update

    def do_orm_execute(self, state):
        if state.is_orm_statement and (state.is_update or state.is_insert or state.is_delete):
            self.changed(state.session)

    @staticmethod
    def before_commit(session):
        manager = session.info.get(TRANSACTION_MANAGER)
        # commits go through the transaction manager, never session.commit() in a request
        assert manager is None or session.in_nested_transaction() or \
            manager.get().status == "Committing", "commit through the transaction manager"


def get_session_factory(engine):
    factory = sessionmaker()
    factory.configure(bind=engine)
    JoinTransactionManager().install(factory)
    audit.install(factory)
    changes.install(factory)
    return factory


def get_tm_session(session_factory, transaction_manager, request=None):
    """A session joined to ``transaction_manager``; commits and aborts follow the request."""
    return session_factory(info={"request": request, TRANSACTION_MANAGER: transaction_manager})


KEEP_TRANSACTION = "portal.keep_transaction"


def keep_transaction(request):
    """What this request wrote must stay whatever it answers (a failed password attempt)."""
    request.environ[KEEP_TRANSACTION] = True


def commit_veto(request, response):
    """pyramid_tm's default (no commit for a 4xx or 5xx answer) unless the request must keep
    what it wrote (see :func:`keep_transaction`)."""
    if request.environ.get(KEEP_TRANSACTION):
        return False
    return default_commit_veto(request, response)


def is_sqlite_locked(exc):
    orig = getattr(exc, "orig", exc)
    return isinstance(orig, sqlite3.OperationalError) and "database is locked" in str(orig)


def sqlite_retry_tween_factory(handler, registry):
    """Mark SQLite's "database is locked" retryable; neither zope.sqlalchemy nor pyramid_tm do.

    Sits above pyramid_tm so that it sees errors raised at commit time as well as errors a view
    raised (those arrive as ``request.exception`` behind the rendered error page).
    """

    def tween(request):
        try:
            response = handler(request)
        except OperationalError as exc:
            if is_sqlite_locked(exc):
                mark_error_retryable(exc)
            raise
        exc = getattr(request, "exception", None)
        if exc is not None and is_sqlite_locked(exc):
            mark_error_retryable(exc)
        return response

    return tween


def includeme(config):
    settings = config.get_settings()
    settings["tm.manager_hook"] = "pyramid_tm.explicit_manager"
    # an error response (4xx, 5xx) never commits: a form answered with errors stores nothing
    settings["tm.commit_veto"] = "portal.models.commit_veto"
    config.include("pyramid_tm")
    config.include("pyramid_retry")

    dbengine = settings.get("portal.dbengine")  # the test suite passes its own
    if dbengine is None:
        dbengine = get_engine(settings)
    session_factory = get_session_factory(dbengine)
    config.registry["dbsession_factory"] = session_factory
    config.registry["dbengine"] = dbengine

    config.add_tween("portal.models.sqlite_retry_tween_factory", over="pyramid_tm.tm_tween_factory")
