"""The kiosk in Debian's Chromium: languages, urgent notices, idle reset, offline, sizes, axe."""
import re
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from waitress.server import create_server

from portal.api import LANGUAGES, Centre, html_lang, utcnow
from portal.testing import CHROMIUM, CHROMIUM_ARGS, axe_violations
from plugins.noticeboard.models import Notice

pytestmark = pytest.mark.browser
PORTRAIT = {"width": 1080, "height": 1920}
LANDSCAPE = {"width": 1920, "height": 1080}


def open_kiosk(page, live_server, lang=None, close_urgent=True):
    page.goto(f"{live_server}/kiosk/usivak")
    if lang:
        page.click(f'button.kiosk-language[data-lang="{lang}"]')
        page.wait_for_selector("#panels .kiosk-panel")
        if close_urgent and page.is_visible("#urgent"):
            page.click("#urgent-close")


def test_language_picker_then_arabic_right_to_left(live_server, page):
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{live_server}/kiosk/usivak")
    buttons = page.locator("button.kiosk-language")
    assert buttons.count() == 9
    assert buttons.nth(0).get_attribute("lang") == "ar"
    assert buttons.nth(0).locator(".kiosk-endonym").inner_text() == "العربية"
    assert page.locator("img[src*=flag]").count() == 0
    open_kiosk(page, live_server, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("#back-label").inner_text() != "Languages"
    back = page.locator("#back").bounding_box()
    assert back["x"] > PORTRAIT["width"] / 2  # the bar starts on the right
    assert page.locator('#panels [lang="ar"]').count() > 0


def test_urgent_notices_interrupt(live_server, page):
    page.set_viewport_size(PORTRAIT)
    open_kiosk(page, live_server, "en", close_urgent=False)
    overlay = page.locator("#urgent")
    assert overlay.is_visible()
    assert overlay.locator('[data-priority="urgent"]').count() >= 1
    colours = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('#urgent'));
                                       return [s.backgroundColor, s.color]; }""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
    page.click("#urgent-close")
    assert not overlay.is_visible()


def test_idle_returns_to_the_picker_and_forgets(live_server, page):
    page.clock.install()
    page.set_viewport_size(PORTRAIT)
    open_kiosk(page, live_server, "fa")
    assert page.locator("#board").is_visible()
    page.clock.run_for(60_000)
    page.mouse.click(10, 300)  # a touch: the 90 s start again
    page.clock.run_for(60_000)
    assert page.locator("#board").is_visible()
    page.clock.run_for(31_000)
    assert page.locator("#picker").is_visible() and not page.locator("#board").is_visible()
    assert page.locator("#panels").inner_html() == ""
    assert page.locator("html").get_attribute("lang") == "en"


# -- offline -----------------------------------------------------------------------------------

def wait_for_copies(page):
    """Until the service worker keeps the kiosk page and the feed of every language."""
    urls = ["/kiosk/usivak"] + [f"/kiosk/usivak/feed.json?lang={code}" for code in LANGUAGES]
    deadline = time.monotonic() + 30
    while not page.evaluate("async urls => (await Promise.all(urls.map(u => caches.match(u))))"
                            ".every(Boolean)", urls):
        assert time.monotonic() < deadline, "the kiosk did not keep a copy of every language"
        page.wait_for_timeout(100)


def choose_offline(page, lang):
    """Pick ``lang`` on a kiosk without network: its last copy, saying so and since when."""
    page.click(f'button.kiosk-language[data-lang="{lang}"]')
    page.wait_for_selector("#panels .kiosk-panel")
    assert page.locator("html").get_attribute("lang") == html_lang(lang)
    assert page.locator("#offline").is_visible()
    assert page.locator("#updated").inner_text().strip() != ""
    if page.is_visible("#urgent"):
        page.click("#urgent-close")
    return page.locator("#panels .nb-title").all_inner_texts()


def test_every_language_comes_back_offline_after_a_reload(live_server, chromium):
    context = chromium.new_context(viewport=LANDSCAPE)
    page = context.new_page()
    try:
        open_kiosk(page, live_server, "ar")  # the first load: no service worker yet
        titles = page.locator("#panels .nb-title").all_inner_texts()
        assert titles
        wait_for_copies(page)
        context.set_offline(True)
        page.reload()
        assert choose_offline(page, "ar") == titles
        assert page.locator("html").get_attribute("dir") == "rtl"
        page.click("#back")
        assert choose_offline(page, "fa_AF")  # never opened while online
        assert page.locator('#panels [lang="fa-AF"]').count() > 0
    finally:
        context.close()


