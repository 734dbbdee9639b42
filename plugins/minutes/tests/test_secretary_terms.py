"""The secretary's local role holds only while its holder holds a role in the meeting's centre:
a representative whose term ended, or whose role was removed, no longer writes the draft, is no
longer named its secretary and no longer hears of its steps."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Centre, RoleAssignment, utcnow

from .conftest import user
from .test_workflow import inbox, step


def writes(testapp, meeting):
    return testapp.get(f"/minutes/usivak/{meeting.id}/agenda",
                       expect_errors=True).status_int == 200


def test_secretary_loses_the_draft_when_the_term_ends(testapp, login_as, make_meeting,
                                                      dbsession):
    meeting = make_meeting(title="Term meeting", secretary="rep-usivak")
    rep = user(dbsession, "rep-usivak")
    login_as(testapp, "rep-usivak")
    rep.roles[0].ends = utcnow().date()  # the last day of the term: still the secretary
    assert writes(testapp, meeting)
    rep.roles[0].ends = utcnow().date() - timedelta(days=1)
    dbsession.flush()
    assert not writes(testapp, meeting)
    testapp.get(f"/minutes/usivak/{meeting.id}", status=403)
    step(testapp, meeting, "submit", status=403)
    assert meeting.state == "draft"
    # the manager sees no secretary any more, and may appoint a current one
    login_as(testapp, "manager-usivak")
    page = testapp.get(f"/minutes/usivak/{meeting.id}")
    assert "Secretary:" not in page.text
    form = testapp.get(f"/minutes/usivak/{meeting.id}/secretary").forms["deform"]
    offered = {label for _value, _selected, label in form["user_id"].options}
    assert rep.full_name not in offered
    step(testapp, meeting, "submit")
    login_as(testapp, "rep-usivak")
    assert "Term meeting" not in inbox(testapp)


def test_secretary_loses_the_draft_when_the_role_is_removed(testapp, login_as, make_meeting,
                                                           dbsession):
    meeting = make_meeting(secretary="rep-usivak")
    rep = user(dbsession, "rep-usivak")
    writer = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    login_as(writer, "rep-usivak")
    assert writes(writer, meeting)
    login_as(testapp, "admin")
    page = testapp.get(f"/admin/users/{rep.id}/roles")
    remove = next(f for f in page.forms.values() if "remove" in f.fields)
    remove.submit("remove")
    assert dbsession.scalars(select(RoleAssignment).where(
        RoleAssignment.user_id == rep.id)).all() == []
    assert not writes(writer, meeting)
    writer.get(f"/minutes/usivak/{meeting.id}/actions", status=403)


def test_a_role_in_another_centre_does_not_keep_the_secretary(testapp, login_as, make_meeting,
                                                              dbsession, centre):
    meeting = make_meeting(secretary="rep-usivak")
    rep = user(dbsession, "rep-usivak")
    other = dbsession.scalars(select(Centre.id).where(Centre.id != centre.id)).first()
    assert other is not None  # a role in no centre would be a role in every centre
    rep.roles = [RoleAssignment(role="community_rep", centre_id=other)]
    dbsession.flush()
    login_as(testapp, "rep-usivak")
    assert not writes(testapp, meeting)
