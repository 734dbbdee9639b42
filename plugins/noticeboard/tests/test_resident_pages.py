"""What residents reach from a poster or the centre page: ended notices, current notices,
posters that say when a translation is outdated, and summaries whose addresses are links."""
from datetime import timedelta

from bs4 import BeautifulSoup


def ended_page(response):
    page = BeautifulSoup(response.text, "html.parser")
    return page.select_one("main h1").text, page.select_one("main a.btn")["href"]


def test_a_withdrawn_notice_from_an_old_poster_says_it_has_ended(testapp, make_notice):
    notice = make_notice("Vaccination on Monday")
    testapp.get(f"/noticeboard/usivak/{notice.id}/poster?lang=ar")  # printed while published
    notice.state = "withdrawn"
    for path in (f"/noticeboard/usivak/{notice.id}?lang=ar",
                 f"/noticeboard/usivak/{notice.id}/poster?lang=ar"):
        response = testapp.get(path, status=410)  # never a redirect to the staff login
        assert ended_page(response) == ("انتهى هذا الإعلان", "/noticeboard/usivak/")
        assert '<html lang="ar" dir="rtl">' in response.text
        assert "Vaccination on Monday" not in response.text  # nothing of what was withdrawn


def test_a_notice_past_its_end_says_so_in_the_readers_language(testapp, make_notice):
    notice = make_notice("Bus timetable", until=timedelta(seconds=-1))
    response = testapp.get(f"/noticeboard/usivak/{notice.id}?lang=bs", status=410)
    assert ended_page(response) == ("Ovo obavještenje je isteklo", "/noticeboard/usivak/")
    assert "TRC Ušivak" in response.text


def test_staff_get_the_same_ended_page_at_the_public_address(testapp, login_as, make_notice):
    notice = make_notice("Old notice", state="withdrawn")
    login_as(testapp, "manager-usivak")
    testapp.get(f"/noticeboard/usivak/{notice.id}", status=410)
    testapp.get(f"/content/{notice.id}", status=200)  # where staff manage it


def test_current_and_future_notices_and_drafts_are_not_ended(testapp, make_notice):
    current = make_notice("Laundry open")
    testapp.get(f"/noticeboard/usivak/{current.id}", status=200)
    draft = make_notice("Draft", state="draft")
    assert testapp.get(f"/noticeboard/usivak/{draft.id}").status_int == 303  # the login
    testapp.get(f"/noticeboard/usivak/{current.id + 10000}", status=404)


def test_the_centre_page_shows_the_notices_shown_now_in_board_order(testapp, make_notice):
    make_notice("Later", valid_from=None, until=timedelta(days=1),
                weekdays="")  # shown now
    make_notice("Gone", until=timedelta(seconds=-1))
    make_notice("Hidden draft", state="draft")
    make_notice("Water cut", priority="urgent", category="general")
    panel = testapp.get("/centres/usivak?lang=en").html.select_one(
        '[data-panel="noticeboard.current"]')
    titles = [li.a.text for li in panel.select("li[data-notice]")]
    assert titles[0] == "Water cut"  # urgent first, as on the board
    assert "Gone" not in titles and "Hidden draft" not in titles
    assert len(titles) == 5  # the first five; the board has them all
    assert panel.select("a")[-1]["href"] == "/noticeboard/usivak/"


def test_posters_mark_outdated_and_missing_translations(testapp, make_notice):
    notice = make_notice("Clinic hours", texts={"ar": "ساعات العيادة"})
    poster = testapp.get(f"/noticeboard/usivak/{notice.id}/poster?lang=ar").html
    assert poster.select(".portal-outdated, .portal-untranslated") == []
    notice.set_text("en", title="Clinic hours changed", summary="New hours", body="")
    poster = testapp.get(f"/noticeboard/usivak/{notice.id}/poster?lang=ar").html
    assert poster.select_one(".nb-translation-mark .portal-outdated").text == \
        "قد لا تكون الترجمة محدّثة"
    poster = testapp.get(f"/noticeboard/usivak/{notice.id}/poster?lang=fr").html
    assert poster.select_one(".nb-translation-mark .portal-untranslated").text == \
        "Pas encore traduit"
    assert poster.select_one("h1")["lang"] == "en"


def test_bare_addresses_in_a_summary_are_links(testapp, make_notice):
    notice = make_notice("Online appointments")
    notice.set_text("en", title="Online appointments", body="",
                    summary="Book at https://example.org/appointments or write to help@example.org")
    for path in ("/noticeboard/usivak/", f"/noticeboard/usivak/{notice.id}"):
        summary = testapp.get(path).html.select_one(f'[data-notice="{notice.id}"] .nb-summary')
        assert [a["href"] for a in summary.select("a")] == [
            "https://example.org/appointments", "mailto:help@example.org"]
