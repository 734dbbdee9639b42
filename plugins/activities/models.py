"""Activity series, their single-occurrence changes, and the room bookings they hold.

Times people type and read are wall times of the centre (``start_local``, naive, in the centre's
time zone): a weekly 10:00 class stays at 10:00 across the daylight-saving changes because the
recurrence is expanded in local time and each occurrence is turned into UTC on its own day
(``recurrence.py``). ``Slot`` rows are the occurrences materialised in UTC for the room conflict
check and, on PostgreSQL, for the exclusion constraint that forbids overlaps (``booking.py``).
"""
import re
import uuid
from datetime import date, datetime
from typing import Optional

from pyramid.authorization import Allow
from sqlalchemy import (Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import (Base, Centre, Organisation, Room, TextField, Translatable, UTCDateTime,
                        User, text_model, utcnow)

from .i18n import _

TARGET_GROUPS = [
    ("everyone", _("Everyone")),
    ("women", _("Women")),
    ("men", _("Men")),
    ("children_0_5", _("Children 0–5 years")),
    ("children_6_12", _("Children 6–12 years")),
    ("youth_13_17", _("Young people 13–17 years")),
    ("families", _("Families")),
]

FREQUENCIES = [
    ("", _("Once")),
    ("daily", _("Every day")),
    ("weekly", _("Every week")),
    ("monthly", _("Every month")),
]

#: RFC 5545 weekday codes, Monday first (Python's weekday() order)
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

#: which of its weekdays in the month a monthly series takes (RFC 5545 BYDAY ``2TU``)
MONTH_WEEKS = [
    ("", _("The same date each month")),
    ("1", _("The first such weekday")),
    ("2", _("The second such weekday")),
    ("3", _("The third such weekday")),
    ("4", _("The fourth such weekday")),
    ("-1", _("The last such weekday")),
]
BYDAY_CODE = re.compile(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$")


def split_byday(code):
    """``"2TU"`` -> ``(2, "TU")``, ``"TU"`` -> ``(None, "TU")``; None if it is no BYDAY."""
    found = BYDAY_CODE.match(code)
    if found is None:
        return None
    return (int(found.group(1)) if found.group(1) else None), found.group(2)

STATES = {"requested": _("Waiting for approval"), "confirmed": _("Confirmed"),
          "declined": _("Not approved")}


ORGANISER_PERMISSIONS = ("activities.edit", "translate")


def new_uid():
    return f"{uuid.uuid4()}@activities.portal"


class Activity(Translatable, Base):
    """A series of occurrences (or a single one) of one organisation in one centre."""

    __tablename__ = "activities"
    id: Mapped[int] = mapped_column(primary_key=True)
    #: the iCalendar UID: never changes, so calendar apps update the event instead of adding one
    uid: Mapped[str] = mapped_column(String(100), unique=True, default=new_uid)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"),
                                           index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"),
                                                   index=True)
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    category: Mapped[str] = mapped_column(String(30), default="activities")
    target_group: Mapped[str] = mapped_column(String(20), default="everyone")
    languages: Mapped[str] = mapped_column(String(100), default="")  # "ar,fa,en"
    interpretation: Mapped[bool] = mapped_column(Boolean, default=False)
    capacity: Mapped[Optional[int]] = mapped_column(Integer)
    start_local: Mapped[datetime] = mapped_column(DateTime)  # wall time of the centre
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    freq: Mapped[str] = mapped_column(String(10), default="")  # "", daily, weekly, monthly
    interval: Mapped[int] = mapped_column(Integer, default=1)
    byday: Mapped[str] = mapped_column(String(30), default="")  # "MO,WE"; monthly "2TU"
    until: Mapped[Optional[date]] = mapped_column(Date)  # last local day, included
    count: Mapped[Optional[int]] = mapped_column(Integer)
    exdates: Mapped[str] = mapped_column(Text, default="")  # "2026-04-06,2026-05-01" (local days)
    state: Mapped[str] = mapped_column(String(20), default="confirmed")
    state_reason: Mapped[str] = mapped_column(String(500), default="")
    #: iCalendar SEQUENCE: raised when the time, place or status changes
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: local wall time up to which its occurrences are materialised as slots (``booking.py``):
    #: ``booking.ALL_MATERIALISED`` once the series ends before it, None before the first time
    slots_until: Mapped[Optional[datetime]] = mapped_column(DateTime)

    centre: Mapped[Centre] = relationship()
    organisation: Mapped[Organisation] = relationship(lazy="joined")
    room: Mapped[Optional[Room]] = relationship(lazy="joined")
    owner: Mapped[Optional[User]] = relationship()
    changes: Mapped[list["OccurrenceChange"]] = relationship(
        back_populates="activity", cascade="all, delete-orphan", lazy="selectin",
        order_by="OccurrenceChange.original_start")

    __audit__ = True
    __audit_title__ = _("Activity")
    __text_fields__ = (
        TextField("title", _("Title"), max_length=200, required=True),
        TextField("description", _("Description"), max_length=2000, rows=4),
    )

    #: set by ``security.bind_activity``: the viewer, when a partner of its organisation there
    organiser_acl = ()

    @property
    def __acl__(self):
        """Managers of its centre decide; the partners of its organisation in its centre
        manage it (``security.organiser_entries``); translators translate it."""
        return [
            (Allow, "role:centre_manager", ("activities.edit", "activities.decide", "translate")),
            *self.organiser_acl,
            (Allow, "role:translator", ("translate",)),
        ]

    @property
    def audit_label(self):
        return self.translation_label

    def changes_public_pages(self):
        return True  # a request shows nowhere, but its refusal or approval does

    @property
    def exdate_set(self):
        return frozenset(date.fromisoformat(d) for d in self.exdates.split(",") if d.strip())

    def translation_context(self, request):
        from .security import bind_activity
        return bind_activity(request, self)

    @property
    def language_list(self):
        return [code for code in self.languages.split(",") if code]

    @property
    def weekday_list(self):
        return [code for code in self.byday.split(",") if code]


ActivityText = text_model(Activity, "activities_texts", key="activity_id")


class OccurrenceChange(Translatable, Base):
    """One occurrence of a series moved or cancelled, with the reason residents read: a text
    per language (the core's ``Translatable``: translation form, translation desk, fallbacks).
    """

    __tablename__ = "activities_changes"
    __table_args__ = (UniqueConstraint("activity_id", "original_start"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"),
                                             index=True)
    original_start: Mapped[datetime] = mapped_column(DateTime)  # local: the RECURRENCE-ID
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    new_start: Mapped[Optional[datetime]] = mapped_column(DateTime)  # local, when moved
    new_duration_minutes: Mapped[Optional[int]] = mapped_column(Integer)
    modified: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    source_language: Mapped[str] = mapped_column(String(10), default="en")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    activity: Mapped[Activity] = relationship(back_populates="changes")

    __audit__ = True
    __audit_title__ = _("Change of one activity")
    __text_fields__ = (
        TextField("reason", _("Reason shown to residents"), max_length=300, rows=2),
    )

    def __init__(self, reason="", source_language="en", **values):
        """``OccurrenceChange(original_start=..., cancelled=True, reason="Holiday")``: the
        reason is written as the text in ``source_language``."""
        super().__init__(source_language=source_language, revision=1, **values)
        if reason:
            self.set_text(source_language, reason=reason)

    @property
    def reason(self):
        """The reason as its author wrote it (the source language)."""
        source = self.source_text
        return source.reason if source is not None else ""

    def reason_in(self, language, chain):
        """``(text, is_fallback)``: the reason in ``language`` or its fallback; (None, ...)
        when there is none."""
        text, is_fallback = self.text_for(language, chain)
        if text is None or not text.reason:
            return None, is_fallback
        return text, is_fallback

    @property
    def audit_centre_id(self):
        return self.activity.centre_id if self.activity is not None else None

    translation_centre_id = audit_centre_id

    @property
    def audit_label(self):
        return self.original_start.isoformat(" ", "minutes")

    @property
    def translation_label(self):
        title = self.activity.translation_label if self.activity is not None else ""
        return f"{title} ({self.original_start:%Y-%m-%d %H:%M})"

    def translation_context(self, request):
        from .security import bind_activity
        return bind_activity(request, self.activity)

    def changes_public_pages(self):
        return True


ChangeText = text_model(OccurrenceChange, "activities_change_texts", key="change_id")


class Slot(Base):
    """A materialised occurrence holding its room, in UTC: ``[starts, blocks_until)`` is the
    occurrence plus the room's turnover time. Only ``held`` slots (confirmed series) exclude
    each other; requested ones are checked against them without holding the room."""

    __tablename__ = "activities_slots"
    __table_args__ = (Index("ix_activities_slots_room_starts", "room_id", "starts"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"),
                                             index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"))
    starts: Mapped[datetime] = mapped_column(UTCDateTime)
    ends: Mapped[datetime] = mapped_column(UTCDateTime)
    blocks_until: Mapped[datetime] = mapped_column(UTCDateTime)
    held: Mapped[bool] = mapped_column(Boolean, default=True)

    __audit__ = False  # derived from the series, which is audited
    __public__ = False  # pages show series and changes, never slots


class RoomSetting(Base):
    """The turnover time a room needs between two activities (cleaning, setting up)."""

    __tablename__ = "activities_rooms"
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"),
                                         primary_key=True)
    buffer_minutes: Mapped[int] = mapped_column(Integer, default=0)

    __audit__ = True


class CentreSetting(Base):
    """Whether a centre's managers approve new bookings before they hold a room."""

    __tablename__ = "activities_centres"
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"),
                                           primary_key=True)
    require_approval: Mapped[bool] = mapped_column(Boolean, default=False)

    __audit__ = True
    __public__ = False


class BookingLock(Base):
    """Written first by every booking of a centre: on SQLite this takes the database's write
    lock before the conflict check reads, so bookings run one after the other."""

    __tablename__ = "activities_booking_locks"
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"),
                                           primary_key=True)
    bookings: Mapped[int] = mapped_column(Integer, default=0)

    __audit__ = False
    __public__ = False
