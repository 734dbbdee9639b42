"""Rooms without double booking.

Every occurrence of a series that holds a room is materialised as a ``Slot`` in UTC over a
bounded horizon (``activities.horizon_days``, default 400 days from today or from the series'
start, whichever is later): a series without an end is checked, and held, that far ahead.
``Activity.slots_until`` says how far; the slots are *extended* (``extend_room``) as the
horizon moves: by ``portal-activities-extend`` (a daily cron job), and before any booking is
checked against a room, so that a new series meets every other series of the room as far as
it is itself checked. The oldest booking keeps its room: an extended occurrence that would
overlap a series booked since is left out and reported. The check compares half-open intervals
``[start, end + turnover)``: an activity may start exactly when another one's turnover ends.

* SQLite: a booking first writes its centre's ``BookingLock`` row, which takes the database's
  write lock before the check reads, so two bookings never check at the same time (the second
  waits, or is retried by pyramid_retry when its snapshot is older than the first's commit).
* PostgreSQL: the exclusion constraint ``ex_activities_slots_no_overlap`` (btree_gist) refuses
  overlapping held slots of one room even for bookings checked at the same moment; the loser
  gets the same message as the check gives.
"""
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, select, union_all, update
from sqlalchemy.exc import IntegrityError

from portal.api import Centre, Organisation, Room

from .models import Activity, BookingLock, RoomSetting, Slot
from .recurrence import align_start, occurrences, series_rule

DEFAULT_HORIZON_DAYS = 400
CONSTRAINT = "ex_activities_slots_no_overlap"


@dataclass(frozen=True)
class Clash:
    """One occurrence of the new series that overlaps a held occurrence of another."""

    start: datetime  # the new occurrence, UTC
    other_start: datetime  # the occurrence it meets, UTC
    other_activity_id: int
    organisation: str


class Conflict(Exception):
    def __init__(self, clashes):
        super().__init__(clashes)
        self.clashes = clashes


def horizon_end(activity, settings=None, today=None):
    days = int((settings or {}).get("activities.horizon_days", DEFAULT_HORIZON_DAYS))
    today = today or datetime.now(timezone.utc).date()
    base = max(today, activity.start_local.date())
    return datetime.combine(base + timedelta(days=days), datetime.min.time())


def buffer_of(dbsession, room_id):
    minutes = dbsession.scalar(select(RoomSetting.buffer_minutes)
                               .where(RoomSetting.room_id == room_id))
    return timedelta(minutes=minutes or 0)


def intervals(activity, tz, until_local):
    """``(start, end)`` in UTC of every occurrence that takes place (not cancelled)."""
    if isinstance(tz, str):
        tz = ZoneInfo(tz)
    window_end = until_local.replace(tzinfo=tz)
    found = [(o.start_utc, o.end_utc) for o in
             occurrences(activity, tz, window_end=window_end, include_cancelled=False)]
    found.sort()
    return found


def find_clashes(dbsession, activity, spans, buffer, limit=None):
    """Held slots of other series in the activity's room that ``spans`` (UTC, sorted) overlap,
    the room's turnover time counted after each of them and after each span.

    Each span looks only at its own short range of the room's ``(room_id, starts)`` index, a
    hundred spans to a query (UNION ALL): a full room holds tens of thousands of slots over a
    year, and none of them needs to leave the database unless it clashes."""
    if activity.room_id is None or not spans:
        return []
    held = set()
    for chunk in range(0, len(spans), 100):
        parts = []
        for start, end in spans[chunk:chunk + 100]:
            part = select(Slot.starts, Slot.ends, Slot.activity_id).where(
                Slot.room_id == activity.room_id, Slot.held.is_(True),
                Slot.starts > start - buffer - LONGEST, Slot.starts < end + buffer,
                Slot.ends > start - buffer)
            if activity.id is not None:
                part = part.where(Slot.activity_id != activity.id)
            parts.append(part)
        held.update(dbsession.execute(union_all(*parts)).all())
    if not held:
        return []
    names = dict(dbsession.execute(
        select(Activity.id, Organisation.name)
        .join(Organisation, Organisation.id == Activity.organisation_id)
        .where(Activity.id.in_({row.activity_id for row in held}))).all())
    held = sorted(held)
    held_starts = [row.starts for row in held]
    clashes = []
    for start, end in spans:
        blocked = end + buffer
        upto = bisect_left(held_starts, blocked)  # held slots starting before our block ends
        since = bisect_left(held_starts, start - LONGEST - buffer, 0, upto)
        for row in held[since:upto]:
            if row.ends + buffer > start:
                clashes.append(Clash(start, row.starts, row.activity_id,
                                     names[row.activity_id]))
                break
        if limit and len(clashes) >= limit:
            break
    return clashes


#: no occurrence lasts longer (the form allows 12 hours): none starting earlier reaches us
LONGEST = timedelta(days=1)


def lock_bookings(dbsession, centre_id):
    """Serialise the bookings of a centre on SQLite (see the module's docstring)."""
    if dbsession.get_bind().dialect.name != "sqlite":
        return
    done = dbsession.execute(update(BookingLock).where(BookingLock.centre_id == centre_id)
                             .values(bookings=BookingLock.bookings + 1)).rowcount
    if not done:
        dbsession.add(BookingLock(centre_id=centre_id, bookings=1))
        dbsession.flush()


#: ``Activity.slots_until`` of a series whose every occurrence is materialised
ALL_MATERIALISED = datetime(9999, 12, 31)


def materialised_until(activity, horizon):
    """How far the slots of ``activity`` materialised up to ``horizon`` reach: the horizon,
    or ``ALL_MATERIALISED`` when the series has no occurrence after it."""
    rule = series_rule(activity)
    if rule is None or ((activity.until or activity.count) and rule.after(horizon, inc=True)
                        is None):
        return ALL_MATERIALISED
    return horizon


