"""Plurality and approval: the most votes win, ties at the last seat drawn, reserved seats."""
import pytest

from plugins.elections.counting import count

from .counting_helpers import Draws, ballots, elected_names, names, no_draw


def marks(method, n, seats, rows, **options):
    options.setdefault("random_draw", no_draw)
    return count(method, names(n), seats, ballots(*rows), **options)


def test_plurality_elects_the_most_votes_in_order():
    result = marks("plurality", 3, 2, [(5, "A"), (7, "B"), (2, "C"), (3, "AC")])
    assert elected_names(result) == "AB"  # A 8, B 7, C 5
    assert [str(v) for v in result.stages[0].votes] == ["8", "7", "5"]
    assert result.valid_ballots == 17 and result.quota is None


def test_plurality_ballot_marking_more_candidates_than_seats_is_invalid():
    result = marks("plurality", 3, 1, [(2, "AB"), (1, "B"), (1, "")])
    assert result.valid_ballots == 1 and result.invalid_ballots == 3
    assert elected_names(result) == "B"


def test_approval_counts_every_mark():
    result = marks("approval", 4, 2, [(3, "ABC"), (2, "BD"), (2, "D")])
    assert [int(v) for v in result.stages[0].votes] == [3, 5, 3, 4]
    assert elected_names(result) == "BD"
    assert result.valid_ballots == 7


def test_tie_for_the_last_seat_is_drawn_and_recorded():
    draws = Draws(pick=max)
    result = marks("plurality", 3, 2, [(5, "A"), (3, "B"), (3, "C")], random_draw=draws)
    assert draws.calls == [([1, 2], "election")]
    assert elected_names(result) == "AC"
    assert [(d.stage, d.tied, d.chosen) for d in result.draws] == [(1, (1, 2), 2)]
    tie = [event for event in result.stages[0].events if event.kind == "tie"]
    assert tie[0].reason == "draw"


def test_equal_votes_that_all_fit_in_the_seats_need_no_draw():
    result = marks("approval", 3, 2, [(3, "AB"), (1, "C")])
    assert sorted(result.elected) == [0, 1] and result.draws == []


def test_withdrawn_candidate_marks_are_ignored():
    result = marks("plurality", 3, 1, [(5, "A"), (3, "B"), (1, "C")], withdrawn={0})
    assert elected_names(result) == "B" and result.invalid_ballots == 5


def test_fewer_candidates_than_seats():
    result = marks("approval", 2, 3, [(1, "A")])
    assert sorted(result.elected) == [0, 1] and result.unfilled == 1


@pytest.mark.parametrize("method", ["plurality", "approval"])
def test_reserved_seat_goes_to_the_group_and_changes_the_outcome(method):
    rows = [(10, "A"), (8, "B"), (3, "C")]
    assert elected_names(marks(method, 3, 2, rows)) == "AB"
    result = marks(method, 3, 2, rows, reserve=1, group={2})
    assert elected_names(result) == "AC"
    stage = result.stages[0]
    assert stage.reserved_rule
    assert [(e.kind, e.candidate, e.reason) for e in stage.events] == [
        ("elected", 0, "most-votes"), ("excluded", 1, "reserved"), ("elected", 2, "most-votes")]
    assert "B is outside the group, and the seats left are reserved for the group." in \
        result.to_text()


def test_reserved_seat_won_on_votes_leaves_the_rule_idle():
    result = marks("plurality", 3, 2, [(10, "C"), (8, "B"), (3, "A")], reserve=1, group={2})
    assert elected_names(result) == "CB" and not result.stages[0].reserved_rule


def test_tie_inside_the_group_for_a_reserved_seat_is_drawn():
    draws = Draws(pick=min)
    result = marks("plurality", 4, 2, [(9, "A"), (8, "B"), (2, "C"), (2, "D")], reserve=1,
                   group={2, 3}, random_draw=draws)
    assert draws.calls == [([2, 3], "election")]
    assert elected_names(result) == "AC"
