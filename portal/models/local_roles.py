"""Roles granted on one object: the secretary of a meeting, the officers of an election.

A local role is held on an object and everything below it in the resource tree (its
``__parent__`` chain); the security policy turns it into the principal ``role:<name>``, so a
workflow's ACL can grant ``role:secretary`` the right to edit a draft.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint, and_, delete, inspect, or_, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .meta import Base, UTCDateTime, utcnow


def object_key(obj):
    """``(kind, id)`` naming a mapped object: its base table and its primary key."""
    state = inspect(obj)
    identity = state.identity or state.mapper.primary_key_from_instance(obj)
    return state.mapper.base_mapper.local_table.name, "/".join(str(v) for v in identity)


class LocalRole(Base):
    __tablename__ = "local_roles"
    __table_args__ = (UniqueConstraint("object_type", "object_id", "user_id", "role"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(50))
    object_id: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(50))
    centre_id: Mapped[Optional[int]] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user = relationship("User")

    #: grants are audited like any change (who gave whom which role on what)
    __audit__ = True
    __public__ = False  # no public page shows it: writing it invalidates no page


def grant_local_role(dbsession, obj, user, role):
    """Give ``user`` the role ``role`` on ``obj`` (and below it); granting twice is harmless."""
    kind, ident = object_key(obj)
    existing = dbsession.scalars(select(LocalRole).where(
        LocalRole.object_type == kind, LocalRole.object_id == ident,
        LocalRole.user_id == user.id, LocalRole.role == role)).first()
    if existing is None:
        existing = LocalRole(object_type=kind, object_id=ident, user_id=user.id, role=role,
                             centre_id=getattr(obj, "centre_id", None))
        dbsession.add(existing)
    return existing


def revoke_local_role(dbsession, obj, user, role):
    kind, ident = object_key(obj)
    dbsession.execute(delete(LocalRole).where(
        LocalRole.object_type == kind, LocalRole.object_id == ident,
        LocalRole.user_id == user.id, LocalRole.role == role))


def local_roles(dbsession, obj):
    """Every ``(user, role)`` granted on ``obj`` itself."""
    kind, ident = object_key(obj)
    rows = dbsession.scalars(select(LocalRole).where(
        LocalRole.object_type == kind, LocalRole.object_id == ident).order_by(LocalRole.id))
    return [(row.user, row.role) for row in rows]


def roles_on(dbsession, user_id, keys):
    """The roles ``user_id`` holds on any of the objects named by ``keys`` (one query)."""
    if not keys:
        return set()
    match = or_(*(and_(LocalRole.object_type == kind, LocalRole.object_id == ident)
                  for kind, ident in keys))
    return set(dbsession.scalars(select(LocalRole.role).where(LocalRole.user_id == user_id, match)))
