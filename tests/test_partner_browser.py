"""A partner's first task, in a real browser on a phone: after login their dashboard shows what
the people of their organisation proposed, and they open it."""
import uuid

import pytest
from sqlalchemy import select

from portal.models import Centre, Page, User
from portal.testing import axe_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_partner_finds_its_organisations_items_on_its_dashboard(
        live_server, chromium, browser_login, lang):
    title = f"Legal aid hours {uuid.uuid4().hex[:6]}"

    def colleague_proposes(dbsession):  # a protection officer of the same organisation (UNHCR)
        owner = dbsession.scalars(select(User).where(User.username == "protection-usivak")).one()
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        page = Page(centre=centre, state="published", source_language="en", owner=owner)
        page.set_text("en", title=title, body="Tuesdays and Thursdays, 10:00 to 14:00.")
        dbsession.add(page)

    live_server.commit(colleague_proposes)
    page = chromium.new_context(viewport={"width": 360, "height": 740},
                                locale=lang).new_page()
    browser_login(page, "partner-unhcr")
    page.goto(f"{live_server}/dashboard?lang={lang}")
    tile = page.locator('[data-tile="portal.organisation"]')
    assert "UNHCR" in tile.inner_text()
    page.screenshot(path=f"/tmp/partner-dashboard-{lang}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page, impacts=("minor", "moderate", "serious", "critical")) == []
    tile.get_by_text(title).click()
    assert page.locator("h1").inner_text().startswith(title)
    assert "Tuesdays and Thursdays" in page.locator("main").inner_text()
