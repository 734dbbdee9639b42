"""Every change is recorded: who, what, when, which centre."""
from sqlalchemy import select

from portal.models import AuditEntry, Centre, User


def entries(dbsession, **where):
    query = select(AuditEntry).order_by(AuditEntry.id)
    for key, value in where.items():
        query = query.where(getattr(AuditEntry, key) == value)
    return dbsession.scalars(query).all()


def test_edits_are_logged_with_user_and_centre(testapp, login_as, dbsession):
    login_as(testapp, "manager-usivak")
    before = len(entries(dbsession))
    form = testapp.get("/centres/usivak/rooms").forms["deform"]
    form["name"], form["capacity"] = "Library", "12"
    form.submit("save")
    new = entries(dbsession)[before:]
    room = next(e for e in new if e.object_type == "rooms")
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    assert (room.action, room.username, room.centre_id) == ("create", "manager-usivak", usivak.id)
    assert room.at is not None
    page = testapp.get("/centres/usivak/audit")
    assert "Library" not in page.text  # values are not copied into the log
    assert page.html.select("table.portal-audit tbody tr")[0].get_text().count("rooms") == 1


def test_logins_and_transitions_are_logged(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    assert entries(dbsession, action="login")[-1].username == "admin"


def test_secrets_are_never_written_to_the_log(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    user = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    form = testapp.get(f"/admin/users/{user.id}").forms["deform"]
    form["password"], form["password-confirm"] = "a-new-long-password", "a-new-long-password"
    form.submit("save")
    update = [e for e in entries(dbsession, object_type="users", action="update")
              if e.object_id == str(user.id)][-1]
    assert update.summary == "password_hash (hidden)"
    assert "argon2" not in update.summary


def test_centre_managers_see_only_their_centres_entries(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    form = testapp.get("/centres/blazuj/rooms").forms["deform"]
    form["name"] = "Blazuj gym"
    form.submit("save")
    admin_view = testapp.get("/admin/audit").text
    assert "TRC Blažuj" in admin_view
    login_as(testapp, "manager-usivak")
    own = testapp.get("/centres/usivak/audit").text
    assert "TRC Blažuj" not in own
