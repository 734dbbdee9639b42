"""Week, month and print views, the centre page and the kiosk, as residents read them."""
from datetime import datetime, timedelta

from .conftest import SARAJEVO


def this_monday():
    today = datetime.now(SARAJEVO).date()
    return today - timedelta(days=today.weekday())


def test_the_week_of_a_centre_shows_each_days_activities_in_the_readers_language(testapp):
    page = testapp.get("/activities/usivak/?lang=ar")
    assert page.html.html["dir"] == "rtl"
    text = page.html.select_one("main").get_text(" ") if page.html.select_one("main") else page.text
    assert "درس اللغة الإنجليزية للمبتدئين" in text  # Arabic title
    assert "UNHCR" in text and "UNICEF" in text
    days = page.html.select(".act-day h2")
    assert len(days) == 7
    assert "الاثنين" in days[0].get_text()  # Monday, from Babel
    # this week's Wednesday English class is cancelled, with the reason in Arabic
    cancelled = page.html.select(".act-cancelled")
    assert cancelled and "المعلمة مريضة" in cancelled[0].get_text()
    # Thursday's counselling moved: its reason not yet translated, in English, in its own lang
    reason = page.html.select_one(".act-moved .act-reason")
    assert "Moved to the afternoon" in reason.get_text() and reason["lang"] == "en"


def test_a_requested_booking_is_not_shown_to_residents(testapp):
    assert "Bosnian for everyday life" not in testapp.get(
        f"/activities/usivak/?date={(this_monday() + timedelta(days=8)).isoformat()}").text


def test_week_views_per_room_and_per_organisation(testapp, dbsession, centre):
    clinic = next(r for r in centre.rooms if r.name == "Clinic")
    per_room = testapp.get(f"/activities/usivak/?room={clinic.id}")
    titles = [t.get_text() for t in per_room.html.select(".act-title")]
    assert titles and all(t == "Doctor's visit" for t in titles)
    per_org = testapp.get("/activities/usivak/?organisation=unicef")
    metas = [m.get_text() for m in per_org.html.select(".act-meta")]
    assert metas and all("UNICEF" in m for m in metas)
    assert "Activities of UNICEF" in per_org.text


def test_weeks_follow_each_other_and_a_bad_date_gives_this_week(testapp):
    monday = this_monday()
    page = testapp.get(f"/activities/usivak/?date={monday + timedelta(days=3)}")
    nxt = page.html.select_one("a[rel=next]")["href"]
    assert f"date={monday + timedelta(days=7)}" in nxt
    assert testapp.get("/activities/usivak/?date=yesterday").status_int == 200


def test_the_month_view_lists_every_day_of_the_month(testapp):
    page = testapp.get("/activities/usivak/month?date=2026-12-01&lang=fa")
    assert page.html.html["dir"] == "rtl"
    cells = page.html.select(".act-month td")
    assert len(cells) % 7 == 0 and len(cells) >= 31
    headers = [th.get_text() for th in page.html.select(".act-month th")]
    assert headers[0] == "دوشنبه"  # Monday in Persian


def test_the_printable_week_has_one_page_per_language(testapp):
    page = testapp.get("/activities/usivak/print?languages=ar,en,fa")
    sections = page.html.select(".act-print-page")
    assert [(s["lang"], s["dir"]) for s in sections] == [("ar", "rtl"), ("en", "ltr"),
                                                         ("fa", "rtl")]
    assert "Legal counselling" in sections[1].get_text()
    assert "استشارة قانونية" in sections[0].get_text()
    assert "print.css" in page.text
    # the page's own form sends one parameter per language ticked
    chosen = testapp.get("/activities/usivak/print?languages=bn&languages=fr")
    assert [s["lang"] for s in chosen.html.select(".act-print-page")] == ["bn", "fr"]
    ticked = chosen.html.select(".act-print-choose input[type=checkbox][checked]")
    assert [box["value"] for box in ticked] == ["bn", "fr"]


def test_the_centre_page_shows_today_and_this_week(testapp):
    page = testapp.get("/centres/usivak")
    panel = page.html.select_one(".act-entries") or page.html
    assert "Today" in page.text
    assert page.html.select_one("a[href$='/activities/usivak/']") is not None
    assert panel is not None


def test_the_kiosk_shows_today_and_tomorrow_with_cancellations_marked(testapp, make_series,
                                                                      dbsession):
    from plugins.activities.booking import book
    from plugins.activities.models import OccurrenceChange
    tomorrow = datetime.now(SARAJEVO).date() + timedelta(days=1)
    activity = make_series(title="Evening yoga", start=datetime.combine(
        tomorrow, datetime.min.time()).replace(hour=22), freq="", until=None, minutes=30)
    activity.changes.append(OccurrenceChange(original_start=activity.start_local,
                                             cancelled=True, reason="Trainer away"))
    book(dbsession, activity, SARAJEVO, {})
    feed = testapp.get("/kiosk/usivak/feed.json?lang=en").json
    html = " ".join(panel.get("html", "") for panel in feed["panels"])
    assert html.count("act-kiosk-day") == 2
    entry = html[html.index("Evening yoga") - 1500:html.index("Trainer away")]
    assert "act-cancelled" in entry and "Cancelled" in entry
