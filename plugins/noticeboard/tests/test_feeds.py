"""Public pages and feeds per centre and language: Atom, JSON Feed, the kiosk feed, ETag/304."""
from datetime import time, timedelta

import feedparser
import jsonschema

from portal.api import utcnow

KIOSK_FEED_SCHEMA = {
    "type": "object",
    "required": ["centre", "lang", "tag", "dir", "next_change_at", "labels", "panels"],
    "properties": {
        "centre": {"type": "object", "required": ["slug", "name"]},
        "dir": {"enum": ["ltr", "rtl"]},
        "next_change_at": {"type": ["integer", "null"]},
        "labels": {"type": "object", "required": ["choose", "back", "updated", "offline",
                                                  "urgent", "close"],
                   "additionalProperties": {"type": "string", "minLength": 1}},
        "panels": {"type": "array", "items": {
            "type": "object", "required": ["name", "title", "html"],
            "properties": {"html": {"type": "string"}, "title": {"type": "string"}}}},
    },
}

JSON_FEED_SCHEMA = {  # JSON Feed 1.1, the parts a reader needs
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "language": {"type": "string"},
        "items": {"type": "array", "items": {
            "type": "object", "required": ["id", "title", "content_html", "url", "language"],
            "properties": {"id": {"type": "string"}, "url": {"type": "string"}}}},
    },
}


def test_atom_feed_parses_and_carries_languages(testapp, make_notice):
    make_notice("Laundry hours", texts={"ar": "ساعات الغسيل"})
    response = testapp.get("/noticeboard/usivak/atom.xml?lang=ar")
    assert response.content_type == "application/atom+xml"
    feed = feedparser.parse(response.body)
    assert not feed.bozo, feed.bozo_exception
    titles = {entry.title: entry for entry in feed.entries}
    assert "ساعات الغسيل" in titles
    assert titles["ساعات الغسيل"].title_detail.language == "ar"
    assert feed.feed.language == "ar"


def test_atom_feed_carries_everything_a_reader_shows(testapp, make_notice):
    notice = make_notice("Bus to the hospital", texts={"ar": "حافلة إلى المستشفى"})
    make_notice("Doctor visit", texts={"fa": "ویزیت دکتر"}, category="health")
    feed = feedparser.parse(testapp.get("/noticeboard/usivak/atom.xml?lang=ar").body)
    assert not feed.bozo, feed.bozo_exception
    self_url = "http://localhost/noticeboard/usivak/atom.xml?lang=ar"
    assert (feed.feed.id, feed.feed.title) == (self_url, "الإعلانات: TRC Ušivak")
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [self_url]
    assert feed.feed.updated_parsed is not None and "generator" not in feed.feed
    entries = {entry.id: entry for entry in feed.entries}
    entry = entries[f"http://localhost/noticeboard/usivak/{notice.id}"]
    assert (entry.title, entry.title_detail.language) == ("حافلة إلى المستشفى", "ar")
    assert entry.link == f"http://localhost/noticeboard/usivak/{notice.id}?lang=ar"
    assert entry.updated_parsed[:6] == notice.modified.utctimetuple()[:6]
    assert [(tag.term, tag.label) for tag in entry.tags] == [("transport", "النقل")]
    assert entry.summary_detail.value == "حافلة إلى المستشفى"
    assert entry.content[0].type == "text/html"
    assert entry.content[0].value == "<p>حافلة إلى المستشفى</p>"
    # a notice without Arabic text is shown in English, and says so in its xml:lang
    fallback = next(e for e in feed.entries if e.title == "Doctor visit")
    assert fallback.title_detail.language == "en"
    assert fallback.content[0].value == "<p><strong>Doctor visit</strong></p>"


def test_a_pasted_control_character_does_not_break_the_atom_feed(testapp, make_notice):
    make_notice("Bus\vto the hospital")  # Word's line break, not allowed in XML
    response = testapp.get("/noticeboard/usivak/atom.xml?lang=en")
    feed = feedparser.parse(response.body)
    assert not feed.bozo, feed.bozo_exception
    entry = next(e for e in feed.entries if e.title == "Bus to the hospital")
    assert entry.content[0].value == "<p><strong>Bus to the hospital</strong></p>"


