"""Notifications: a message to one user, kept as a translation string (message id, domain and
values), so that each recipient reads it in their own interface language, whenever they read it.
"""
import json
from datetime import datetime
from typing import Optional

from pyramid.i18n import TranslationString
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .meta import Base, UTCDateTime, utcnow


class Notification(Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    domain: Mapped[str] = mapped_column(String(50))
    message: Mapped[str] = mapped_column(Text)  # the message id, in English
    mapping: Mapped[str] = mapped_column(Text, default="{}")  # JSON: see dump_mapping
    url: Mapped[str] = mapped_column(String(500), default="")
    read_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)

    __audit__ = False  # a user's own mail, not a change to anything
    __public__ = False  # no public page shows it: writing it invalidates no page

    @classmethod
    def of(cls, message, mapping=None, **values):
        """A notification of ``message`` (a TranslationString; a plain string stays as it is)."""
        domain = getattr(message, "domain", None) or "portal"
        mapping = {**(getattr(message, "mapping", None) or {}), **(mapping or {})}
        return cls(domain=domain, message=str(message), mapping=dump_mapping(mapping), **values)

    @property
    def translation_string(self):
        return TranslationString(self.message, domain=self.domain,
                                 mapping=load_mapping(self.mapping) or None)


def dump_mapping(mapping):
    """Values that are translation strings themselves (a state's title) stay translatable."""
    def dump(value):
        if isinstance(value, TranslationString):
            return {"msgid": str(value), "domain": value.domain,
                    "mapping": {k: dump(v) for k, v in (value.mapping or {}).items()}}
        return value if isinstance(value, (int, float)) else str(value)

    return json.dumps({key: dump(value) for key, value in mapping.items()}, ensure_ascii=False)


def load_mapping(text):
    def load(value):
        if isinstance(value, dict):
            return TranslationString(value["msgid"], domain=value["domain"],
                                     mapping={k: load(v) for k, v in value["mapping"].items()}
                                     or None)
        return value

    return {key: load(value) for key, value in json.loads(text or "{}").items()}


class ErrorEvent(Base):
    """A request that ended in a server error: counted for the administrator's health tile.

    Written in a transaction of its own (the request's is rolled back); holds no personal data,
    only the route and the kind of error.
    """

    __tablename__ = "error_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    route: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(100), default="")

    __audit__ = False
    __public__ = False
