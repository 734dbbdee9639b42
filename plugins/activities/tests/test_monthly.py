"""A monthly series on the n-th weekday ("the second Tuesday"): typed in the form, expanded,
written to the feed (``BYDAY=2TU``) as every parser reads it, and imported."""
from datetime import date, datetime, timezone

import icalendar
from sqlalchemy import select

from plugins.activities.models import Activity

from plugins.activities.recurrence import occurrences

from .conftest import SARAJEVO
from .test_feeds import ical_js, python_expanded
from .test_import import upload
from .test_manage import book_form, latest

SECOND_TUESDAYS_2026 = [date(2026, m, d) for m, d in (
    (3, 10), (4, 14), (5, 12), (6, 9), (7, 14), (8, 11), (9, 8), (10, 13), (11, 10))]


def test_the_second_tuesday_is_typed_in_the_form_and_expanded(testapp, login_as, dbsession):
    login_as(testapp, "partner-unhcr")
    response = book_form(testapp, title="Women's health talk", day=date(2026, 3, 3),
                         freq="monthly", month_week="2", until=date(2026, 11, 30))
    assert response.status_int == 303
    activity = latest(dbsession)
    assert (activity.freq, activity.byday) == ("monthly", "2TU")
    assert activity.start_local == datetime(2026, 3, 10, 10, 0)  # the first second Tuesday
    found = occurrences(activity, SARAJEVO)
    assert [o.start.date() for o in found] == SECOND_TUESDAYS_2026
    assert {o.start.hour for o in found} == {10}  # 10:00 local in winter and summer
    form = testapp.get(f"/activities/usivak/{activity.id}/edit").forms["deform"]
    assert form["month_week"].value == "2" and form["freq"].value == "monthly"


def test_the_feed_writes_byday_2tu_and_every_parser_expands_it(testapp, make_series):
    activity = make_series(title="Parents' evening", organisation="iom", freq="monthly",
                           byday="2TU", start=datetime(2026, 3, 10, 18, 0),
                           until=date(2026, 11, 30))
    body = testapp.get("/activities/usivak/calendar.ics?organisation=iom&lang=en").body
    master = next(e for e in icalendar.Calendar.from_ical(body).walk("VEVENT")
                  if str(e["uid"]) == activity.uid)
    assert master["rrule"]["FREQ"] == ["MONTHLY"] and master["rrule"]["BYDAY"] == ["2TU"]
    ours = [o for o in python_expanded(body) if o[0] == activity.uid]
    assert ours == [o for o in ical_js(body) if o[0] == activity.uid]
    assert [start.astimezone(SARAJEVO).date() for _uid, start, _st in ours] == \
        SECOND_TUESDAYS_2026
    assert ours[0][1] == datetime(2026, 3, 10, 17, 0, tzinfo=timezone.utc)  # 18:00 CET


MONTHLY = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Partner//Schedule//EN
BEGIN:VEVENT
UID:talk-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270112T150000
DTEND;TZID=Europe/Sarajevo:20270112T160000
RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=6
SUMMARY:Health talk
END:VEVENT
BEGIN:VEVENT
UID:club-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270129T170000
DTEND;TZID=Europe/Sarajevo:20270129T180000
RRULE:FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1;COUNT=6
SUMMARY:Book club
END:VEVENT
BEGIN:VEVENT
UID:every-tuesday-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270105T150000
DTEND;TZID=Europe/Sarajevo:20270105T160000
RRULE:FREQ=MONTHLY;BYDAY=TU,TH;BYSETPOS=2
SUMMARY:Unclear rule
END:VEVENT
END:VCALENDAR
"""


def test_monthly_rules_on_the_nth_weekday_are_imported(testapp, login_as, dbsession):
    login_as(testapp, "partner-unhcr")
    page = upload(testapp, MONTHLY)
    assert page.status_int == 200
    imported = {a.source_text.title: a for a in dbsession.scalars(select(Activity))
                if a.uid.endswith("@partner.example")}
    assert imported["Health talk"].byday == "2TU"
    assert imported["Book club"].byday == "-1FR"
    assert [o.start.date() for o in occurrences(imported["Book club"], SARAJEVO)][:3] == [
        date(2027, 1, 29), date(2027, 2, 26), date(2027, 3, 26)]
    assert "Unclear rule" not in imported
    assert "Unclear rule" in page.html.select_one(".act-skipped").get_text()
