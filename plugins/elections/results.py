"""Counting a closed contest, publishing the results, the roster and its vacancies.

The count is the engine's (``plugins/elections/counting``), on the ballots sealed at the close.
Publishing gives each elected candidate a seat for the term (a ``Mandate``, shown on the
roster) and, when the candidate has an account, the core role *community representative* in the
centre until the term's last day (``RoleAssignment.ends``).

A vacancy is filled by the contest's rule: the next in the count, a countback (STV), or a
by-election. The next in the count is one recount of the same ballots with the vacating
candidates withdrawn: the newly elected candidate who holds no seat yet takes it. The countback
(``counting/countback.py``) recounts only the papers of the vacating candidate's quota among the
unelected candidates who consent; a seat won in an earlier countback, which has no quota of its
own in the count, is filled like the next in the count.
"""
import json
from datetime import date, timedelta

from sqlalchemy import select

from portal.api import RoleAssignment, utcnow

from .ballots import ballots_of, engine_ballots, seal
from .storage import forget_order_of_casting
from .models import Contest, Election, Mandate

REPRESENTATIVE = "community_rep"


def run_count(contest, ballots, withdrawn_ids=()):
    from .counting import count
    candidates = contest.candidates
    withdrawn = frozenset(i for i, c in enumerate(candidates)
                          if c.withdrawn or c.id in set(withdrawn_ids))
    group = frozenset(i for i, c in enumerate(candidates) if c.in_group)
    return count(contest.method, [c.name for c in candidates], contest.seats,
                 engine_ballots(contest, ballots), withdrawn=withdrawn,
                 reserve=contest.reserved_seats, group=group)


def count_contest(dbsession, contest):
    """Seal the chain and count; the result is kept as JSON on the contest. Before anything is
    counted, the ballots' storage forgets the order they were cast in (see storage.py)."""
    forget_order_of_casting(dbsession)
    seal(dbsession, contest)
    result = run_count(contest, ballots_of(dbsession, contest))
    contest.result_json = json.dumps(result.to_json(), sort_keys=True)
    return result


def result_of(contest):
    return json.loads(contest.result_json) if contest.result_json else None


def elected_candidates(contest):
    result = result_of(contest)
    if result is None:
        return []
    return [contest.candidates[i] for i in result["elected"]]


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for dom in (day.day, 30, 29, 28):
        try:
            return date(year, month, dom)
        except ValueError:
            continue


def seat(dbsession, contest, candidate, starts, ends, how):
    dbsession.add(Mandate(contest=contest, candidate=candidate, starts=starts, ends=ends,
                          how=how))
    if candidate.user_id is None:
        return
    centre_id = contest.election.centre_id
    role = dbsession.scalars(select(RoleAssignment).where(
        RoleAssignment.user_id == candidate.user_id, RoleAssignment.role == REPRESENTATIVE,
        RoleAssignment.centre_id == centre_id)).first()
    if role is None:
        dbsession.add(RoleAssignment(user_id=candidate.user_id, role=REPRESENTATIVE,
                                     centre_id=centre_id, ends=ends))
    elif role.ends is not None and role.ends < ends:
        role.ends = ends  # re-elected: the term runs on


def publish(dbsession, election):
    """Publish the counted results: seats on the roster, roles for the term."""
    today = utcnow().date()
    ends = add_months(today, election.term_months) - timedelta(days=1)
    election.results_published = utcnow()
    for contest in election.contests:
        for candidate in elected_candidates(contest):
            seat(dbsession, contest, candidate, today, ends, "count")


