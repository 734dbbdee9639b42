"""Small builders shared by the counting tests."""
from decimal import Decimal

from plugins.elections.counting import Ballot, count


def ballots(*rows):
    """``ballots((3, "AB"), (1, "C"))``: weight and preferences by letter (A is candidate 0)."""
    return [Ballot(weight, tuple(ord(letter) - ord("A") for letter in ranking))
            for weight, ranking in rows]


def names(n):
    return [chr(ord("A") + i) for i in range(n)]


def elected_names(result):
    return "".join(result.candidates[c] for c in result.elected)


class Draws:
    """A ``random_draw`` that records each call and picks ``pick(tied)`` (default: the first)."""

    def __init__(self, pick=min):
        self.pick = pick
        self.calls = []

    def __call__(self, tied, purpose):
        self.calls.append((list(tied), purpose))
        return self.pick(tied)


def no_draw(tied, purpose):
    raise AssertionError(f"unexpected draw between {tied} for {purpose}")


def stv(n, seats, rows, **options):
    options.setdefault("random_draw", no_draw)
    return count("scottish-stv", names(n), seats, ballots(*rows), **options)


def votes(stage):
    """A stage's votes by letter, as strings ("4.14284")."""
    return {chr(ord("A") + c): str(v) for c, v in enumerate(stage.votes)}


def assert_balanced(result):
    """Every stage accounts for every valid ballot, exactly."""
    for stage in result.stages:
        assert stage.total() == Decimal(result.valid_ballots), stage.number
        assert stage.non_transferable >= 0 and stage.loss >= 0
