"""A countback fills a seat left vacant in an STV contest (the Hare-Clark method used in Tasmania
and the Australian Capital Territory; the Scottish Order itself has none).

1. The papers that made the vacating candidate's quota are found by replaying the original
   count (its random draws replayed as recorded): the papers the candidate held when their
   surplus was transferred, or else at the end of the count; each at the value it kept (its
   value less its share of the surplus, the transfer value truncated as in the count, whether
   or not the surplus was transferred), so that together they are worth the quota (give or
   take the truncation). A candidate elected without reaching the quota keeps their papers' values.
2. Only candidates not elected (nor withdrawn) who consent stand. Each paper counts, at its
   value, for the standing candidate the voter ranked highest; papers naming none of them are
   set aside.
3. A candidate with more than half of the value counted is elected. Otherwise the candidate with
   the fewest votes is excluded (equal lowest: the most recent earlier countback stage at which
   they differed, else a recorded random draw) and their papers pass, at the same value, to the
   next standing candidate still in; and so on, until one has a majority or one is left.

Values are integers in units of 0.00001 vote, as in the count.
"""
from dataclasses import dataclass, field

from .result import SCALE, to_decimal
from .scottish import ScottishCount
from .ties import TieBreaker


@dataclass
class Countback:
    """Who takes the seat (None when nobody stands or no paper names anyone standing), and the
    stages: the votes of every standing candidate (decimals) and who was excluded after each."""

    elected: object = None
    parcel_value: object = None
    stages: list = field(default_factory=list)
    draws: list = field(default_factory=list)

    def to_json(self):
        return {"elected": self.elected, "parcel_value": str(self.parcel_value),
                "stages": [{"votes": {str(c): str(v) for c, v in stage["votes"].items()},
                            "excluded": stage["excluded"]} for stage in self.stages],
                "draws": [draw.to_json() for draw in self.draws]}


class _Replay(ScottishCount):
    """The original count again, keeping the papers of the vacating candidate's quota."""

    def __init__(self, vacating, *args):
        super().__init__(*args)
        self.vacating = vacating
        self.parcel = None  # [(ranking, weight, value)]

    def kept(self, candidate):
        total = self.votes[candidate]
        surplus = max(0, total - self.quota)
        return [(self.rankings[p], self.weights[p],
                 self.values[p] - surplus * self.values[p] // total)
                for p in self.piles[candidate]]

    def transfer_surplus(self, candidate):
        if candidate == self.vacating:
            self.parcel = self.kept(candidate)
        super().transfer_surplus(candidate)

    def quota_papers(self):
        self.run()
        if self.parcel is None:  # no surplus of theirs was transferred
            self.parcel = self.kept(self.vacating)
        return self.parcel


def replayed_draws(draws):
    """A ``random_draw`` that gives the recorded draws' choices again, in order."""
    pending = list(draws)

    def draw(tied, purpose):
        recorded = pending.pop(0)
        if sorted(recorded["tied"]) != sorted(tied) or recorded["purpose"] != purpose:
            raise ValueError("the count no longer follows its recorded draws")
        return recorded["chosen"]
    return draw


def countback(candidates, seats, ballots, vacating, consenting, elected, withdrawn=frozenset(),
              reserve=0, group=frozenset(), draws=(), group_only=False, random_draw=None):
    """``vacating``: the index of the candidate whose seat is vacant; ``consenting``: indices of
    candidates who agreed to stand; ``elected``: indices of candidates who hold or held a seat
    (never standing); ``draws``: the original count's recorded draws (``Draw.to_json()``
    dicts); ``group_only``: only the group's candidates stand (the seat keeps a reservation)."""
    withdrawn = frozenset(withdrawn)
    replay = _Replay(vacating, candidates, seats, ballots, withdrawn, reserve, frozenset(group),
                     replayed_draws(draws))
    parcel = replay.quota_papers()
    standing = [c for c in sorted(set(consenting))
                if c not in set(elected) and c not in withdrawn and c != vacating
                and (not group_only or c in group)]
    ties = TieBreaker(random_draw)
    result = Countback(parcel_value=to_decimal(sum(w * v for _, w, v in parcel), 5))
    if not standing:
        return result

    def holder(ranking, still_in):
        return next((c for c in ranking if c in still_in), None)

    still_in = set(standing)
    piles = {c: [] for c in standing}
    for paper in parcel:
        first = holder(paper[0], still_in)
        if first is not None:
            piles[first].append(paper)
    history = []
    while True:
        votes = {c: sum(w * v for _, w, v in piles[c]) for c in sorted(still_in)}
        counted = sum(votes.values())
        history.append([votes.get(c, 0) for c in range(len(candidates))])
        stage = {"votes": {c: to_decimal(v, 5) for c, v in votes.items()}, "excluded": None}
        result.stages.append(stage)
        if counted == 0:
            break
        top = max(votes.values())
        leaders = [c for c in votes if votes[c] == top]
        if 2 * top > counted or len(still_in) == 1:
            result.elected = leaders[0]
            break
        low = min(votes.values())
        lowest = [c for c in votes if votes[c] == low]
        out = lowest[0]
        if len(lowest) > 1:
            out, _ = ties.choose(lowest, history[:-1], "lowest", "countback-exclusion",
                                 len(result.stages))
        stage["excluded"] = out
        still_in.discard(out)
        for paper in piles.pop(out):
            after = paper[0][paper[0].index(out) + 1:]
            nxt = holder(after, still_in)
            if nxt is not None:
                piles[nxt].append(paper)
    result.draws = ties.draws
    return result


__all__ = ["Countback", "countback", "SCALE"]