def vacate(dbsession, mandate, consenting=()):
    """The seat of ``mandate`` falls vacant today; fill it by the contest's rule (``consenting``:
    the ids of the candidates who agreed to stand in a countback). Returns the candidate who
    takes the seat, a new by-election, or None when nobody is left to take it."""
    today = utcnow().date()
    mandate.vacated = today
    contest, candidate = mandate.contest, mandate.candidate
    if candidate.user_id is not None:
        role = dbsession.scalars(select(RoleAssignment).where(
            RoleAssignment.user_id == candidate.user_id, RoleAssignment.role == REPRESENTATIVE,
            RoleAssignment.centre_id == contest.election.centre_id)).first()
        if role is not None and role.ends is not None:
            role.ends = today - timedelta(days=1)
    if contest.vacancy_rule == "by-election":
        return by_election(dbsession, contest)
    mandates = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)).all()
    if contest.vacancy_rule == "countback" and contest.ranked and \
            candidate in elected_candidates(contest):
        successor = by_countback(dbsession, contest, candidate, mandates, consenting)
        if successor is not None:
            seat(dbsession, contest, successor, today, mandate.ends, "countback")
        return successor
    gone = {m.candidate_id for m in mandates if m.vacated is not None}
    holding = {m.candidate_id for m in mandates if m.vacated is None}
    result = run_count(contest, ballots_of(dbsession, contest), withdrawn_ids=gone)
    for index in result.elected:
        successor = contest.candidates[index]
        if successor.id not in holding and successor.id not in gone:
            how = "countback" if contest.ranked else "next-in-count"
            seat(dbsession, contest, successor, today, mandate.ends, how)
            return successor
    return None


def countback_candidates(dbsession, contest):
    """Who may consent to stand in a countback: not withdrawn, never seated in this vote."""
    seated = set(dbsession.scalars(select(Mandate.candidate_id).where(
        Mandate.contest_id == contest.id)).all())
    return [c for c in contest.candidates if not c.withdrawn and c.id not in seated]


def by_countback(dbsession, contest, candidate, mandates, consenting):
    """The candidate the countback gives ``candidate``'s seat to, or None (nobody stands, or
    none of the quota's papers names anyone standing)."""
    from .counting.countback import countback
    candidates = contest.candidates
    index = {c.id: i for i, c in enumerate(candidates)}
    consenting = {int(i) for i in consenting}
    result = result_of(contest)
    group = frozenset(i for i, c in enumerate(candidates) if c.in_group)
    holding = [m.candidate_id for m in mandates
               if m.vacated is None and m.candidate_id != candidate.id]
    # the seat stays reserved when the group would otherwise hold fewer seats than reserved
    group_only = bool(contest.reserved_seats) and candidate.in_group and \
        sum(1 for i in holding if index[i] in group) < contest.reserved_seats
    outcome = countback(
        [c.name for c in candidates], contest.seats,
        engine_ballots(contest, ballots_of(dbsession, contest)), vacating=index[candidate.id],
        consenting=[i for i, c in enumerate(candidates) if c.id in consenting],
        elected=set(result["elected"]) | {index[m.candidate_id] for m in mandates},
        withdrawn=frozenset(i for i, c in enumerate(candidates) if c.withdrawn),
        reserve=contest.reserved_seats, group=group, draws=result.get("draws", []),
        group_only=group_only)
    return None if outcome.elected is None else candidates[outcome.elected]


def by_election(dbsession, contest):
    """A new election for the one seat, dated a week ahead for the officers to adjust."""
    old = contest.election
    now = utcnow()
    election = Election(centre_id=old.centre_id, source_language=old.source_language,
                        nominations_open=now + timedelta(days=7),
                        nominations_close=now + timedelta(days=14),
                        voting_open=now + timedelta(days=21), voting_close=now + timedelta(days=22),
                        term_months=old.term_months, by_election_of=old.id)
    for lang, text in old.texts.items():
        election.set_text(lang, title=text.title)
    seat_contest = Contest(source_language=contest.source_language, seats=1,
                           method=contest.method, vacancy_rule="by-election")
    for lang, text in contest.texts.items():
        seat_contest.set_text(lang, title=text.title)
    election.contests.append(seat_contest)
    dbsession.add(election)
    return election


def roster(dbsession, centre_id, today=None):
    """Current seats of a centre, then past ones."""
    today = today or utcnow().date()
    rows = dbsession.scalars(
        select(Mandate).join(Contest).join(Election)
        .where(Election.centre_id == centre_id).order_by(Mandate.starts.desc(), Mandate.id)).all()
    current = [m for m in rows if m.vacated is None and m.ends >= today]
    past = [m for m in rows if m not in current]
    return current, past
