"""The activities' panel inside the kiosk shell, in Chromium on a 1080x1920 portrait kiosk:
tomorrow's activities in Arabic (right to left) and English, a cancellation marked and its
reason in the kiosk's language."""
from datetime import datetime, time, timedelta

import pytest
from sqlalchemy import select

from portal.api import Centre, Organisation
from plugins.activities.booking import book
from plugins.activities.models import Activity, OccurrenceChange

from .conftest import SARAJEVO

pytestmark = pytest.mark.browser
PORTRAIT = {"width": 1080, "height": 1920}


@pytest.fixture
def tomorrow_evening(live_server):
    """Two activities tomorrow evening in Ušivak: a choir, and a film night cancelled with a
    reason in English and Arabic. Removed afterwards (the live server is shared)."""
    day = datetime.now(SARAJEVO).date() + timedelta(days=1)

    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        drc = dbsession.scalars(select(Organisation).where(Organisation.slug == "drc")).one()
        made = []
        for title, arabic, hour in (("Evening choir", "جوقة المساء", 21),
                                    ("Film night", "ليلة السينما", 22)):
            activity = Activity(centre_id=centre.id, organisation_id=drc.id, room_id=None,
                                start_local=datetime.combine(day, time(hour)),
                                duration_minutes=45, freq="daily", interval=1, count=2,
                                state="confirmed", state_reason="", source_language="en",
                                sequence=0, category="activities", target_group="everyone",
                                languages="ar,en", interpretation=False, exdates="", byday="")
            activity.set_text("en", title=title, description="")
            activity.set_text("ar", title=arabic, description="")
            dbsession.add(activity)
            made.append(activity)
        film = made[1]
        film.changes.append(OccurrenceChange(original_start=film.start_local, cancelled=True,
                                             reason="The projector is broken"))
        film.changes[0].set_text("ar", reason="جهاز العرض معطل")
        dbsession.flush()
        for activity in made:
            book(dbsession, activity, SARAJEVO, {})
        return [activity.id for activity in made]

    ids = live_server.commit(add)
    yield
    live_server.commit(lambda dbsession: [dbsession.delete(dbsession.get(Activity, i))
                                          for i in ids])


def activities_panel(page, live_server, lang):
    page.goto(f"{live_server}/kiosk/usivak")
    page.click(f'button.kiosk-language[data-lang="{lang}"]')
    page.wait_for_selector('#panels .kiosk-panel[data-panel="activities"]', state="attached")
    if page.is_visible("#urgent"):
        page.click("#urgent-close")
    index = page.evaluate("""() => Array.from(document.querySelectorAll('.kiosk-panel'))
        .findIndex(p => p.dataset.panel === 'activities')""")
    page.locator(".kiosk-tab").nth(index).click()
    panel = page.locator('.kiosk-panel[data-panel="activities"]')
    panel.wait_for(state="visible")
    return panel


@pytest.mark.parametrize("lang, choir, film, cancelled, reason", [
    ("ar", "جوقة المساء", "ليلة السينما", "أُلغي", "جهاز العرض معطل"),
    ("en", "Evening choir", "Film night", "Cancelled", "The projector is broken"),
])
def test_the_kiosk_panel_marks_a_cancellation_in_the_kiosks_language(
        live_server, page, tomorrow_evening, lang, choir, film, cancelled, reason):
    page.set_viewport_size(PORTRAIT)
    panel = activities_panel(page, live_server, lang)
    assert page.get_attribute("html", "dir") == ("rtl" if lang == "ar" else "ltr")
    headings = panel.locator(".act-kiosk-day").all_inner_texts()
    assert len(headings) == 2  # today, tomorrow
    tomorrow = panel.locator(".act-entries").last
    choir_entry = tomorrow.locator(".act-entry", has_text=choir)
    film_entry = tomorrow.locator(".act-entry", has_text=film)
    assert choir_entry.is_visible() and film_entry.is_visible()
    assert "act-cancelled" not in choir_entry.get_attribute("class")
    assert "act-cancelled" in film_entry.get_attribute("class")
    assert film_entry.locator(".act-status").inner_text() == cancelled
    assert film_entry.locator(".act-reason").inner_text() == reason
    assert film_entry.locator(".act-reason").get_attribute("lang") == lang
    struck = film_entry.locator(".act-title").evaluate(
        "e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in struck
    # on the portrait screen nothing runs off the side, and in Arabic the time stands right
    assert page.evaluate("document.documentElement.scrollWidth") <= PORTRAIT["width"]
    time_box = film_entry.locator(".act-time").bounding_box()
    what_box = film_entry.locator(".act-what").bounding_box()
    assert (time_box["x"] > what_box["x"]) == (lang == "ar")
