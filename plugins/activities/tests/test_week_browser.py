"""The week view in Chromium, in Persian (right to left) on a phone, checked by axe-core; a
partner books through the form."""
import pytest

from portal.testing import axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def test_the_week_view_in_persian_reads_right_to_left_on_a_phone_and_passes_axe(live_server,
                                                                                page):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/activities/usivak/?lang=fa")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "fa"
    first_day = page.locator(".act-day h2").first
    assert "دوشنبه" in first_day.inner_text()  # Monday, from Babel
    assert page.locator(".act-entry").count() > 5
    # nothing scrolls sideways, and a day's entries read from the right
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    entry = page.locator(".act-entry").first
    time_box = entry.locator(".act-time").bounding_box()
    what_box = entry.locator(".act-what").bounding_box()
    assert time_box["x"] > what_box["x"]  # the time stands on the right, where reading starts
    page.click(".act-filters summary")
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []


def test_a_partner_books_a_weekly_class_in_the_browser(live_server, page, browser_login):
    browser_login(page, "partner-unhcr")
    page.goto(f"{live_server}/activities/usivak/add?lang=en")
    page.fill("input[name=title]", "Computer basics")
    page.fill("input[name=date] >> nth=0", "2027-02-01")
    page.fill("input[name=time] >> nth=0", "16:00")
    page.fill("input[name=duration_minutes]", "90")
    page.select_option("select[name=freq]", "weekly")
    page.fill("input[name=count]", "6")
    page.click("button[name=save]")
    page.wait_for_url(f"{live_server}/activities/usivak/manage")
    assert "Computer basics" in page.inner_text(".act-manage")
    assert axe_violations(page) == []
