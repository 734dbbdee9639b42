"""The vote-counting engine: Scottish STV, plurality and approval, with reserved seats.

Pure Python and exact arithmetic (integers and ``Decimal``, never floats), so that anyone can
recount a published ballot file (``portal-count``) and get the same report as the portal.
"""
from .ballot import Ballot
from .blt import BltError, BltFile, parse_blt, write_blt
from .plurality import count_marks
from .result import CountResult, Draw, Event, Stage, to_decimal
from .scottish import ScottishCount

METHODS = ("scottish-stv", "plurality", "approval")

__all__ = ["METHODS", "Ballot", "BltError", "BltFile", "CountResult", "Draw", "Event", "Stage",
           "count", "parse_blt", "write_blt"]


def count(method: str, candidates: list[str], seats: int, ballots: list[Ballot],
          withdrawn=frozenset(), reserve: int = 0, group=frozenset(),
          random_draw=None) -> CountResult:
    """Count ``ballots`` for ``seats`` among ``candidates`` by ``method``.

    ``withdrawn`` and ``group`` are sets of 0-based candidate indices; ``reserve`` seats at
    least go to candidates in ``group``. ``random_draw(tied, purpose)`` returns one of
    ``tied`` when the rules leave a tie to lot (default: ``secrets``); each draw is recorded.
    """
    if method not in METHODS:
        raise ValueError(f"unknown counting method {method!r}: one of {', '.join(METHODS)}")
    if seats < 1:
        raise ValueError("there must be at least one seat")
    n = len(candidates)
    withdrawn, group = frozenset(withdrawn), frozenset(group)
    for what, indices in (("withdrawn", withdrawn), ("group", group)):
        if any(not 0 <= c < n for c in indices):
            raise ValueError(f"{what} names a candidate that does not exist")
    if not 0 <= reserve <= seats:
        raise ValueError("the reserved seats must be between 0 and the seats")
    if reserve and not group:
        raise ValueError("reserved seats need the group of candidates they are reserved for")
    for ballot in ballots:
        if ballot.weight < 1:
            raise ValueError("a ballot's weight must be at least 1")
        if any(not 0 <= c < n for c in ballot.ranking):
            raise ValueError("a ballot marks a candidate that does not exist")

    if method == "scottish-stv":
        engine = ScottishCount(candidates, seats, ballots, withdrawn, reserve, group, random_draw)
        engine.run()
        return CountResult(
            method=method, seats=seats, candidates=list(candidates), elected=engine.elected,
            stages=engine.result_stages(), quota=to_decimal(engine.quota_votes, 0),
            valid_ballots=engine.valid, draws=engine.ties.draws,
            invalid_ballots=engine.invalid, withdrawn=withdrawn, reserve=reserve, group=group)
    stages, elected, valid, invalid, draws = count_marks(
        method, candidates, seats, ballots, withdrawn, reserve, group, random_draw)
    return CountResult(
        method=method, seats=seats, candidates=list(candidates), elected=elected,
        stages=stages, quota=None, valid_ballots=valid, draws=draws, invalid_ballots=invalid,
        withdrawn=withdrawn, reserve=reserve, group=group)