@pytest.fixture
def server_to_lose(live_server):
    """``(url, lose)``: the portal on a port of its own, and a way to take it away for good.
    (Chromium's offline emulation does not reach a service worker started with the browser.)"""
    server = create_server(live_server.app, host="127.0.0.1", port=0, threads=2)
    threading.Thread(target=server.run, daemon=True).start()
    yield f"http://127.0.0.1:{server.effective_port}", server.close
    server.close()


def test_every_language_comes_back_offline_after_a_browser_restart(server_to_lose, chromium,
                                                                    tmp_path):
    url, lose_the_network = server_to_lose

    def start():
        context = chromium.browser_type.launch_persistent_context(
            tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            viewport=PORTRAIT)
        return context, context.pages[0] if context.pages else context.new_page()

    context, page = start()
    try:
        open_kiosk(page, url, "ar")
        titles = page.locator("#panels .nb-title").all_inner_texts()
        wait_for_copies(page)
    finally:
        context.close()
    lose_the_network()
    context, page = start()
    try:
        page.goto(f"{url}/kiosk/usivak")
        assert choose_offline(page, "ar") == titles
        page.click("#back")
        assert choose_offline(page, "bs")  # never opened while online
    finally:
        context.close()


def test_a_language_without_a_copy_says_so_in_that_language(live_server, chromium):
    context = chromium.new_context(viewport=PORTRAIT)
    page = context.new_page()
    try:
        page.goto(f"{live_server}/kiosk/usivak")
        wait_for_copies(page)
        # the network went before the kiosk got Pashto
        page.evaluate("""async () => { for (const name of await caches.keys())
            await (await caches.open(name)).delete("/kiosk/usivak/feed.json?lang=ps"); }""")
        context.set_offline(True)
        page.reload()
        page.click('button.kiosk-language[data-lang="ps"]')
        message = page.locator("#unavailable")
        message.wait_for()
        assert (page.locator("html").get_attribute("lang"),
                page.locator("html").get_attribute("dir")) == ("ps", "rtl")
        assert re.search("[\u0600-\u06FF]", message.inner_text())
        assert not re.search("[A-Za-z]", message.inner_text())
        assert page.locator("#back-label").inner_text() == "ژبې"
        assert page.locator("#board-title").inner_text() == "TRC Ušivak"
        assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []
        page.click("#back")
        assert page.locator("#picker").is_visible() and not message.is_visible()
        assert choose_offline(page, "en")
        assert not message.is_visible()
    finally:
        context.close()


def as_kiosk_shows(page, epoch_ms, tag):
    """A moment as the kiosk writes "last updated" in language ``tag``."""
    return page.evaluate("""([t, tag]) => new Intl.DateTimeFormat(tag, {dateStyle: "short",
        timeStyle: "short", timeZone: "Europe/Sarajevo"}).format(new Date(t))""", [epoch_ms, tag])


def saved_at(page, url):
    """When the service worker's copy of ``url`` came from the server (epoch ms), or None."""
    return page.evaluate("""async (url) => { const hit = await caches.match(url);
        return hit ? Number(hit.headers.get("X-Kiosk-Fetched-At")) : null; }""", url)


def test_last_updated_is_when_this_kiosk_last_heard_from_the_server(live_server, chromium):
    context = chromium.new_context(viewport=LANDSCAPE)
    page = context.new_page()
    try:
        kiosk_now = datetime(2031, 3, 4, 8, 15, tzinfo=timezone.utc)  # the kiosk's own clock
        page.clock.install(time=kiosk_now)
        page.goto(f"{live_server}/kiosk/usivak")
        page.evaluate("navigator.serviceWorker.ready")
        page.reload()  # now the service worker sees every request
        before = time.time() * 1000
        page.click('button.kiosk-language[data-lang="fr"]')
        page.wait_for_selector("#panels .kiosk-panel", state="attached")  # (none shows in 2031)
        after = time.time() * 1000
        # online: the answer has just come, whenever the server made it
        assert page.locator("#updated").inner_text() == as_kiosk_shows(
            page, kiosk_now.timestamp() * 1000, "fr")
        fetched = saved_at(page, f"{live_server}/kiosk/usivak/feed.json?lang=fr")
        assert before <= fetched <= after
        context.set_offline(True)
        page.clock.fast_forward("05:00:00")
        page.reload()
        page.click('button.kiosk-language[data-lang="fr"]')
        page.wait_for_selector("#panels .kiosk-panel", state="attached")
        assert page.locator("#offline").is_visible()
        assert page.locator("#updated").inner_text() == as_kiosk_shows(page, fetched, "fr")
    finally:
        context.close()


