"""Properties of every count, on many small random elections (hypothesis)."""
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.elections.counting import Ballot, count

from .counting_helpers import Draws


@st.composite
def elections(draw):
    n = draw(st.integers(1, 6))
    seats = draw(st.integers(1, 4))
    candidate = st.integers(0, n - 1)
    ballots = draw(st.lists(st.builds(
        Ballot, st.integers(1, 4), st.lists(candidate, max_size=n, unique=True).map(tuple)),
        max_size=25))
    withdrawn = draw(st.frozensets(candidate, max_size=n - 1))
    reserve = draw(st.integers(0, seats))
    group = draw(st.frozensets(candidate, min_size=1)) if reserve else frozenset()
    return n, seats, ballots, withdrawn, reserve, group


def check(method, election):
    n, seats, ballots, withdrawn, reserve, group = election
    candidates = [f"c{i}" for i in range(n)]
    result = count(method, candidates, seats, ballots, withdrawn, reserve, group,
                   random_draw=Draws(pick=max))
    again = count(method, candidates, seats, ballots, withdrawn, reserve, group,
                  random_draw=Draws(pick=max))
    assert again.to_json() == result.to_json()  # the same draws give the same count
    standing = [c for c in range(n) if c not in withdrawn]
    assert len(result.elected) == min(seats, len(standing))
    assert len(set(result.elected)) == len(result.elected)
    assert not set(result.elected) & withdrawn
    won = sum(1 for c in result.elected if c in group)
    assert won >= min(reserve, sum(1 for c in standing if c in group))
    assert result.valid_ballots + result.invalid_ballots == sum(b.weight for b in ballots)
    result.to_text()
    return result


@settings(max_examples=200, deadline=None)
@given(elections())
def test_stv_accounts_for_every_ballot_and_fills_every_seat_it_can(election):
    result = check("scottish-stv", election)
    for stage in result.stages:
        assert stage.total() == Decimal(result.valid_ballots)
        for c in stage.elected:
            event = next(e for e in stage.events if e.kind == "elected" and e.candidate == c)
            if event.reason == "quota":
                assert stage.votes[c] >= result.quota


@settings(max_examples=100, deadline=None)
@given(elections())
def test_plurality_and_approval_elect_the_most_votes(election):
    for method in ("plurality", "approval"):
        result = check(method, election)
        n, seats, ballots, withdrawn, reserve, group = election
        if not reserve:
            votes = result.stages[0].votes
            losers = [c for c in range(n) if c not in withdrawn and c not in result.elected]
            for c in result.elected:
                assert all(votes[c] >= votes[other] for other in losers)
