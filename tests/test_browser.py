"""The home page in a real browser (Debian's Chromium through Playwright)."""
import pytest

from portal.testing import axe_violations

pytestmark = pytest.mark.browser



def test_arabic_home_page_is_right_to_left(live_server, page, browser_login):
    browser_login(page, "admin")  # staff see several navigation items
    page.goto(f"{live_server}/?lang=ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    first, second = page.locator(".portal-nav .nav-link").all()[:2]
    page.set_viewport_size({"width": 1280, "height": 800})
    assert first.bounding_box()["x"] > second.bounding_box()["x"]
    font = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Noto Naskh Arabic" in font


@pytest.mark.parametrize("staff", [False, True])
def test_arabic_home_page_has_no_serious_accessibility_violations(live_server, page, staff,
                                                                  browser_login):
    if staff:
        browser_login(page, "manager-usivak")
    page.goto(f"{live_server}/?lang=ar")
    assert axe_violations(page) == []
    page.goto(f"{live_server}/centres/usivak?lang=ar")
    assert axe_violations(page) == []


def test_no_request_leaves_the_server(live_server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server}/?lang=ur")
    page.wait_for_load_state("networkidle")
    assert requested and all(url.startswith(live_server) for url in requested)
    fonts = page.evaluate("Array.from(document.fonts).filter(f => f.status == 'loaded')"
                          ".map(f => f.family)")
    assert any("Nastaliq" in family for family in fonts)


RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
    e => window.cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def test_form_pages_run_without_content_security_policy_violations(live_server, page,
                                                                   browser_login):
    """No inline script, style or handler is refused on form pages: deform still starts."""
    page.add_init_script(RECORD_VIOLATIONS)  # runs in every page, before its own scripts
    refused = {}
    response = page.goto(f"{live_server}/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    refused["/login"] = page.evaluate("window.cspViolations")
    browser_login(page, "manager-usivak")
    for path in ("/noticeboard/usivak/add", "/profile", "/centres/usivak/rooms",
                 "/kiosk/usivak"):
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
        refused[path] = page.evaluate("window.cspViolations")
    page.goto(f"{live_server}/noticeboard/usivak/add")
    assert page.locator("input[type=date]").count() >= 1  # the browser's own date pickers
    assert refused == {path: [] for path in refused}
