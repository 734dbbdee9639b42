"""Scottish STV by hand-made cases, each worked out on paper from the Order's rules 45-52."""
from decimal import Decimal

import pytest

from plugins.elections.counting import Ballot, count

from .counting_helpers import Draws, assert_balanced, elected_names, names, stv, votes


def test_surplus_transfer_values_are_truncated_to_five_places_and_the_loss_is_kept():
    # 14 valid ballots, 2 seats: quota 14 // 3 + 1 = 5. A's surplus 2 of 7: 2/7 = 0.28571...
    result = stv(4, 2, [(4, "AB"), (3, "AC"), (3, "B"), (2, "C"), (2, "DC")])
    assert result.quota == 5 and result.valid_ballots == 14
    first, surplus, exclusion_d, exclusion_b, remaining = result.stages
    assert first.action == "first" and first.elected == [0]
    assert surplus.action == "surplus" and surplus.subject == 0
    assert surplus.surplus == Decimal("2.00000")
    assert votes(surplus) == {"A": "5.00000", "B": "4.14284", "C": "2.85713", "D": "2.00000"}
    assert surplus.loss == Decimal("0.00003")
    assert exclusion_d.excluded == [3] and votes(exclusion_d)["C"] == "4.85713"
    # B's own papers and the papers that came from A (at 0.28571) have nowhere to go
    assert exclusion_b.excluded == [1]
    assert exclusion_b.non_transferable == Decimal("4.14284")
    assert remaining.action == "elect-remaining" and remaining.elected == [2]
    assert elected_names(result) == "AC"
    assert_balanced(result)


def test_a_later_surplus_moves_each_paper_at_its_value_when_received():
    # quota 16 // 4 + 1 = 5; A's 8 papers reach B at 3/8 = 0.375; B's surplus of 2 out of 7:
    # B's own papers at 2/7 -> 0.28571, A's at 2 x 0.375 / 7 = 0.107142... -> 0.10714
    result = stv(4, 3, [(8, "ABC"), (4, "BD"), (2, "C"), (2, "D")])
    second = result.stages[2]
    assert second.action == "surplus" and second.subject == 1
    assert votes(second) == {"A": "5.00000", "B": "5.00000", "C": "2.85712", "D": "3.14284"}
    assert second.loss == Decimal("0.00004")
    assert elected_names(result) == "ABD"
    assert_balanced(result)


def test_exclusion_tie_is_decided_by_the_most_recent_stage_where_they_differed():
    # stage 1: A 6, B 3, C 2, D 1 -> D out, C reaches 3 = B; at stage 1 C had fewer: C goes
    result = stv(4, 1, [(6, "A"), (3, "B"), (2, "C"), (1, "DC")])
    stage = result.stages[2]
    assert stage.excluded == [2]
    [tie] = [event for event in stage.events if event.kind == "tie"]
    assert (tie.tied, tie.candidate, tie.reason, tie.at_stage) == ((1, 2), 2, "earlier-stage", 1)
    assert result.draws == [] and elected_names(result) == "A"
    assert_balanced(result)


@pytest.mark.parametrize("drawn, winner", [(1, "C"), (2, "B")])
def test_exclusion_tie_equal_at_every_stage_is_drawn_and_the_draw_decides(drawn, winner):
    draws = Draws(pick=lambda tied: drawn)
    result = stv(3, 2, [(3, "A"), (1, "B"), (1, "C")], random_draw=draws)
    assert draws.calls == [([1, 2], "exclusion")]
    [draw] = result.draws
    assert (draw.stage, draw.purpose, draw.tied, draw.chosen) == (3, "exclusion", (1, 2), drawn)
    assert result.stages[2].excluded == [drawn]
    assert elected_names(result) == "A" + winner
    assert result.to_json()["draws"] == [
        {"stage": 3, "purpose": "exclusion", "tied": [1, 2], "chosen": drawn}]


