"""Rooms without double booking: half-open intervals, turnover time, the exclusion constraint
on PostgreSQL and the serialised check on SQLite."""
import threading
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import delete, func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from portal.api import Centre, Organisation, Room

from plugins.activities.booking import Conflict, book
from plugins.activities.models import Activity, OccurrenceChange, RoomSetting, Slot

from .conftest import SARAJEVO, series


def test_an_overlapping_series_is_refused_naming_the_dates_and_the_other_organisation(
        make_series, empty_room, dbsession):
    make_series(room=empty_room, organisation="unicef", start=datetime(2026, 3, 2, 10, 0),
                byday="MO", until=date(2026, 6, 29))
    with pytest.raises(Conflict) as refused:
        make_series(room=empty_room, start=datetime(2026, 5, 4, 10, 30), byday="MO,WE",
                    until=date(2026, 5, 20))
    clashes = refused.value.clashes
    assert {c.organisation for c in clashes} == {"UNICEF"}
    # every Monday from 4 May to 18 May clashes, the Wednesdays do not
    assert [c.start.date() for c in clashes] == [date(2026, 5, 4), date(2026, 5, 11),
                                                 date(2026, 5, 18)]


def test_touching_is_allowed_and_the_rooms_turnover_time_is_kept(make_series, empty_room,
                                                                 dbsession):
    make_series(room=empty_room, start=datetime(2026, 3, 2, 10, 0), minutes=60)
    make_series(room=empty_room, start=datetime(2026, 3, 2, 11, 0), minutes=60)  # touches
    dbsession.add(RoomSetting(room_id=empty_room.id, buffer_minutes=15))
    dbsession.flush()
    with pytest.raises(Conflict):  # needs 15 minutes after the 11:00 class
        make_series(room=empty_room, start=datetime(2026, 3, 2, 12, 10), minutes=30)
    make_series(room=empty_room, start=datetime(2026, 3, 2, 12, 15), minutes=30)


def test_other_rooms_cancelled_dates_and_requests_do_not_block(make_series, empty_room, room,
                                                               dbsession):
    first = make_series(room=empty_room, start=datetime(2026, 3, 2, 10, 0), until=None,
                        count=3)
    make_series(room=None, start=datetime(2026, 3, 2, 10, 0), count=3, until=None)
    # a request is checked, but holds nothing
    make_series(room=empty_room, start=datetime(2026, 3, 23, 10, 0), count=1, until=None,
                state="requested")
    make_series(room=empty_room, start=datetime(2026, 3, 23, 10, 0), count=1, until=None)
    # cancelling the 9 March class frees that hour
    first.changes.append(OccurrenceChange(original_start=datetime(2026, 3, 9, 10, 0),
                                          cancelled=True, reason="Holiday"))
    book(dbsession, first, SARAJEVO, {})
    make_series(room=empty_room, start=datetime(2026, 3, 9, 10, 0), count=1, until=None)


def test_a_series_moved_onto_its_own_slot_does_not_clash_with_itself(make_series, empty_room,
                                                                     dbsession):
    activity = make_series(room=empty_room, start=datetime(2026, 3, 2, 10, 0), count=4,
                           until=None)
    activity.duration_minutes = 90
    book(dbsession, activity, SARAJEVO, {})
    assert dbsession.scalar(select(Slot.ends).where(Slot.activity_id == activity.id)
                            .order_by(Slot.starts)).hour == 10  # 11:30 local is 10:30 UTC


def test_an_open_ended_series_is_materialised_to_the_horizon_only(make_series, empty_room,
                                                                  dbsession):
    activity = make_series(room=empty_room, start=datetime(2026, 3, 2, 10, 0), until=None,
                           count=None)
    book(dbsession, activity, SARAJEVO, {"activities.horizon_days": "70"})
    slots = dbsession.scalars(select(Slot).where(Slot.activity_id == activity.id)).all()
    last = max(s.starts for s in slots).date()
    horizon = max(date.today(), date(2026, 3, 2)) + timedelta(days=70)
    assert horizon - timedelta(days=7) <= last <= horizon


# -- property: whatever is accepted, no two held occurrences of a room overlap ------------------

