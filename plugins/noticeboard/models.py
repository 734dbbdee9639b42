"""A notice: per-language text (``ContentText``) plus when, where and how prominently it shows."""
from datetime import datetime, time
from typing import Optional
from zoneinfo import ZoneInfo

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Time
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import (Base, Content, TextField, Translatable, UTCDateTime, bind_content,
                        text_model, utcnow)

from .i18n import _
from .window import Window


def weekday_set(weekdays):
    """"0,4" -> {0, 4}: Mondays and Fridays."""
    return frozenset(int(day) for day in weekdays.split(",") if day.strip())


class Notice(Content):
    __tablename__ = "noticeboard_notices"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(30), default="general")
    priority: Mapped[str] = mapped_column(String(10), default="normal")
    valid_from: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    valid_until: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    weekdays: Mapped[str] = mapped_column(String(20), default="")  # "0,4": Mondays and Fridays
    daily_start: Mapped[Optional[time]] = mapped_column(Time)  # local time of the centre
    daily_end: Mapped[Optional[time]] = mapped_column(Time)
    position: Mapped[int] = mapped_column(Integer, default=100)
    #: set when the notice was made from another plugin's Announcement (see announcements.py)
    announcement_key: Mapped[Optional[str]] = mapped_column(String(100), unique=True)

    __mapper_args__ = {"polymorphic_identity": "notice"}
    __audit__ = True

    @property
    def weekday_set(self):
        return weekday_set(self.weekdays)

    @classmethod
    def translation_urgent(cls):
        """Urgent notices come first in the translation desk."""
        return cls.__table__.c.priority == "urgent"

    def window(self, tz: ZoneInfo):
        return Window(tz, valid_from=self.valid_from, valid_until=self.valid_until,
                      weekdays=self.weekday_set, daily_start=self.daily_start,
                      daily_end=self.daily_end)


class NoticeImage(Translatable, Base):
    """The picture of a notice (re-encoded, see ``images.py``), described in every language."""

    __tablename__ = "noticeboard_images"
    notice_id: Mapped[int] = mapped_column(
        ForeignKey("noticeboard_notices.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    mime: Mapped[str] = mapped_column(String(30))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    updated: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    notice: Mapped[Notice] = relationship(back_populates="image")

    __audit__ = True
    __audit_exclude__ = {"data"}  # the picture itself never goes to the log
    __text_fields__ = (
        TextField("alt", _("Description of the picture"), max_length=300, required=True),
    )

    @property
    def audit_centre_id(self):
        return self.notice.centre_id if self.notice else None

    translation_centre_id = audit_centre_id

    def changes_public_pages(self):
        """A picture shows where its notice shows (the page cache's change counters)."""
        return self.notice is None or self.notice.changes_public_pages()

    @property
    def translation_label(self):
        source = self.notice.source_text if self.notice else None
        return source.title if source is not None else ""

    def translation_context(self, request):
        return bind_content(request, self.notice)

    @classmethod
    def translation_content_id(cls):
        """The notice decides about its picture's descriptions."""
        return cls.notice_id

    def alt_for(self, language, chain):
        """``(text, language)`` of the description, following the fallback chain."""
        text, _fallback = self.text_for(language, chain)
        return (text.alt, text.language) if text is not None else ("", language)


NoticeImageText = text_model(NoticeImage, "noticeboard_image_texts", key="notice_id")
Notice.image = relationship(NoticeImage, uselist=False, back_populates="notice",
                            cascade="all, delete-orphan", lazy="selectin")
