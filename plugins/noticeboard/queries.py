"""Which notices a centre shows now, and when that changes next."""
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, or_, select

from portal.api import utcnow

from .categories import PRIORITY_ORDER
from .models import Notice

#: how far ahead the kiosk feed lists when notices show, so kiosks stay right while offline
HORIZON = timedelta(hours=48)


def published_notices(dbsession, centre, now):
    """Published, not yet expired notices of ``centre`` and of all centres: one query."""
    return dbsession.scalars(
        select(Notice).where(
            or_(Notice.centre_id == centre.id, Notice.centre_id.is_(None)),
            Notice.state == "published",
            or_(Notice.valid_until.is_(None), Notice.valid_until > now),
        )
    ).all()


def sort_key(notice):
    return (PRIORITY_ORDER.get(notice.priority, 9), notice.position, -notice.id)


def board_order():
    """``sort_key`` in SQL: urgent first, then the display order, then the newest."""
    return (case(PRIORITY_ORDER, value=Notice.priority, else_=9), Notice.position,
            Notice.id.desc())


def notice_schedule(dbsession, centre, now=None, horizon=HORIZON):
    """``(rows, next_change)``: rows of (notice, shown now, intervals within the horizon)."""
    now = now or utcnow()
    tz = ZoneInfo(centre.timezone)
    rows, next_change = [], now + horizon
    for notice in published_notices(dbsession, centre, now):
        window = notice.window(tz)
        intervals = window.intervals(now, now + horizon)
        change = window.next_change(now)
        if change is not None and change < next_change:
            next_change = change
        if intervals:
            rows.append((notice, window.is_active(now), intervals))
    rows.sort(key=lambda row: sort_key(row[0]))
    return rows, next_change