def test_json_feed_follows_the_schema_and_falls_back(testapp, make_notice):
    make_notice("Doctor visit", texts={"fa": "ویزیت دکتر"})
    feed = testapp.get("/noticeboard/usivak/feed.json?lang=ps").json
    jsonschema.validate(feed, JSON_FEED_SCHEMA)
    item = next(i for i in feed["items"] if i["title"] == "ویزیت دکتر")  # ps -> fa
    assert item["language"] == "fa" and item["_portal"]["fallback"] is True
    assert item["_portal"]["dir"] == "rtl"


def test_kiosk_feed_schema_and_fallback_markup(testapp, make_notice):
    make_notice("Water", texts={"ar": "ماء"})
    feed = testapp.get("/kiosk/usivak/feed.json?lang=bn").json
    jsonschema.validate(feed, KIOSK_FEED_SCHEMA)
    assert (feed["lang"], feed["dir"]) == ("bn", "ltr")
    html = next(p["html"] for p in feed["panels"] if p["name"] == "noticeboard.notices")
    assert 'lang="en" dir="ltr"' in html and "portal-untranslated" in html
    arabic = testapp.get("/kiosk/usivak/feed.json?lang=ar").json
    assert arabic["dir"] == "rtl"
    html = next(p["html"] for p in arabic["panels"] if p["name"] == "noticeboard.notices")
    assert '<span lang="ar" dir="rtl">ماء</span>' in html


def test_kiosk_feed_revalidates_and_sees_every_change(testapp, make_notice):
    notice = make_notice("Zumba class")
    first = testapp.get("/kiosk/usivak/feed.json?lang=en")
    etag = first.headers["ETag"]
    testapp.get("/kiosk/usivak/feed.json?lang=en", headers={"If-None-Match": etag}, status=304)
    # a withdrawal (a deletion for the kiosk) changes the feed at once
    notice.state = "withdrawn"
    changed = testapp.get("/kiosk/usivak/feed.json?lang=en", headers={"If-None-Match": etag})
    assert changed.status_int == 200 and "Zumba class" not in changed.text


def test_feed_lists_when_each_notice_shows_and_when_it_next_changes(testapp, make_notice):
    make_notice("Evening prayer room", daily_start=time(20), daily_end=time(22))
    feed = testapp.get("/kiosk/usivak/feed.json?lang=en").json
    html = next(p["html"] for p in feed["panels"] if p["name"] == "noticeboard.notices")
    assert "Evening prayer room" in html and "data-intervals" in html
    assert feed["next_change_at"] <= int((utcnow() + timedelta(hours=24)).timestamp())


def test_expired_and_future_notices_are_not_on_the_public_page(testapp, make_notice):
    make_notice("Past", until=timedelta(seconds=-1))
    make_notice("Later", valid_from=utcnow() + timedelta(days=2))
    make_notice("Now")
    page = testapp.get("/noticeboard/usivak/").text
    assert "Now" in page and "Past" not in page and "Later" not in page


def test_notices_for_all_centres_show_everywhere(testapp, make_notice):
    make_notice("Hotline for children", centre=None)
    assert "Hotline for children" in testapp.get("/noticeboard/blazuj/").text
    assert "Hotline for children" in testapp.get("/noticeboard/usivak/").text


def test_poster_has_a_qr_code_to_the_public_page(testapp, make_notice):
    notice = make_notice("Legal aid", texts={"ur": "قانونی مدد"})
    page = testapp.get(f"/noticeboard/usivak/{notice.id}/poster?lang=ur")
    assert page.html.select_one("html")["dir"] == "rtl"
    assert page.html.select_one(".nb-qr svg") is not None
    assert f"/noticeboard/usivak/{notice.id}?lang=ur" in page.text
    assert "قانونی مدد" in page.text
    stylesheet = page.html.select_one('link[href*="poster.css"]')["href"]
    assert stylesheet.startswith("/noticeboard/static/")  # served from the plugin's package
    assert "@page" in testapp.get(stylesheet).text
