"""Elections per centre: contests, candidates, voting codes, ballots and the roster they produce.

Secrecy by construction (see the README): a ballot row holds only its contest, a random UUID key,
a random tracker, the marks and the day; no voter, no code, no session, no time of day, no
insertion order (ballots are read ordered by their random key), and ballots are never audited.
A voting code row holds only the keyed hash of the code and whether it was used.
"""
import uuid
from datetime import date, datetime
from typing import Optional

from sqlalchemy import (Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint, select)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from portal.api import Base, TextField, Translatable, UTCDateTime, text_model, utcnow

from .i18n import _

METHODS = ("plurality", "approval", "scottish-stv")
VACANCY_RULES = ("next-in-count", "countback", "by-election")


class Election(Translatable, Base):
    """An election of one centre, with its timeline. Officers are a local role on it."""

    __tablename__ = "elections_elections"
    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centres.id", ondelete="CASCADE"),
                                           index=True)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    nominations_open: Mapped[datetime] = mapped_column(UTCDateTime)
    nominations_close: Mapped[datetime] = mapped_column(UTCDateTime)
    voting_open: Mapped[datetime] = mapped_column(UTCDateTime)
    voting_close: Mapped[datetime] = mapped_column(UTCDateTime)
    #: set when the officers publish the results
    results_published: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    term_months: Mapped[int] = mapped_column(Integer, default=12)
    #: a by-election fills a vacancy of this election (its contests' seats)
    by_election_of: Mapped[Optional[int]] = mapped_column(
        ForeignKey("elections_elections.id", ondelete="SET NULL"))
    created: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    centre = relationship("Centre", lazy="joined")
    contests: Mapped[list["Contest"]] = relationship(
        back_populates="election", cascade="all, delete-orphan", order_by="Contest.id")

    __audit__ = True
    __audit_title__ = _("Election")
    __text_fields__ = (TextField("title", _("Name of the election"), max_length=200,
                                 required=True),)

    @property
    def audit_label(self):
        return self.source_text.title if self.source_text else str(self.id)

    @property
    def translation_centre_id(self):
        return self.centre_id


ElectionText = text_model(Election, "elections_election_texts", key="election_id")


class Contest(Translatable, Base):
    """One vote of an election: its seats, counting method and reserved seats."""

    __tablename__ = "elections_contests"
    id: Mapped[int] = mapped_column(primary_key=True)
    election_id: Mapped[int] = mapped_column(
        ForeignKey("elections_elections.id", ondelete="CASCADE"), index=True)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    seats: Mapped[int] = mapped_column(Integer, default=1)
    method: Mapped[str] = mapped_column(String(20), default="plurality")
    #: at least this many seats go to candidates marked as women
    reserved_seats: Mapped[int] = mapped_column(Integer, default=0)
    vacancy_rule: Mapped[str] = mapped_column(String(20), default="next-in-count")
    #: sealed at the close: the head of the hash chain over the ballots sorted by tracker
    chain_head: Mapped[Optional[str]] = mapped_column(String(64))
    #: the count (CountResult.to_json()), stored when counted
    result_json: Mapped[Optional[str]] = mapped_column(Text)
    # loaded with the vote: its election decides who may act on it (lists, the translation desk)
    election: Mapped[Election] = relationship(back_populates="contests", lazy="joined")
    candidates: Mapped[list["Candidate"]] = relationship(
        back_populates="contest", cascade="all, delete-orphan", order_by="Candidate.id")

    __audit__ = True
    __audit_title__ = _("Contest")
    __text_fields__ = (TextField("title", _("Name of the vote"), max_length=200,
                                 required=True),)

    @property
    def audit_label(self):
        return self.source_text.title if self.source_text else str(self.id)

    @property
    def translation_centre_id(self):
        return self.centre_id

    @property
    def ranked(self):
        return self.method == "scottish-stv"

    @property
    def max_marks(self):
        """How many candidates one ballot may mark (ranked: all, in order)."""
        return {"plurality": self.seats}.get(self.method, len(self.candidates))


#: the centre, in SQL too (the translation desk filters by it)
Contest.centre_id = column_property(
    select(Election.centre_id).where(Election.id == Contest.election_id).scalar_subquery())
ContestText = text_model(Contest, "elections_contest_texts", key="contest_id")


