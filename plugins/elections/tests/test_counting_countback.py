"""The countback for a vacancy in an STV contest: the papers of the vacating candidate's quota,
at the value they kept, recounted among the unelected candidates who consent."""
from decimal import Decimal

import pytest

from plugins.elections.counting import Ballot, count
from plugins.elections.counting.countback import countback

NAMES = ["Amal", "Karim", "Huda", "Omar", "Sara"]
A, K, H, O, S = range(5)


def ballots(*groups):
    return [Ballot(weight, tuple(ranking)) for weight, ranking in groups]


def test_the_quota_papers_at_their_kept_value_choose_among_those_who_consent():
    # 2 seats, 30 ballots: quota 11. Amal 16 (surplus 5 goes on at 5/16), Karim 9, Huda 5
    papers = ballots((10, [A, O]), (6, [A, S]), (9, [K, H]), (5, [H, K]))
    first = count("scottish-stv", NAMES, 2, papers)
    assert set(first.elected) == {A, K}
    back = countback(NAMES, 2, papers, vacating=A, consenting=[O, S, H], elected=first.elected)
    # Amal kept 11 of 16 on each paper: 10 x 0.6875 for Omar, 6 x 0.6875 for Sara
    assert back.parcel_value == Decimal("11.00000")
    assert back.stages[0]["votes"] == {H: Decimal("0"), O: Decimal("6.87500"),
                                       S: Decimal("4.12500")}
    assert back.elected == O
    # Omar does not consent: Sara, whose voters come next
    assert countback(NAMES, 2, papers, vacating=A, consenting=[S, H],
                     elected=first.elected).elected == S


def test_without_a_majority_the_lowest_is_excluded_and_their_papers_pass_on():
    papers = ballots((4, [A, O]), (3, [A, S, O]), (2, [A, H, S]), (3, [K]))
    first = count("scottish-stv", NAMES, 1, papers)
    assert first.elected == [A]
    back = countback(NAMES, 1, papers, vacating=A, consenting=[O, S, H], elected=[A])
    # quota 7 of Amal's 9 (the count ended before her surplus moved): each paper kept 0.77778
    assert back.parcel_value == Decimal("7.00002")
    # Omar 4, Sara 3, Huda 2 papers: no majority; Huda out, her 2 go to Sara: 5 of 9
    assert [stage["excluded"] for stage in back.stages] == [H, None]
    assert back.stages[-1]["votes"][S] == Decimal("3.88890")
    assert back.elected == S


def test_elected_and_withdrawn_candidates_never_stand_and_nobody_may_be_left():
    papers = ballots((5, [A, K]), (4, [K, A]), (1, [H]))
    first = count("scottish-stv", NAMES, 2, papers)
    back = countback(NAMES, 2, papers, vacating=A, consenting=[K], elected=first.elected)
    assert back.elected is None  # Karim holds a seat; nobody else consents
    back = countback(NAMES, 2, papers, vacating=A, consenting=[H], elected=first.elected)
    assert back.elected is None and back.stages[0]["votes"] == {H: Decimal("0")}


def test_a_reserved_seat_stays_with_the_group():
    papers = ballots((6, [S, O]), (1, [S, H]), (5, [K]))
    first = count("scottish-stv", NAMES, 1, papers, reserve=1, group=frozenset({S, H}))
    assert first.elected == [S]
    back = countback(NAMES, 1, papers, vacating=S, consenting=[O, H], elected=[S],
                     reserve=1, group=frozenset({S, H}), group_only=True)
    assert back.elected == H


def test_the_original_draws_are_replayed_and_a_tie_in_the_countback_is_drawn():
    # 1 seat: Amal, Karim and Huda tie at 2; the draw excludes one, and so on
    papers = ballots((2, [A, O]), (2, [K, S]), (2, [H, O]), (1, [O, A]))
    choices = iter([H, K])
    first = count("scottish-stv", NAMES, 1, papers,
                  random_draw=lambda tied, purpose: next(choices) if H in tied else tied[0])
    draws = [d.to_json() for d in first.draws]
    assert draws and first.elected
    winner = first.elected[0]
    back = countback(NAMES, 1, papers, vacating=winner, consenting=[c for c in range(5)],
                     elected=first.elected, draws=draws,
                     random_draw=lambda tied, purpose: tied[0])
    assert back.elected is not None and back.elected != winner
    with pytest.raises(ValueError, match="recorded draws"):
        countback(NAMES, 1, papers, vacating=winner, consenting=[O], elected=first.elected,
                  draws=[{"tied": [A, K], "purpose": "exclusion", "chosen": A, "stage": 2}])
