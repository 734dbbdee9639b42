"""The audit log: who changed what, when, in which centre.

Entries are written automatically for every insert, update and delete of a mapped object at flush
time (see :func:`record_changes`); workflow transitions and logins add explicit entries.

Every model declares its audit policy (``tests/test_audit.py`` checks that each one does):

* ``__audit__ = True``: inserts, updates (the names of the changed columns, never their values;
  columns in ``__audit_exclude__`` show as "name (hidden)") and deletes are recorded;
* ``__audit__ = False``: nothing about it reaches the log (sessions, throttles, ballots).

A model may name itself for readers with an ``audit_label`` property (a title, a room's name:
never personal data) and its kind with ``audit_type`` (content: its content type).
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, Text, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    username: Mapped[str] = mapped_column(String(100), default="")  # kept if the user is deleted
    centre_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("centres.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(50))
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[str] = mapped_column(String(50), default="")
    object_label: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    user = relationship("User")
    centre = relationship("Centre")

    __audit__ = False
    __public__ = False  # no public page shows it: writing it invalidates no page


def _centre_of(obj):
    """The centre an object belongs to (``audit_centre_id`` where ``centre_id`` does not say)."""
    if hasattr(obj, "audit_centre_id"):
        return obj.audit_centre_id
    return getattr(obj, "centre_id", None)


def audit_type(obj):
    """The kind of object an entry is about: ``audit_type`` if it says, else its table."""
    return getattr(obj, "audit_type", None) or obj.__tablename__


def audit_label(obj):
    """The object's name for readers of the log, if its model gives one."""
    try:
        label = getattr(obj, "audit_label", None)
    except Exception:  # noqa: BLE001  a half-built object must not break the flush
        label = None
    return (label or "")[:200]


def _identity(obj):
    """The primary key, ``"/"``-joined when composite (``content_texts``: ``"12/ar"``).

    Read from the mapped columns: at flush time a new row has no identity key yet.
    """
    state = inspect(obj)
    values = state.identity or state.mapper.primary_key_from_instance(obj)
    return "/".join("" if value is None else str(value) for value in values)


def _actor(session):
    """The user acting in this session: the request's user, or ``info["actor"]`` in scripts."""
    request = session.info.get("request")
    if request is not None:
        return getattr(request, "user", None)
    return session.info.get("actor")


def _row(actor, action, obj, **values):
    row = {"at": utcnow(), "user_id": actor.id if actor else None,
           "username": actor.username if actor else "", "action": action,
           "centre_id": _centre_of(obj) if obj is not None else None,
           "object_type": audit_type(obj) if obj is not None else "",
           "object_id": _identity(obj) if obj is not None else "",
           "object_label": audit_label(obj) if obj is not None else "", "summary": ""}
    row.update({key: value for key, value in values.items() if value is not None})
    return row


def add_entry(session, action, obj=None, *, object_type=None, object_id=None, centre_id=None,
              summary=""):
    """Record an explicit entry (a transition, a login) for the acting user of ``session``."""
    entry = AuditEntry(**_row(_actor(session), action, obj, object_type=object_type,
                              object_id=str(object_id) if object_id else None,
                              centre_id=centre_id, summary=summary))
    session.add(entry)
    return entry


def _changes(obj):
    """The names of the changed columns; secret ones only as "name (hidden)"."""
    state = inspect(obj)
    exclude = getattr(obj, "__audit_exclude__", set())
    return [f"{attr.key} (hidden)" if attr.key in exclude else attr.key
            for attr in state.mapper.column_attrs if state.attrs[attr.key].history.has_changes()]


def record_changes(session, flush_context):
    """One entry per changed object; values are not copied (they may be personal data)."""
    if session.info.get("audit_disabled"):
        return
    changes = []
    # session.deleted misses orphans (a translation or a role removed from its collection):
    # the flush's own list of states has every row it deletes
    deleted = [state.obj() for state, (isdelete, listonly) in flush_context.states.items()
               if isdelete and not listonly and state.obj() is not None]
    for action, objects in (("create", session.new), ("update", session.dirty),
                            ("delete", deleted)):
        for obj in objects:
            if not getattr(obj, "__audit__", True):
                continue
            summary = ", ".join(_changes(obj)) if action == "update" else ""
            if action == "update" and not summary:
                continue
            changes.append((action, obj, summary))
    if not changes:
        return  # before asking who acts: that may load the user inside this very flush
    actor = _actor(session)
    rows = [_row(actor, action, obj, summary=summary) for action, obj, summary in changes]
    # written with the flush's own connection, so the entries land in the same flush
    session.connection().execute(AuditEntry.__table__.insert(), rows)


def install(session_factory):
    """Audit every session made by ``session_factory``."""
    event.listen(session_factory, "after_flush", record_changes)
