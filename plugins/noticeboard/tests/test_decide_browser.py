"""A manager decides from Manage notices on a 360 px phone, in Arabic; a form sent with
mistakes puts the cursor in the first field in error. In Debian's Chromium."""
import pytest
from sqlalchemy import select

from portal.api import Centre, User
from portal.testing import axe_violations
from plugins.noticeboard.models import Notice

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}



def proposals(live_server, *titles):
    """Notices of Ušivak proposed by its representative, waiting for a decision."""

    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
        ids = []
        for title in titles:
            notice = Notice(centre=centre, state="submitted", source_language="ar", revision=1,
                            owner=rep, category="food", priority="important", position=1)
            notice.set_text("ar", title=title, summary=title, body=title)
            dbsession.add(notice)
            dbsession.flush()
            ids.append(notice.id)
        return ids

    return live_server.commit(add)


def state_of(live_server, notice_id):
    return live_server.commit(lambda dbsession: dbsession.get(Notice, notice_id).state)


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_manager_decides_from_the_list_on_a_phone_in_arabic(live_server, page,
                                                              browser_login):
    publish_id, reject_id = proposals(live_server, "توزيع الخبز صباحاً", "حافلة إلى المدينة")
    page.set_viewport_size(PHONE)
    browser_login(page, "manager-usivak")
    page.goto(f"{live_server}/noticeboard/usivak/manage?lang=ar&state=submitted")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert no_sideways_scroll(page)
    row = page.locator(f'tr[data-notice="{publish_id}"]')
    menu = row.locator("details.portal-row-actions")
    publish = menu.locator('form[data-step="publish"] button')
    assert not publish.is_visible()  # folded until asked for
    summary = menu.locator("summary")
    assert summary.bounding_box()["height"] >= 48
    summary.click()
    assert publish.is_visible() and publish.bounding_box()["height"] >= 48
    assert no_sideways_scroll(page)
    # the menu opens on the reading side: it starts at the right edge of its cell
    cell = row.locator("td").last.bounding_box()
    assert abs((publish.bounding_box()["x"] + publish.bounding_box()["width"]) -
               (cell["x"] + cell["width"])) < 20
    publish.click()
    page.wait_for_load_state()
    assert "/noticeboard/usivak/manage" in page.url and "state=submitted" in page.url
    assert state_of(live_server, publish_id) == "published"
    assert page.locator(f'tr[data-notice="{publish_id}"]').count() == 0
    assert page.locator(".alert").first.is_visible()  # "done" in Arabic

    row = page.locator(f'tr[data-notice="{reject_id}"]')
    row.locator("summary").click()
    reject = row.locator('form[data-step="reject"]')
    reject.locator("button").click()  # no reason: the browser asks for one, nothing is sent
    assert state_of(live_server, reject_id) == "submitted"
    reject.locator('input[name="comment"]').fill("يرجى ذكر موعد الحافلة")
    reject.locator("button").click()
    page.wait_for_load_state()
    assert state_of(live_server, reject_id) == "draft"
    assert axe_violations(page) == []


def test_the_decision_page_fits_a_phone_in_arabic(live_server, page, browser_login):
    (notice_id,) = proposals(live_server, "ساعات الطبيب الجديدة")
    page.set_viewport_size(PHONE)
    browser_login(page, "manager-usivak")
    page.goto(f"{live_server}/content/{notice_id}?lang=ar")
    facts = page.locator(".portal-facts")
    assert facts.is_visible()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_an_invalid_form_puts_the_cursor_in_the_first_field_in_error(live_server, page,
                                                                   browser_login):
    browser_login(page, "manager-usivak")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server}/centres/usivak/pages/add?lang=ar")
    title = page.locator('#deform input[name="title"]')
    limit = page.locator(f'#limit-{title.get_attribute("id")}')
    title.fill("س")
    assert "300" in limit.inner_text() or "٣٠٠" in limit.inner_text()
    assert limit.locator(".portal-count").inner_text().startswith(("1", "١"))
    page.fill('#deform input[name="position"]', "many")
    page.click("#deform button[name=save]")
    page.wait_for_load_state()
    focused = page.evaluate("document.activeElement.name")
    first = page.locator('#deform [aria-invalid="true"]').first.get_attribute("name")
    assert focused == first == "position"
    assert page.evaluate("document.activeElement.getAttribute('aria-invalid')") == "true"
    assert page.locator('#deform input[name="title"]').input_value() == "س"  # kept

