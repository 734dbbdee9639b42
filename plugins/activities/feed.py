"""The iCalendar feed, fast without the page cache.

Writing a series' VEVENTs with ``icalendar`` costs about a millisecond (some twenty folded
content lines each, more with moved dates), so a centre's feed of 50 series took ~55 ms. Each
series' serialized block is kept per language in a bounded in-process LRU, keyed on what it is
written from: its UID and id, its last change (``modified``: every edit of the series, of one of
its dates or of any of its texts moves it), its ``SEQUENCE``, the latest change of its dates,
its organisation's and room's names and the reader's fallback languages. A request reads only
those columns (one light query, kept while the centre's change counter stays the same), writes
the blocks it misses from fully loaded series, and puts them between the calendar's head and
``END:VCALENDAR``, also kept once per name and year. The bytes are those ``ics.calendar``
writes for the same events (tested), so ETags stay stable.
"""
import threading
from collections import OrderedDict
from datetime import datetime, timezone

from sqlalchemy import String, bindparam, func, select, type_coerce

from portal.api import Organisation, Room, kept

from .ics import activity_events, calendar
from .models import Activity, OccurrenceChange
from .schedule import confirmed_activities, shown_text

END = b"END:VCALENDAR\r\n"
DEFAULT_CACHE_BYTES = 8 * 1024 * 1024


class BlockCache:
    """Thread-safe LRU of serialized bytes, bounded by their total size.

    On an ``OrderedDict`` rather than ``cachetools``: a feed looks up fifty keys of ten
    fields each, and each lookup there hashed its key five times (a tenth of a feed's cost)."""

    def __init__(self, max_bytes):
        self.max_bytes = max(1, max_bytes)
        self.size = 0
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        return self.get_many([key])[0]

    def get_many(self, keys):
        """``[bytes or None, ...]`` for ``keys``, under one lock (a feed asks for fifty)."""
        found = []
        with self.lock:
            get, used = self.entries.get, self.entries.move_to_end
            for key in keys:
                value = get(key)
                if value is not None:
                    used(key)
                found.append(value)
        return found

    def put(self, key, value):
        if len(value) > self.max_bytes:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self.entries[key] = value
            self.size += len(value)
            while self.size > self.max_bytes:
                _key, evicted = self.entries.popitem(last=False)
                self.size -= len(evicted)


def cache_of(registry, name):
    cache = registry.get(name)
    if cache is None:
        size = int(registry.settings.get("activities.feed_cache_bytes", DEFAULT_CACHE_BYTES))
        cache = registry[name] = BlockCache(size)
    return cache


def series_keys_statement(by_room, by_organisation):
    """The statement of ``series_keys``, with bound parameters: building it cost as much as
    running it."""
    series, changes = Activity.__table__.c, OccurrenceChange.__table__.c
    changed = (select(func.max(type_coerce(changes.modified, String)))
               .where(changes.activity_id == series.id).scalar_subquery())
    query = (select(series.id, series.uid, type_coerce(series.modified, String), series.sequence,
                    changed, Organisation.__table__.c.name, Room.__table__.c.name)
             .join_from(Activity.__table__, Organisation.__table__,
                        Organisation.__table__.c.id == series.organisation_id)
             .outerjoin(Room.__table__, Room.__table__.c.id == series.room_id)
             .where(series.centre_id == bindparam("centre_id"), series.state == "confirmed")
             .order_by(series.id))
    if by_room:
        query = query.where(series.room_id == bindparam("room_id"))
    if by_organisation:
        query = query.where(series.organisation_id == bindparam("organisation_id"))
    return query


SERIES_KEYS = {(room, organisation): series_keys_statement(room, organisation)
               for room in (False, True) for organisation in (False, True)}


def series_keys(request, centre, lang, chain, room_id=None, organisation_id=None):
    """``((activity id, block key), ...)`` of the centre's confirmed series, in the feed's
    order: the few columns that decide a series' block, with the language, its fallbacks and
    the centre's name.

    Plain table columns, the stamps as the database gives them (text on SQLite): turning fifty
    rows into ORM values and aware datetimes cost more than the rest of the feed. Kept between
    requests while the centre's change counter stays the same (``kept``): a change to a series,
    its dates, texts, room or organisation moves it."""
    def load():
        statement = SERIES_KEYS[room_id is not None, organisation_id is not None]
        rows = request.dbsession.connection().execute(statement, {
            "centre_id": centre.id, "room_id": room_id, "organisation_id": organisation_id})
        return tuple((row[0], (*row, lang, tuple(chain), centre.name)) for row in rows)

    return kept(request, ("activities.feed", centre.id, room_id, organisation_id, lang),
                centre.id, load)


def frame(registry, name, tzid, lang):
    """The calendar's head (properties and VTIMEZONE) before its events."""
    cache = cache_of(registry, "activities.feed_frames")
    key = (name, tzid, lang, datetime.now(timezone.utc).year)
    head = cache.get(key)
    if head is None:
        whole = calendar(name, lang, tzid, [])
        head = whole[:-len(END)]
        cache.put(key, head)
    return head


def feed_body(request, centre, tz, lang, chain, name, labels, room_id=None,
              organisation_id=None):
    """The bytes of the feed: cached blocks of the series, the misses written now."""
    registry = request.registry
    blocks = cache_of(registry, "activities.feed_blocks")
    settings = registry.settings
    keys = series_keys(request, centre, lang, chain, room_id, organisation_id)
    found = dict(zip((activity_id for activity_id, _key in keys),
                     blocks.get_many([key for _activity_id, key in keys])))
    missing = [activity_id for activity_id, block in found.items() if block is None]
    if missing:
        key_of = dict(keys)
        for activity in confirmed_activities(request.dbsession, centre, languages=[lang, *chain],
                                             ids=missing):
            shown = shown_text(activity, lang, settings)
            location = ", ".join(filter(None, [activity.room.name if activity.room else "",
                                               centre.name]))
            events = activity_events(activity, tz, shown["text"] if shown else None, lang,
                                     labels, location, chain)
            block = b"".join(event.to_ical() for event in events)
            found[activity.id] = block
            blocks.put(key_of[activity.id], block)
    body = [frame(registry, name, tz.key, lang)]
    body += [found[activity_id] for activity_id, _key in keys if found.get(activity_id)]
    body.append(END)
    return b"".join(body)
