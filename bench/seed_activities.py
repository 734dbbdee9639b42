"""Seed activities for bench/run: a centre with 50 weekly series over a year in nine
languages (its feed and week view are measured), and one room holding 500 weekly series of
20 minutes (a new weekly series is checked against them). Prints nothing."""
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import transaction
from pyramid.paster import bootstrap
from sqlalchemy import select

from portal.i18n import LANGUAGES
from portal.models import Centre, Organisation, Room, get_tm_session
from plugins.activities.booking import book
from plugins.activities.models import Activity

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.servers import CHECK_CENTRE, CHECK_SERIES, FEED_CENTRE, FEED_SERIES  # noqa: E402
MONDAY = date(2026, 1, 5)


def weekly(centre, organisation, room, start, minutes, number):
    activity = Activity(centre_id=centre.id, organisation_id=organisation.id, room_id=room.id,
                        start_local=start, duration_minutes=minutes, freq="weekly", interval=1,
                        byday="", until=MONDAY + timedelta(days=364), exdates="",
                        state="confirmed", state_reason="", source_language="en", sequence=0,
                        category="education", target_group="everyone", languages="ar,fa,en",
                        interpretation=number % 2 == 0, capacity=20)
    for lang in LANGUAGES:
        activity.set_text(lang, title=f"Class {number} ({lang})",
                          description=f"Weekly class {number}, in {lang}.")
    return activity


def seed(ini):
    with bootstrap(ini) as env, transaction.manager:
        registry = env["registry"]
        dbsession = get_tm_session(registry["dbsession_factory"], transaction.manager)
        dbsession.info["audit_disabled"] = True  # a benchmark's bulk load is not a user's change
        organisations = dbsession.scalars(select(Organisation).order_by(Organisation.id)).all()
        # 50 weekly series of an hour, 10 a room, over a year
        centre = dbsession.scalars(select(Centre).where(Centre.slug == FEED_CENTRE)).one()
        tz = ZoneInfo(centre.timezone)
        rooms = [Room(centre_id=centre.id, name=f"Bench room {n}") for n in range(5)]
        dbsession.add_all(rooms)
        dbsession.flush()
        for number in range(FEED_SERIES):
            room = rooms[number % 5]
            day, hour = divmod(number // 5, 2)
            start = datetime.combine(MONDAY + timedelta(days=day), time(9 + 3 * hour))
            activity = weekly(centre, organisations[number % len(organisations)], room, start,
                              60, number)
            dbsession.add(activity)
            dbsession.flush()
            book(dbsession, activity, tz, registry.settings, check=False)
        # 500 weekly series of 20 minutes filling one room, day and night
        centre = dbsession.scalars(select(Centre).where(Centre.slug == CHECK_CENTRE)).one()
        room = Room(centre_id=centre.id, name="Busy room")
        dbsession.add(room)
        dbsession.flush()
        for number in range(CHECK_SERIES):
            start = datetime.combine(MONDAY, time(0)) + timedelta(minutes=20 * number)
            activity = weekly(centre, organisations[number % len(organisations)], room, start,
                              20, number)
            activity.set_text("en", title=f"Slot {number}", description="")
            dbsession.add(activity)
            dbsession.flush()
            book(dbsession, activity, ZoneInfo(centre.timezone), registry.settings, check=False)
            if number % 50 == 49:
                dbsession.flush()


if __name__ == "__main__":
    seed(sys.argv[1])
