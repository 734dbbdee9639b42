"""Local roles, context-resolved ACL entries, principal providers and owner rights."""
import pytest
from pyramid.authorization import Allow
from sqlalchemy import select

from portal.testing import csrf_token
from portal.api import Centre, RoleAssignment, User
from portal.models.local_roles import grant_local_role, local_roles, revoke_local_role
from portal.workflow import State, Transition, Workflow
from plugins.noticeboard.models import Notice


@pytest.fixture
def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def user(dbsession, name):
    return dbsession.scalars(select(User).where(User.username == name)).one()


def draft(dbsession, centre, owner, state="draft"):
    notice = Notice(centre=centre, state=state, source_language="en", owner=owner, revision=1)
    notice.set_text("en", title="A draft of the representatives")
    dbsession.add(notice)
    dbsession.flush()
    return notice


def csrf(testapp):
    return {"csrf_token": csrf_token(testapp)}


def test_owner_rights_end_when_the_owners_role_in_that_centre_ends(testapp, login_as, dbsession,
                                                                   usivak):
    rep = user(dbsession, "rep-usivak")
    notice = draft(dbsession, usivak, rep)
    login_as(testapp, "rep-usivak")
    assert testapp.get(f"/content/{notice.id}/edit").status_int == 200
    # the representative's term in Ušivak ends; they keep an account (another centre's role)
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    rep.roles = [RoleAssignment(role="community_rep", centre_id=blazuj.id)]
    dbsession.flush()
    assert testapp.get(f"/content/{notice.id}/edit", expect_errors=True).status_int == 403
    assert testapp.post(f"/content/{notice.id}/transition/submit", csrf(testapp),
                        expect_errors=True).status_int == 403


def test_a_local_role_grants_on_that_object_only(testapp, login_as, dbsession, usivak):
    partner = user(dbsession, "partner-unhcr")
    rep = user(dbsession, "rep-usivak")
    mine, other = draft(dbsession, usivak, rep, "submitted"), draft(dbsession, usivak, rep,
                                                                      "submitted")
    grant_local_role(dbsession, mine, partner, "centre_manager")
    grant_local_role(dbsession, mine, partner, "centre_manager")  # twice is harmless
    dbsession.flush()
    assert local_roles(dbsession, mine) == [(partner, "centre_manager")]
    login_as(testapp, "partner-unhcr")
    assert testapp.post(f"/content/{other.id}/transition/publish", csrf(testapp),
                        expect_errors=True).status_int == 403
    assert testapp.post(f"/content/{mine.id}/transition/publish",
                        csrf(testapp)).status_int == 303
    dbsession.flush()
    assert mine.state == "published"
    revoke_local_role(dbsession, mine, partner, "centre_manager")
    dbsession.flush()
    assert local_roles(dbsession, mine) == []
    assert testapp.post(f"/content/{mine.id}/transition/withdraw", csrf(testapp),
                        expect_errors=True).status_int == 403


def test_acl_entries_resolved_against_the_context():
    workflow = Workflow("t", "open", [State("open", "Open", {
        "org:{organisation_id}": ("edit",), "role:centre_manager": ("view",)})], [])

    class Activity:
        organisation_id = 7

    class Orphan:
        organisation_id = None

    assert (Allow, "org:7", ("edit",)) in workflow.acl("open", Activity())
    assert not any(entry[1].startswith("org:") for entry in workflow.acl("open", Orphan())
                   if isinstance(entry[1], str))


def test_a_guard_refuses_with_its_reason_and_callbacks_run(dummy_request, dbsession, usivak):
    from portal.workflow import WorkflowError

    calls = []
    workflow = Workflow("guarded", "draft", [State("draft", "Draft"), State("done", "Done")], [
        Transition("finish", "Finish", ("draft",), "done",
                   guard=lambda request, context: None if context.ready else "not ready",
                   after=(lambda request, context, step: calls.append(step.name),))])

    item = draft(dbsession, usivak, None)
    item.ready = False
    dummy_request.user = None
    with pytest.raises(WorkflowError) as refused:
        workflow.apply(dummy_request, item, "finish")
    assert refused.value.reason == "not ready" and item.state == "draft" and calls == []
    item.ready = True
    workflow.apply(dummy_request, item, "finish")
    assert item.state == "done" and calls == ["finish"]


def test_bind_content_keeps_an_acl_the_model_defines(dummy_request, dbsession, usivak,
                                                      monkeypatch):
    from pyramid.authorization import Everyone

    from portal.api import bind_content
    from portal.models import Page

    own = [(Allow, Everyone, "edit")]
    monkeypatch.setattr(Page, "__acl__", own, raising=False)
    page = Page(centre=usivak, state="draft", source_language="en", revision=1)
    page.set_text("en", title="Rules with an ACL of their own")
    dbsession.add(page)
    dbsession.flush()
    assert bind_content(dummy_request, page).__acl__ is own
