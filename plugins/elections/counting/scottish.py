"""Scottish STV: The Scottish Local Government Elections Order 2007 (SSI 2007/42), Schedule 1,
rules 45 to 52, with an optional reserved-seat rule.

- 45: first preferences; 46: quota = floor(valid ballots / (seats + 1)) + 1 (Droop).
- 47: a candidate whose votes reach the quota at the end of a stage is elected.
- 48: a surplus is transferred from *every* ballot paper the elected candidate holds, each at
  surplus x (its value when received) / (the candidate's votes), truncated to 5 decimal
  places (the weighted inclusive Gregory method); what truncation drops is recorded as loss.
- 49: the largest surplus first; equal surpluses by the most recent earlier stage at which
  those candidates had unequal votes (highest first), else by lot.
- 50, 51: with no surplus to transfer, the candidate with the fewest votes is excluded and all
  their papers pass on at the value they hold, in one stage; equal lowest by the most recent
  earlier stage with unequal votes (lowest excluded), else by lot.
- 52: when the continuing candidates are as many as the seats left, they are elected, with no
  further transfer.

Reserved seats ("at least K seats for candidates in ``group``"): when the seats left equal the
reserved seats still unfilled, every continuing candidate outside the group is excluded in one
stage (also one who reached the quota at that moment); and a group candidate is never the one
excluded as lowest while the group's continuing candidates are only as many as the reserved seats
unfilled (the lowest outside the group is excluded instead). If fewer group candidates stand
than seats are reserved, the reservation shrinks to their number.

Arithmetic is exact and fast: votes are integers in units of 0.00001 (the Order's precision),
so a truncated transfer value is an integer division. Identical ballots are counted as one
parcel: they follow the same path at the same value.
"""
from .result import SCALE, Event, Stage, to_decimal
from .ties import TieBreaker

CONTINUING, ELECTED, EXCLUDED, WITHDRAWN = range(4)


