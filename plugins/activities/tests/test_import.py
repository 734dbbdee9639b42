"""Import of an .ics file: the conflict check applies, a report says what was imported,
skipped or in conflict; a malformed file is refused with its line and nothing is imported."""
from datetime import datetime

from sqlalchemy import func, select
from webtest import Upload

from plugins.activities.models import Activity

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Partner//Schedule//EN
BEGIN:VEVENT
UID:english-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270104T100000
DTEND;TZID=Europe/Sarajevo:20270104T113000
RRULE:FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20270331T220000Z
EXDATE;TZID=Europe/Sarajevo:20270106T100000
SUMMARY;LANGUAGE=en:English for adults
DESCRIPTION:Bring a notebook.
END:VEVENT
BEGIN:VEVENT
UID:clash-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART:20270112T100000Z
DURATION:PT1H
SUMMARY:Clashing session
END:VEVENT
BEGIN:VEVENT
UID:allday-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;VALUE=DATE:20270115
SUMMARY:Open day
END:VEVENT
BEGIN:VEVENT
UID:yearly-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART:20270120T090000Z
DURATION:PT1H
RRULE:FREQ=YEARLY
SUMMARY:Anniversary
END:VEVENT
END:VCALENDAR
"""


def upload(testapp, data, room=None, filename="schedule.ics"):
    form = testapp.get("/activities/usivak/import").forms["deform"]
    form["upload"] = Upload(filename, data.encode() if isinstance(data, str) else data,
                            "text/calendar")
    if room is not None:
        form["room_id"] = str(room.id)
    return form.submit("save", expect_errors=True)


def count(dbsession):
    return dbsession.scalar(select(func.count()).select_from(Activity))


def test_a_calendar_is_imported_with_a_report(testapp, login_as, dbsession, empty_room,
                                              make_series):
    # the room is taken on Tuesday 12 January 2027 11:00-12:00 local by UNICEF
    make_series(organisation="unicef", room=empty_room, start=datetime(2027, 1, 12, 11, 0),
                freq="", until=None)
    login_as(testapp, "partner-unhcr")
    page = upload(testapp, CALENDAR.replace("\n", "\r\n"), room=empty_room)
    assert page.status_int == 200
    report = page.html.select_one(".act-report")
    imported = [li.select_one("span").get_text() for li in report.select(".act-imported li")]
    conflicts = [li.get_text(" ") for li in report.select(".act-conflicts li")]
    skipped = [li.get_text(" ") for li in report.select(".act-skipped li")]
    assert imported == ["English for adults"]
    assert len(conflicts) == 1 and "Clashing session" in conflicts[0] and "UNICEF" in conflicts[0]
    assert any("Open day" in s and "whole days" in s for s in skipped)
    assert any("Anniversary" in s and "repetition" in s for s in skipped)
    english = dbsession.scalars(select(Activity).where(
        Activity.uid == "english-1@partner.example")).one()
    assert (english.freq, english.byday, english.exdates) == ("weekly", "MO,WE", "2027-01-06")
    assert english.start_local == datetime(2027, 1, 4, 10, 0)
    assert english.duration_minutes == 90 and english.until.isoformat() == "2027-03-31"
    assert english.organisation.slug == "unhcr" and english.room_id == empty_room.id
    assert english.source_text.description == "Bring a notebook."
    # the same file again adds nothing
    before = count(dbsession)
    again = upload(testapp, CALENDAR, room=empty_room)
    assert count(dbsession) == before
    assert "imported before" in again.html.select_one(".act-skipped").get_text()


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_imported(testapp, login_as,
                                                                           dbsession):
    login_as(testapp, "partner-unhcr")
    before = count(dbsession)
    broken = CALENDAR.replace("SUMMARY:Clashing session", "this line is not iCalendar")
    page = upload(testapp, broken)
    assert page.status_int == 400
    assert "line 19" in page.text and "must start with a name and a colon" in page.text
    assert count(dbsession) == before
    unclosed = CALENDAR.replace("END:VCALENDAR\n", "")
    page = upload(testapp, unclosed)
    assert page.status_int == 400 and "line 1" in page.text and "never closed" in page.text
    no_start = CALENDAR.replace("DTSTART;VALUE=DATE:20270115\n", "")
    page = upload(testapp, no_start)
    assert page.status_int == 400 and "has no DTSTART" in page.text and "line 21" in page.text
    assert upload(testapp, b"\xff\xfe\x00binary").status_int == 400
    assert count(dbsession) == before


LOCATIONS = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Partner//Schedule//EN
BEGIN:VEVENT
UID:loc-1@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270301T080000
DTEND;TZID=Europe/Sarajevo:20270301T083000
LOCATION:clinic,  TRC Ušivak
SUMMARY:Vaccination
END:VEVENT
BEGIN:VEVENT
UID:loc-2@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270301T060000
DTEND;TZID=Europe/Sarajevo:20270301T063000
LOCATION:Our office in town
SUMMARY:Office hours
END:VEVENT
BEGIN:VEVENT
UID:loc-3@partner.example
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Sarajevo:20270301T061000
DTEND;TZID=Europe/Sarajevo:20270301T062000
SUMMARY:Phone line
END:VEVENT
END:VCALENDAR
"""


def test_each_events_location_picks_the_room_of_that_name(testapp, login_as, dbsession,
                                                          empty_room, centre):
    login_as(testapp, "partner-unhcr")
    report = upload(testapp, LOCATIONS, room=empty_room).html.select_one(".act-imported")
    lines = {li.select_one("span").get_text(): li.get_text(" ") for li in report.select("li")}
    by_uid = {a.uid: a for a in dbsession.scalars(
        select(Activity).where(Activity.uid.like("loc-%")))}
    clinic = next(r for r in centre.rooms if r.name == "Clinic")
    assert by_uid["loc-1@partner.example"].room_id == clinic.id
    assert "Room from the file: Clinic" in lines["Vaccination"]
    assert by_uid["loc-2@partner.example"].room_id == empty_room.id  # the form's room
    assert "Our office in town" in lines["Office hours"] and "Test room" in lines["Office hours"]
    assert by_uid["loc-3@partner.example"].room_id == empty_room.id
    assert "Room as chosen: Test room" in lines["Phone line"]
