"""Occurrences past the horizon: a series without an end keeps holding its room as the days
pass (``portal-activities-extend``, and before any booking is checked against the room)."""
from datetime import date, datetime, timedelta

import pytest
from pyramid.scripting import prepare
from sqlalchemy import select

from plugins.activities.booking import Conflict, book, extend_all
from plugins.activities.extend import extend
from plugins.activities.models import Slot

from .conftest import SARAJEVO

SHORT = {"activities.horizon_days": "70"}


def last_slot(dbsession, activity):
    return max(dbsession.scalars(select(Slot.starts).where(Slot.activity_id == activity.id)))


def open_ended(make_series, room, dbsession, start=datetime(2026, 3, 2, 10, 0), **kw):
    activity = make_series(room=room, start=start, until=None, count=None, book_it=False, **kw)
    book(dbsession, activity, SARAJEVO, SHORT)
    return activity


def test_the_daily_extension_moves_an_open_series_with_the_horizon(make_series, empty_room,
                                                                  dbsession):
    activity = open_ended(make_series, empty_room, dbsession)
    first = last_slot(dbsession, activity)
    later = max(date.today(), date(2026, 3, 2)) + timedelta(days=100)
    done = extend_all(dbsession, SHORT, today=later)
    assert [e.activity for e in done if e.activity.id == activity.id] == [activity]
    assert last_slot(dbsession, activity).date() >= later + timedelta(days=70 - 7) > first.date()
    # nothing to do the second time
    assert not [e for e in extend_all(dbsession, SHORT, today=later) if e.added]


def test_a_new_booking_meets_an_open_series_past_its_horizon(make_series, empty_room,
                                                            dbsession):
    open_ended(make_series, empty_room, dbsession)  # Mondays 10:00, held 70 days ahead
    far = max(date.today(), date(2026, 3, 2)) + timedelta(days=150)
    far_monday = far + timedelta(days=(7 - far.weekday()) % 7)
    newcomer = make_series(room=empty_room, organisation="drc", count=1, until=None, freq="",
                           start=datetime.combine(far_monday, datetime.min.time()).replace(
                               hour=10, minute=30), book_it=False)
    with pytest.raises(Conflict) as refused:
        book(dbsession, newcomer, SARAJEVO, SHORT)
    assert refused.value.clashes[0].organisation == "UNHCR"


def test_an_occurrence_booked_since_is_left_out_and_reported(make_series, empty_room,
                                                            dbsession, app, testapp, login_as):
    older = open_ended(make_series, empty_room, dbsession, title="Open class")
    # booked in the meantime past the older one's slots, without meeting them
    far = last_slot(dbsession, older).astimezone(SARAJEVO).date() + timedelta(days=14)
    newer = make_series(room=empty_room, organisation="drc", count=1, until=None, freq="",
                        start=datetime.combine(far, datetime.min.time()).replace(hour=10),
                        book_it=False)
    book(dbsession, newer, SARAJEVO, SHORT, check=False)
    dbsession.flush()
    env = prepare(registry=app.registry)  # as the command's bootstrap gives it
    try:
        lines = extend(env["request"])
    finally:
        env["closer"]()
    assert any(line.startswith("left out: activity %d (Open class)" % older.id)
               and "Danish Refugee Council" in line for line in lines)
    # the organisers and the centre's managers are told which dates lost the room
    login_as(testapp, "manager-usivak")
    inbox = testapp.get("/inbox").text
    assert "Some dates of" in inbox and "Open class" in inbox and "Danish Refugee Council" in inbox
    held = dbsession.execute(select(Slot.starts, Slot.blocks_until).where(
        Slot.room_id == empty_room.id, Slot.held.is_(True)).order_by(Slot.starts)).all()
    assert all(a.blocks_until <= b.starts for a, b in zip(held, held[1:]))
    assert len(held) > 12  # the older series went on past the newer one's date
