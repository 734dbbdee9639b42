"""Plurality (each voter marks up to as many candidates as seats) and approval (each voter marks
any number): the candidates with the most votes are elected, in one stage.

A plurality ballot marking more candidates than seats is invalid, as is a ballot marking no
standing candidate; marks for withdrawn candidates are ignored. Equal votes at the last seat are
settled by a recorded random draw. Reserved seats ("at least K seats for candidates in
``group``"): once the seats left equal the reserved seats unfilled, the candidates outside the
group are set aside and the seats go to the group's candidates with the most votes.
"""
from .result import Event, Stage, to_decimal
from .ties import TieBreaker


def count_marks(method, candidates, seats, ballots, withdrawn, reserve, group, random_draw):
    """(stages, elected, valid, invalid, draws)"""
    n = len(candidates)
    votes = [0] * n
    valid = invalid = 0
    for ballot in ballots:
        marks = set(ballot.ranking)
        standing = marks - withdrawn
        if not standing or (method == "plurality" and len(marks) > seats):
            invalid += ballot.weight
            continue
        valid += ballot.weight
        for c in standing:
            votes[c] += ballot.weight

    ties = TieBreaker(random_draw)
    pool = [c for c in range(n) if c not in withdrawn]
    elected, events, reserved_rule = [], [], False

    def reserved_left(chosen=()):
        won = sum(1 for c in elected + list(chosen) if c in group)
        standing = sum(1 for c in pool if c in group and c not in chosen)
        return max(0, min(reserve - won, standing))

    while pool and len(elected) < seats:
        seats_left = seats - len(elected)
        if reserve and reserved_left() == seats_left:
            outside = [c for c in pool if c not in group]
            if outside:
                reserved_rule = True
                events += [Event("excluded", c, "reserved") for c in outside]
                pool = [c for c in pool if c in group]
                continue
        top = max(votes[c] for c in pool)
        tied = [c for c in pool if votes[c] == top]
        after = seats_left - len(tied)
        if len(tied) > 1 and (after < 0 or after < reserved_left(tied)):
            chosen, tie = ties.choose(tied, [], "highest", "election", 1)
            events.append(tie)
            tied = [chosen]
        for c in tied:
            elected.append(c)
            pool.remove(c)
            events.append(Event("elected", c, "most-votes"))

    stage = Stage(number=1, action="first", subjects=(),
                  votes=tuple(to_decimal(v, 0) for v in votes),
                  non_transferable=to_decimal(0, 0), loss=to_decimal(0, 0),
                  events=tuple(events), reserved_rule=reserved_rule)
    return [stage], elected, valid, invalid, ties.draws
