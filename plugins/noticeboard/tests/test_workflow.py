"""Who may propose, publish, reject and withdraw notices, per centre; every step audited."""
from sqlalchemy import select

from plugins.noticeboard.models import Notice
from portal.api import AuditEntry
from portal.testing import csrf_token


def propose(testapp, title="Free haircuts on Saturday", priority="normal"):
    form = testapp.get("/noticeboard/usivak/add").forms["deform"]
    form["category"], form["priority"] = "activities", priority
    form["title"], form["summary"], form["body"] = title, "Saturday 10:00", "In the hall."
    form["source_language"] = "en"
    return form.submit("save")


def latest(dbsession):
    return dbsession.scalars(select(Notice).order_by(Notice.id.desc())).first()


def test_representative_proposes_and_manager_publishes(testapp, login_as, dbsession):
    login_as(testapp, "rep-usivak")
    propose(testapp)
    notice = latest(dbsession)
    assert (notice.state, notice.owner.username) == ("draft", "rep-usivak")
    page = testapp.get(f"/content/{notice.id}")
    assert "transition-publish" not in page.forms
    page.forms["transition-submit"].submit()
    assert notice.state == "submitted"
    assert testapp.post(f"/content/{notice.id}/transition/publish",
                        {"csrf_token": csrf_token(testapp)},
                        expect_errors=True).status_int == 403
    # not public before publication
    anonymous = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    assert "Free haircuts" not in anonymous.get("/noticeboard/usivak/").text

    login_as(testapp, "manager-usivak")
    testapp.get(f"/content/{notice.id}").forms["transition-publish"].submit()
    assert notice.state == "published"
    assert "Free haircuts" in anonymous.get("/noticeboard/usivak/").text
    steps = [e.action for e in dbsession.scalars(
        select(AuditEntry).where(AuditEntry.object_id == str(notice.id),
                                 AuditEntry.action.like("transition:%")).order_by(AuditEntry.id))]
    assert steps == ["transition:submit", "transition:publish"]


def test_partner_proposes_an_urgent_notice_only_a_manager_publishes_it(testapp, login_as,
                                                                        dbsession):
    login_as(testapp, "partner-unhcr")
    propose(testapp, "Registration moved to Tuesday", priority="urgent")
    notice = latest(dbsession)
    assert notice.priority == "urgent"
    testapp.get(f"/content/{notice.id}").forms["transition-submit"].submit()
    token = csrf_token(testapp)
    assert testapp.post(f"/content/{notice.id}/transition/publish", {"csrf_token": token},
                        expect_errors=True).status_int == 403
    login_as(testapp, "manager-usivak")
    testapp.get(f"/content/{notice.id}").forms["transition-publish"].submit()
    assert notice.state == "published"


def test_manager_rejects_with_a_reason_and_withdraws(testapp, login_as, dbsession,
                                                     make_notice):
    submitted = make_notice("Tea", state="submitted")
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/content/{submitted.id}").forms["transition-reject"]
    form["comment"] = "Please add the time"
    form.submit()
    assert submitted.state == "draft"
    reason = dbsession.scalars(select(AuditEntry).where(
        AuditEntry.action == "transition:reject")).all()[-1]
    assert reason.summary == "Please add the time"
    published = make_notice("Old notice")
    testapp.get(f"/content/{published.id}").forms["transition-withdraw"].submit()
    assert published.state == "withdrawn"
    anonymous = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    assert "Old notice" not in anonymous.get("/noticeboard/usivak/").text


def test_who_may_propose(testapp, login_as):
    for username, status in (("protection-usivak", 403), ("translator", 403),
                             ("partner-unhcr", 200), ("rep-usivak", 200)):
        login_as(testapp, username)
        assert testapp.get("/noticeboard/usivak/add", expect_errors=True).status_int == status
    login_as(testapp, "manager-usivak")
    assert testapp.get("/noticeboard/blazuj/add", expect_errors=True).status_int == 403


def test_other_centres_manager_cannot_publish(testapp, login_as, make_notice, dbsession):
    notice = make_notice("Pending", state="submitted")
    login_as(testapp, "admin")
    # an admin creates a second manager, for Blažuj
    from portal.api import Centre, RoleAssignment, User
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    manager = dbsession.scalars(select(User).where(User.username == "manager-usivak")).one()
    manager.roles = [RoleAssignment(role="centre_manager", centre_id=blazuj.id)]
    dbsession.flush()
    login_as(testapp, "manager-usivak")
    assert testapp.post(f"/content/{notice.id}/transition/publish",
                        {"csrf_token": csrf_token(testapp)},
                        expect_errors=True).status_int == 403


def test_invalid_window_keeps_values_and_explains(testapp, login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/noticeboard/usivak/add").forms["deform"]
    form["category"], form["title"], form["source_language"] = "food", "Lunch", "en"
    form.set("date", "2026-12-10", index=0)
    form.set("time", "12:00", index=0)
    form.set("date", "2026-12-01", index=1)
    form.set("time", "12:00", index=1)
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    assert "The end must be after the start." in response.text
    assert response.forms["deform"]["title"].value == "Lunch"


def test_staff_list_filters(testapp, login_as, make_notice):
    make_notice("Barber", category="activities")
    make_notice("Night bus", category="transport", texts={"ar": "حافلة"})
    make_notice("For every centre", centre=None, category="general")
    submitted = make_notice("Waiting", state="submitted")
    submitted.set_text("en", title="Waiting!")  # outdates nothing: it has no translation
    outdated = make_notice("Old translation", texts={"fr": "Vieille"})
    outdated.set_text("en", title="Old translation (new)")
    login_as(testapp, "manager-usivak")

    def titles(**query):
        page = testapp.get("/noticeboard/usivak/manage", query).html
        return {a.text for a in page.select("table.nb-manage td a[lang]")}

    assert {"Barber", "Night bus", "For every centre"} <= titles()
    assert "Barber" not in titles(category="transport")
    everywhere = titles(scope="all")
    assert "For every centre" in everywhere and "Barber" not in everywhere
    assert "For every centre" not in titles(scope="centre")
    assert "Waiting!" in titles(state="submitted") and "Barber" not in titles(state="submitted")
    assert "Old translation (new)" in titles(outdated="1")
    assert "Barber" not in titles(outdated="1")
    assert "Night bus" not in titles(missing="ar")
    assert "Barber" in titles(missing="ar")
