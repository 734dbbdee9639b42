"""Expansion in the centre's local time: across both 2026 DST changes, exception dates,
moved and cancelled occurrences."""
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from plugins.activities.models import OccurrenceChange
from plugins.activities.recurrence import occurrences

from .conftest import series

TZ = ZoneInfo("Europe/Sarajevo")
UTC = timezone.utc


class Org:
    id = 1


class Centre:
    id = 1


def weekly(**kw):
    return series(Centre, Org, start=datetime(2026, 3, 16, 10, 0), byday="MO",
                  until=date(2026, 11, 9), **kw)


def test_a_weekly_ten_oclock_class_stays_at_ten_across_both_dst_changes():
    found = occurrences(weekly(), TZ)
    local = [(o.start.astimezone(TZ).date(), o.start.astimezone(TZ).time().isoformat("minutes"))
             for o in found]
    assert all(clock == "10:00" for _day, clock in local)
    by_day = {o.start.date(): o.start_utc for o in found}
    # winter (UTC+1) before 29 March, summer (UTC+2) until 25 October, winter again after
    assert by_day[date(2026, 3, 23)] == datetime(2026, 3, 23, 9, 0, tzinfo=UTC)
    assert by_day[date(2026, 3, 30)] == datetime(2026, 3, 30, 8, 0, tzinfo=UTC)
    assert by_day[date(2026, 10, 19)] == datetime(2026, 10, 19, 8, 0, tzinfo=UTC)
    assert by_day[date(2026, 10, 26)] == datetime(2026, 10, 26, 9, 0, tzinfo=UTC)
    assert len(found) == 35  # every Monday from 16 March to 9 November


def test_a_daily_class_on_the_days_of_the_change_keeps_its_wall_time():
    activity = series(Centre, Org, start=datetime(2026, 3, 28, 10, 0), freq="daily", byday="",
                      until=date(2026, 3, 30))
    starts = [o.start_utc for o in occurrences(activity, TZ)]
    assert starts == [datetime(2026, 3, 28, 9, tzinfo=UTC), datetime(2026, 3, 29, 8, tzinfo=UTC),
                      datetime(2026, 3, 30, 8, tzinfo=UTC)]
    lengths = {o.end - o.start for o in occurrences(activity, TZ)}
    assert lengths == {timedelta(hours=1)}


def test_exception_dates_leave_those_days_out():
    activity = weekly(exdates="2026-03-30,2026-04-06")
    days = {o.start.date() for o in occurrences(activity, TZ)}
    assert date(2026, 3, 23) in days and date(2026, 4, 13) in days
    assert not days & {date(2026, 3, 30), date(2026, 4, 6)}


def test_a_cancelled_occurrence_is_marked_with_its_reason_and_a_moved_one_is_at_its_new_time():
    activity = weekly()
    activity.changes = [
        OccurrenceChange(original_start=datetime(2026, 3, 23, 10), cancelled=True,
                         reason="Teacher ill"),
        OccurrenceChange(original_start=datetime(2026, 3, 30, 10),
                         new_start=datetime(2026, 4, 1, 14, 30), reason="Holiday on Monday"),
    ]
    found = {o.original_start: o for o in occurrences(activity, TZ)}
    cancelled = found[datetime(2026, 3, 23, 10)]
    assert cancelled.cancelled and cancelled.reason == "Teacher ill"
    moved = found[datetime(2026, 3, 30, 10)]
    assert moved.moved and moved.start_utc == datetime(2026, 4, 1, 12, 30, tzinfo=UTC)
    taking_place = occurrences(activity, TZ, include_cancelled=False)
    assert datetime(2026, 3, 23, 10) not in {o.original_start for o in taking_place}


def test_count_interval_and_several_weekdays():
    activity = series(Centre, Org, start=datetime(2026, 3, 2, 18, 0), byday="MO,TH",
                      interval=2, until=None, count=5)
    days = [o.start.date() for o in occurrences(activity, TZ)]
    assert days == [date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 16), date(2026, 3, 19),
                    date(2026, 3, 30)]


def test_a_window_returns_only_what_overlaps_it():
    activity = weekly()
    start = datetime(2026, 4, 6, tzinfo=TZ)
    found = occurrences(activity, TZ, start, start + timedelta(days=7))
    assert [o.start.date() for o in found] == [date(2026, 4, 6)]
