"""Occurrences of a series, expanded in the centre's local time.

The rule is expanded by dateutil's ``rrule`` on naive wall times, then each occurrence is given
the centre's offset of its own day: a weekly 10:00 class is at 10:00 in winter and in summer (in
UTC it moves by an hour). Expanding in UTC would move it to 11:00 after the change.
A wall time skipped when the clocks go forward (02:30 on the last Sunday of March) is taken
after the gap, as zoneinfo does with ``fold=0``.
"""
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, rrule, weekdays

from .models import WEEKDAYS, split_byday

RRULE_FREQ = {"daily": DAILY, "weekly": WEEKLY, "monthly": MONTHLY}


@dataclass
class Occurrence:
    activity: object
    original_start: datetime  # naive local: identifies the occurrence (RECURRENCE-ID)
    start: datetime  # aware, centre's time zone
    end: datetime
    cancelled: bool = False
    moved: bool = False
    change: object = None  # the OccurrenceChange: its reason per language

    @property
    def reason(self):
        """The reason as written (the source language); pages show ``change.reason_in``."""
        return self.change.reason if self.change is not None else ""

    @property
    def start_utc(self):
        return self.start.astimezone(timezone.utc)

    @property
    def end_utc(self):
        return self.end.astimezone(timezone.utc)


def aware(local, tz):
    """A naive wall time of the centre as an aware datetime (its own day's offset)."""
    return local.replace(tzinfo=tz)


def series_rule(activity):
    """dateutil ``rrule`` of the series, or None for a single occurrence."""
    if not activity.freq:
        return None
    kwargs = {"dtstart": activity.start_local, "interval": max(1, activity.interval or 1)}
    if activity.weekday_list and activity.freq == "weekly":
        kwargs["byweekday"] = [weekdays[WEEKDAYS.index(code)] for code in activity.weekday_list]
    elif activity.weekday_list and activity.freq == "monthly":
        # "2TU": the second Tuesday of each month; "-1FR": the last Friday
        kwargs["byweekday"] = [weekdays[WEEKDAYS.index(code)](nth) for nth, code in
                               map(split_byday, activity.weekday_list)]
    if activity.until is not None:
        kwargs["until"] = datetime.combine(activity.until, time(23, 59, 59))
    elif activity.count:
        kwargs["count"] = activity.count
    return rrule(RRULE_FREQ[activity.freq], **kwargs)


def align_start(activity):
    """Move the series' start to its first occurrence (a weekly rule on Fridays typed with a
    Monday as first day starts on the Friday): RFC 5545 counts DTSTART as an occurrence, so
    calendar apps would show one on the Monday that this portal never expands."""
    rule = series_rule(activity)
    if rule is None:
        return
    first = next(iter(rule), None)
    if first is not None and first != activity.start_local:
        activity.start_local = first


def series_starts(activity, until_local):
    """Naive local starts of the series up to ``until_local`` (excluded), exception dates left
    out, moved and cancelled occurrences still in."""
    rule = series_rule(activity)
    if rule is None:
        starts = [activity.start_local] if activity.start_local < until_local else []
    else:
        starts = rule.between(activity.start_local, until_local, inc=True)
        starts = [s for s in starts if s < until_local]
    skipped = activity.exdate_set
    return [s for s in starts if s.date() not in skipped]


def occurrences(activity, tz, window_start=None, window_end=None, include_cancelled=True):
    """Occurrences overlapping ``[window_start, window_end)`` (aware), in start order.

    A moved occurrence is where it was moved to (and found by its new time); a cancelled one
    is kept with ``cancelled`` set unless ``include_cancelled`` is false.
    """
    if isinstance(tz, str):
        tz = ZoneInfo(tz)
    duration = timedelta(minutes=activity.duration_minutes)
    changes = {change.original_start: change for change in activity.changes}
    # moved occurrences may come from before the window: look a little further back and ahead
    slack = timedelta(days=62)
    last = (window_end.astimezone(tz).replace(tzinfo=None) + slack) if window_end else \
        activity.start_local + timedelta(days=3660)
    result = []
    for original in series_starts(activity, last):
        change = changes.get(original)
        start, length = original, duration
        occurrence = Occurrence(activity, original, aware(start, tz), aware(start + length, tz))
        if change is not None:
            if change.new_start is not None:
                start = change.new_start
                length = timedelta(minutes=change.new_duration_minutes or
                                   activity.duration_minutes)
                occurrence.moved = True
            occurrence.start, occurrence.end = aware(start, tz), aware(start + length, tz)
            occurrence.cancelled, occurrence.change = change.cancelled, change
        if occurrence.cancelled and not include_cancelled:
            continue
        if window_start is not None and occurrence.end <= window_start:
            continue
        if window_end is not None and occurrence.start >= window_end:
            continue
        result.append(occurrence)
    result.sort(key=lambda o: o.start_utc)
    return result
