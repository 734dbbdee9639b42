"""The kiosk panel "What was decided" in Debian's Chromium, inside the /kiosk/ shell on a
portrait screen (1080 x 1920): the last meetings' decisions and action items with their status,
at the kiosk's reading size, right to left in Arabic; axe-core finds nothing."""
import pytest
from sqlalchemy import select

from plugins.minutes.models import Meeting
from portal.api import Centre
from portal.testing import axe_violations

pytestmark = pytest.mark.browser
PORTRAIT = {"width": 1080, "height": 1920}
STATUS_WORDS = {"en": {"open": "Open", "in_progress": "In progress", "done": "Done",
                       "dropped": "Dropped"},
                "ar": {"open": "مفتوحة", "in_progress": "قيد التنفيذ", "done": "تمّت",
                       "dropped": "أُلغيت"}}


def last_records(dbsession, lang):
    """What the panel must show: per decision its text in ``lang`` (or the source), and the
    statuses of the action items, of Ušivak's last three published meetings."""
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    meetings = dbsession.scalars(
        select(Meeting).where(Meeting.centre_id == usivak.id, Meeting.state == "published")
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(3)).all()
    decisions = [(d.texts.get(lang) or d.source_text).text
                 for m in meetings for item in m.agenda for d in item.decisions]
    return decisions, {a.status for m in meetings for a in m.actions}


def open_decided(page, live_server, lang):
    page.clock.install()  # the panels stay put: no rotation while the test reads them
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{live_server}/kiosk/usivak")
    page.click(f'button.kiosk-language[data-lang="{lang}"]')
    page.wait_for_selector("#panels .kiosk-panel")
    if page.is_visible("#urgent"):
        page.click("#urgent-close")
    names = page.locator("#panels .kiosk-panel").evaluate_all(
        "panels => panels.map(p => p.dataset.panel)")
    page.locator(".kiosk-tab").nth(names.index("minutes.decided")).click()
    panel = page.locator('[data-panel="minutes.decided"]')
    assert panel.is_visible()
    return panel


def px(locator, prop="fontSize"):
    return float(locator.evaluate(f"e => getComputedStyle(e).{prop}").rstrip("px"))


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_what_was_decided_at_a_portrait_kiosk(live_server, page, lang):
    decisions, statuses = live_server.commit(lambda db: last_records(db, lang))
    panel = open_decided(page, live_server, lang)
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")

    shown = panel.locator("[data-decision]")
    assert shown.all_inner_texts() == decisions
    items = panel.locator("[data-action-item]")
    assert items.count() > 0
    marks = panel.locator(".minutes-status")
    assert marks.count() == items.count()
    assert {m.get_attribute("data-status") for m in marks.all()} == statuses
    for mark in marks.all():  # each status in words of the kiosk's language, in bold
        assert mark.inner_text().split(" · ")[0] == STATUS_WORDS[lang][
            mark.get_attribute("data-status")]
        assert mark.is_visible() and px(mark, "fontWeight") >= 700

    # the kiosk's reading size (at least 24 px), nothing wider than the screen
    for element in (shown.first, items.first, marks.first):
        assert px(element) >= 24
    assert page.evaluate("document.documentElement.scrollWidth") <= PORTRAIT["width"]
    first = shown.first.bounding_box()
    if lang == "ar":  # right to left: the lines start at the right edge
        assert px(shown.first.locator("[lang]"), "fontSize") >= 24
        assert shown.first.evaluate("e => getComputedStyle(e).direction") == "rtl"
        assert first["x"] + first["width"] > PORTRAIT["width"] * 0.8
    else:
        assert first["x"] < PORTRAIT["width"] * 0.2
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []
