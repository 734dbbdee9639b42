"""iCalendar feeds read back by three parsers: icalendar, recurring-ical-events and Node's
ical.js (the parser of Thunderbird and Nextcloud): the same UIDs and the same UTC instants over
a window spanning both 2026 DST changes."""
import json
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import icalendar
import recurring_ical_events

from plugins.activities.models import OccurrenceChange
from plugins.activities.booking import book

from portal.testing import statements_run

from .conftest import SARAJEVO

JS = Path(__file__).with_name("js")
WINDOW = (datetime(2026, 3, 1, tzinfo=timezone.utc), datetime(2026, 11, 30, tzinfo=timezone.utc))


def ical_js(body):
    """Occurrences as ical.js expands them: [(uid, UTC instant, status)]."""
    out = subprocess.run(["node", str(JS / "expand.mjs"), WINDOW[0].isoformat(),
                          WINDOW[1].isoformat()], input=body, capture_output=True, check=True,
                         timeout=60, cwd=JS).stdout
    return sorted((o["uid"], datetime.fromisoformat(o["start"].replace("Z", "+00:00")),
                   o["status"]) for o in json.loads(out))


def python_expanded(body):
    cal = icalendar.Calendar.from_ical(body)
    found = []
    for event in recurring_ical_events.of(cal).between(*WINDOW):
        found.append((str(event["uid"]), event.decoded("dtstart").astimezone(timezone.utc),
                      str(event.get("status", "CONFIRMED"))))
    return sorted(found)


def feed_series(make_series, dbsession):
    """A weekly 10:00 class over both DST changes, one date skipped, one cancelled, one
    moved."""
    activity = make_series(organisation="drc", title="German class",
                           start=datetime(2026, 3, 16, 10, 0), byday="MO",
                           until=date(2026, 11, 9), exdates="2026-04-06")
    activity.changes.append(OccurrenceChange(original_start=datetime(2026, 5, 4, 10),
                                             cancelled=True, reason="Holiday"))
    activity.changes.append(OccurrenceChange(original_start=datetime(2026, 10, 26, 10),
                                             new_start=datetime(2026, 10, 27, 15, 0),
                                             reason="Room painted"))
    activity.sequence = 2
    book(dbsession, activity, SARAJEVO, {})
    return activity


