"""Ties: the Order's look back at earlier stages (rules 49(2) and 51(2)), then a recorded draw.

Rules 49(3) and 51(2)(b) say "by lot". The draw is a function ``random_draw(tied, purpose)``
returning one of ``tied``; the default uses ``secrets``, a test or ``portal-count --seed`` passes
its own so that a count can be repeated. Every draw is kept in the result.
"""
import secrets

from .result import Draw, Event


def secret_draw(tied, purpose):
    """The default last resort: an unpredictable choice."""
    return secrets.choice(list(tied))


class TieBreaker:
    def __init__(self, random_draw=None):
        self.random_draw = random_draw or secret_draw
        self.draws = []

    def draw(self, tied, purpose, stage):
        tied = tuple(sorted(tied))
        chosen = self.random_draw(list(tied), purpose)
        if chosen not in tied:
            raise ValueError(f"random_draw returned {chosen!r}, not one of {list(tied)}")
        self.draws.append(Draw(stage=stage, purpose=purpose, tied=tied, chosen=chosen))
        return chosen

    def choose(self, tied, history, prefer, purpose, stage):
        """The one of ``tied`` (equal now) with the highest (``prefer="highest"``) or lowest votes
        at the most recent earlier stage where they differed, narrowing stage by stage; a draw
        among those equal at every stage. ``history``: the vote lists of earlier stages (first
        stage first). Returns (chosen, tie event)."""
        tied = tuple(sorted(tied))
        remaining, decided_at = list(tied), None
        pick = max if prefer == "highest" else min
        for number in range(len(history), 0, -1):
            votes = history[number - 1]
            best = pick(votes[c] for c in remaining)
            narrowed = [c for c in remaining if votes[c] == best]
            if len(narrowed) < len(remaining):
                remaining, decided_at = narrowed, number
                if len(remaining) == 1:
                    return remaining[0], Event("tie", remaining[0], "earlier-stage", tied,
                                               decided_at, purpose)
        chosen = self.draw(remaining, purpose, stage)
        return chosen, Event("tie", chosen, "draw", tied, None, purpose)

    @staticmethod
    def order(candidates, votes, history):
        """``candidates`` from most to fewest votes, equal ones by their votes at earlier stages
        (the most recent first), then by ballot order: for reporting, never for a decision."""
        return sorted(candidates, key=lambda c: (
            [-votes[c]] + [-stage[c] for stage in reversed(history)], c))
