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
    # a capacity no date, time or id on the page can contain by chance
    form["name"], form["capacity"] = "Library", "9173"
    form.submit("save")
    new = entries(dbsession)[before:]
    room = next(e for e in new if e.object_type == "rooms")
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    assert (room.action, room.username, room.centre_id) == ("create", "manager-usivak", usivak.id)
    assert room.at is not None
    assert room.object_label == "Library"  # the room is named for readers of the log
    row = testapp.get("/centres/usivak/audit").html.select_one('tr[data-kind="rooms"]')
    assert "created" in row.get_text() and "Room: Library" in row.get_text()
    assert "9173" not in row.get_text()  # values are not copied into the log


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


def test_every_model_declares_its_audit_policy(app):
    from portal.models import Base

    undeclared = [mapper.class_.__name__ for mapper in Base.registry.mappers
                  if "__audit__" not in vars(mapper.class_)]
    assert undeclared == []


def test_the_log_reads_as_sentences_in_the_readers_language(testapp, login_as, dbsession):
    from portal.models import Page

    login_as(testapp, "manager-usivak")
    page = dbsession.scalars(select(Page).join(Centre).where(Centre.slug == "usivak")).first()
    testapp.get(f"/content/{page.id}").forms["transition-withdraw"].submit()
    log = testapp.get("/centres/usivak/audit?lang=ar").html
    row = log.select_one('tr[data-action="transition:withdraw"]')
    assert "سحب" in row.get_text()  # "Withdraw", in Arabic
    link = row.select_one("a")
    assert link["href"] == f"/content/{page.id}" and link.get_text() == "House rules"
    assert log.select_one("html")["dir"] == "rtl"


def test_filters_and_pages(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    for number in range(55):
        form = testapp.get("/centres/blazuj/rooms").forms["deform"]
        form["name"] = f"Room {number}"
        form.submit("save")
    rooms = testapp.get("/admin/audit", {"kind": "rooms", "user": "admin"}).html
    assert len(rooms.select("tbody tr")) == 50
    assert {tr["data-kind"] for tr in rooms.select("tbody tr")} == {"rooms"}
    older = rooms.select_one('a[rel="next"]')["href"]
    second = testapp.get(older).html
    assert len(second.select("tbody tr")) >= 5 and second.select_one('a[rel="prev"]')
    assert "Room 0" in second.get_text() and "Room 54" in rooms.get_text()
    nobody = testapp.get("/admin/audit", {"user": "manager-usivak", "kind": "rooms"}).html
    assert "Room 1" not in nobody.get_text()
    future = testapp.get("/admin/audit", {"since": "2099-01-01"}).html
    assert future.select("tbody tr td")[0].get_text() == "No changes yet."
    assert testapp.get("/admin/audit", {"since": "not-a-date", "page": "x"}).status_int == 200


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
