"""Every page passes axe-core's WCAG 2.2 A and AA rules with no violation of any impact, in
every language, for anonymous readers and for each staff role on its main pages.

axe-core is the npm package's ``axe.min.js``, vendored in tests/assets with its licence header
(see ``portal.testing.axe_violations``)."""
import pytest
from sqlalchemy import select

from plugins.noticeboard.models import Notice
from portal.i18n import LANGUAGES
from portal.models import Centre, Page
from portal.testing import axe_violations

pytestmark = pytest.mark.browser
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def ids(live_server):
    def find(dbsession):
        usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        ended = Notice(centre=usivak, state="withdrawn", source_language="en", revision=1)
        ended.set_text("en", title="Withdrawn for the accessibility test")
        dbsession.add(ended)
        dbsession.flush()
        notice = dbsession.scalars(select(Notice.id).where(
            Notice.centre_id == usivak.id, Notice.state == "published",
            Notice.priority == "urgent")).first()
        page = dbsession.scalars(select(Page.id).where(Page.centre_id == usivak.id)).first()
        return {"notice": notice, "ended": ended.id, "page": page}

    return live_server.commit(find)


def public_pages(ids):
    return ["/", "/centres/usivak", "/noticeboard/usivak/", f"/noticeboard/usivak/{ids['notice']}",
            f"/noticeboard/usivak/{ids['notice']}/poster", f"/noticeboard/usivak/{ids['ended']}",
            f"/content/{ids['page']}", "/kiosk/", "/kiosk/usivak", "/login", "/no-such-page"]


#: each staff role's main pages: where it lands and where its daily work is
STAFF_PAGES = {
    "admin": ["/", "/admin", "/admin/plugins", "/admin/users", "/admin/audit", "/profile"],
    "manager-usivak": ["/", "/centres/usivak", "/noticeboard/usivak/manage",
                       "/noticeboard/usivak/add", "/centres/usivak/audit",
                       "/content/{page}/edit"],
    "rep-usivak": ["/", "/noticeboard/usivak/manage", "/noticeboard/usivak/add"],
    "partner-unhcr": ["/", "/noticeboard/usivak/manage", "/noticeboard/usivak/add"],
    "protection-usivak": ["/", "/noticeboard/usivak/manage"],
    "translator": ["/", "/translations", "/translations/content/{page}/ar"],
}


def violations_on(page, live_server, paths):
    found = []
    for lang in LANGUAGES:
        for path in paths:
            page.goto(f"{live_server}{path}?lang={lang}")  # axe runs once "load" has fired
            found += [(lang, path, *violation)
                      for violation in axe_violations(page, impacts=EVERY_IMPACT)]
    return found


def test_public_pages_in_every_language(live_server, page, ids):
    page.set_viewport_size(DESKTOP)  # the whole header shown
    assert violations_on(page, live_server, public_pages(ids)) == []


def test_the_phone_header_with_its_menus_open_in_every_language(live_server, page):
    page.set_viewport_size(PHONE)
    # no colour transitions: axe reads the button's colours the moment it is clicked
    page.emulate_media(reduced_motion="reduce")
    found = []
    for lang in LANGUAGES:
        page.goto(f"{live_server}/centres/usivak?lang={lang}")
        for toggle in page.locator(".portal-toggle").all():
            toggle.click()
            found += [(lang, *v) for v in axe_violations(page, impacts=EVERY_IMPACT)]
    assert found == []


@pytest.mark.parametrize("username", list(STAFF_PAGES))
def test_each_staff_roles_main_pages_in_every_language(live_server, page, ids, username,
                                                      browser_login):
    page.set_viewport_size(DESKTOP)
    browser_login(page, username)
    paths = [path.format(**ids) for path in STAFF_PAGES[username]]
    assert violations_on(page, live_server, paths) == []
