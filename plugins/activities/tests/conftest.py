from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from portal.api import Centre, Organisation, Room
from plugins.activities.booking import book
from plugins.activities.models import Activity

SARAJEVO = ZoneInfo("Europe/Sarajevo")


@pytest.fixture
def centre(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


@pytest.fixture
def org(dbsession):
    def by_slug(slug):
        return dbsession.scalars(select(Organisation).where(Organisation.slug == slug)).one()
    return by_slug


@pytest.fixture
def room(dbsession, centre):
    return dbsession.scalars(select(Room).where(Room.centre_id == centre.id,
                                                Room.name == "Classroom 2")).one()


@pytest.fixture
def empty_room(dbsession, centre):
    """A room of Ušivak with nothing booked in it."""
    new = Room(centre_id=centre.id, name="Test room")
    dbsession.add(new)
    dbsession.flush()
    return new


def series(centre, organisation, room=None, title="Class", start=datetime(2026, 3, 2, 10, 0),
           minutes=60, freq="weekly", byday="MO", until=date(2026, 11, 30), count=None,
           state="confirmed", **fields):
    activity = Activity(centre_id=centre.id, organisation_id=organisation.id,
                        room_id=room.id if room is not None else None, start_local=start,
                        duration_minutes=minutes, freq=freq, interval=fields.pop("interval", 1),
                        byday=byday, until=until, count=count, exdates=fields.pop("exdates", ""),
                        state=state, state_reason="", source_language="en", sequence=0,
                        category=fields.pop("category", "education"),
                        target_group="everyone", languages="en,ar", interpretation=False,
                        **fields)
    activity.set_text("en", title=title, description="")
    return activity


@pytest.fixture
def make_series(dbsession, centre, org):
    """Add (and book) a series of Ušivak; ``book=False`` only adds it."""

    def make(organisation="unhcr", book_it=True, **kw):
        activity = series(centre, org(organisation), **kw)
        dbsession.add(activity)
        dbsession.flush()
        if book_it:
            book(dbsession, activity, SARAJEVO, {})
        return activity

    return make


def at(day, hour=10, minute=0):
    return datetime.combine(day, time(hour, minute))
