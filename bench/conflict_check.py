"""Time the room check of a new weekly series against the 500 series of one room (seeded by
seed_activities.py), in-process, as a booking runs it: expand the year, one query, the sweep.
Prints the median and the slowest of 30 runs, in milliseconds; nothing is kept."""
import statistics
import sys
import time as clock
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import transaction
from pyramid.paster import bootstrap
from sqlalchemy import select

from portal.models import Centre, Organisation, Room, get_tm_session
from plugins.activities.booking import buffer_of, find_clashes, horizon_end, intervals
from plugins.activities.models import Activity

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from bench.seed_activities import MONDAY, weekly  # noqa: E402
from bench.servers import CHECK_CENTRE  # noqa: E402


def measure(ini, runs=30):
    with bootstrap(ini) as env, transaction.manager:
        registry = env["registry"]
        dbsession = get_tm_session(registry["dbsession_factory"], transaction.manager)
        centre = dbsession.scalars(select(Centre).where(Centre.slug == CHECK_CENTRE)).one()
        room = dbsession.scalars(select(Room).where(Room.name == "Busy room")).one()
        organisation = dbsession.scalars(select(Organisation)).first()
        tz = ZoneInfo(centre.timezone)
        held = dbsession.scalar(select(Activity.id).where(Activity.room_id == room.id).limit(1))
        assert held is not None, "seed_activities.py has not run"
        timings, clashes = [], 0
        for run in range(runs):
            # a new weekly hour on another day and time each run: clashes with three series
            start = datetime.combine(MONDAY + timedelta(days=run % 7), datetime.min.time()) \
                + timedelta(hours=run % 24)
            activity = weekly(centre, organisation, room, start, 60, 9999)
            began = clock.perf_counter()
            spans = intervals(activity, tz, horizon_end(activity, registry.settings))
            found = find_clashes(dbsession, activity, spans, buffer_of(dbsession, room.id))
            timings.append((clock.perf_counter() - began) * 1000)
            clashes += bool(found)
        transaction.abort()
    return statistics.median(timings), max(timings), clashes


if __name__ == "__main__":
    median, slowest, clashes = measure(sys.argv[1])
    print(f"{median:.2f} {slowest:.2f} {clashes}")
