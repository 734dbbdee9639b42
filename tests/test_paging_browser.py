"""Paged staff lists on a 360 px phone, left to right and right to left (Chromium)."""
import pytest
from sqlalchemy import select

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def drafts(live_server):
    """Sixty draft notices in TRC Blažuj, written in English only: pages of the manage list and
    of the translation desk (drafts never reach the public board or the kiosk)."""
    from portal.models import Centre
    from plugins.noticeboard.models import Notice

    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
        for number in range(60):
            notice = Notice(centre=centre, state="draft", source_language="en", revision=1,
                            position=300 + number)
            notice.set_text("en", title=f"Draft notice {number} about the laundry in building B")
            dbsession.add(notice)

    live_server.commit(add)



@pytest.mark.parametrize("username,path", [("admin", "/noticeboard/blazuj/manage"),
                                           ("translator", "/translations")])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_pages_of_a_staff_list_on_a_phone(live_server, page, drafts, username, path, lang,
                                          browser_login):
    page.set_viewport_size({"width": 360, "height": 740})
    browser_login(page, username)
    page.goto(f"{live_server}{path}?lang={lang}")
    page.click('a[rel="next"]')
    page.wait_for_url("**page=2**")
    previous, following = page.locator('a[rel="prev"]'), page.locator('a[rel="next"]')
    for link in (previous, following):
        box = link.bounding_box()
        assert box["height"] >= 48 and box["width"] >= 48
        assert 0 <= box["x"] and box["x"] + box["width"] <= 360
    # "previous" comes first in reading order: on the left in English, on the right in Arabic
    assert (previous.bounding_box()["x"] > following.bounding_box()["x"]) == (lang == "ar")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    previous.click()
    page.wait_for_load_state()
    assert page.locator('a[rel="prev"]').count() == 0 and page.locator('a[rel="next"]').count() == 1
