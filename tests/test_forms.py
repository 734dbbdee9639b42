"""The hand-written POST handlers on the form machinery: valid input works; invalid input is
answered 400 with the reason in the reader's language next to its field, everything typed kept
and nothing stored; a POST without the CSRF token is refused."""
from dataclasses import replace

import pytest
from sqlalchemy import select

from portal.models import AuditEntry, Centre, CentrePluginSetting, Page, RoleAssignment, User


@pytest.fixture
def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def in_arabic(testapp):
    testapp.get("/?lang=ar")


def feedback(html, formid):
    """The error messages shown inside the form ``formid``."""
    return [p.get_text(strip=True) for p in html.select(f"#{formid} .invalid-feedback")]


def submitted_page(dbsession, usivak):
    page = Page(centre=usivak, state="submitted", source_language="en", revision=1)
    page.set_text("en", title="Water", summary="", body="Drink water.")
    dbsession.add(page)
    dbsession.flush()
    return page


# -- workflow transitions --------------------------------------------------------------------

def test_a_rejection_without_a_reason_comes_back_on_the_content_page(testapp, login_as,
                                                                     dbsession, usivak):
    page = submitted_page(dbsession, usivak)
    login_as(testapp, "manager-usivak")
    in_arabic(testapp)
    form = testapp.get(f"/content/{page.id}").forms["transition-reject"]
    form["comment"] = "   "
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert feedback(response.html, "transition-reject") == ["مطلوب"]  # colander's "Required"
    assert "transition-publish" in response.forms  # the rest of the page is there
    assert page.state == "submitted"
    form = response.forms["transition-reject"]
    form["comment"] = "x" * 1001
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert response.forms["transition-reject"]["comment"].value == "x" * 1001
    assert feedback(response.html, "transition-reject") == ["أطول من الحد الأقصى للطول 1000"]
    form = response.forms["transition-reject"]
    form["comment"] = "Say which water"
    assert form.submit().status_int == 303
    assert page.state == "draft"


def test_a_guard_refusal_is_shown_beside_the_step_with_the_comment_kept(testapp, login_as, app,
                                                                        dbsession, usivak,
                                                                        monkeypatch):
    workflow = app.registry.portal.workflows["publication"]
    reject = workflow.transitions["reject"]
    monkeypatch.setitem(workflow.transitions, "reject", replace(
        reject, guard=lambda request, content: "Wait for the translations."))
    page = submitted_page(dbsession, usivak)
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/content/{page.id}").forms["transition-reject"]
    form["comment"] = "Wrong hours"
    response = form.submit(expect_errors=True)
    assert response.status_int == 400
    assert feedback(response.html, "transition-reject") == ["Wait for the translations."]
    assert response.forms["transition-reject"]["comment"].value == "Wrong hours"
    assert page.state == "submitted"
    assert dbsession.scalars(select(AuditEntry).where(
        AuditEntry.action == "transition:reject", AuditEntry.object_id == str(page.id))
    ).all() == []


def test_a_transition_without_the_csrf_token_is_refused(testapp, login_as, dbsession, usivak):
    page = submitted_page(dbsession, usivak)
    login_as(testapp, "manager-usivak")
    assert testapp.post(f"/content/{page.id}/transition/publish", {},
                        expect_errors=True).status_int == 400
    assert page.state == "submitted"


# -- centre settings -------------------------------------------------------------------------

def test_centre_settings_refuse_an_unknown_plugin_and_keep_the_boxes(testapp, login_as,
                                                                     dbsession, usivak):
    login_as(testapp, "manager-usivak")
    in_arabic(testapp)
    page = testapp.get("/centres/usivak/settings")
    form = page.forms["centre-plugins"]
    boxes = form.fields["checkbox"]
    for box in boxes:
        box.checked = box._value == "hello"
    fields = list(form.submit_fields())
    fields.insert(fields.index(("__end__", "enabled:sequence")), ("checkbox", "nosuchplugin"))
    response = testapp.post("/centres/usivak/settings", fields + [("save", "save")],
                            expect_errors=True)
    assert response.status_int == 400
    assert feedback(response.html, "centre-plugins") == ["واحد أو أكثر من اختياراتك غير مقبول"]
    ticked = [b._value for b in response.forms["centre-plugins"].fields["checkbox"] if b.checked]
    assert ticked == ["hello"]
    assert usivak.disabled_plugins == []
    # without the token nothing changes either
    no_token = [(name, value) for name, value in fields if name != "csrf_token"]
    assert testapp.post("/centres/usivak/settings", no_token + [("save", "save")],
                        expect_errors=True).status_int == 400
    assert usivak.disabled_plugins == []
    form.submit("save")
    assert {s.plugin for s in dbsession.scalars(select(CentrePluginSetting).where(
        CentrePluginSetting.centre_id == usivak.id))} == {
        name for name in testapp.app.registry.portal.plugins if name != "hello"}


# -- role removal ----------------------------------------------------------------------------

def test_removing_a_role_that_is_gone_says_so(testapp, login_as, dbsession):
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    login_as(testapp, "admin")
    in_arabic(testapp)
    page = testapp.get(f"/admin/users/{rep.id}/roles")
    assignment = rep.roles[0]
    form = page.forms[f"remove-role-{assignment.id}"]
    # someone else removed it meanwhile
    rep.roles.remove(assignment)
    dbsession.flush()
    response = form.submit("remove", expect_errors=True)
    assert response.status_int == 400
    assert response.html.select_one(".alert-danger").get_text() == "هذا الدور أُزيل من قبل."
    assert "deform" in response.forms  # the page with its form to add a role


def test_removing_a_role_needs_the_csrf_token(testapp, login_as, dbsession):
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    login_as(testapp, "admin")
    assignment = rep.roles[0]
    response = testapp.post(f"/admin/users/{rep.id}/roles",
                            {"assignment": str(assignment.id), "remove": "remove"},
                            expect_errors=True)
    assert response.status_int == 400
    assert dbsession.get(RoleAssignment, assignment.id) is not None
