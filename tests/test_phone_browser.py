"""Residents on a 360 px phone: no page scrolls sideways in any script, the header folds into a
menu and keeps to a fifth of the first screen; the kiosk's urgent notices always keep their
close button on screen. Debian's Chromium through Playwright."""
import io

import pytest
from PIL import Image
from sqlalchemy import select

from plugins.noticeboard.models import Notice, NoticeImage
from portal.models import Centre, Page

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}
LONG_URL = ("https://www.example.org/asylum/information/bosnia-and-herzegovina/reception-centres/"
            "bihac/appointments?category=legal-help&language=ar&reference=AB1234567890CDEFGHIJ")
LONG_WORD = "Rechtsberatungsstellenöffnungszeitenänderungsbekanntmachung" * 2


def jpeg(width, height):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (160, 60, 30)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture(scope="module")
def phone_data(live_server):
    """In centre Bira (other browser tests read Ušivak): a notice with a long address, a long
    word and a 3000 px picture, an information page with the same, an ended notice."""
    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "bira")).one()
        text = dict(title=f"Legal help {LONG_WORD}", summary=f"Book at {LONG_URL}",
                    body=f"Read {LONG_URL} and write to legal-help@example.org.\n\n{LONG_WORD}")
        notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                        priority="urgent", category="legal")
        for lang in ("en", "ar", "ur", "bn"):
            notice.set_text(lang, **text)
        notice.image = NoticeImage(data=jpeg(3000, 2000), mime="image/jpeg", width=3000,
                                   height=2000, source_language="en")
        notice.image.set_text("en", alt="The legal help office")
        ended = Notice(centre=centre, state="withdrawn", source_language="en", revision=1)
        ended.set_text("en", title="Withdrawn")
        info = Page(centre=centre, state="published", source_language="en", revision=1)
        info.set_text("en", **text)
        dbsession.add_all([notice, ended, info])
        dbsession.flush()
        return {"notice": notice.id, "ended": ended.id, "page": info.id}

    return live_server.commit(add)


def public_pages(ids):
    notice = f"/noticeboard/bira/{ids['notice']}"
    return ["/", "/centres/bira", "/noticeboard/bira/", notice, f"{notice}/poster",
            f"/noticeboard/bira/{ids['ended']}", f"/content/{ids['page']}", "/kiosk/",
            "/kiosk/bira", "/login", "/no-such-page"]


MEASURE = """() => {
    const header = document.querySelector("body > header");
    return {scroll: document.scrollingElement.scrollWidth, width: window.innerWidth,
            header: header ? header.getBoundingClientRect().height : 0};
}"""


@pytest.mark.parametrize("lang", ["ar", "ur", "bn", "en"])
def test_no_public_page_scrolls_sideways_on_a_phone(live_server, page, phone_data, lang):
    page.set_viewport_size(PHONE)
    wrong = []
    for path in public_pages(phone_data):
        page.goto(f"{live_server}{path}?lang={lang}")
        page.wait_for_load_state("networkidle")  # fonts and pictures in
        seen = page.evaluate(MEASURE)
        if seen["scroll"] > seen["width"]:
            wrong.append(f"{path}: {seen['scroll']} px wide")
        if seen["header"] > PHONE["height"] / 5:
            wrong.append(f"{path}: header {seen['header']} px high")
    assert wrong == []
    # the long address is a link, in the summary (plain text) and in the body (Markdown)
    page.goto(f"{live_server}/noticeboard/bira/{phone_data['notice']}?lang={lang}")
    assert page.locator(f'.nb-summary a[href="{LONG_URL}"]').count() == 1
    assert page.locator(f'.nb-body a[href="{LONG_URL}"]').count() == 1
    assert page.locator("img.nb-image").bounding_box()["width"] <= PHONE["width"]


def test_the_header_folds_into_a_menu_opened_by_keyboard(live_server, page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/centres/usivak?lang=ar")
    menu, languages = page.locator("#portal-menu"), page.locator("#portal-languages-menu")
    toggle = page.locator('button[aria-controls="portal-menu"]')
    language_toggle = page.locator('button[aria-controls="portal-languages-menu"]')
    assert not menu.is_visible() and not languages.is_visible()
    assert language_toggle.locator("[lang]").inner_text() == "العربية"  # the current one
    toggle.focus()
    page.keyboard.press("Enter")
    assert menu.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")  # into the menu: its first link
    assert page.evaluate("document.activeElement.closest('#portal-menu') !== null")
    page.keyboard.press("Escape")
    assert not menu.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "portal-menu"
    language_toggle.click()
    assert languages.is_visible() and not menu.is_visible()
    page.locator('#portal-languages-menu a[hreflang="bn"]').click()
    assert page.locator("html").get_attribute("lang") == "bn"
    # wide screens show everything, without the buttons
    page.set_viewport_size({"width": 1280, "height": 800})
    assert menu.is_visible() and languages.is_visible() and not toggle.is_visible()


def test_without_script_the_menu_stays_open(chromium, live_server):
    context = chromium.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/centres/usivak")
    assert page.locator("#portal-menu").is_visible()
    assert page.locator("#portal-languages-menu").is_visible()
    assert not page.locator(".portal-toggle").first.is_visible()
    context.close()


@pytest.fixture
def many_urgent_notices(live_server):
    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "sedra")).one()
        for number in range(12):
            notice = Notice(centre=centre, state="published", source_language="en",
                            revision=1, priority="urgent", category="safety")
            notice.set_text("en", title=f"Urgent notice {number}",
                            summary="Stay inside until the fire brigade has left.",
                            body="The fire brigade is checking the heating of block B.")
            dbsession.add(notice)

    live_server.commit(add)


@pytest.mark.parametrize("size", [PHONE, {"width": 1920, "height": 1080}])
def test_the_kiosks_close_button_stays_on_screen(live_server, page, many_urgent_notices,
                                                  size):
    page.set_viewport_size(size)
    page.goto(f"{live_server}/kiosk/sedra")
    page.click('button.kiosk-language[data-lang="ur"]')
    page.wait_for_selector("#urgent:not([hidden])")
    assert page.locator("#urgent-items article").count() >= 12
    close = page.locator("#urgent-close").bounding_box()
    assert close["y"] >= 0 and close["y"] + close["height"] <= size["height"]
    assert close["x"] >= 0 and close["x"] + close["width"] <= size["width"]
    # the notices scroll inside the overlay, the button stays where it is
    page.locator("#urgent-items").evaluate("items => items.scrollTop = items.scrollHeight")
    assert page.locator("#urgent-close").bounding_box() == close
    page.locator("#urgent-close").click(no_wait_after=True)
    assert not page.locator("#urgent").is_visible()
