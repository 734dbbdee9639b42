"""A secretary writes a meeting in Urdu (right to left) on a phone, from the agenda to the
action items, submits it; the manager approves and publishes it; residents read its outcomes
first. axe-core finds nothing on any page of the way. In Debian's Chromium."""
import re
from datetime import date, timedelta

import pytest

from plugins.minutes.models import Meeting
from portal.testing import axe_violations

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def checked(page):
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert fits(page)
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []


def save(page):
    page.click("#deform button[name=save]")
    page.wait_for_load_state()


def test_a_secretary_writes_a_meeting_in_urdu_from_agenda_to_published(live_server, page,
                                                                       browser_login):
    page.set_viewport_size(PHONE)
    browser_login(page, "rep-usivak")
    page.goto(f"{live_server}/minutes/usivak/add?lang=ur")
    checked(page)
    page.fill('#deform input[name="title"]', "خواتین کی میٹنگ")
    page.fill('#deform textarea[name="summary"]', "صحت کے مرکز میں خاتون ڈاکٹر آئے گی۔")
    page.select_option('#deform select[name="kind"]', "women")
    page.fill('#deform input[name="date"]', (date.today() - timedelta(days=1)).isoformat())
    page.fill('#deform input[name="time"]', "10:30")
    page.select_option('#deform select[name="room_id"]', index=1)
    page.select_option('#deform select[name="source_language"]', "ur")
    save(page)
    assert re.search(r"/minutes/usivak/\d+$", page.url.split("?")[0])
    record = page.url.split("?")[0].split("#")[0]
    checked(page)

    page.click(f'a[href="{record.replace(live_server, "")}/agenda"]')
    checked(page)
    page.fill('#deform input[name="title"]', "صحت")
    page.fill('#deform textarea[name="summary"]', "خواتین نے خاتون ڈاکٹر کے بارے میں پوچھا۔")
    save(page)
    page.locator("text=تشویش شامل کریں").first.click()
    page.select_option('#deform select[name="category"]', "health")
    page.fill('#deform textarea[name="text"]', "کلینک میں کوئی خاتون ڈاکٹر نہیں ہے۔")
    save(page)
    page.locator("text=فیصلہ شامل کریں").first.click()
    page.fill('#deform textarea[name="text"]', "ہر منگل کو خاتون ڈاکٹر آئے گی۔")
    save(page)
    page.locator("text=کرنے کا کام شامل کریں").first.click()
    checked(page)
    page.fill('#deform textarea[name="what"]', "صحت مرکز سے خاتون ڈاکٹر مانگیں۔")
    page.select_option('#deform select[name="party"]', "management")
    page.fill('#deform input[name="date"]', (date.today() + timedelta(days=14)).isoformat())
    save(page)
    page.locator(f'a[href="{record.replace(live_server, "")}/attendance"]').click()
    page.fill('#deform input[name="rep_ur"]', "3")
    page.fill('#deform input[name="management"]', "1")
    save(page)
    checked(page)

    page.locator('form[data-step-button="submit"] button').click()
    page.wait_for_load_state()
    assert page.locator('[data-state="submitted"]').count() == 1

    page.context.clear_cookies()
    browser_login(page, "manager-usivak")
    page.goto(f"{record}?lang=ur")
    checked(page)
    page.locator('form[data-step-button="approve"] button').click()
    page.wait_for_load_state()
    page.locator('form[data-step-button="publish"] button').click()
    page.wait_for_load_state()
    assert page.locator('[data-state="published"]').count() == 1
    meeting_id = int(record.rsplit("/", 1)[1])
    assert live_server.commit(lambda db: db.get(Meeting, meeting_id).state) == "published"

    page.context.clear_cookies()
    page.goto(f"{record}?lang=ur")
    checked(page)
    outcomes = page.locator(".minutes-outcomes")
    assert "ہر منگل کو خاتون ڈاکٹر آئے گی۔" in outcomes.inner_text()
    assert "صحت مرکز سے خاتون ڈاکٹر مانگیں۔" in outcomes.inner_text()
    # the outcomes come first, the full record after them
    assert outcomes.bounding_box()["y"] < page.locator("#attendance").bounding_box()["y"]
    page.goto(f"{live_server}/minutes/usivak/you-said-we-did?lang=ur")
    checked(page)
    assert "کلینک میں کوئی خاتون ڈاکٹر نہیں ہے۔" in page.locator("main").inner_text()