def test_equal_surpluses_go_in_the_order_of_the_most_recent_stage_where_they_differed():
    # quota 31 // 5 + 1 = 7. Stage 1: A 10 and C 9 elected; A's surplus (3 at 0.3) brings B
    # to 9 = C. C had more at stage 1, so C's surplus goes first.
    result = stv(5, 4, [(10, "AB"), (9, "CD"), (6, "BE"), (3, "D"), (3, "E")])
    assert [stage.subject for stage in result.stages[1:4]] == [0, 2, 1]
    tie = next(event for event in result.stages[2].events if event.kind == "tie")
    assert (tie.tied, tie.candidate, tie.at_stage, tie.purpose) == (
        (1, 2), 2, 1, "surplus-order")
    # B's own papers at 2/9 -> 0.22222 to E; A's (0.3) at 2 x 0.3 / 9 -> 0.06666, exhausted
    assert votes(result.stages[3])["E"] == "4.33332"
    assert result.stages[3].loss == Decimal("0.00010")
    assert elected_names(result) == "ACBD"
    assert_balanced(result)


def test_equal_surpluses_equal_at_every_stage_are_ordered_by_a_draw():
    draws = Draws(pick=max)
    result = stv(4, 3, [(8, "AC"), (8, "BD"), (3, "C"), (2, "D")], random_draw=draws)
    assert draws.calls == [([0, 1], "surplus-order")]
    assert result.stages[1].subject == 1 and result.stages[2].subject == 0
    assert elected_names(result) == "ABC"
    assert_balanced(result)


def test_several_candidates_reaching_the_quota_together_are_elected_most_votes_first():
    result = stv(4, 3, [(5, "B"), (7, "C"), (3, "A"), (1, "D")])
    assert result.stages[0].elected == [2, 1]


def test_withdrawn_candidates_are_skipped_and_ballots_for_them_alone_are_invalid():
    result = stv(3, 1, [(5, "AB"), (3, "C"), (1, "A")], withdrawn={0})
    assert result.valid_ballots == 8 and result.invalid_ballots == 1 and result.quota == 5
    assert votes(result.stages[0]) == {"A": "0.00000", "B": "5.00000", "C": "3.00000"}
    assert elected_names(result) == "B"
    assert "A (withdrawn)" in result.to_text()


def test_withdrawn_candidate_is_never_elected_even_with_fewer_candidates_than_seats():
    result = stv(3, 3, [(5, "A"), (3, "B"), (1, "C")], withdrawn={1})
    assert sorted(result.elected) == [0, 2] and result.unfilled == 1


def test_fewer_candidates_than_seats_elects_them_all_and_says_how_many_seats_stay_empty():
    result = stv(2, 3, [(5, "AB"), (1, "B")])
    assert elected_names(result) == "AB" and result.unfilled == 1
    assert result.stages[-1].action == "elect-remaining"
    assert "Seats left unfilled (too few candidates): 1." in result.to_text()
    assert_balanced(result)


def test_all_ballots_exhausted_the_last_seats_go_to_the_continuing_candidates():
    # A's surplus (1 of 3, at 0.33333) has nowhere to go; B and C never had a vote: a draw
    # excludes one of them
    draws = Draws(pick=min)
    result = stv(3, 2, [(3, "A")], random_draw=draws)
    assert result.stages[1].non_transferable == Decimal("0.99999")
    assert result.stages[1].loss == Decimal("0.00001")
    assert draws.calls == [([1, 2], "exclusion")]
    assert elected_names(result) == "AC"
    assert result.stages[-1].votes[2] == 0
    assert_balanced(result)


def test_no_valid_ballot_at_all_still_fills_the_seats_by_draw():
    result = stv(3, 1, [(2, "")], random_draw=Draws(pick=max))
    assert result.valid_ballots == 0 and result.invalid_ballots == 2
    assert elected_names(result) == "A" and len(result.draws) == 2
    assert_balanced(result)


# The reserved-seat rule

RESERVE_CASE = [(4, "A"), (4, "B"), (3, "CA"), (2, "D")]  # D is the group's only candidate


