"""Every route x every role (and anonymous) gets exactly the expected status.

A route that is not in EXPECTED fails ``test_every_route_has_an_expectation``: adding a page means
deciding who may open it.
"""
import pytest
from sqlalchemy import select

from portal.models import Centre, Page, Room, User

ROLES = ["anonymous", "admin", "manager", "rep", "partner", "protection", "translator"]
ACCOUNTS = {"admin": "admin", "manager": "manager-usivak", "rep": "rep-usivak",
            "partner": "partner-unhcr", "protection": "protection-usivak",
            "translator": "translator"}

ALL_200 = {role: 200 for role in ROLES}
LOGGED_IN = {**{role: 200 for role in ROLES}, "anonymous": 303}
ADMIN_ONLY = {**{role: 403 for role in ROLES}, "anonymous": 303, "admin": 200}
MANAGERS = {**ADMIN_ONLY, "manager": 200}
TRANSLATORS = {**MANAGERS, "translator": 200}
GET_NOT_ALLOWED = {role: 404 for role in ROLES}

# route name -> list of (url template, expected status per role)
EXPECTED = {
    "home": [("/", ALL_200)],
    "login": [("/login", ALL_200)],
    "logout": [("/logout", GET_NOT_ALLOWED)],
    "profile": [("/profile", LOGGED_IN)],
    "centre": [("/centres/usivak", ALL_200), ("/centres/blazuj", ALL_200)],
    "centre.settings": [("/centres/usivak/settings", MANAGERS),
                        ("/centres/blazuj/settings", ADMIN_ONLY)],
    "centre.rooms": [("/centres/usivak/rooms", MANAGERS), ("/centres/blazuj/rooms", ADMIN_ONLY)],
    "centre.room_edit": [("/centres/usivak/rooms/{room}", MANAGERS)],
    "centre.audit": [("/centres/usivak/audit", MANAGERS), ("/centres/blazuj/audit", ADMIN_ONLY)],
    "page.add": [("/centres/usivak/pages/add", MANAGERS),
                 ("/centres/blazuj/pages/add", ADMIN_ONLY)],
    "content.view": [("/content/{page}", ALL_200)],
    "content.edit": [("/content/{page}/edit", MANAGERS), ("/content/{other_page}/edit", ADMIN_ONLY)],
    "content.translations": [("/content/{page}/translations", TRANSLATORS)],
    "content.translate": [("/content/{page}/translate/ar", TRANSLATORS)],
    "content.transition": [("/content/{page}/transition/withdraw", GET_NOT_ALLOWED)],
    "translations": [("/translations", {**ADMIN_ONLY, "translator": 200})],
    "translation.overview": [("/translations/content/{page}", TRANSLATORS),
                             ("/translations/content/{other_page}", {**ADMIN_ONLY,
                                                                     "translator": 200}),
                             ("/translations/nosuchkind/{page}", {r: 404 for r in ROLES})],
    "translation.edit": [("/translations/content/{page}/ar", TRANSLATORS),
                         ("/translations/noticeboard.picture/{picture}/fr", TRANSLATORS)],
    "admin": [("/admin", ADMIN_ONLY)],
    "admin.plugins": [("/admin/plugins", ADMIN_ONLY)],
    "admin.audit": [("/admin/audit", ADMIN_ONLY)],
    "admin.centres": [("/admin/centres", ADMIN_ONLY)],
    "admin.centre_add": [("/admin/centres/add", ADMIN_ONLY)],
    "admin.centre_edit": [("/admin/centres/{centre}", ADMIN_ONLY)],
    "admin.organisations": [("/admin/organisations", ADMIN_ONLY)],
    "admin.organisation_add": [("/admin/organisations/add", ADMIN_ONLY)],
    "admin.organisation_edit": [("/admin/organisations/1", ADMIN_ONLY)],
    "admin.users": [("/admin/users", ADMIN_ONLY)],
    "admin.user_add": [("/admin/users/add", ADMIN_ONLY)],
    "admin.user_edit": [("/admin/users/1", ADMIN_ONLY)],
    "admin.user_roles": [("/admin/users/1/roles", ADMIN_ONLY)],
    "kiosk.index": [("/kiosk/", ALL_200)],
    "kiosk.worker": [("/kiosk/sw.js", ALL_200)],
    "kiosk.shell": [("/kiosk/usivak", ALL_200), ("/kiosk/nowhere", {r: 404 for r in ROLES})],
    "kiosk.feed": [("/kiosk/usivak/feed.json?lang=ar", ALL_200)],
    # the example third-party plugin installed by tests/conftest.py
    "hello.index": [("/hello/usivak/", ALL_200)],
    # plugins/noticeboard
    "noticeboard.index": [("/noticeboard/usivak/", ALL_200)],
    "noticeboard.notice": [("/noticeboard/usivak/{notice}", ALL_200),
                           ("/noticeboard/usivak/{draft_notice}",
                            {**TRANSLATORS, "rep": 200, "protection": 200})],
    "noticeboard.poster": [("/noticeboard/usivak/{notice}/poster", ALL_200)],
    "noticeboard.image": [("/noticeboard/usivak/{notice}/image", ALL_200)],
    "noticeboard.image_edit": [("/noticeboard/usivak/{notice}/image/edit", MANAGERS),
                               ("/noticeboard/usivak/{draft_notice}/image/edit",
                                {**MANAGERS, "rep": 200})],
    "noticeboard.atom": [("/noticeboard/usivak/atom.xml", ALL_200)],
    "noticeboard.json": [("/noticeboard/usivak/feed.json", ALL_200)],
    "noticeboard.manage": [("/noticeboard/usivak/manage", {**LOGGED_IN, "translator": 403}),
                           ("/noticeboard/blazuj/manage", ADMIN_ONLY)],
    "noticeboard.add": [("/noticeboard/usivak/add",
                         {**MANAGERS, "rep": 200, "partner": 200}),
                        ("/noticeboard/blazuj/add", ADMIN_ONLY)],
}


