"""A dialogue meeting's record: the meeting (content), its agenda, attendance by group, concerns,
decisions, action items followed from meeting to meeting, and dated correction notes.

Every text is per language through the core (``Translatable``/``text_model``); the meeting's
workflow governs who may read, write and translate everything below it.
"""
from datetime import date, datetime
from typing import Optional

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.api import (Base, Content, TextField, Translatable, UTCDateTime, bind_content,
                        text_model, utcnow)

from .i18n import _

KINDS = {
    "dialogue": _("Community dialogue"),
    "women": _("Women's group"),
    "youth": _("Youth"),
    "partners": _("Partner coordination"),
    "other": _("Other meeting"),
}

#: who answers for an action item
PARTIES = {
    "management": _("Centre management"),
    "representatives": _("Community representatives"),
    "organisation": _("An organisation"),
}

STATUSES = {
    "open": _("Open"),
    "in_progress": _("In progress"),
    "done": _("Done"),
    "dropped": _("Dropped"),
}
CLOSED = ("done", "dropped")

#: attendance groups; representatives are counted per language community
GROUPS = {
    "representatives": _("Representatives"),
    "management": _("Centre management"),
    "organisation": _("Organisation"),
}


class Meeting(Content):
    """A dialogue meeting of one centre; its title, outcome summary and notes are its texts."""

    __tablename__ = "minutes_meetings"
    id: Mapped[int] = mapped_column(ForeignKey("content.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="dialogue")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id", ondelete="SET NULL"))
    place: Mapped[str] = mapped_column(String(200), default="")

    room = relationship("Room")
    agenda: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan",
        order_by="(AgendaItem.position, AgendaItem.id)")
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.id")
    actions: Mapped[list["ActionItem"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="ActionItem.id",
        foreign_keys="ActionItem.meeting_id")
    corrections: Mapped[list["CorrectionNote"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="CorrectionNote.id")

    __mapper_args__ = {"polymorphic_identity": "meeting"}
    __audit__ = True


class MeetingPart:
    """What belongs to one meeting: its centre, its page-cache effect and who may translate
    it follow the meeting."""

    @property
    def audit_centre_id(self):
        return self.meeting.centre_id if self.meeting is not None else None

    translation_centre_id = audit_centre_id

    def changes_public_pages(self):
        return self.meeting is None or self.meeting.changes_public_pages()

    def translation_context(self, request):
        return bind_content(request, self.meeting)

    @classmethod
    def translation_content_id(cls):
        return cls.meeting_id


class Attendance(MeetingPart, Base):
    """How many came, per group: never who."""

    __tablename__ = "minutes_attendance"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    group: Mapped[str] = mapped_column(String(20))
    language: Mapped[Optional[str]] = mapped_column(String(10))  # representatives' community
    organisation_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"))
    count: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    organisation = relationship("Organisation")

    __audit__ = True


class AgendaItem(MeetingPart, Translatable, Base):
    __tablename__ = "minutes_agenda_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="agenda")
    concerns: Mapped[list["Concern"]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="Concern.id")
    decisions: Mapped[list["Decision"]] = relationship(
        back_populates="agenda_item", cascade="all, delete-orphan", order_by="Decision.id")

    __audit__ = True
    __audit_title__ = _("Agenda item")
    __text_fields__ = (
        TextField("title", _("Agenda item"), max_length=200, required=True),
        TextField("summary", _("Summary of the discussion"), max_length=4000, rows=4),
    )


class Concern(MeetingPart, Translatable, Base):
    """A concern residents raised, in the shared categories (as notices and activities)."""

    __tablename__ = "minutes_concerns"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_agenda_items.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(30), default="general")
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem] = relationship(back_populates="concerns")
    actions: Mapped[list["ActionItem"]] = relationship(back_populates="concern",
                                                       order_by="ActionItem.id")

    __audit__ = True
    __audit_title__ = _("Concern")
    __text_fields__ = (TextField("text", _("Concern"), max_length=500, rows=2, required=True),)