operation = st.tuples(
    st.sampled_from(["book", "edit", "cancel"]),
    st.integers(0, 6),  # day of the first week
    st.integers(8 * 4, 18 * 4),  # start, in quarter hours
    st.sampled_from([15, 30, 45, 60, 90, 120]),
    st.sampled_from(["", "weekly", "daily"]),
    st.integers(1, 4),  # count
)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(operation, min_size=1, max_size=8))
def test_no_two_held_occurrences_of_a_room_ever_overlap(dbsession, centre, org, operations):
    room_id = centre.rooms[0].id
    dbsession.execute(delete(Slot).where(Slot.room_id == room_id))
    dbsession.execute(text("UPDATE activities SET room_id = NULL WHERE room_id = :room"),
                       {"room": room_id})
    savepoint = dbsession.begin_nested()
    booked = []
    try:
        for kind, day, quarter, minutes, freq, count in operations:
            start = datetime(2026, 3, 23 + day, quarter // 4, quarter % 4 * 15)
            step = dbsession.begin_nested()  # a refused step is rolled back, as its request
            try:
                if kind == "book" or not booked:
                    activity = series(centre, org("drc"), room=centre.rooms[0], start=start,
                                      minutes=minutes, freq=freq, byday="", until=None,
                                      count=count if freq else None)
                    dbsession.add(activity)
                    dbsession.flush()
                    book(dbsession, activity, SARAJEVO, {})
                    booked.append(activity)
                elif kind == "edit":
                    activity = booked[quarter % len(booked)]
                    activity.start_local, activity.duration_minutes = start, minutes
                    book(dbsession, activity, SARAJEVO, {})
                else:
                    activity = booked[quarter % len(booked)]
                    if not activity.changes:
                        activity.changes.append(OccurrenceChange(
                            original_start=activity.start_local, cancelled=True, reason="x"))
                        book(dbsession, activity, SARAJEVO, {})
                step.commit()
            except Conflict:
                step.rollback()
        slots = dbsession.execute(select(Slot.starts, Slot.blocks_until)
                                  .where(Slot.room_id == room_id, Slot.held.is_(True))
                                  .order_by(Slot.starts)).all()
        for earlier, later in zip(slots, slots[1:]):
            assert earlier.blocks_until <= later.starts
    finally:
        savepoint.rollback()


# -- two bookings of the same slot at the same moment: exactly one wins --------------------------

def test_two_concurrent_bookings_of_one_slot_exactly_one_wins(app, dbengine):
    """Each booking in its own connection, committed for real (then removed). On PostgreSQL
    neither checks first: the exclusion constraint alone decides. On SQLite both check, one
    after the other, as the booking lock makes them; a retried "database is locked" is what
    pyramid_retry does for a request."""
    postgresql = dbengine.dialect.name == "postgresql"
    with Session(dbengine) as setup:
        centre = setup.scalars(select(Centre).where(Centre.slug == "bira")).one()
        room = Room(centre_id=centre.id, name="Race room")
        setup.add(room)
        setup.commit()
        room_id, centre_id = room.id, centre.id
        orgs = {o.id: o.name for o in setup.scalars(select(Organisation)
                                                    .where(Organisation.slug.in_(["unhcr",
                                                                                   "unicef"])))}
    barrier = threading.Barrier(2)
    results = {}

    def attempt(organisation_id):
        for try_ in range(5):
            with Session(dbengine) as session:
                activity = series(centre_obj(centre_id), org_obj(organisation_id),
                                  room=room_obj(room_id), title="Race",
                                  start=datetime(2026, 5, 4, 10), until=None, count=4)
                try:
                    if try_ == 0:
                        barrier.wait(timeout=10)
                    session.add(activity)
                    session.flush()
                    book(session, activity, SARAJEVO, {}, check=not postgresql)
                    session.commit()
                    results[organisation_id] = "won"
                    return
                except Conflict as conflict:
                    session.rollback()
                    results[organisation_id] = {c.organisation for c in conflict.clashes}
                    return
                except OperationalError:  # SQLite: locked, tried again as a request would be
                    session.rollback()

    threads = [threading.Thread(target=attempt, args=(org_id,)) for org_id in orgs]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert list(results.values()).count("won") == 1, results
        winner = next(org_id for org_id, result in results.items() if result == "won")
        loser = next(result for result in results.values() if result != "won")
        assert loser == {orgs[winner]}  # the loser is told who holds the room
        with Session(dbengine) as check:
            held = check.scalar(select(func.count()).select_from(Slot)
                                .where(Slot.room_id == room_id))
        assert held == 4
    finally:
        with Session(dbengine) as cleanup:
            cleanup.execute(delete(Activity).where(Activity.room_id == room_id))
            cleanup.execute(text("DELETE FROM rooms WHERE id = :id"), {"id": room_id})
            cleanup.commit()


class _Ref:
    def __init__(self, ident):
        self.id = ident


centre_obj = org_obj = room_obj = _Ref