class ScottishCount:
    def __init__(self, candidates, seats, ballots, withdrawn, reserve, group, random_draw):
        self.n = len(candidates)
        self.seats = seats
        self.reserve = reserve
        self.group = group
        self.ties = TieBreaker(random_draw)
        self.state = [WITHDRAWN if c in withdrawn else CONTINUING for c in range(self.n)]

        parcels = {}
        self.invalid = 0
        for ballot in ballots:
            ranking = tuple(dict.fromkeys(c for c in ballot.ranking if c not in withdrawn))
            if ranking:
                parcels[ranking] = parcels.get(ranking, 0) + ballot.weight
            else:  # no first preference for a standing candidate: void (rule 45 counts valid)
                self.invalid += ballot.weight
        self.rankings = list(parcels)
        self.weights = list(parcels.values())
        self.values = [SCALE] * len(self.rankings)  # the value of each paper, in units
        self.position = [0] * len(self.rankings)  # index in its ranking of the holder
        self.valid = sum(self.weights)
        self.quota_votes = self.valid // (seats + 1) + 1
        self.quota = self.quota_votes * SCALE

        self.votes = [0] * self.n
        self.piles = [[] for _ in range(self.n)]  # the parcels each candidate holds
        for paper, ranking in enumerate(self.rankings):
            self.piles[ranking[0]].append(paper)
            self.votes[ranking[0]] += self.weights[paper] * SCALE
        self.non_transferable = 0
        self.loss = 0
        self.elected = []
        self.pending = []  # elected, surplus not yet transferred
        self.history = []  # votes at the end of each stage (integers)
        self.stages = []

    # the count

    def run(self):
        events = []
        self.record("first", (), events)
        while True:
            self.elect_reaching_quota(events)
            if len(self.elected) == self.seats:
                break
            continuing = self.continuing()
            seats_left = self.seats - len(self.elected)
            outside = [c for c in continuing if c not in self.group]
            if outside and self.reserved_left() == seats_left:
                events = [Event("excluded", c, "reserved") for c in outside]
                self.exclude(outside)
                self.record("exclusion", tuple(outside), events, reserved_rule=True)
                continue
            if len(continuing) <= seats_left:
                events = []
                for c in self.ties.order(continuing, self.votes, self.history[:-1]):
                    self.elect(c, "remaining", events)
                self.record("elect-remaining", (), events)
                break
            if self.pending:
                events = []
                subject = self.largest_surplus(events)
                surplus = self.votes[subject] - self.quota
                self.transfer_surplus(subject)
                self.record("surplus", (subject,), events, surplus=surplus)
            else:
                events = []
                subject, reserved_rule = self.lowest(continuing, events)
                events.append(Event("excluded", subject,
                                    "lowest-outside-group" if reserved_rule else "lowest"))
                self.exclude([subject])
                self.record("exclusion", (subject,), events, reserved_rule=reserved_rule)
        return self.stages

    def continuing(self):
        return [c for c in range(self.n) if self.state[c] == CONTINUING]

    def reserved_left(self):
        """Reserved seats still to fill, at most the group's candidates still in the count."""
        if not self.reserve:
            return 0
        won = sum(1 for c in self.elected if c in self.group)
        standing = sum(1 for c in self.group if self.state[c] == CONTINUING)
        return max(0, min(self.reserve - won, standing))

    def elect(self, candidate, reason, events):
        self.state[candidate] = ELECTED
        self.elected.append(candidate)
        events.append(Event("elected", candidate, reason))

    def elect_reaching_quota(self, events):
        """Rule 47 at the end of a stage, most votes first; under the reserved-seat rule a
        candidate outside the group is not elected into a reserved seat."""
        while len(self.elected) < self.seats:
            seats_left = self.seats - len(self.elected)
            reached = [c for c in self.continuing() if self.votes[c] >= self.quota
                       and (c in self.group or self.reserved_left() < seats_left)]
            if not reached:
                return
            top = max(self.votes[c] for c in reached)
            tied = [c for c in reached if self.votes[c] == top]
            if len(tied) > 1 and not self.all_electable(tied):
                candidate, tie = self.ties.choose(tied, self.history[:-1], "highest", "election",
                                                  len(self.stages))
                events.append(tie)
                tied = [candidate]
            for c in self.ties.order(tied, self.votes, self.history[:-1]):
                self.elect(c, "quota", events)
                if self.votes[c] > self.quota:
                    self.pending.append(c)

    def all_electable(self, tied):
        """Whether electing all of ``tied`` still leaves room for the reserved seats."""
        seats_left = self.seats - len(self.elected) - len(tied)
        outside = sum(1 for c in tied if c not in self.group)
        return seats_left >= 0 and seats_left >= self.reserved_left() - (len(tied) - outside)

    def largest_surplus(self, events):
        top = max(self.votes[c] for c in self.pending)
        tied = [c for c in self.pending if self.votes[c] == top]
        subject = tied[0]
        if len(tied) > 1:
            subject, tie = self.ties.choose(tied, self.history[:-1], "highest", "surplus-order",
                                            len(self.stages) + 1)
            events.append(tie)
        self.pending.remove(subject)
        return subject

    def lowest(self, continuing, events):
        """The candidate to exclude (rules 50, 51), and whether the reserved-seat rule moved
        the exclusion away from the group."""
        candidates, reserved_rule = continuing, False
        if self.reserve:
            group = [c for c in continuing if c in self.group]
            if group and len(group) <= self.reserved_left():
                candidates = [c for c in continuing if c not in self.group]
                reserved_rule = min(self.votes[c] for c in group) <= min(
                    self.votes[c] for c in candidates)
        low = min(self.votes[c] for c in candidates)
        tied = [c for c in candidates if self.votes[c] == low]
        if len(tied) == 1:
            return tied[0], reserved_rule
        subject, tie = self.ties.choose(tied, self.history[:-1], "lowest", "exclusion",
                                        len(self.stages) + 1)
        events.append(tie)
        return subject, reserved_rule

    # moving papers

    def pass_on(self, pile, value_of):
        """Move the parcels of ``pile`` to their next continuing preference at ``value_of(value)``;
        the total value that found no continuing candidate becomes non-transferable."""
        rankings, weights, values, position = self.rankings, self.weights, self.values, self.position
        state, piles, votes = self.state, self.piles, self.votes
        moved = exhausted = 0
        for paper in pile:
            value = values[paper] = value_of(values[paper])
            ranking = rankings[paper]
            at = position[paper] + 1
            while at < len(ranking) and state[ranking[at]] != CONTINUING:
                at += 1
            amount = weights[paper] * value
            if at < len(ranking):
                position[paper] = at
                holder = ranking[at]
                piles[holder].append(paper)
                votes[holder] += amount
                moved += amount
            else:
                exhausted += amount
        self.non_transferable += exhausted
        return moved + exhausted

    def transfer_surplus(self, candidate):
        """Rule 48: every paper at surplus x value / votes, truncated to 0.00001."""
        total = self.votes[candidate]
        surplus = total - self.quota
        cache = {}

        def transfer_value(value):
            if value not in cache:
                cache[value] = surplus * value // total  # units: the same truncation
            return cache[value]

        pile, self.piles[candidate] = self.piles[candidate], []
        passed = self.pass_on(pile, transfer_value)
        self.loss += surplus - passed
        self.votes[candidate] = self.quota

    def exclude(self, candidates):
        """Rule 50: the excluded candidates' papers pass on at the value they hold."""
        for c in candidates:
            self.state[c] = EXCLUDED
        for c in candidates:
            pile, self.piles[c] = self.piles[c], []
            passed = self.pass_on(pile, lambda value: value)
            assert passed == self.votes[c]
            self.votes[c] = 0

    def record(self, action, subjects, events, reserved_rule=False, surplus=None):
        self.history.append(tuple(self.votes))
        number = len(self.stages) + 1
        stage = _Stage(number, action, subjects, events, reserved_rule, surplus,
                       self.non_transferable, self.loss)
        self.stages.append(stage)

    def result_stages(self):
        """The stages as ``Stage`` records with exact decimal votes."""
        out = []
        for stage, votes in zip(self.stages, self.history):
            out.append(Stage(
                number=stage.number, action=stage.action, subjects=stage.subjects,
                votes=tuple(to_decimal(v, 5) for v in votes),
                non_transferable=to_decimal(stage.non_transferable, 5),
                loss=to_decimal(stage.loss, 5), events=tuple(stage.events),
                reserved_rule=stage.reserved_rule,
                surplus=None if stage.surplus is None else to_decimal(stage.surplus, 5)))
        return out


class _Stage:
    """A stage while the count runs; its ``events`` list still grows with the elections that
    happen at its end."""

    def __init__(self, number, action, subjects, events, reserved_rule, surplus,
                 non_transferable, loss):
        self.number, self.action, self.subjects = number, action, subjects
        self.events, self.reserved_rule, self.surplus = events, reserved_rule, surplus
        self.non_transferable, self.loss = non_transferable, loss