class Decision(MeetingPart, Translatable, Base):
    __tablename__ = "minutes_decisions"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_agenda_items.id", ondelete="CASCADE"), index=True)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship()
    agenda_item: Mapped[AgendaItem] = relationship(back_populates="decisions")

    __audit__ = True
    __audit_title__ = _("Decision")
    __text_fields__ = (TextField("text", _("Decision"), max_length=1000, rows=2, required=True),)


class ActionItem(MeetingPart, Translatable, Base):
    """A promise made in a meeting, followed in the next meetings of the centre until closed."""

    __tablename__ = "minutes_action_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"),
                                           index=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    concern_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("minutes_concerns.id", ondelete="SET NULL"), index=True)
    party: Mapped[Optional[str]] = mapped_column(String(20))
    organisation_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"))
    due_date: Mapped[Optional[date]] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="actions", foreign_keys=[meeting_id])
    concern: Mapped[Optional[Concern]] = relationship(back_populates="actions")
    organisation = relationship("Organisation")
    updates: Mapped[list["ActionUpdate"]] = relationship(
        back_populates="action", cascade="all, delete-orphan",
        order_by="(ActionUpdate.at, ActionUpdate.id)")

    __audit__ = True
    __audit_title__ = _("Action item")
    __text_fields__ = (TextField("what", _("What will be done"), max_length=500, rows=2,
                                 required=True),)

    @property
    def audit_centre_id(self):
        return self.centre_id

    translation_centre_id = audit_centre_id

    def changes_public_pages(self):
        # reviewed in a later meeting's draft, it still shows on the published record
        return True

    @property
    def is_closed(self):
        return self.status in CLOSED

    def is_overdue(self, today):
        return not self.is_closed and self.due_date is not None and self.due_date < today

    @property
    def missing_details(self):
        return self.party is None or self.due_date is None or (
            self.party == "organisation" and self.organisation_id is None)


class ActionUpdate(Translatable, Base):
    """A dated change of an action item's status, with a note, and the meeting that reviewed it."""

    __tablename__ = "minutes_action_updates"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_action_items.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    action: Mapped[ActionItem] = relationship(back_populates="updates")
    meeting: Mapped[Optional[Meeting]] = relationship(foreign_keys=[meeting_id])

    __audit__ = True
    __audit_title__ = _("Action item update")
    __text_fields__ = (TextField("note", _("Note"), max_length=1000, rows=2),)

    @property
    def audit_centre_id(self):
        return self.action.centre_id if self.action is not None else None

    translation_centre_id = audit_centre_id

    def changes_public_pages(self):
        return True

    @property
    def translation_label(self):
        source = self.action.source_text if self.action is not None else None
        return source.what if source is not None else ""

    def translation_context(self, request):
        return bind_content(request, self.action.meeting)

    @classmethod
    def translation_content_id(cls):
        from sqlalchemy import select
        return select(ActionItem.meeting_id).where(
            ActionItem.id == cls.action_id).scalar_subquery()


class CorrectionNote(MeetingPart, Translatable, Base):
    """A correction of a published record: why, when, and the text as it read before."""

    __tablename__ = "minutes_corrections"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("minutes_meetings.id", ondelete="CASCADE"), index=True)
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: JSON list of {"label", "before", "after"} in the source language of each text
    earlier: Mapped[str] = mapped_column(Text, default="[]")
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="corrections")

    __audit__ = True
    __audit_title__ = _("Correction note")
    __text_fields__ = (TextField("note", _("Correction note"), max_length=1000, rows=2,
                                 required=True),)


AgendaItemText = text_model(AgendaItem, "minutes_agenda_item_texts", key="agenda_item_id")
ConcernText = text_model(Concern, "minutes_concern_texts", key="concern_id")
DecisionText = text_model(Decision, "minutes_decision_texts", key="decision_id")
ActionItemText = text_model(ActionItem, "minutes_action_item_texts", key="action_id")
ActionUpdateText = text_model(ActionUpdate, "minutes_action_update_texts", key="update_id")
CorrectionNoteText = text_model(CorrectionNote, "minutes_correction_texts", key="correction_id")
