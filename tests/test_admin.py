"""Admin pages: centres, rooms, organisations, users and their centre-scoped roles."""
from sqlalchemy import select

from portal.models import Centre, Organisation, RoleAssignment, User


def test_admin_adds_and_edits_a_centre(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    form = testapp.get("/admin/centres/add").forms["deform"]
    form["name"], form["slug"] = "TRC Lipa", "lipa"
    form.submit("save").follow()
    lipa = dbsession.scalars(select(Centre).where(Centre.slug == "lipa")).one()
    assert lipa.timezone == "Europe/Sarajevo" and lipa.active
    form = testapp.get(f"/admin/centres/{lipa.id}").forms["deform"]
    assert form["name"].value == "TRC Lipa"
    form["slug"] = "usivak"  # taken
    response = form.submit("save", expect_errors=True)
    assert "This short name is already taken." in response.text
    form = response.forms["deform"]
    form["slug"], form["active"] = "lipa", False
    form.submit("save")
    assert not lipa.active
    assert testapp.get("/centres/lipa", expect_errors=True).status_int == 404


def test_admin_adds_an_organisation(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    form = testapp.get("/admin/organisations/add").forms["deform"]
    form["name"], form["slug"], form["kind"] = "Caritas", "caritas", "ngo"
    form.submit("save")
    assert dbsession.scalars(select(Organisation).where(Organisation.slug == "caritas")).one()
    # a second one with the same short name is refused with a message, not an error page
    form = testapp.get("/admin/organisations/add").forms["deform"]
    form["name"], form["slug"], form["kind"] = "Caritas BiH", "caritas", "ngo"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    assert "This short name is already taken." in response.text
    assert response.forms["deform"]["name"].value == "Caritas BiH"


def test_admin_creates_a_partner_with_a_centre_role_who_can_then_log_in(testapp, login_as,
                                                                        dbsession):
    login_as(testapp, "admin")
    unicef = dbsession.scalars(select(Organisation).where(Organisation.slug == "unicef")).one()
    form = testapp.get("/admin/users/add").forms["deform"]
    form["username"], form["full_name"] = "Partner-Unicef", "Mira Softić"
    form["organisation_id"] = str(unicef.id)
    form["password"] = form["password-confirm"] = "long-enough-password"
    roles_page = form.submit("save").follow()
    user = dbsession.scalars(select(User).where(User.username == "partner-unicef")).one()
    assert user.organisation_id == unicef.id
    form = roles_page.forms["deform"]
    form["role"] = "partner"
    response = form.submit("save", expect_errors=True)  # a centre role needs a centre
    assert "This role is held in one centre." in response.text
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    form = response.forms["deform"]
    form["centre_id"] = str(blazuj.id)
    form.submit("save")
    assert [(r.role, r.centre_id) for r in user.roles] == [("partner", blazuj.id)]

    other = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    login_as(other, "partner-unicef", "long-enough-password")
    assert other.get("/profile").status_int == 200


def test_removing_a_role_takes_the_permission_away(testapp, login_as, dbsession):
    manager = dbsession.scalars(select(User).where(User.username == "manager-usivak")).one()
    other = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    login_as(other, "manager-usivak")
    assert other.get("/centres/usivak/settings").status_int == 200
    login_as(testapp, "admin")
    page = testapp.get(f"/admin/users/{manager.id}/roles")
    remove = next(f for f in page.forms.values() if "remove" in f.fields)
    remove.submit("remove")
    assert dbsession.scalars(select(RoleAssignment).where(
        RoleAssignment.user_id == manager.id)).all() == []
    assert other.get("/centres/usivak/settings", expect_errors=True).status_int == 403


def test_user_changes_own_language_and_password(testapp, login_as, dbsession):
    login_as(testapp, "rep-usivak")
    form = testapp.get("/profile").forms["deform"]
    form["language"] = "fa_AF"
    form["current_password"] = "wrong"
    form["new_password"] = form["new_password-confirm"] = "another-long-password"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    form = response.forms["deform"]
    form["current_password"] = "portal-demo"
    form["new_password"] = form["new_password-confirm"] = "another-long-password"
    page = form.submit("save").follow()
    assert "Your password was changed." in page.text  # told in the new session
    testapp.reset()
    login_as(testapp, "rep-usivak", "another-long-password")
    assert testapp.get("/").html.select_one("html")["lang"] == "fa-AF"


def test_manager_adds_a_room_to_their_centre(testapp, login_as, dbsession):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/centres/usivak/rooms").forms["deform"]
    form["name"], form["capacity"] = "Laundry", "0"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    form = response.forms["deform"]
    form["capacity"] = "4"
    form.submit("save").follow()
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    assert "Laundry" in [room.name for room in usivak.rooms]
