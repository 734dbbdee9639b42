"""The activity window of notices, in Europe/Sarajevo local time, across DST changes."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.noticeboard.window import Window

SARAJEVO = ZoneInfo("Europe/Sarajevo")


def local(*args):
    return datetime(*args, tzinfo=SARAJEVO)


def test_publication_window_is_inclusive_exclusive():
    w = Window(SARAJEVO, valid_from=local(2026, 5, 1, 9), valid_until=local(2026, 5, 3, 18))
    assert not w.is_active(local(2026, 5, 1, 8, 59))
    assert w.is_active(local(2026, 5, 1, 9))
    assert w.is_active(local(2026, 5, 3, 17, 59))
    assert not w.is_active(local(2026, 5, 3, 18))
    assert w.next_change(local(2026, 5, 2)) == local(2026, 5, 3, 18)
    assert w.next_change(local(2026, 5, 4)) is None


def test_weekdays_and_time_of_day():
    # Fridays 09:00-12:00 (legal clinic)
    w = Window(SARAJEVO, weekdays=frozenset({4}), daily_start=time(9), daily_end=time(12))
    friday = local(2026, 5, 8, 10)
    assert w.is_active(friday)
    assert not w.is_active(local(2026, 5, 8, 12))
    assert not w.is_active(local(2026, 5, 7, 10))  # Thursday
    assert w.next_change(local(2026, 5, 6, 15)) == local(2026, 5, 8, 9)
    assert w.next_change(friday) == local(2026, 5, 8, 12)


def test_overnight_window_belongs_to_the_day_it_starts():
    # Fridays 21:00-07:00: shown until Saturday 07:00, not on Friday morning
    w = Window(SARAJEVO, weekdays=frozenset({4}), daily_start=time(21), daily_end=time(7))
    assert w.is_active(local(2026, 5, 8, 23))
    assert w.is_active(local(2026, 5, 9, 6, 59))
    assert not w.is_active(local(2026, 5, 9, 7))
    assert not w.is_active(local(2026, 5, 8, 6))  # Friday morning is Thursday night's
    assert w.next_change(local(2026, 5, 8, 23)) == local(2026, 5, 9, 7)


def test_local_hours_are_kept_across_the_spring_change():
    # 29 March 2026: clocks go from 02:00 to 03:00 in Sarajevo
    w = Window(SARAJEVO, daily_start=time(10), daily_end=time(11))
    before, after = local(2026, 3, 28, 10, 30), local(2026, 3, 29, 10, 30)
    assert w.is_active(before) and w.is_active(after)
    assert before.utcoffset() != after.utcoffset()
    assert w.next_change(local(2026, 3, 29, 8)) == local(2026, 3, 29, 10)
    assert w.next_change(local(2026, 3, 29, 8)).astimezone(timezone.utc).hour == 8


def test_a_window_starting_in_the_skipped_hour_starts_after_it():
    w = Window(SARAJEVO, daily_start=time(2, 30), daily_end=time(4))
    start = w.next_change(local(2026, 3, 29, 0))
    assert start.astimezone(timezone.utc) == datetime(2026, 3, 29, 1, 0, tzinfo=timezone.utc)
    assert w.is_active(local(2026, 3, 29, 3, 30))


def test_autumn_change_repeated_hour():
    # 25 October 2026: 03:00 back to 02:00; a 01:00-04:00 window lasts four real hours
    w = Window(SARAJEVO, daily_start=time(1), daily_end=time(4))
    intervals = w.intervals(local(2026, 10, 25, 0), local(2026, 10, 25, 12))
    assert len(intervals) == 1
    start, end = intervals[0]
    assert end - start == timedelta(hours=4)  # both in UTC


def test_intervals_merge_and_clip():
    w = Window(SARAJEVO, valid_until=local(2026, 5, 10, 12), daily_start=time(21),
               daily_end=time(7))
    spans = w.intervals(local(2026, 5, 9, 0), local(2026, 5, 11, 0))
    assert spans == [(local(2026, 5, 9, 0), local(2026, 5, 9, 7)),
                     (local(2026, 5, 9, 21), local(2026, 5, 10, 7))]


moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1),
                       timezones=st.just(timezone.utc))
clock = st.one_of(st.none(), st.times())


@settings(max_examples=300, deadline=None)
@given(valid_from=st.one_of(st.none(), moments), valid_until=moments, at=moments,
       weekdays=st.frozensets(st.integers(0, 6)), start=clock, end=clock)
def test_an_expired_notice_is_never_shown(valid_from, valid_until, at, weekdays, start, end):
    w = Window(SARAJEVO, valid_from=valid_from, valid_until=valid_until, weekdays=weekdays,
               daily_start=start, daily_end=end)
    if at >= valid_until:
        assert not w.is_active(at)
        assert w.intervals(at, at + timedelta(days=3)) == []
    change = w.next_change(at)
    if change is not None:
        assert change > at and w.is_active(change) != w.is_active(at)
        # nothing flips in between
        middle = at + (change - at) / 2
        assert w.is_active(middle) == w.is_active(at)
    if w.is_active(at) and change is None:
        assert w.is_active(at + timedelta(days=400)) or valid_until <= at + timedelta(days=400)


# -- next_change against a brute-force scan ----------------------------------------------------

MINUTE = timedelta(minutes=1)
START_2026 = datetime(2026, 1, 1, tzinfo=timezone.utc)
whole_minutes = st.integers(0, 366 * 24 * 60).map(lambda m: START_2026 + m * MINUTE)
clock_minutes = st.one_of(st.none(), st.integers(0, 24 * 60 - 1).map(
    lambda m: time(m // 60, m % 60)))
# days and minutes drawn apart, so that windows starting weeks ahead come up often
offsets = st.builds(lambda days, minutes: timedelta(days=days, minutes=minutes),
                    st.integers(-3, 24), st.integers(0, 24 * 60 - 1))
WEEK_AND_A_DAY = timedelta(days=8)


def first_flip(window, at):
    """The first whole minute after ``at`` at which ``is_active`` differs, minute by minute.

    Nothing shows before ``valid_from``, so the scan may start there. A weekly pattern repeats
    within eight days: what does not flip in them flips only at ``valid_until``, if at all.
    """
    now = window.is_active(at)
    moment = at + MINUTE
    if window.valid_from is not None and window.valid_from > moment:
        assert not now
        moment = window.valid_from
    end = moment + WEEK_AND_A_DAY
    while moment <= end:
        if window.is_active(moment) != now:
            return moment
        moment += MINUTE
    until = window.valid_until
    return until if until is not None and until > end and now else None


@settings(max_examples=120, deadline=None)
@given(at=whole_minutes, starts_in=st.one_of(st.none(), offsets),
       ends_in=st.one_of(st.none(), offsets), weekdays=st.frozensets(st.integers(0, 6)),
       start=clock_minutes, end=clock_minutes)
def test_next_change_is_the_first_minute_that_flips(at, starts_in, ends_in, weekdays, start,
                                                    end):
    w = Window(SARAJEVO, valid_from=at + starts_in if starts_in is not None else None,
               valid_until=at + ends_in if ends_in is not None else None, weekdays=weekdays,
               daily_start=start, daily_end=end)
    assert w.next_change(at) == first_flip(w, at)


def test_next_change_of_a_window_that_starts_weeks_ahead():
    # Tuesdays 09:00-12:00 from a Wednesday afternoon three weeks ahead: next Tuesday 09:00
    w = Window(SARAJEVO, valid_from=local(2026, 6, 3, 15), weekdays=frozenset({1}),
               daily_start=time(9), daily_end=time(12))
    assert w.next_change(local(2026, 5, 13, 10)) == local(2026, 6, 9, 9)
    # every day 09:00-12:00 from a day three weeks ahead, at 15:00
    w = Window(SARAJEVO, valid_from=local(2026, 6, 3, 15), daily_start=time(9),
               daily_end=time(12))
    assert w.next_change(local(2026, 5, 13, 10)) == local(2026, 6, 4, 9)