def test_every_language_is_renewed_at_every_poll(live_server, chromium):
    context = chromium.new_context(viewport=LANDSCAPE)
    page = context.new_page()
    feed = "/kiosk/usivak/feed.json?lang=ur"

    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        notice = Notice(centre=centre, state="published", source_language="ur", revision=1,
                        category="transport", valid_until=utcnow() + timedelta(hours=1))
        notice.set_text("ur", title="بس کا نیا وقت", summary="بس", body="بس")
        dbsession.add(notice)
        dbsession.flush()
        return notice.id

    try:
        page.clock.install()
        page.goto(f"{live_server}/kiosk/usivak")
        wait_for_copies(page)  # nobody opens Urdu on this kiosk
        first = saved_at(page, feed)
        notice_id = live_server.commit(add)
        page.clock.run_for(60_000)  # a poll
        deadline = time.monotonic() + 30
        while saved_at(page, feed) == first:
            assert time.monotonic() < deadline, "the Urdu copy was not renewed"
            page.wait_for_timeout(100)
        assert "بس کا نیا وقت" in page.evaluate(
            "async url => (await caches.match(url)).text()", feed)
    finally:
        context.close()
        live_server.commit(lambda dbsession: dbsession.delete(dbsession.get(Notice, notice_id)))


def test_an_expired_notice_disappears_on_time_even_offline(live_server, chromium):
    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                        category="food", valid_until=utcnow() + timedelta(seconds=90))
        notice.set_text("en", title="Soup until noon", summary="Soup", body="Soup")
        dbsession.add(notice)

    live_server.commit(add)
    context = chromium.new_context(viewport=LANDSCAPE)
    page = context.new_page()
    try:
        page.clock.install()
        open_kiosk(page, live_server, "en")
        soup = page.locator("#panels article", has_text="Soup until noon")
        assert soup.is_visible()
        context.set_offline(True)
        hidden = "e => e.hidden"  # (panels rotate, so the panel itself may be out of view)
        page.clock.run_for(60_000)
        assert soup.evaluate(hidden) is False
        page.mouse.click(10, 300)  # someone is reading: no idle reset
        page.clock.run_for(60_000)
        assert soup.count() == 1 and soup.evaluate(hidden) is True
        assert page.locator("#board").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PORTRAIT, LANDSCAPE])
def test_touch_targets_and_type_size(live_server, page, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server}/kiosk/usivak")
    small = page.evaluate("""() => Array.from(document.querySelectorAll('button, a'))
        .filter(e => e.offsetParent !== null)
        .map(e => e.getBoundingClientRect())
        .filter(r => r.width < 48 || r.height < 48).length""")
    assert small == 0
    open_kiosk(page, live_server, "en")
    small = page.evaluate("""() => Array.from(document.querySelectorAll('button, a'))
        .filter(e => e.offsetParent !== null)
        .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
        .filter(([t, r]) => r.width < 48 || r.height < 48).map(([t]) => t)""")
    assert small == []
    sizes = page.evaluate("""() => Array.from(document.querySelectorAll(
        '#panels .nb-summary, #panels .nb-body p, #panels .nb-category span'))
        .filter(e => e.offsetParent !== null)
        .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 24


@pytest.mark.parametrize("lang", ["ar", "bn", "en"])
def test_no_accessibility_violations_at_wcag22_aa(live_server, page, lang):
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{live_server}/kiosk/usivak")
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []
    open_kiosk(page, live_server, lang, close_urgent=False)
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []
    page.click("#urgent-close")
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []


def test_no_cookie_and_no_outside_request(live_server, chromium):
    context = chromium.new_context(viewport=PORTRAIT)
    requested = []
    context.on("request", lambda request: requested.append(request.url))  # the worker's too
    page = context.new_page()
    try:
        open_kiosk(page, live_server, "ps")
        page.goto(f"{live_server}/kiosk/usivak?lang=ar")  # a kiosk set up to open in Arabic
        page.wait_for_selector("#panels .kiosk-panel")
        assert page.locator("html").get_attribute("lang") == "ar"
        page.click("#urgent-close")
        page.click("#back")
        page.click('button.kiosk-language[data-lang="bn"]')
        page.wait_for_selector('#panels [lang="bn"]')
        page.wait_for_load_state("networkidle")
        assert requested and all(url.startswith(live_server) for url in requested)
        assert context.cookies() == []
    finally:
        context.close()
