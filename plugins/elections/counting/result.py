"""What a count produced: its stages, who was elected and why, every random draw.

Votes are exact: ``Decimal`` with five places for STV (the Order's precision), whole numbers for
plurality and approval. ``to_json`` gives them as strings so that nothing turns them into floats.
"""
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from .report import report_text, stage_sentences

SCALE = 10 ** 5  # STV votes are held as integers in units of 0.00001 vote


def to_decimal(units, places):
    """The exact ``Decimal`` of ``units`` counted in 10**-places."""
    if not places:
        return Decimal(units)
    whole, part = divmod(units, 10 ** places)
    return Decimal(f"{whole}.{part:0{places}d}")


@dataclass(frozen=True)
class Event:
    """Something decided at a stage.

    ``kind`` "elected": ``reason`` "quota" (votes reach the quota), "remaining" (as many
    continuing candidates as seats left), "most-votes" (plurality, approval).
    ``kind`` "excluded": ``reason`` "lowest" (fewest votes), "reserved" (outside the group
    while every seat left is reserved), "lowest-outside-group" (fewest votes among candidates
    outside the group: the group's candidates are all needed for the reserved seats).
    ``kind`` "tie": ``tied`` were equal, ``candidate`` was chosen, ``reason`` "earlier-stage"
    (their votes at ``at_stage`` decided) or "draw" (a recorded random draw); ``purpose`` says
    what for ("surplus-order", "exclusion", "election").
    """

    kind: str
    candidate: int
    reason: str
    tied: tuple[int, ...] = ()
    at_stage: Optional[int] = None
    purpose: str = ""

    def to_json(self):
        data = {"kind": self.kind, "candidate": self.candidate, "reason": self.reason}
        if self.kind == "tie":
            data.update(tied=list(self.tied), at_stage=self.at_stage, purpose=self.purpose)
        return data


@dataclass(frozen=True)
class Draw:
    """A last-resort random draw: at ``stage``, for ``purpose``, ``chosen`` among ``tied``."""

    stage: int
    purpose: str
    tied: tuple[int, ...]
    chosen: int

    def to_json(self):
        return {"stage": self.stage, "purpose": self.purpose, "tied": list(self.tied),
                "chosen": self.chosen}


@dataclass(frozen=True)
class Stage:
    """One stage of the count, with the votes as they stand at its end.

    ``action``: "first" (first preferences, or the votes of a plurality/approval count),
    "surplus" (the surplus of ``subject`` transferred), "exclusion" (``subjects`` excluded and
    their ballots transferred), "elect-remaining" (the continuing candidates fill the seats
    left; nothing is transferred). ``non_transferable`` and ``loss`` (votes lost to the
    truncation of transfer values) are running totals, so at every stage
    ``sum(votes) + non_transferable + loss`` equals the valid ballots (STV and single-mark
    counts). ``reserved_rule`` says the reserved-seat rule decided something here.
    """

    number: int
    action: str
    subjects: tuple[int, ...]
    votes: tuple[Decimal, ...]
    non_transferable: Decimal
    loss: Decimal
    events: tuple[Event, ...] = ()
    reserved_rule: bool = False
    surplus: Optional[Decimal] = None

    @property
    def subject(self):
        return self.subjects[0] if len(self.subjects) == 1 else None

    @property
    def elected(self):
        return [event.candidate for event in self.events if event.kind == "elected"]

    @property
    def excluded(self):
        return [event.candidate for event in self.events if event.kind == "excluded"]

    def total(self):
        return sum(self.votes, Decimal(0)) + self.non_transferable + self.loss


@dataclass
class CountResult:
    method: str
    seats: int
    candidates: list[str]
    elected: list[int]  # in the order elected
    stages: list[Stage]
    quota: Optional[Decimal]  # None for plurality and approval
    valid_ballots: int
    draws: list[Draw] = field(default_factory=list)
    invalid_ballots: int = 0
    withdrawn: frozenset[int] = frozenset()
    reserve: int = 0
    group: frozenset[int] = frozenset()

    @property
    def unfilled(self):
        """Seats left empty: fewer eligible candidates than seats."""
        return self.seats - len(self.elected)

    def to_json(self):
        """A plain dict for ``json.dumps``: decimals as strings, candidates as 0-based indices."""
        previous = None
        stages = []
        for stage in self.stages:
            change = ([str(v - p) for v, p in zip(stage.votes, previous)] if previous
                      else [str(v) for v in stage.votes])
            previous = stage.votes
            stages.append({
                "number": stage.number, "action": stage.action,
                "subject": stage.subject, "subjects": list(stage.subjects),
                "surplus": None if stage.surplus is None else str(stage.surplus),
                "votes": [str(v) for v in stage.votes], "change": change,
                "non_transferable": str(stage.non_transferable), "loss": str(stage.loss),
                "elected": stage.elected, "excluded": stage.excluded,
                "events": [event.to_json() for event in stage.events],
                "reserved_rule": stage.reserved_rule,
            })
        return {
            "method": self.method, "seats": self.seats, "candidates": list(self.candidates),
            "withdrawn": sorted(self.withdrawn), "reserve": self.reserve,
            "group": sorted(self.group),
            "quota": None if self.quota is None else str(self.quota),
            "valid_ballots": self.valid_ballots, "invalid_ballots": self.invalid_ballots,
            "elected": list(self.elected), "unfilled": self.unfilled,
            "draws": [draw.to_json() for draw in self.draws], "stages": stages,
        }

    @classmethod
    def from_json(cls, data):
        """The result again from what ``to_json`` gave (as stored beside a contest), so that its
        report can be written in any language later."""
        def decimal(text):
            return None if text is None else Decimal(text)

        stages = [Stage(
            number=stage["number"], action=stage["action"], subjects=tuple(stage["subjects"]),
            votes=tuple(Decimal(v) for v in stage["votes"]),
            non_transferable=Decimal(stage["non_transferable"]), loss=Decimal(stage["loss"]),
            events=tuple(Event(kind=e["kind"], candidate=e["candidate"], reason=e["reason"],
                               tied=tuple(e.get("tied", ())), at_stage=e.get("at_stage"),
                               purpose=e.get("purpose", "")) for e in stage["events"]),
            reserved_rule=stage["reserved_rule"], surplus=decimal(stage["surplus"]))
            for stage in data["stages"]]
        return cls(
            method=data["method"], seats=data["seats"], candidates=list(data["candidates"]),
            elected=list(data["elected"]), stages=stages, quota=decimal(data["quota"]),
            valid_ballots=data["valid_ballots"],
            draws=[Draw(stage=d["stage"], purpose=d["purpose"], tied=tuple(d["tied"]),
                        chosen=d["chosen"]) for d in data["draws"]],
            invalid_ballots=data["invalid_ballots"], withdrawn=frozenset(data["withdrawn"]),
            reserve=data["reserve"], group=frozenset(data["group"]))

    def to_text(self, gettext=lambda s: s):
        """The stage-by-stage report as plain text, each sentence through ``gettext``."""
        return report_text(self, gettext)

    def stage_sentences(self, stage, gettext=lambda s: s):
        """What happened at ``stage``, as translated sentences (the web report uses these)."""
        return stage_sentences(self, stage, gettext)
