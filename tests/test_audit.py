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


def test_rows_with_composite_keys_are_logged_with_their_whole_key(testapp, login_as, dbsession):
    """content_texts is keyed by (content_id, language): a translation is "<id>/<language>"."""
    from portal.models import Page

    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=usivak, state="published", source_language="en")
    page.set_text("en", title="Water")
    dbsession.add(page)
    dbsession.flush()
    created = entries(dbsession, object_type="content_texts", action="create")[-1]
    assert created.object_id == f"{page.id}/en"
    login_as(testapp, "translator")
    form = testapp.get(f"/content/{page.id}/translate/ar").forms["deform"]
    form["title"] = "ماء"
    form.submit("save")
    translated = entries(dbsession, object_type="content_texts", action="create")[-1]
    assert (translated.object_id, translated.username) == (f"{page.id}/ar", "translator")
    form = testapp.get(f"/content/{page.id}/translate/ar").forms["deform"]
    form["title"] = "مياه"
    form.submit("save")
    updated = entries(dbsession, object_type="content_texts", action="update")[-1]
    assert updated.object_id == f"{page.id}/ar"
    del page.texts["ar"]
    dbsession.flush()
    deleted = entries(dbsession, object_type="content_texts", action="delete")[-1]
    assert deleted.object_id == f"{page.id}/ar"