def slot_rows(activity, spans, buffer):
    held = activity.state == "confirmed"
    return [{"activity_id": activity.id, "room_id": activity.room_id, "starts": start,
             "ends": end, "blocks_until": end + buffer, "held": held} for start, end in spans]


def materialise(dbsession, activity, tz, settings=None):
    """Replace the slots of ``activity`` by its occurrences up to the horizon."""
    dbsession.flush()
    dbsession.execute(delete(Slot).where(Slot.activity_id == activity.id))
    if activity.room_id is None or activity.state == "declined":
        activity.slots_until = None
        return
    horizon = horizon_end(activity, settings)
    rows = slot_rows(activity, intervals(activity, tz, horizon),
                     buffer_of(dbsession, activity.room_id))
    if rows:
        dbsession.execute(insert(Slot), rows)
    activity.slots_until = materialised_until(activity, horizon)


@dataclass(frozen=True)
class Extension:
    """What extending one series did: occurrences added, and those left out (clashes)."""

    activity: Activity
    added: int
    clashes: list


def extend_series(dbsession, activity, tz, until_local, buffer):
    """Materialise the occurrences of ``activity`` from its ``slots_until`` up to
    ``until_local``, leaving out (and reporting) those that would overlap a held occurrence
    of another series: that one was booked, and checked, first."""
    since = activity.slots_until
    spans = intervals(activity, tz, until_local)
    if since is None:  # not known (materialised before slots_until existed): from the start
        dbsession.execute(delete(Slot).where(Slot.activity_id == activity.id))
    else:
        spans = [span for span in spans if span[0] >= since.replace(tzinfo=tz)]
    clashes = find_clashes(dbsession, activity, spans, buffer) if spans else []
    clashing = {clash.start for clash in clashes}
    rows = slot_rows(activity, [s for s in spans if s[0] not in clashing], buffer)
    if rows:
        savepoint = dbsession.begin_nested()
        try:
            dbsession.execute(insert(Slot), rows)
            savepoint.commit()
        except IntegrityError as error:  # PostgreSQL: booked since by another transaction
            savepoint.rollback()
            if CONSTRAINT not in str(error.orig):
                raise
            return Extension(activity, 0, clashes)  # tried again by the next extension
    activity.slots_until = materialised_until(activity, until_local)
    return Extension(activity, len(rows), clashes)


def extend_room(dbsession, room_id, tz, settings=None, until_local=None, today=None,
                exclude=None):
    """Extend the slots of every series in ``room_id`` to the horizon (or ``until_local``),
    the held (confirmed) ones first and the oldest first. ``[Extension, ...]`` of the series
    that changed."""
    if room_id is None:
        return []
    query = (select(Activity).where(Activity.room_id == room_id,
                                    Activity.state.in_(("confirmed", "requested")))
             .order_by(Activity.state, Activity.id))  # "confirmed" < "requested"
    if exclude is not None:
        query = query.where(Activity.id != exclude)
    if until_local is not None:
        query = query.where((Activity.slots_until.is_(None))
                            | (Activity.slots_until < until_local))
    done = []
    buffer = buffer_of(dbsession, room_id)
    for activity in dbsession.scalars(query):
        target = until_local or horizon_end(activity, settings, today)
        if activity.slots_until is not None and activity.slots_until >= target:
            continue
        done.append(extend_series(dbsession, activity, tz, target, buffer))
    return done


def extend_all(dbsession, settings=None, today=None):
    """Extend every room's series to the horizon from ``today`` (the daily job)."""
    done = []
    rooms = dbsession.execute(select(Room.id, Room.centre_id, Centre.timezone)
                              .join(Centre, Centre.id == Room.centre_id)
                              .order_by(Room.id)).all()
    for room_id, centre_id, zone in rooms:
        lock_bookings(dbsession, centre_id)
        done += extend_room(dbsession, room_id, ZoneInfo(zone or "Europe/Sarajevo"), settings,
                            today=today)
    return done


def book(dbsession, activity, tz, settings=None, check=True):
    """Check ``activity`` (new or edited) against its room and hold its slots.

    Raises :class:`Conflict` with the clashing occurrences. A requested (not yet confirmed)
    series is checked against the confirmed ones but holds nothing.
    """
    lock_bookings(dbsession, activity.centre_id)
    align_start(activity)
    dbsession.flush()
    if check and activity.room_id is not None and activity.state != "declined":
        # the room's other series as far ahead as this one is checked
        extend_room(dbsession, activity.room_id, tz, settings,
                    until_local=horizon_end(activity, settings), exclude=activity.id)
        spans = intervals(activity, tz, horizon_end(activity, settings))
        clashes = find_clashes(dbsession, activity, spans, buffer_of(dbsession, activity.room_id),
                               limit=20)
        if clashes:
            raise Conflict(clashes)
    savepoint = dbsession.begin_nested()
    try:
        materialise(dbsession, activity, tz, settings)
        savepoint.commit()
    except IntegrityError as error:
        savepoint.rollback()
        if CONSTRAINT not in str(error.orig):
            raise
        # booked at the same moment by another transaction, committed since: name it as the
        # check would have
        spans = intervals(activity, tz, horizon_end(activity, settings))
        clashes = find_clashes(dbsession, activity, spans, buffer_of(dbsession, activity.room_id),
                               limit=20)
        raise Conflict(clashes) from None


def rematerialise_room(dbsession, room_id, tz, settings=None):
    """The slots of every series in a room again (after its turnover time changed)."""
    for activity in dbsession.scalars(select(Activity).where(Activity.room_id == room_id)):
        materialise(dbsession, activity, tz, settings)