def test_without_reserved_seats_the_group_candidate_is_excluded_first():
    result = stv(4, 2, RESERVE_CASE)
    assert result.stages[1].excluded == [3]
    assert elected_names(result) == "AB"
    assert not any(stage.reserved_rule for stage in result.stages)


def test_reserved_seat_protects_the_group_then_excludes_everyone_outside_it():
    result = stv(4, 2, RESERVE_CASE, reserve=1, group={3})
    _, protected, reserved, remaining = result.stages
    # D has the fewest votes but is the group's last candidate: C, lowest outside, goes
    assert protected.excluded == [2] and protected.reserved_rule
    assert protected.events[0].reason == "lowest-outside-group"
    assert protected.elected == [0]  # C's papers bring A to the quota
    # one seat left, and it is reserved: B is excluded although B has more votes than D
    assert reserved.action == "exclusion" and reserved.excluded == [1] and reserved.reserved_rule
    assert reserved.events[0].reason == "reserved"
    assert remaining.elected == [3]
    assert elected_names(result) == "AD"
    assert_balanced(result)
    assert "The reserved-seat rule acted at this stage." in result.to_text()


def test_a_candidate_outside_the_group_reaching_the_quota_is_not_elected_into_a_reserved_seat():
    # quota 12 // 3 + 1 = 5: A and B both reach it, but only one seat is open to them
    draws = Draws(pick=max)
    result = stv(3, 2, [(5, "A"), (5, "B"), (2, "C")], reserve=1, group={2},
                 random_draw=draws)
    assert draws.calls == [([0, 1], "election")]
    assert result.stages[0].elected == [1]
    assert result.stages[1].excluded == [0] and result.stages[1].reserved_rule
    assert elected_names(result) == "BC"
    assert_balanced(result)


def test_reserve_larger_than_the_group_shrinks_to_the_group():
    result = stv(3, 2, [(6, "A"), (5, "B"), (1, "C")], reserve=2, group={2})
    assert elected_names(result) == "AC"


def test_reserved_seats_already_won_by_quota_leave_the_rest_open():
    result = stv(4, 2, [(6, "D"), (4, "A"), (3, "B"), (1, "C")], reserve=1, group={3})
    assert elected_names(result) == "DA"
    assert not any(stage.reserved_rule for stage in result.stages)


# Input checks

@pytest.mark.parametrize("arguments, message", [
    (dict(method="borda"), "unknown counting method"),
    (dict(seats=0), "at least one seat"),
    (dict(reserve=3), "between 0 and the seats"),
    (dict(reserve=1), "need the group"),
    (dict(group={7}), "does not exist"),
    (dict(withdrawn={-1}), "does not exist"),
    (dict(ballots=[Ballot(1, (5,))]), "does not exist"),
    (dict(ballots=[Ballot(0, (1,))]), "weight"),
])
def test_bad_arguments_are_refused(arguments, message):
    call = dict(method="scottish-stv", candidates=names(3), seats=2, ballots=[Ballot(1, (0,))])
    call.update(arguments)
    with pytest.raises(ValueError, match=message):
        count(**call)


def test_a_draw_must_choose_one_of_the_tied():
    with pytest.raises(ValueError, match="not one of"):
        stv(3, 2, [(3, "A"), (1, "B"), (1, "C")], random_draw=lambda tied, purpose: 0)


def test_the_default_draw_is_recorded_and_picks_one_of_the_tied():
    result = count("scottish-stv", names(3), 2, [Ballot(3, (0,)), Ballot(1, (1,)),
                                                 Ballot(1, (2,))])
    [draw] = result.draws
    assert draw.chosen in (1, 2) and result.elected[1] == 3 - draw.chosen


def test_a_ranking_repeating_a_candidate_counts_its_first_mention_only():
    result = stv(2, 1, [(3, "AA"), (1, "B")])
    assert elected_names(result) == "A" and result.valid_ballots == 4
