"""Secrecy by construction: after several votes, nothing in the database or the logs links a
ballot to a code, a voter, a session or the moment it was cast."""
import logging
import uuid
from datetime import date

import pytest
from sqlalchemy import DateTime, inspect, select, text

from portal.api import AuditEntry, Base
from plugins.elections.models import Ballot, VotingCode

from .helpers import cast, tracker_of


@pytest.fixture
def voted(testapp, dbsession, make_election, codes_for, login_as, caplog):
    caplog.set_level(logging.DEBUG)
    contest = make_election(names=("Amal", "Karim", "Huda", "Omar")).contests[0]
    ids = [c.id for c in contest.candidates]
    codes = codes_for(contest, 8)
    rankings = [ids[i:] + ids[:i] for i in range(4)] * 2
    trackers = []
    staff = testapp.__class__(testapp.app)
    login_as(staff, "rep-usivak")  # a logged-in voter too: their session must not tell
    for number, (code, ranking) in enumerate(zip(codes, rankings)):
        client = staff if number == 3 else testapp
        trackers.append(tracker_of(cast(client, contest, code, ranking)))
    assert all(trackers)
    return contest, codes, rankings, trackers


def every_row(dbsession):
    """Every table's rows as text: what someone holding a copy of the database reads."""
    for table in Base.metadata.sorted_tables:
        for row in dbsession.execute(select(table)).all():
            yield table.name, " ".join(str(value) for value in row)


def test_a_ballot_row_holds_nothing_but_its_marks_a_random_key_and_the_day(dbsession, voted):
    contest, codes, rankings, trackers = voted
    columns = {c.key for c in inspect(Ballot).columns}
    assert columns == {"id", "contest_id", "tracker", "marks", "cast_on", "paper"}
    rows = dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)
                             .order_by(Ballot.id)).all()
    assert len(rows) == 8
    assert all(type(row.cast_on) is date for row in rows)  # a day, no time
    # the key is random: reading by key does not give the order of casting
    in_key_order = [row.tracker for row in rows]
    assert in_key_order != trackers  # (equal by chance once in 8! = 40,320 runs)
    assert all(uuid.UUID(row.id).version == 4 for row in rows)
    # a code row says only whether it was used: no time, no ballot, no session
    assert {c.key for c in inspect(VotingCode).columns} == {"code_hash", "contest_id", "used"}


def test_no_table_holds_a_code_or_a_tracker_elsewhere(dbsession, voted):
    contest, codes, rankings, trackers = voted
    for table, row in every_row(dbsession):
        for code in codes:
            assert code not in row and code.replace("-", "") not in row, table
        if table != "elections_ballots":
            for tracker in trackers:
                assert tracker not in row, table


def test_ballots_and_codes_never_reach_the_audit_log(dbsession, voted):
    kinds = {kind for (kind,) in dbsession.execute(select(AuditEntry.object_type))}
    assert not kinds & {"elections_ballots", "elections_codes", "elections_paper_entries"}


def test_no_log_line_carries_a_ballot_a_code_or_a_tracker(voted, caplog):
    contest, codes, rankings, trackers = voted
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in [*codes, *trackers, *(",".join(map(str, r)) for r in rankings)]:
        assert secret not in logged


def test_no_column_keeps_the_order_of_casting(dbsession, voted):
    """A random key, the day and no more: no sequence, no time of day; on SQLite not even the
    hidden rowid (PostgreSQL's physical order is forgotten before the count, below)."""
    connection = dbsession.connection()
    columns = {c["name"]: c["type"] for c in inspect(connection).get_columns("elections_ballots")}
    assert set(columns) == {"id", "contest_id", "tracker", "marks", "cast_on", "paper"}
    assert not any(isinstance(kind, DateTime) for kind in columns.values())
    keys = dbsession.execute(text("SELECT id FROM elections_ballots")).scalars().all()
    assert all(len(key) == 36 and key.count("-") == 4 for key in keys)  # random UUIDs
    if connection.dialect.name == "sqlite":
        with pytest.raises(Exception, match="rowid"):
            dbsession.execute(text("SELECT rowid FROM elections_ballots")).all()


def physical_order(connection, table, column):
    return connection.execute(text(f"SELECT {column} FROM {table} ORDER BY ctid")).scalars().all()


def test_the_storage_order_of_ballots_is_that_of_their_random_keys(dbsession, voted):
    """SQLite keeps the ballots in a table without rowid, stored in the order of their random
    keys from the first vote. PostgreSQL's heap (ctid) and transaction ids (xmin) follow the
    order of casting during voting; counting first rewrites the ballots and codes in the order
    of their random keys, all stamped by one transaction."""
    from plugins.elections.results import count_contest
    connection = dbsession.connection()
    contest, codes, rankings, trackers = voted
    if connection.dialect.name == "sqlite":
        schema = connection.execute(text(
            "SELECT sql FROM sqlite_master WHERE name = 'elections_ballots'")).scalar()
        assert "WITHOUT ROWID" in schema.upper()
        stored = connection.execute(text(  # a table scan walks the key's b-tree
            f"SELECT tracker FROM elections_ballots WHERE contest_id = {contest.id}"))\
            .scalars().all()
        by_key = connection.execute(text(
            f"SELECT tracker FROM elections_ballots WHERE contest_id = {contest.id} ORDER BY id"))\
            .scalars().all()
        assert stored == by_key and sorted(stored) == sorted(trackers)
        return
    ballots = "elections_ballots WHERE contest_id = %d" % contest.id
    assert physical_order(connection, ballots, "tracker") == trackers  # the limit, shown
    count_contest(dbsession, contest)

    after = physical_order(connection, ballots, "tracker")
    assert sorted(after) == sorted(trackers) and after != trackers
    by_key = connection.execute(text(f"SELECT tracker FROM {ballots} ORDER BY id")).scalars().all()
    assert after == by_key
    assert connection.execute(text("SELECT count(DISTINCT xmin::text) FROM elections_ballots"))\
        .scalar() == 1
    hashes = physical_order(connection, "elections_codes", "code_hash")
    assert hashes == sorted(hashes)
    assert connection.execute(text("SELECT count(DISTINCT xmin::text) FROM elections_codes"))\
        .scalar() == 1
    # the count is the same as from the ballots before the rewrite
    assert len(dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)).all()) == 8
