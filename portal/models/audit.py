"""The audit log: who changed what, when, in which centre.

Entries are written automatically for every insert, update and delete of a mapped object at flush
time (see :func:`record_changes`); workflow transitions and logins add explicit entries.
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
    summary: Mapped[str] = mapped_column(Text, default="")
    user = relationship("User")
    centre = relationship("Centre")

    __audit__ = False


def _centre_of(obj):
    if hasattr(obj, "audit_centre_id"):
        return obj.audit_centre_id
    if obj.__class__.__name__ == "Centre":
        return obj.id
    return getattr(obj, "centre_id", None)


def _identity(obj):
    return "/".join(str(v) for v in inspect(obj).identity or ()) if inspect(obj).identity else ""


def add_entry(session, action, obj=None, *, object_type=None, object_id="", centre_id=None,
              summary=""):
    """Record an explicit entry (a transition, a login) for the acting user of ``session``."""
    actor = _actor(session)
    entry = AuditEntry(
        at=utcnow(),
        user_id=actor.id if actor else None,
        username=actor.username if actor else "",
        centre_id=centre_id if centre_id is not None else (_centre_of(obj) if obj else None),
        action=action,
        object_type=object_type or (obj.__tablename__ if obj is not None else ""),
        object_id=str(object_id or (getattr(obj, "id", "") if obj is not None else "")),
        summary=summary,
    )
    session.add(entry)
    return entry


def _actor(session):
    """The user acting in this session: the request's user, or ``info["actor"]`` in scripts."""
    request = session.info.get("request")
    if request is not None:
        return getattr(request, "user", None)
    return session.info.get("actor")


def _audited(obj):
    return getattr(obj, "__audit__", True)


def record_changes(session, flush_context):
    """One entry per changed object; values are not copied (they may be personal data)."""
    if session.info.get("audit_disabled"):
        return
    entries = []
    for action, objects in (("create", session.new), ("update", session.dirty),
                            ("delete", session.deleted)):
        for obj in objects:
            if not _audited(obj):
                continue
            state = inspect(obj)
            changed = []
            if action == "update":
                exclude = getattr(obj, "__audit_exclude__", set())
                changed = [
                    attr.key for attr in state.mapper.column_attrs
                    if state.attrs[attr.key].history.has_changes() and attr.key not in exclude
                ]
                secret = [
                    attr.key for attr in state.mapper.column_attrs
                    if state.attrs[attr.key].history.has_changes() and attr.key in exclude
                ]
                if not changed and not secret:
                    continue
                changed += [f"{key} (hidden)" for key in secret]
            entries.append((action, obj, ", ".join(changed)))
    if not entries:
        return
    actor = _actor(session)
    now = utcnow()
    rows = [{
        "at": now,
        "user_id": actor.id if actor else None,
        "username": actor.username if actor else "",
        "centre_id": _centre_of(obj),
        "action": action,
        "object_type": obj.__tablename__,
        "object_id": _identity(obj) or str(getattr(obj, "id", "")),
        "summary": summary,
    } for action, obj, summary in entries]
    # written with the flush's own connection, so the entries land in the same flush
    session.connection().execute(AuditEntry.__table__.insert(), rows)


def install(session_factory):
    """Audit every session made by ``session_factory``."""
    event.listen(session_factory, "after_flush", record_changes)
