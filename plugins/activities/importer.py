"""Import of an organisation's schedule from an .ics file.

The whole file is read and checked before anything is written: a file that is not iCalendar
(a line without a name and a colon, a BEGIN without its END, an event without a start) is
refused with its line and the reason, and nothing is imported. Each event that can be read is
then booked like one typed in the form, in a savepoint of its own: the report lists what was
imported, what was skipped (with why) and what met a booked room. An event whose UID was
imported before is skipped, so importing the same file again adds nothing.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from icalendar import Calendar

from portal.api import LANGUAGES

from .booking import Conflict, book
from .conflict_messages import describe_clashes
from .i18n import _
from .models import WEEKDAYS, Activity, split_byday
from .schedule import centre_tz

CONTENT_LINE = re.compile(r"^[A-Za-z0-9-]+(;[^:]*)?:")
FREQS = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}
RULE_PARTS = {"FREQ", "INTERVAL", "BYDAY", "BYSETPOS", "UNTIL", "COUNT", "WKST"}


def known_byday(rule):
    """BYDAY as this portal keeps it, or None for a rule it cannot repeat: weekly on plain
    weekdays (``MO,WE``); monthly on the n-th or last weekday (``2TU``, ``-1FR``, also written
    ``BYDAY=TU;BYSETPOS=2``)."""
    freq = rule.get("FREQ", [None])[0]
    days = [split_byday(str(d)) for d in rule.get("BYDAY", [])]
    positions = [int(p) for p in rule.get("BYSETPOS", [])]
    if None in days or len(positions) > 1 or (positions and freq != "MONTHLY"):
        return None
    if positions:
        if any(nth is not None for nth, _code in days):
            return None
        days = [(positions[0], code) for _nth, code in days]
    if freq == "MONTHLY":
        if not days:
            return ""
        if len(days) > 1 or days[0][0] not in (1, 2, 3, 4, -1):
            return None
        return f"{days[0][0]}{days[0][1]}"
    if any(nth is not None for nth, _code in days):
        return None
    codes = {code for _nth, code in days}
    return ",".join(code for code in WEEKDAYS if code in codes)


class Malformed(Exception):
    def __init__(self, line, reason):
        super().__init__(line, reason)
        self.line, self.reason = line, reason


def room_named(rooms, location):
    """The centre's room a LOCATION names: the whole text or its first part before a comma
    ("Clinic, TRC Ušivak", as this portal's feeds write it), case and spaces aside."""
    def norm(text):
        return " ".join(text.split()).casefold()
    wanted = {norm(location), norm(location.split(",")[0])} - {""}
    return next((room for room in rooms if norm(room.name) in wanted), None)


def room_for(rooms, location, chosen):
    """``(room id or None, what the report says)`` for one event."""
    room = room_named(rooms, location) if location else None
    if room is not None:
        return room.id, _("Room from the file: ${room}", mapping={"room": room.name})
    fallback = next((r for r in rooms if r.id == chosen), None)
    if fallback is None:
        return None, (_("No room (“${location}” is not a room here)",
                        mapping={"location": location[:80]}) if location else _("No room"))
    if location:
        return fallback.id, _("“${location}” is not a room here: ${room}, as chosen",
                              mapping={"location": location[:80], "room": fallback.name})
    return fallback.id, _("Room as chosen: ${room}", mapping={"room": fallback.name})


@dataclass
class Report:
    imported: list = field(default_factory=list)  # (title, which room and why)
    skipped: list = field(default_factory=list)  # (title, reason)
    conflicts: list = field(default_factory=list)  # (title, message)


def checked_lines(data):
    """The text, and the line number of each event's BEGIN; raises :class:`Malformed`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Malformed(1, _("The file is not UTF-8 text.")) from None
    stack, events = [], []
    number = 0
    for number, raw in enumerate(text.splitlines(), 1):
        if raw[:1] in (" ", "\t") and number > 1:
            continue  # a folded line goes on the one before
        if not raw.strip():
            continue
        if not CONTENT_LINE.match(raw):
            raise Malformed(number, _("A line must start with a name and a colon."))
        name, _sep, value = raw.partition(":")
        name, value = name.split(";")[0].upper(), value.strip().upper()
        if number == 1 and (name, value) != ("BEGIN", "VCALENDAR"):
            raise Malformed(1, _("A calendar file starts with BEGIN:VCALENDAR."))
        if name == "BEGIN":
            stack.append((value, number))
            if value == "VEVENT":
                events.append(number)
        elif name == "END":
            if not stack or stack[-1][0] != value:
                raise Malformed(number, _("END:${name} closes nothing that was begun.",
                                          mapping={"name": value}))
            stack.pop()
    if stack:
        raise Malformed(stack[-1][1], _("BEGIN:${name} is never closed.",
                                        mapping={"name": stack[-1][0]}))
    if number == 0:
        raise Malformed(1, _("The file is empty."))
    return text, events


def local(value, tz):
    """An iCalendar time as a naive wall time of the centre (floating times are taken as
    local)."""
    if value.tzinfo is not None:
        return value.astimezone(tz).replace(tzinfo=None)
    return value


@dataclass
class Parsed:
    line: int
    uid: str
    title: str
    description: str
    language: str
    start: datetime = None
    minutes: int = 60
    rule: dict = None
    exdates: list = field(default_factory=list)
    skip: object = None  # a reason
    location: str = ""


def parse_event(event, line, tz, default_language):
    summary = event.get("summary")
    title = str(summary or "").strip()
    language = (summary.params.get("LANGUAGE", "") if summary is not None else "").replace("-", "_")
    parsed = Parsed(line, str(event.get("uid") or ""), title[:200],
                    str(event.get("description") or "")[:2000],
                    language if language in LANGUAGES else default_language,
                    location=str(event.get("location") or "").strip())
    if event.get("dtstart") is None:
        raise Malformed(line, _("An event has no DTSTART."))
    try:
        start = event.decoded("dtstart")
    except (ValueError, TypeError):
        raise Malformed(line, _("An event's DTSTART is not a date.")) from None
    if not title:
        parsed.skip = _("It has no title.")
        return parsed
    if event.get("recurrence-id") is not None:
        parsed.skip = _("A change of one date is not imported: change it here.")
        return parsed
    if not isinstance(start, datetime):
        parsed.skip = _("Events lasting whole days are not imported.")
        return parsed
    parsed.start = local(start, tz)
    try:
        if event.get("dtend") is not None:
            end = event.decoded("dtend")
            length = (end - start) if isinstance(end, datetime) else timedelta(0)
        elif event.get("duration") is not None:
            length = event.decoded("duration")
        else:
            length = timedelta(hours=1)
    except (ValueError, TypeError):
        raise Malformed(line, _("An event's end is not a time.")) from None
    parsed.minutes = int(length.total_seconds() // 60)
    if not 5 <= parsed.minutes <= 720:
        parsed.skip = _("It lasts less than 5 minutes or more than 12 hours.")
        return parsed
    rule = event.get("rrule")
    if rule is not None:
        if set(rule) - RULE_PARTS or rule.get("FREQ", [None])[0] not in FREQS:
            parsed.skip = _("Its repetition rule is not one this portal knows.")
            return parsed
        byday = known_byday(rule)
        if byday is None:
            parsed.skip = _("Its repetition rule is not one this portal knows.")
            return parsed
        until = rule.get("UNTIL", [None])[0]
        if isinstance(until, datetime):
            # the last day whose occurrence starts at or before UNTIL
            last = local(until, tz)
            until = last.date() if last.time() >= parsed.start.time() else \
                last.date() - timedelta(days=1)
        parsed.rule = {"freq": FREQS[rule["FREQ"][0]], "interval": int(rule.get("INTERVAL",
                                                                              [1])[0]),
                       "byday": byday,
                       "until": until, "count": rule.get("COUNT", [None])[0]}
    for exdate in event.get("exdate", []) if isinstance(event.get("exdate"), list) else \
            [event.get("exdate")] if event.get("exdate") is not None else []:
        for moment in exdate.dts:
            value = moment.dt
            parsed.exdates.append(local(value, tz).date() if isinstance(value, datetime)
                                  else value)
    return parsed


def parse(data, tz, default_language):
    text, lines = checked_lines(data)
    try:
        cal = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as error:
        raise Malformed(1, _("It is not an iCalendar file (${error}).",
                             mapping={"error": str(error)[:100]})) from None
    events = cal.walk("VEVENT")
    return [parse_event(event, line, tz, default_language) for event, line in zip(events, lines)]


def import_calendar(request, centre, data, organisation_id, room_id, state):
    dbsession = request.dbsession
    tz = centre_tz(centre)
    report = Report()
    parsed = parse(data, tz, request.locale_name)  # refuses the whole file, or reads it all
    for item in parsed:
        if item.skip is not None:
            report.skipped.append((item.title, item.skip))
            continue
        if item.uid and dbsession.query(Activity.id).filter(Activity.uid == item.uid).first():
            report.skipped.append((item.title, _("It was imported before.")))
            continue
        rule = item.rule or {"freq": "", "interval": 1, "byday": "", "until": None,
                             "count": None}
        event_room, room_note = room_for(centre.rooms, item.location, room_id)
        activity = Activity(
            centre_id=centre.id, organisation_id=organisation_id, room_id=event_room,
            owner_id=request.user.id, category="activities", target_group="everyone",
            languages="", interpretation=False, start_local=item.start,
            duration_minutes=item.minutes, exdates=",".join(sorted({d.isoformat()
                                                                    for d in item.exdates})),
            state=state, state_reason="", source_language=item.language, sequence=0, **rule)
        if item.uid:
            activity.uid = item.uid[:100]
        activity.set_text(item.language, title=item.title, description=item.description,
                          translator=request.user)
        savepoint = dbsession.begin_nested()
        dbsession.add(activity)
        try:
            book(dbsession, activity, tz, request.registry.settings)
        except Conflict as conflict:
            savepoint.rollback()
            report.conflicts.append((item.title, describe_clashes(request, conflict)))
            continue
        savepoint.commit()
        report.imported.append((item.title, room_note))
    return report



