"""Casting, sealing and publishing ballots.

Casting writes one row: random UUID key, random tracker, the marks, the day. The code is spent
in the same transaction, so a ballot exists exactly when its code is used, and nothing links
the two.

The hash chain (sealed when voting closes, before the count): the contest's ballots sorted by
tracker, ``h0 = sha256("elections:<contest id>")`` and ``h(i) = sha256(h(i-1) + "|" + tracker +
"|" + marks)`` (hex digests, marks as on the published list); ``chain_head`` is the last. As the
order is the trackers' (random), publishing the chain says nothing about the order of casting;
anyone can recompute it from the published list, and a voter finds their tracker in it.
"""
import csv
import hashlib
import io
import secrets

import zope.sqlalchemy
from sqlalchemy import select

from portal.api import utcnow

from .models import Ballot

TRACKER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_tracker():
    raw = "".join(secrets.choice(TRACKER_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def marks_text(candidate_ids):
    return ",".join(str(i) for i in candidate_ids)


def marks_of(ballot):
    return [int(i) for i in ballot.marks.split(",") if i]


def cast(dbsession, contest, candidate_ids, paper=False):
    """Store one ballot; returns its tracker."""
    ballot = Ballot(contest_id=contest.id, tracker=new_tracker(), marks=marks_text(candidate_ids),
                    cast_on=utcnow().date(), paper=paper)
    dbsession.add(ballot)
    return ballot.tracker


def cast_with_code(request, contest, code, candidate_ids):
    """Spend ``code`` and store the ballot together, in a transaction of their own whose first
    statement is the write: on SQLite a transaction that read first cannot wait for the write
    lock (it fails at once when another kiosk wrote since), so kiosks voting at the same moment
    queue on the lock instead. Returns the tracker, or None when the code was already used."""
    from .codes import spend
    session = request.registry["dbsession_factory"]()
    try:
        if not spend(session, request.registry.settings, contest, code):
            session.rollback()
            return None
        tracker = cast(session, contest, candidate_ids)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
    # where both share a connection (the test suite's savepoints), the request's transaction
    # must commit too, or it would take the ballot with it
    zope.sqlalchemy.mark_changed(request.dbsession)
    return tracker


def ballots_of(dbsession, contest):
    """The contest's ballots, by random key (never by insertion)."""
    return dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)
                             .order_by(Ballot.id)).all()


def chain(contest_id, ballots):
    """``[(tracker, marks, link)]`` sorted by tracker, and the head."""
    link = hashlib.sha256(f"elections:{contest_id}".encode()).hexdigest()
    rows = []
    for ballot in sorted(ballots, key=lambda b: b.tracker):
        link = hashlib.sha256(f"{link}|{ballot.tracker}|{ballot.marks}".encode()).hexdigest()
        rows.append((ballot.tracker, ballot.marks, link))
    return rows, link


def seal(dbsession, contest):
    rows, head = chain(contest.id, ballots_of(dbsession, contest))
    contest.chain_head = head
    return head


def engine_ballots(contest, ballots):
    """Ballots for the counting engine: 0-based candidate indices, identical ballots grouped."""
    from .counting.blt import Ballot as EngineBallot
    index = {c.id: i for i, c in enumerate(contest.candidates)}
    grouped = {}
    for ballot in ballots:
        key = tuple(index[i] for i in marks_of(ballot) if i in index)
        if not contest.ranked:
            key = tuple(sorted(key))
        grouped[key] = grouped.get(key, 0) + 1
    return [EngineBallot(weight, ranking) for ranking, weight in sorted(grouped.items())]


def blt(contest, ballots, title):
    from .counting.blt import BltFile, write_blt
    return write_blt(BltFile(
        candidates=[c.name for c in contest.candidates], seats=contest.seats,
        withdrawn=frozenset(i for i, c in enumerate(contest.candidates) if c.withdrawn),
        ballots=engine_ballots(contest, ballots), title=title))


def csv_text(contest, ballots):
    """One row per ballot (sorted by tracker): the tracker, then 1/0 per candidate."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["tracker"] + [c.name for c in contest.candidates])
    for ballot in sorted(ballots, key=lambda b: b.tracker):
        marked = set(marks_of(ballot))
        writer.writerow([ballot.tracker] + [int(c.id in marked) for c in contest.candidates])
    return out.getvalue()


def find_tracker(dbsession, contest_ids, tracker):
    typed = "".join(ch for ch in (tracker or "").upper() if ch.isalnum())
    if len(typed) != 12:
        return None
    wanted = f"{typed[:4]}-{typed[4:8]}-{typed[8:]}"
    return dbsession.scalars(select(Ballot).where(Ballot.contest_id.in_(contest_ids),
                                                  Ballot.tracker == wanted)).first()


