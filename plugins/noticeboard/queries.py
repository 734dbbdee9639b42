"""Which notices a centre shows, a page at a time, and when that changes next.

Notices are read in board order (priority, position, newest first) straight from the database,
a chunk at a time, until a page is full: a page costs what it shows, not what the centre has.
Whether a notice shows *now* depends on its weekdays and daily hours in the centre's time zone,
which only :class:`~.window.Window` can tell, hence the chunks rather than one ``LIMIT``.
"""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_, select

from portal.api import utcnow

from .categories import PRIORITY_ORDER
from .models import Notice, weekday_set
from .window import Window

#: how far ahead the kiosk feed lists when notices show, so kiosks stay right while offline
HORIZON = timedelta(hours=48)
#: notices read per query after the first while filling a page (some may not show now)
CHUNK = 20

WINDOW_COLUMNS = (Notice.valid_from, Notice.valid_until, Notice.weekdays, Notice.daily_start,
                  Notice.daily_end)
BOARD_ORDER = (case(PRIORITY_ORDER, value=Notice.priority, else_=len(PRIORITY_ORDER)),
               Notice.position, Notice.id.desc())


def published(centre, now):
    """Published, not expired notices of ``centre`` and of all centres."""
    return (or_(Notice.centre_id == centre.id, Notice.centre_id.is_(None)),
            Notice.state == "published",
            or_(Notice.valid_until.is_(None), Notice.valid_until > now))


def in_board_order(dbsession, centre, now, languages, first, starting_before=None):
    """Published notices one by one in board order with their texts in ``languages``: ``first``
    of them in the first query (what a page needs when every notice shows), then ``CHUNK`` at a
    time; only those whose publication starts before ``starting_before`` when given."""
    query = (select(Notice).where(*published(centre, now)).order_by(*BOARD_ORDER)
             .options(Notice.texts_in(languages)))
    if starting_before is not None:
        query = query.where(or_(Notice.valid_from.is_(None), Notice.valid_from < starting_before))
    offset, size = 0, first
    while True:
        chunk = dbsession.scalars(query.offset(offset).limit(size)).all()
        yield from chunk
        if len(chunk) < size:
            return
        offset, size = offset + size, max(CHUNK, size // 2)


def board_page(dbsession, centre, page, size, languages, now=None):
    """``(notices, has_next)``: page ``page`` (from 1) of the notices shown right now, with
    their texts in ``languages`` (the reader's and its fallbacks)."""
    now = now or utcnow()
    tz = ZoneInfo(centre.timezone)
    skip, notices = (page - 1) * size, []
    for notice in in_board_order(dbsession, centre, now, languages, first=page * size + 1,
                                 starting_before=now):
        if not notice.window(tz).is_active(now):
            continue
        if skip:
            skip -= 1
            continue
        notices.append(notice)
        if len(notices) > size:
            break
    return notices[:size], len(notices) > size


def kiosk_schedule(dbsession, centre, limit, languages, now=None, horizon=HORIZON):
    """The first ``limit`` notices in board order that show within the horizon, as rows of
    (notice, shown now, periods when it shows).

    The periods start at the hour before ``now``, so the feed stays the same from one minute to
    the next while nothing changes (its ETag holds; the kiosk ignores periods in the past).
    """
    now = now or utcnow()
    tz = ZoneInfo(centre.timezone)
    start = now.replace(minute=0, second=0, microsecond=0)
    rows = []
    for notice in in_board_order(dbsession, centre, now, languages, first=limit,
                                 starting_before=start + horizon):
        window = notice.window(tz)
        intervals = window.intervals(start, start + horizon)
        if intervals:
            rows.append((notice, window.is_active(now), intervals))
            if len(rows) == limit:
                break
    return rows


def next_change(dbsession, centre, now=None):
    """When the notices shown by the centre next change by themselves, or None: the earliest
    start or end of publication ahead, in SQL, and the next turn of the notices with weekdays
    or daily hours (usually few)."""
    now = now or utcnow()
    conditions = published(centre, now)
    starts, ends = dbsession.execute(
        select(func.min(case((Notice.valid_from > now, Notice.valid_from))),
               func.min(Notice.valid_until)).select_from(Notice).where(*conditions)).one()
    candidates = [moment for moment in (starts, ends) if moment is not None]
    tz = ZoneInfo(centre.timezone)
    recurring = dbsession.execute(select(*WINDOW_COLUMNS).select_from(Notice).where(
        *conditions, or_(Notice.weekdays != "", Notice.daily_start.is_not(None)))).all()
    for row in recurring:
        change = Window(tz, valid_from=row.valid_from, valid_until=row.valid_until,
                        weekdays=weekday_set(row.weekdays), daily_start=row.daily_start,
                        daily_end=row.daily_end).next_change(now)
        if change is not None:
            candidates.append(change)
    return min(candidates, default=None)


def last_modified(dbsession, centre):
    """When a notice of the centre last changed (an empty feed's ``updated``), or the epoch."""
    moment = dbsession.scalar(select(func.max(Notice.modified)).select_from(Notice).where(
        or_(Notice.centre_id == centre.id, Notice.centre_id.is_(None))))
    return moment or datetime(1970, 1, 1, tzinfo=timezone.utc)
