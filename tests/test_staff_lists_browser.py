"""The information pages list and a preview in another language, in Debian's Chromium on a
360 px phone: nothing scrolls sideways, the row menu opens in place, no accessibility violation."""
import pytest

from portal.testing import axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def in_content(violations):
    """Violations inside the page's own content: the shared header is the layout's, checked
    with the layout."""
    return [(rule, impact, targets) for rule, impact, targets in violations
            if not all(str(target[0]).startswith(("#logout-form", ".portal-header"))
                       for target in targets)]



@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_pages_list_and_a_preview_on_a_phone(live_server, page, browser_login, lang):
    page.set_viewport_size(PHONE)
    browser_login(page, "manager-usivak")
    page.goto(f"{live_server}/centres/usivak/pages?lang={lang}")
    row = page.locator("tr[data-page]").first
    row.locator("summary").click()
    assert row.locator('a[data-action="edit"]').is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.mouse.move(0, 0)
    page.wait_for_timeout(300)  # Bootstrap's colour transitions are over
    assert in_content(axe_violations(page)) == []
    other = "en" if lang == "ar" else "ar"
    row.locator("select[name=language]").select_option(other)
    row.locator(".portal-preview-form button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == lang  # the chrome stays
    preview = page.locator(".portal-preview")
    assert preview.get_attribute("lang") == other
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert in_content(axe_violations(page)) == []
