"""One-time voting codes: made by an officer, printed once, stored only as a keyed hash.

A code is 10 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as two
groups of five: 31^10 (about 8 * 10^14) possibilities, and wrong codes are throttled per
address. The hash is an HMAC keyed with ``elections.code_secret`` (default: derived from
``portal.secret``), so a copy of the database alone cannot tell which codes exist.
"""
import hashlib
import hmac
import secrets

from sqlalchemy import select, update

from .models import VotingCode

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 10


def new_code():
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{raw[:5]}-{raw[5:]}"


def normalise(typed):
    """What the voter typed, without spaces, dashes or case."""
    return "".join(ch for ch in (typed or "").upper() if ch.isascii() and ch.isalnum())


def secret(settings):
    return settings.get("elections.code_secret") or hashlib.sha256(
        ("elections-codes:" + settings["portal.secret"]).encode()).hexdigest()


def code_hash(settings, typed):
    return hmac.new(secret(settings).encode(), normalise(typed).encode(),
                    hashlib.sha256).hexdigest()


def generate(dbsession, settings, contest, number):
    """Make ``number`` codes for ``contest``; returns them in clear (never stored so)."""
    codes = set()
    while len(codes) < number:
        codes.add(new_code())
    for code in codes:
        dbsession.add(VotingCode(code_hash=code_hash(settings, code), contest_id=contest.id))
    dbsession.flush()
    return sorted(codes)


UNKNOWN, USED, OTHER_CONTEST, VALID = "unknown", "used", "other", "valid"


def check(dbsession, settings, contest, typed):
    """What a typed code is for ``contest``: unknown, used, of another contest, or valid."""
    row = dbsession.get(VotingCode, code_hash(settings, typed)) if normalise(typed) else None
    if row is None:
        return UNKNOWN
    if row.contest_id != contest.id:
        return OTHER_CONTEST
    return USED if row.used else VALID


def spend(dbsession, settings, contest, typed):
    """Mark the code used, atomically: True for exactly one of several requests at once."""
    table = VotingCode.__table__
    # on the connection, not through the ORM: a vote need not invalidate the page cache
    result = dbsession.connection().execute(
        update(table).where(table.c.code_hash == code_hash(settings, typed),
                            table.c.contest_id == contest.id, table.c.used.is_(False))
        .values(used=True))
    return result.rowcount == 1


def counts(dbsession, contest):
    rows = dbsession.execute(select(VotingCode.used).where(VotingCode.contest_id == contest.id))
    used = [r for (r,) in rows]
    return {"made": len(used), "used": sum(1 for u in used if u)}
