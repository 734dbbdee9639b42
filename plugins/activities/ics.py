"""iCalendar feeds (RFC 5545) written with ``icalendar``.

One VEVENT per series with its RRULE/EXDATE in the centre's time zone, and one VEVENT per moved
or cancelled occurrence (same UID, RECURRENCE-ID, ``STATUS:CANCELLED`` when cancelled). The
VTIMEZONE is written in RRULE form from the zone's current rules: the multi-valued RDATE form
that ``add_missing_timezones()`` writes is read by ical.js (Thunderbird, Nextcloud) as its first
value only, which puts every occurrence after the March change an hour off. DTSTAMP is the
series' last change, so an unchanged calendar keeps its bytes and its ETag.
"""
from datetime import datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from .models import WEEKDAYS

PRODID = "-//participation-portal//activities//EN"


def _transitions(tz, year):
    """The moments (local wall time before the change) when ``tz`` changes its offset in
    ``year``: ``[(local datetime, offset before, offset after), ...]``."""
    found = []
    moment = datetime(year, 1, 1, tzinfo=timezone.utc)
    offset = moment.astimezone(tz).utcoffset()
    while moment.year == year:
        following = moment + timedelta(hours=1)
        new_offset = following.astimezone(tz).utcoffset()
        if new_offset != offset:
            found.append(((following + offset).replace(tzinfo=None), offset, new_offset))
            offset = new_offset
        moment = following
    return found


def _byday(local):
    """``-1SU`` for the last Sunday of its month, ``2SU`` for the second..."""
    code = WEEKDAYS[local.weekday()]
    if (local + timedelta(days=7)).month != local.month:
        return f"-1{code}"
    return f"{(local.day - 1) // 7 + 1}{code}"


def vtimezone(tzid, year=None):
    """VTIMEZONE of ``tzid`` in RRULE form (yearly rules from this year's changes)."""
    return _vtimezone(tzid, year or datetime.now(timezone.utc).year)


@lru_cache(maxsize=16)
def _vtimezone(tzid, year):
    """Computed once per zone and year: finding the changes walks the year hour by hour."""
    tz = ZoneInfo(tzid)
    component = Timezone()
    component.add("tzid", tzid)
    changes = _transitions(tz, year)
    if not changes:
        offset = datetime(year, 1, 1, tzinfo=tz).utcoffset()
        standard = TimezoneStandard()
        standard.add("dtstart", datetime(1970, 1, 1))
        standard.add("tzoffsetfrom", offset)
        standard.add("tzoffsetto", offset)
        standard.add("tzname", datetime(year, 1, 1, tzinfo=tz).tzname())
        component.add_component(standard)
        return component
    for local, before, after in changes:
        part = TimezoneDaylight() if after > before else TimezoneStandard()
        part.add("tzname", (datetime.combine(local.date(), time(12), tz)).tzname())
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        # the first year of the rule: 1970's matching day
        first = local.replace(year=1970, day=1)
        while _byday(first) != _byday(local):
            first += timedelta(days=1)
        part.add("dtstart", first)
        part.add("rrule", vRecur.from_ical(f"FREQ=YEARLY;BYMONTH={local.month};"
                                           f"BYDAY={_byday(local)}"))
        component.add_component(part)
    return component


def series_rrule(activity, tz):
    if not activity.freq:
        return None
    rule = {"FREQ": activity.freq.upper(), "INTERVAL": max(1, activity.interval or 1)}
    if activity.freq in ("weekly", "monthly") and activity.weekday_list:
        rule["BYDAY"] = activity.weekday_list
    if activity.until is not None:
        # with a DTSTART in a time zone, UNTIL is written in UTC (RFC 5545 3.3.10)
        last = datetime.combine(activity.until, time(23, 59, 59), tz)
        rule["UNTIL"] = last.astimezone(timezone.utc)
    elif activity.count:
        rule["COUNT"] = activity.count
    return vRecur(rule)


def _describe(entry_text, activity, labels):
    lines = [entry_text] if entry_text else []
    lines.append(f"{labels['organisation']}: {activity.organisation.name}")
    lines.append(f"{labels['group']}: {labels['group_value']}")
    if labels.get("languages_value"):
        lines.append(f"{labels['languages']}: {labels['languages_value']}")
    if activity.interpretation:
        lines.append(labels["interpretation"])
    return "\n".join(lines)


def activity_events(activity, tz, text, lang, labels, location, chain=()):
    """The series' VEVENT and one per changed occurrence (its reason in ``lang`` or the
    first of ``chain`` it has)."""
    tzid = tz.key
    summary = text.title if text is not None else ""
    description = _describe(text.description if text is not None else "", activity,
                            labels(activity))
    stamp = activity.modified.astimezone(timezone.utc)
    for change in activity.changes:
        stamp = max(stamp, change.modified.astimezone(timezone.utc))
    duration = timedelta(minutes=activity.duration_minutes)

    def base(start_local, length):
        event = Event()
        event.add("uid", activity.uid)
        event.add("dtstamp", stamp)
        event.add("created", activity.created.astimezone(timezone.utc))
        event.add("last-modified", stamp)
        event.add("sequence", activity.sequence)
        event.add("summary", summary, parameters={"LANGUAGE": text.language} if text else None)
        event.add("dtstart", start_local.replace(tzinfo=tz))
        event.add("dtend", (start_local + length).replace(tzinfo=tz))
        if location:
            event.add("location", location)
        event.add("categories", [activity.category])
        return event

    series = base(activity.start_local, duration)
    series.add("description", description)
    series.add("status", "CONFIRMED")
    rule = series_rrule(activity, tz)
    if rule is not None:
        series.add("rrule", rule)
        start_time = activity.start_local.time()
        for day in sorted(activity.exdate_set):
            series.add("exdate", datetime.combine(day, start_time, tz))
    events = [series]
    if rule is None:
        return events
    for change in activity.changes:
        moved_to = change.new_start or change.original_start
        length = timedelta(minutes=change.new_duration_minutes or activity.duration_minutes)
        override = base(moved_to, length)
        override.add("recurrence-id", change.original_start.replace(tzinfo=tz))
        shown, _fallback = change.reason_in(lang, chain)
        reason = f"\n\n{shown.reason}" if shown is not None else ""
        override.add("description", description + reason)
        override.add("status", "CANCELLED" if change.cancelled else "CONFIRMED")
        events.append(override)
    for event in events:
        event["dtstart"].params["TZID"] = tzid
        event["dtend"].params["TZID"] = tzid
    return events


def calendar(name, lang, tzid, events):
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", tzid)
    cal.add_component(vtimezone(tzid))
    for event in events:
        cal.add_component(event)
    return cal.to_ical()

