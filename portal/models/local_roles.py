"""Roles granted on one object: the secretary of a meeting, the officers of an election.

A local role is held on an object and everything below it in the resource tree (its
``__parent__`` chain); the security policy turns it into the principal ``role:<name>``, so a
workflow's ACL can grant ``role:secretary`` the right to edit a draft.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import (ForeignKey, String, UniqueConstraint, and_, delete, event, inspect, or_,
                        select)
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

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
        _forget(dbsession)
    return existing


def revoke_local_role(dbsession, obj, user, role):
    kind, ident = object_key(obj)
    dbsession.execute(delete(LocalRole).where(
        LocalRole.object_type == kind, LocalRole.object_id == ident,
        LocalRole.user_id == user.id, LocalRole.role == role))
    _forget(dbsession)


def local_roles(dbsession, obj):
    """Every ``(user, role)`` granted on ``obj`` itself."""
    kind, ident = object_key(obj)
    rows = dbsession.scalars(select(LocalRole).where(
        LocalRole.object_type == kind, LocalRole.object_id == ident).order_by(LocalRole.id))
    return [(row.user, row.role) for row in rows]


#: ``dbsession.info`` key: ``{user_id: {object key: roles}}`` looked up in this session
CACHE = "portal.local_roles"


def _cache(dbsession, user_id):
    return dbsession.info.setdefault(CACHE, {}).setdefault(user_id, {})


def _forget(dbsession):
    if dbsession is not None:
        dbsession.info.pop(CACHE, None)


@event.listens_for(LocalRole, "after_insert")
@event.listens_for(LocalRole, "after_update")
@event.listens_for(LocalRole, "after_delete")
def _changed(mapper, connection, row):
    """A grant written any other way than ``grant_local_role`` is seen by the next check."""
    _forget(object_session(row))


def preload_roles(dbsession, user_id, keys):
    """Look up the roles ``user_id`` holds on every object named by ``keys`` in one query and
    keep them for this session, so that checking a permission on each row of a list costs no
    query per row."""
    cache = _cache(dbsession, user_id)
    wanted = {key for key in keys if key not in cache}
    if not wanted:
        return
    by_kind = {}
    for kind, ident in wanted:
        by_kind.setdefault(kind, set()).add(ident)
    match = or_(*(and_(LocalRole.object_type == kind, LocalRole.object_id.in_(sorted(idents)))
                  for kind, idents in by_kind.items()))
    for key in wanted:
        cache[key] = set()
    for kind, ident, role in dbsession.execute(
            select(LocalRole.object_type, LocalRole.object_id, LocalRole.role)
            .where(LocalRole.user_id == user_id, match)):
        cache.setdefault((kind, ident), set()).add(role)


def roles_on(dbsession, user_id, keys):
    """The roles ``user_id`` holds on any of the objects named by ``keys`` (at most one query;
    none for objects looked up before in this session)."""
    preload_roles(dbsession, user_id, keys)
    cache = _cache(dbsession, user_id)
    return set().union(*(cache[key] for key in keys))