def test_the_feed_reads_the_same_in_icalendar_recurring_ical_events_and_ical_js(
        testapp, make_series, dbsession):
    activity = feed_series(make_series, dbsession)
    response = testapp.get("/activities/usivak/calendar.ics?organisation=drc&lang=en")
    assert response.content_type == "text/calendar"
    body = response.body
    cal = icalendar.Calendar.from_ical(body)
    # VTIMEZONE in RRULE form, never the multi-valued RDATE form ical.js misreads
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Sarajevo"
    assert all("RRULE" in part and "RDATE" not in part for part in zone.subcomponents)
    events = [e for e in cal.walk("VEVENT") if str(e["uid"]) == activity.uid]
    master = next(e for e in events if "RECURRENCE-ID" not in e)
    assert master["dtstart"].params["TZID"] == "Europe/Sarajevo"
    assert master["rrule"]["FREQ"] == ["WEEKLY"] and master["rrule"]["BYDAY"] == ["MO"]
    assert {"DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "EXDATE"} <= set(master)
    assert master["sequence"] == 2
    overrides = {e.decoded("recurrence-id").replace(tzinfo=None): e for e in events
                 if "RECURRENCE-ID" in e}
    assert str(overrides[datetime(2026, 5, 4, 10)]["status"]) == "CANCELLED"
    assert "Room painted" in str(overrides[datetime(2026, 10, 26, 10)]["description"])

    ours = [o for o in python_expanded(body) if o[0] == activity.uid]
    theirs = [o for o in ical_js(body) if o[0] == activity.uid]
    assert ours == theirs
    taking_place = {start for _uid, start, status in ours if status != "CANCELLED"}
    utc = timezone.utc
    assert datetime(2026, 3, 23, 9, 0, tzinfo=utc) in taking_place  # 10:00 CET
    assert datetime(2026, 3, 30, 8, 0, tzinfo=utc) in taking_place  # 10:00 CEST
    assert datetime(2026, 11, 2, 9, 0, tzinfo=utc) in taking_place  # 10:00 CET again
    assert datetime(2026, 10, 27, 14, 0, tzinfo=utc) in taking_place  # moved, 15:00 CET
    assert datetime(2026, 4, 6, 8, 0, tzinfo=utc) not in {s for _u, s, _st in ours}  # EXDATE
    assert datetime(2026, 5, 4, 8, 0, tzinfo=utc) not in taking_place  # cancelled


def test_feeds_per_room_and_language_with_etag_and_304(testapp, make_series, dbsession,
                                                       centre):
    feed_series(make_series, dbsession)
    everything = testapp.get("/activities/usivak/calendar.ics?lang=ar")
    cal = icalendar.Calendar.from_ical(everything.body)
    summaries = {str(e["summary"]) for e in cal.walk("VEVENT")}
    assert "استشارة قانونية" in summaries  # the Arabic title
    clinic = next(r for r in centre.rooms if r.name == "Clinic")
    per_room = icalendar.Calendar.from_ical(
        testapp.get(f"/activities/usivak/calendar.ics?room={clinic.id}&lang=en").body)
    assert {str(e["location"]).split(",")[0] for e in per_room.walk("VEVENT")} == {"Clinic"}
    etag = everything.headers["ETag"]
    again = testapp.get("/activities/usivak/calendar.ics?lang=ar",
                        headers={"If-None-Match": etag}, status=304)
    assert again.body == b""
    # a change gives another ETag
    make_series(title="New class", count=1, until=None, start=datetime(2026, 12, 1, 9, 0),
                freq="")
    changed = testapp.get("/activities/usivak/calendar.ics?lang=ar",
                          headers={"If-None-Match": etag})
    assert changed.status_int == 200 and changed.headers["ETag"] != etag


def test_uids_stay_the_same_when_a_series_changes(testapp, make_series, dbsession):
    activity = feed_series(make_series, dbsession)
    before = {str(e["uid"]) for e in icalendar.Calendar.from_ical(
        testapp.get("/activities/usivak/calendar.ics?organisation=drc").body).walk("VEVENT")}
    activity.start_local = datetime(2026, 3, 16, 11, 0)
    activity.sequence += 1
    book(dbsession, activity, SARAJEVO, {})
    after = icalendar.Calendar.from_ical(
        testapp.get("/activities/usivak/calendar.ics?organisation=drc").body)
    assert before == {str(e["uid"]) for e in after.walk("VEVENT")}
    master = next(e for e in after.walk("VEVENT")
                  if str(e["uid"]) == activity.uid and "RECURRENCE-ID" not in e)
    assert master["sequence"] == 3


def test_the_week_page_links_webcal_and_https_subscriptions(testapp):
    page = testapp.get("/activities/usivak/?organisation=unhcr&lang=fa")
    links = [a["href"] for a in page.html.select(".act-subscribe a")]
    assert links[0].startswith("webcal://") and "organisation=unhcr" in links[0]
    assert links[1].startswith("http") and "calendar.ics" in links[1] and "lang=fa" in links[1]


def whole_calendar(request, dbsession, centre, lang):
    """The feed as ``icalendar`` writes it in one go, without the feed's cache of blocks."""
    from portal.api import fallback_chain
    from plugins.activities.i18n import _
    from plugins.activities.ics import activity_events, calendar
    from plugins.activities.schedule import confirmed_activities, shown_text
    from plugins.activities.views import ics_labels

    labels, t = ics_labels(request, lang)
    settings = request.registry.settings
    events = []
    for activity in confirmed_activities(dbsession, centre,
                                         languages=[lang, *fallback_chain(settings, lang)]):
        shown = shown_text(activity, lang, settings)
        location = ", ".join(filter(None, [activity.room.name if activity.room else "",
                                           centre.name]))
        events += activity_events(activity, SARAJEVO, shown["text"] if shown else None, lang,
                                  labels, location, fallback_chain(settings, lang))
    return calendar(t(_("Activities")) + f" – {centre.name}", lang, "Europe/Sarajevo", events)


def test_the_feed_from_cached_blocks_has_the_bytes_icalendar_writes(
        testapp, make_series, dbsession, centre, dummy_request):
    feed_series(make_series, dbsession)
    dummy_request.locale_name = "en"  # so that Arabic gets a localizer of its own
    cold = testapp.get("/activities/usivak/calendar.ics?lang=ar")
    warm = testapp.get("/activities/usivak/calendar.ics?lang=ar")
    assert warm.body == cold.body and warm.headers["ETag"] == cold.headers["ETag"]
    assert cold.body == whole_calendar(dummy_request, dbsession, centre, "ar")


def test_a_cached_series_is_written_again_when_it_or_its_names_change(
        testapp, make_series, dbsession, centre):
    activity = feed_series(make_series, dbsession)
    url = "/activities/usivak/calendar.ics?organisation=drc&lang=fa"

    def master():
        cal = icalendar.Calendar.from_ical(testapp.get(url).body)
        return next(e for e in cal.walk("VEVENT")
                    if str(e["uid"]) == activity.uid and "RECURRENCE-ID" not in e)

    assert str(master()["summary"]) == "German class"  # the source: no Persian yet
    activity.set_text("fa", title="کلاس آلمانی", description="")
    assert str(master()["summary"]) == "کلاس آلمانی"
    activity.changes[0].set_text("fa", reason="Closed for Nowruz")
    event = icalendar.Calendar.from_ical(testapp.get(url).body).walk("VEVENT")
    assert any("Closed for Nowruz" in str(e.get("description")) for e in event)
    activity.organisation.name = "Danish Refugee Council (DRC)"
    assert "Danish Refugee Council (DRC)" in str(master()["description"])
    activity.room = centre.rooms[0]
    assert str(master()["location"]).startswith(centre.rooms[0].name)


def test_the_feed_runs_no_sql_while_nothing_changed_and_shows_a_change_at_once(
        app, testapp, make_series, dbsession):
    """Which series the feed holds is kept while the centre's change counter stays the same;
    the centre comes from the kept list of centres. The page cache is emptied in between, so
    the feed is put together again each time."""
    activity = feed_series(make_series, dbsession)
    url = "/activities/usivak/calendar.ics?lang=en"
    first = testapp.get(url)
    app.registry["page_cache"].clear()
    again = []
    seen = statements_run(app, lambda: again.append(testapp.get(url)))
    assert again[0].body == first.body
    assert seen  # rendered: the change counters were read
    assert not [s for s in seen if "FROM centres" in s or "FROM activities" in s]
    activity.changes.append(OccurrenceChange(original_start=datetime(2026, 6, 1, 10),
                                             cancelled=True, reason="Eid al-Adha"))
    dbsession.flush()
    app.registry["page_cache"].clear()
    assert "Eid al-Adha" in testapp.get(url).text


def test_the_block_cache_keeps_to_its_bytes_and_drops_the_least_recently_read():
    from plugins.activities.feed import BlockCache

    cache = BlockCache(100)
    cache.put("a", b"x" * 40)
    cache.put("b", b"y" * 40)
    assert cache.get("a") == b"x" * 40  # read: "b" is now the least recently read
    cache.put("c", b"z" * 40)  # 120 bytes: one must go
    assert cache.get_many(["a", "b", "c"]) == [b"x" * 40, None, b"z" * 40]
    cache.put("a", b"w" * 10)  # replaced: counted once
    assert cache.size == 50
    cache.put("huge", b"h" * 101)  # larger than the whole cache: never stored
    assert cache.get("huge") is None and cache.size == 50
