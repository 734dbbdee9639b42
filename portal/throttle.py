"""Failed password attempts, counted per account name, per address and per known device.

* Counts are written in a transaction of their own, committed at once whatever the request
  answers, with an atomic insert-or-ignore and increment: parallel attempts neither fail with a
  duplicate key nor lose a count.
* Each scope allows ``limit`` failures within ``portal.login_lockout_seconds``; one more locks it
  for as long.
* Keys are keyed hashes: the table keeps no typed names (a password typed into the wrong field)
  and no addresses.
"""
import hashlib
import hmac
from contextlib import contextmanager
from datetime import timedelta

import zope.sqlalchemy
from sqlalchemy import case, delete, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from .models import LoginThrottle, keep_transaction
from .models.meta import UTCDateTime, utcnow

NAME, ADDRESS, DEVICE = "name", "address", "device"
TABLE = LoginThrottle.__table__


def limits(settings):
    return {NAME: settings["portal.login_max_failures"],
            ADDRESS: settings["portal.login_max_failures_per_ip"],
            DEVICE: settings["portal.login_max_failures"]}


def throttle_key(settings, scope, value):
    message = f"{scope}:{value}".encode()
    return hmac.new(settings["portal.secret"].encode(), message, hashlib.sha256).hexdigest()


@contextmanager
def own_transaction(request):
    """A session whose work is committed on leaving, apart from the request's transaction."""
    session = request.registry["dbsession_factory"]()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    # The request's own transaction must not undo these counts where both share a connection
    # (the test suite's savepoints): it commits even when the answer is an error, and even when
    # it only read (a session that only read is rolled back).
    keep_transaction(request)
    zope.sqlalchemy.mark_changed(request.dbsession)


def _where(key, scope):
    return (TABLE.c.scope == scope) & (TABLE.c.key_hash == key)


def locked_seconds(request, scopes):
    """Seconds until every one of ``scopes`` (``[(scope, value)]``) is unlocked; 0 if none is."""
    settings, now = request.registry.settings, utcnow()
    keys = [(scope, throttle_key(settings, scope, value)) for scope, value in scopes]
    with own_transaction(request) as session:
        until = [session.scalar(select(TABLE.c.locked_until).where(_where(key, scope)))
                 for scope, key in keys]
    return max([(u - now).total_seconds() for u in until if u is not None and u > now],
               default=0)


def record_failures(request, scopes):
    settings, now = request.registry.settings, utcnow()
    window = timedelta(seconds=settings["portal.login_lockout_seconds"])
    with own_transaction(request) as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        moment = literal(now, UTCDateTime())
        for scope, value in scopes:
            key = throttle_key(settings, scope, value)
            session.execute(insert(TABLE).values(scope=scope, key_hash=key, failures=0,
                                                 window_start=now).on_conflict_do_nothing())
            stale = TABLE.c.window_start <= literal(now - window, UTCDateTime())
            failures = session.execute(
                update(TABLE).where(_where(key, scope)).values(
                    failures=case((stale, 1), else_=TABLE.c.failures + 1),
                    window_start=case((stale, moment), else_=TABLE.c.window_start),
                ).returning(TABLE.c.failures)
            ).scalar_one()
            if failures >= limits(settings)[scope]:
                session.execute(update(TABLE).where(_where(key, scope)).values(
                    failures=0, window_start=now, locked_until=now + window))


def clear(request, scopes):
    settings = request.registry.settings
    with own_transaction(request) as session:
        for scope, value in scopes:
            session.execute(delete(TABLE).where(
                _where(throttle_key(settings, scope, value), scope)))


def record_failure(request, scope, value, limit, seconds):
    """Count one failure of ``value`` in a ``scope`` of a plugin's own (at most 10 characters,
    e.g. ``"vote"``): ``limit`` failures within ``seconds`` lock it for ``seconds``. Same atomic,
    own-transaction counting as the login's; check with ``locked_seconds(request, [(scope,
    value)])``."""
    settings, now = request.registry.settings, utcnow()
    window = timedelta(seconds=seconds)
    key = throttle_key(settings, scope, value)
    with own_transaction(request) as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        session.execute(insert(TABLE).values(scope=scope, key_hash=key, failures=0,
                                             window_start=now).on_conflict_do_nothing())
        stale = TABLE.c.window_start <= literal(now - window, UTCDateTime())
        failures = session.execute(
            update(TABLE).where(_where(key, scope)).values(
                failures=case((stale, 1), else_=TABLE.c.failures + 1),
                window_start=case((stale, literal(now, UTCDateTime())),
                                  else_=TABLE.c.window_start),
            ).returning(TABLE.c.failures)
        ).scalar_one()
        if failures >= limit:
            session.execute(update(TABLE).where(_where(key, scope)).values(
                failures=0, window_start=now, locked_until=now + window))