def routes(app):
    names = set()
    for item in app.registry.introspector.get_category("routes"):
        route = item["introspectable"]
        if not route["static"] and not route["name"].startswith("__"):
            names.add(route["name"])
    return names


def test_every_route_has_an_expectation(app):
    assert routes(app) - set(EXPECTED) == set()


@pytest.fixture
def ids(dbsession):
    from plugins.noticeboard.models import Notice, NoticeImage

    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    draft = Notice(centre=usivak, state="draft", source_language="en", owner=rep, revision=1)
    draft.set_text("en", title="Draft notice")
    dbsession.add(draft)
    published = dbsession.scalars(select(Notice).where(
        Notice.centre_id == usivak.id, Notice.state == "published")).first()
    published.image = NoticeImage(data=b"", mime="image/png", width=1, height=1,
                                  source_language=published.source_language)
    published.image.set_text(published.source_language, alt="A picture")
    dbsession.flush()
    return {
        "notice": published.id,
        "picture": published.id,
        "draft_notice": draft.id,
        "centre": usivak.id,
        "room": dbsession.scalars(select(Room.id).where(Room.centre_id == usivak.id)).first(),
        "page": dbsession.scalars(select(Page.id).where(Page.centre_id == usivak.id)).first(),
        "other_page": dbsession.scalars(select(Page.id).where(Page.centre_id == blazuj.id)).first(),
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(testapp, login_as, ids, role):
    if role != "anonymous":
        login_as(testapp, ACCOUNTS[role])
    wrong = []
    for cases in EXPECTED.values():
        for template, expected in cases:
            url = template.format(**ids)
            status = testapp.get(url, expect_errors=True).status_int
            if status != expected[role]:
                wrong.append(f"{url}: {status}, expected {expected[role]}")
    assert wrong == []