class Candidate(Translatable, Base):
    """A person standing in one contest, with their consent, statement and symbol."""

    __tablename__ = "elections_candidates"
    __table_args__ = (UniqueConstraint("contest_id", "symbol"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("elections_contests.id", ondelete="CASCADE"), index=True)
    source_language: Mapped[str] = mapped_column(String(10))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    #: the name shown on the ballot (a first name or a nickname is enough)
    name: Mapped[str] = mapped_column(String(100))
    symbol: Mapped[str] = mapped_column(String(30))
    #: counts for the reserved seats ("marked as a woman")
    in_group: Mapped[bool] = mapped_column(Boolean, default=False)
    nominated_by_self: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_given: Mapped[Optional[date]] = mapped_column(Date)
    photo_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    photo: Mapped[Optional[bytes]] = mapped_column(LargeBinary)
    withdrawn: Mapped[bool] = mapped_column(Boolean, default=False)
    #: the candidate's account, if any: the elected get the representative role through it
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    contest: Mapped[Contest] = relationship(back_populates="candidates", lazy="joined")
    user = relationship("User")

    __audit__ = True
    __audit_title__ = _("Candidate")
    __audit_exclude__ = {"photo"}
    __text_fields__ = (TextField("statement", _("Statement"), max_length=1000, rows=4),)

    @property
    def audit_label(self):
        return self.name

    @property
    def translation_centre_id(self):
        return self.centre_id


Candidate.centre_id = column_property(
    select(Election.centre_id).join(Contest, Contest.election_id == Election.id)
    .where(Contest.id == Candidate.contest_id).scalar_subquery())
CandidateText = text_model(Candidate, "elections_candidate_texts", key="candidate_id")


class VotingCode(Base):
    """A one-time code: only its keyed hash is kept, and whether it was used (never when)."""

    __tablename__ = "elections_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("elections_contests.id", ondelete="CASCADE"), index=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)

    __audit__ = False  # the log would date each use
    __public__ = False


class Ballot(Base):
    """A counted ballot. Random key and tracker; the day only; nothing about the voter."""

    __tablename__ = "elections_ballots"
    __table_args__ = {"sqlite_with_rowid": False}  # no hidden rowid: no order of casting
    id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                    default=lambda: str(uuid.uuid4()))
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("elections_contests.id", ondelete="CASCADE"), index=True)
    tracker: Mapped[str] = mapped_column(String(20), unique=True)
    #: candidate ids, comma-separated: in order of preference when ranked
    marks: Mapped[str] = mapped_column(String(500))
    cast_on: Mapped[date] = mapped_column(Date)
    paper: Mapped[bool] = mapped_column(Boolean, default=False)

    __audit__ = False
    __public__ = False  # published only through the contest, after the close


class PaperEntry(Base):
    """A paper ballot typed by one officer, waiting for a second officer to confirm it."""

    __tablename__ = "elections_paper_entries"
    id: Mapped[str] = mapped_column(String(36), primary_key=True,
                                    default=lambda: str(uuid.uuid4()))
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("elections_contests.id", ondelete="CASCADE"), index=True)
    marks: Mapped[str] = mapped_column(String(500))
    entered_by: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    __audit__ = False  # a paper ballot's marks stay out of the log like any ballot
    __public__ = False


class Mandate(Base):
    """A seat won (or filled after a vacancy): the roster of a centre's representatives."""

    __tablename__ = "elections_mandates"
    id: Mapped[int] = mapped_column(primary_key=True)
    contest_id: Mapped[int] = mapped_column(
        ForeignKey("elections_contests.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("elections_candidates.id", ondelete="CASCADE"))
    starts: Mapped[date] = mapped_column(Date)
    ends: Mapped[date] = mapped_column(Date)
    #: the day the seat fell vacant (resigned, left the centre)
    vacated: Mapped[Optional[date]] = mapped_column(Date)
    #: how the seat was won: "count", "next-in-count", "countback", "by-election"
    how: Mapped[str] = mapped_column(String(20), default="count")
    contest: Mapped[Contest] = relationship()
    candidate: Mapped[Candidate] = relationship()

    __audit__ = True
    __audit_title__ = _("Representative")

    @property
    def audit_label(self):
        return self.candidate.name if "candidate" in self.__dict__ else str(self.candidate_id)


def _translation_context(self, request):
    """In the translation desk, an election's texts are governed by the election's ACL."""
    from .resources import bind
    return bind(request, self)


for _model in (Election, Contest, Candidate):
    _model.translation_context = _translation_context
