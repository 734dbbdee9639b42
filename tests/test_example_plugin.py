"""The example third-party plugin (tests/fixtures/portal_example), built only on portal.api,
uses the whole contract: a guarded workflow of its own, a local role, text per language for a
model that is not content, an event, a ballot-like model the audit log never sees, its own
static files and message catalog."""
import pytest
from sqlalchemy import func, select

from portal.testing import csrf_token
from portal.api import AuditEntry, Centre, User, grant_local_role


@pytest.fixture
def gathering(testapp, login_as, dbsession):
    """A draft gathering added by Ušivak's manager through the form."""
    login_as(testapp, "manager-usivak")
    form = testapp.get("/hello/usivak/add").forms["deform"]
    form["title"], form["source_language"] = "Tea with the new arrivals", "en"
    page = form.submit("save").follow()
    from portal_example import Gathering

    found = dbsession.scalars(select(Gathering).order_by(Gathering.id.desc())).first()
    assert found.state == "draft" and found.texts["en"].title in page.text
    return found


def user(dbsession, name):
    return dbsession.scalars(select(User).where(User.username == name)).one()


def csrf(testapp):
    return {"csrf_token": csrf_token(testapp)}


def test_a_host_opens_a_gathering_once_it_has_an_agenda(testapp, login_as, dbsession, gathering):
    partner = user(dbsession, "partner-unhcr")
    login_as(testapp, "partner-unhcr")
    # without the local role, a partner may not even see the draft
    assert testapp.get(f"/content/{gathering.id}", expect_errors=True).status_int == 403
    grant_local_role(dbsession, gathering, partner, "host")
    dbsession.flush()
    page = testapp.get(f"/content/{gathering.id}")
    assert page.html.select_one("#transition-open") is not None
    # the guard refuses, saying why, and nothing changes
    refused = testapp.get(f"/content/{gathering.id}").forms["transition-open"].submit(
        expect_errors=True)
    assert refused.status_int == 400
    assert "Add an agenda line before opening the gathering." in refused.text
    dbsession.expire_all()
    assert gathering.state == "draft"
    form = testapp.get(f"/hello/usivak/{gathering.id}/lines").forms["deform"]
    form["text"] = "Welcome and introductions"
    assert form.submit("save").status_int == 303
    # the organiser hears of it in their inbox, in their language, from the plugin's catalog
    user(dbsession, "manager-usivak").language = "fr"
    organiser = testapp.__class__(testapp.app)
    login_as(organiser, "manager-usivak")
    inbox = organiser.get("/inbox").html.select_one(".portal-inbox a").get_text()
    assert inbox.replace("\u2068", "").replace("\u2069", "").endswith(
        "Un point a été ajouté à l’ordre du jour de « Tea with the new arrivals » : "
        "Welcome and introductions")
    testapp.get(f"/content/{gathering.id}").forms["transition-open"].submit()
    dbsession.expire_all()
    assert gathering.state == "open"
    # the plugin's event subscriber announced it; the notice board (never imported) shows it
    assert "Tea with the new arrivals" in testapp.get("/noticeboard/usivak/").text


def test_the_local_role_holds_on_that_gathering_only(testapp, login_as, dbsession, gathering):
    other = gathering.__class__(centre_id=gathering.centre_id, state="draft",
                                source_language="en", revision=1)
    other.set_text("en", title="Another gathering")
    dbsession.add(other)
    grant_local_role(dbsession, gathering, user(dbsession, "partner-unhcr"), "host")
    dbsession.flush()
    login_as(testapp, "partner-unhcr")
    assert testapp.get(f"/content/{gathering.id}/edit").status_int == 200
    assert testapp.get(f"/content/{other.id}/edit", expect_errors=True).status_int == 403
    assert testapp.get(f"/hello/usivak/{other.id}/lines", expect_errors=True).status_int == 403


def test_agenda_lines_are_translated_like_content(testapp, login_as, dbsession, gathering):
    form = testapp.get(f"/hello/usivak/{gathering.id}/lines").forms["deform"]
    form["text"] = "Welcome and introductions"
    form.submit("save")
    dbsession.expire_all()
    line = gathering.lines[0]
    login_as(testapp, "translator")
    desk = testapp.get("/translations?plugin=hello&centre=usivak").html
    link = desk.find("a", href=f"/translations/hello.agenda_line/{line.id}")
    assert link is not None and "TRC Ušivak" in link.find_parent("tr").get_text()
    assert desk.find("a", href=f"/translations/content/{gathering.id}") is not None
    assert desk.find("a", href=lambda href: href and "/content/" in href and
                     not href.startswith(f"/translations/content/{gathering.id}")) is None
    blazuj = testapp.get("/translations?plugin=hello&centre=blazuj").html
    assert blazuj.find("a", href=f"/translations/hello.agenda_line/{line.id}") is None
    form = testapp.get(f"/translations/hello.agenda_line/{line.id}/ar").forms["deform"]
    assert form["text"].attrs["dir"] == "rtl"
    form["text"] = "الترحيب والتعارف"
    form.submit("save")
    dbsession.expire_all()
    assert line.texts["ar"].text == "الترحيب والتعارف" and not line.is_outdated("ar")
    line.set_text("en", text="Welcome, introductions and tea")  # the source changes
    dbsession.flush()
    overview = testapp.get(f"/translations/hello.agenda_line/{line.id}").html
    assert overview.select_one('tr[data-lang="ar"]')["data-status"] == "outdated"


def test_nothing_about_a_ballot_reaches_the_audit_log(testapp, dbsession):
    from portal_example import Ballot

    token = testapp.get("/login").forms["deform"]["csrf_token"].value  # an anonymous voter's
    before = dbsession.scalar(select(func.max(AuditEntry.id)))
    response = testapp.post("/hello/usivak/ballot", {"csrf_token": token, "choice": "tea"})
    assert response.status_int == 303
    dbsession.expire_all()
    assert dbsession.scalar(select(func.count()).select_from(Ballot)) == 1
    assert dbsession.scalar(select(func.max(AuditEntry.id))) == before
    assert dbsession.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.object_type == "hello_ballots")) == 0


def test_its_own_static_files_and_catalog(testapp):
    page = testapp.get("/hello/usivak/?lang=ar")
    assert page.html.select_one("h1").get_text() == "تحيات"  # from the plugin's own catalog
    stylesheet = page.html.select_one('link[href*="hello.css"]')["href"]
    assert stylesheet.startswith("/hello/static/")
    assert ".hello-greetings" in testapp.get(stylesheet).text
    assert stylesheet.split("?")[0] in testapp.get("/kiosk/sw.js").text


def test_its_routes_are_its_own_whatever_their_names(app, testapp, login_as, dbsession):
    assert app.registry.portal.route_plugins["hello_ballot"] == "hello"
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    login_as(testapp, "manager-usivak")
    assert testapp.get("/hello/usivak/").status_int == 200
    from portal.models import CentrePluginSetting

    usivak.disabled_plugins.append(CentrePluginSetting(plugin="hello"))
    dbsession.flush()
    # the manager turned the plugin off for Ušivak: every route it added is gone there
    assert testapp.post("/hello/usivak/ballot", {**csrf(testapp), "choice": "tea"},
                        expect_errors=True).status_int == 404
    assert testapp.get("/hello/usivak/", expect_errors=True).status_int == 404
    assert usivak.plugin_enabled("noticeboard")
