"""After login each role lands on its own dashboard, built from the tiles it has permission for."""
from datetime import timedelta

from sqlalchemy import select

from portal.models import Centre, Page, User
from portal.models.meta import utcnow


def tiles(response):
    return [tile["data-tile"] for tile in response.html.select("[data-tile]")]


def add_page(dbsession, username, title, state="submitted", age_days=0):
    owner = dbsession.scalars(select(User).where(User.username == username)).one()
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state=state, source_language="en", owner=owner,
                modified=utcnow() - timedelta(days=age_days))
    page.set_text("en", title=title)
    dbsession.add(page)
    dbsession.flush()
    page.modified = utcnow() - timedelta(days=age_days)  # set_text touched it
    return page


def test_login_lands_on_the_dashboard_and_a_page_asked_for_wins(testapp, login_as):
    response = login_as(testapp, "rep-usivak")
    assert response.request.path == "/dashboard"
    testapp.post("/logout", {"csrf_token": response.html.select_one(
        "#logout-form input[name=csrf_token]")["value"]})
    form = testapp.get("/login?came_from=/profile").forms["deform"]
    form["username"], form["password"] = "rep-usivak", "portal-demo"
    assert form.submit("save").location.endswith("/profile")


def test_each_role_sees_its_own_tiles(testapp, login_as):
    expected = {
        "rep-usivak": ["portal.my_proposals", "noticeboard.propose"],
        "partner-unhcr": ["portal.my_proposals", "noticeboard.propose", "portal.organisation"],
        "manager-usivak": ["portal.decisions", "noticeboard.propose", "minutes.overdue"],
        "translator": ["portal.translation_queue"],
        "admin": ["portal.decisions", "minutes.overdue", "portal.translation_queue",
                  "portal.health"],
    }
    for username, wanted in expected.items():
        client = testapp.__class__(testapp.app)
        assert tiles(login_as(client, username)) == wanted, username


def test_a_manager_sees_what_waits_for_a_decision_oldest_first(testapp, login_as, dbsession):
    newer = add_page(dbsession, "rep-usivak", "Newer proposal", age_days=1)
    older = add_page(dbsession, "rep-usivak", "Older proposal", age_days=3)
    add_page(dbsession, "rep-usivak", "A draft", state="draft")
    tile = login_as(testapp, "manager-usivak").html.select_one('[data-tile="portal.decisions"]')
    listed = [int(item["data-content"]) for item in tile.select("[data-content]")]
    assert listed.index(older.id) < listed.index(newer.id)
    assert "A draft" not in tile.text
    admin = testapp.__class__(testapp.app)
    admin_tile = login_as(admin, "admin").html.select_one('[data-tile="portal.decisions"]')
    assert "Older proposal" in admin_tile.text  # the administrator decides everywhere


def test_a_partner_sees_its_organisations_items_and_a_rep_its_own(testapp, login_as, dbsession):
    add_page(dbsession, "protection-usivak", "Legal aid hours", state="draft")  # UNHCR
    add_page(dbsession, "rep-usivak", "Football", state="draft")
    partner = login_as(testapp, "partner-unhcr")
    organisation = partner.html.select_one('[data-tile="portal.organisation"]')
    assert "UNHCR" in organisation.text
    mine = partner.html.select_one('[data-tile="portal.my_proposals"]')
    assert "Football" not in mine.text and "Football" not in organisation.text
    rep = testapp.__class__(testapp.app)
    assert "Football" in login_as(rep, "rep-usivak").html.select_one(
        '[data-tile="portal.my_proposals"]').text


def test_the_administrator_sees_the_health_of_the_installation(testapp, login_as):
    health = login_as(testapp, "admin").html.select_one('[data-tile="portal.health"]')
    assert "noticeboard" in health.text
    assert "The database is up to date." in health.text


def test_another_centres_manager_does_not_see_these_proposals(testapp, login_as, dbsession,
                                                               make_user):
    add_page(dbsession, "rep-usivak", "Older proposal", age_days=3)
    make_user("manager-blazuj", role="centre_manager", centre="blazuj")
    tile = login_as(testapp, "manager-blazuj").html.select_one('[data-tile="portal.decisions"]')
    assert "Older proposal" not in tile.text


def test_a_translator_sees_the_top_of_their_queue_with_links_to_translate(
        testapp, login_as, dbsession):
    add_page(dbsession, "rep-usivak", "Old rules", state="withdrawn")
    tile = login_as(testapp, "translator").html.select_one('[data-tile="portal.translation_queue"]')
    shown = [(link.text, link["href"]) for link in tile.select(".portal-queue-tile li > a")]
    desk = [(link.text, link["href"]) for link in
            testapp.get("/translations").html.select("table tbody tr td:first-child > a")]
    assert len(shown) == 5 and shown == desk[:5]  # the top of the desk, in its order
    assert "Old rules" not in [label for label, _ in desk]  # withdrawn: nobody needs it
    assert testapp.get(shown[0][1]).status_int == 200


def test_a_partners_tile_is_not_crowded_out_by_items_it_may_not_open(testapp, login_as, dbsession):
    for number in range(40):  # a colleague's drafts, newer than anything published
        add_page(dbsession, "protection-usivak", f"Draft {number}", state="draft")
    add_page(dbsession, "protection-usivak", "Legal aid hours", state="published", age_days=1)
    tile = login_as(testapp, "partner-unhcr").html.select_one('[data-tile="portal.organisation"]')
    assert "Legal aid hours" in tile.text
    assert "Draft 0" not in tile.text
