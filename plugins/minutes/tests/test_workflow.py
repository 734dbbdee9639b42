"""The record's way from the secretary's draft to residents, through the forms: the guard on
submission, the manager's return with a comment, approval and publication; every step audited
and notified; who may do what, per role and per centre."""
from datetime import date, timedelta

from sqlalchemy import select

from plugins.minutes.models import Meeting
from portal.api import AuditEntry
from portal.testing import csrf_token

from .conftest import user


def inbox(testapp):
    """The reader's inbox as text, without the isolates that keep each value's direction."""
    return testapp.get("/inbox").text.replace("\u2068", "").replace("\u2069", "")


def step(testapp, meeting, name, comment="", status=303):
    return testapp.post(f"/content/{meeting.id}/transition/{name}",
                        {"csrf_token": csrf_token(testapp), "comment": comment},
                        status=status)


def test_secretary_writes_a_draft_from_agenda_to_published(testapp, login_as, dbsession):
    login_as(testapp, "rep-usivak")
    form = testapp.get("/minutes/usivak/add").forms["deform"]
    form["title"], form["summary"] = "Dialogue of May", "Dinner will be warm."
    form["kind"], form["source_language"] = "dialogue", "en"
    form["date"], form["time"] = "2026-05-04", "11:00"
    form["place"] = "Dining hall"
    form.submit("save")
    meeting = dbsession.scalars(select(Meeting).order_by(Meeting.id.desc())).first()
    assert (meeting.state, meeting.owner.username) == ("draft", "rep-usivak")
    record = f"/minutes/usivak/{meeting.id}"

    form = testapp.get(f"{record}/agenda").forms["deform"]
    form["title"], form["summary"] = "Food", "Residents say dinner is cold."
    form.submit("save")
    item = meeting.agenda[0]
    form = testapp.get(f"{record}/agenda/{item.id}/concern").forms["deform"]
    form["category"], form["text"] = "food", "Dinner comes cold"
    form.submit("save")
    form = testapp.get(f"{record}/agenda/{item.id}/decision").forms["deform"]
    form["text"] = "Dinner is served warm from 18:00"
    form.submit("save")
    form = testapp.get(f"{record}/actions").forms["deform"]
    form["what"] = "Buy two food warmers"
    form.submit("save")  # no party, no due date yet: may be saved, not submitted
    action = meeting.actions[0]

    refused = step(testapp, meeting, "submit", status=400)
    assert "needs a responsible party and a due date" in refused.text
    assert meeting.state == "draft"

    form = testapp.get(f"{record}/actions/{action.id}").forms["deform"]
    form["party"], form["date"] = "management", "2026-06-01"
    form.submit("save")
    step(testapp, meeting, "submit")
    assert meeting.state == "submitted"
    # the secretary cannot approve their own record
    step(testapp, meeting, "approve", status=403)

    login_as(testapp, "manager-usivak")
    step(testapp, meeting, "return", comment="Add who attended")
    assert meeting.state == "draft"
    login_as(testapp, "rep-usivak")
    assert "Add who attended" in inbox(testapp)
    shown = testapp.get(record).html.select_one("[data-returned]")
    assert "Add who attended" in shown.text
    step(testapp, meeting, "submit")
    login_as(testapp, "manager-usivak")
    step(testapp, meeting, "approve")
    step(testapp, meeting, "publish")
    assert meeting.state == "published"

    anonymous = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    page = anonymous.get(record)
    outcomes = page.html.select_one(".minutes-outcomes").text
    assert "Dinner is served warm from 18:00" in outcomes
    assert "Buy two food warmers" in outcomes and "Open" in outcomes
    assert "Dialogue of May" in anonymous.get("/minutes/usivak/").text
    steps = [e.action for e in dbsession.scalars(
        select(AuditEntry).where(AuditEntry.object_id == str(meeting.id),
                                 AuditEntry.action.like("transition:%")).order_by(AuditEntry.id))]
    assert steps == ["transition:submit", "transition:return", "transition:submit",
                     "transition:approve", "transition:publish"]
    kinds = {e.object_type for e in dbsession.scalars(
        select(AuditEntry).where(AuditEntry.action == "create"))}
    assert {"minutes_agenda_items", "minutes_concerns", "minutes_decisions",
            "minutes_action_items"} <= kinds


def test_drafts_are_not_public(testapp, make_meeting):
    meeting = make_meeting(title="Secret draft")
    anonymous = testapp
    assert "Secret draft" not in anonymous.get("/minutes/usivak/").text
    response = anonymous.get(f"/minutes/usivak/{meeting.id}", status=303)
    assert "/login" in response.location


def test_representative_of_another_centre_cannot_write_here(testapp, login_as, make_user,
                                                             make_meeting):
    make_user("rep-blazuj", role="community_rep", centre="blazuj")
    meeting = make_meeting(secretary=None)
    login_as(testapp, "rep-blazuj")
    testapp.get("/minutes/usivak/add", status=403)
    testapp.get(f"/minutes/usivak/{meeting.id}/agenda", status=403)
    assert testapp.get("/minutes/blazuj/add").status_int == 200


def test_secretary_is_a_local_role_on_one_meeting(testapp, login_as, make_meeting, dbsession):
    mine = make_meeting(title="Mine", secretary="rep-usivak")
    other = make_meeting(title="Other", secretary=None)
    login_as(testapp, "rep-usivak")
    assert testapp.get(f"/minutes/usivak/{mine.id}/agenda").status_int == 200
    testapp.get(f"/minutes/usivak/{other.id}/agenda", status=403)
    testapp.get(f"/minutes/usivak/{other.id}", status=403)
    # only a manager appoints; the new secretary may write, the old one no longer
    testapp.get(f"/minutes/usivak/{other.id}/secretary", status=403)
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/minutes/usivak/{other.id}/secretary").forms["deform"]
    form["user_id"] = str(user(dbsession, "rep-usivak").id)
    form.submit("save")
    login_as(testapp, "rep-usivak")
    assert testapp.get(f"/minutes/usivak/{other.id}/agenda").status_int == 200
    assert "You are the secretary of “Other”." in inbox(testapp)
    # once submitted, the secretary reads but no longer writes
    step(testapp, other, "submit")
    testapp.get(f"/minutes/usivak/{other.id}/agenda", status=403)
    assert testapp.get(f"/minutes/usivak/{other.id}").status_int == 200


def test_partner_and_protection_officer_do_not_write(testapp, login_as, make_meeting):
    meeting = make_meeting()
    for username in ("partner-unhcr", "protection-usivak", "translator"):
        login_as(testapp, username)
        testapp.get(f"/minutes/usivak/{meeting.id}/actions", status=403)
        testapp.get("/minutes/usivak/add", status=403)


def test_a_new_action_item_reaches_its_responsible_party(testapp, login_as, make_meeting,
                                                         dbsession):
    meeting = make_meeting(action=False)
    login_as(testapp, "rep-usivak")
    form = testapp.get(f"/minutes/usivak/{meeting.id}/actions").forms["deform"]
    form["what"], form["party"] = "Ask UNHCR for a doctor on Saturdays", "organisation"
    form["date"] = (date.today() + timedelta(days=7)).isoformat()
    assert "Choose the organisation." in form.submit("save", status=400).text
    form = testapp.get(f"/minutes/usivak/{meeting.id}/actions").forms["deform"]
    form["what"], form["party"] = "Ask UNHCR for a doctor on Saturdays", "organisation"
    form["organisation_id"] = str(user(dbsession, "partner-unhcr").organisation_id)
    form.submit("save")
    login_as(testapp, "partner-unhcr")
    assert "Ask UNHCR for a doctor on Saturdays" in inbox(testapp)
    login_as(testapp, "manager-usivak")
    assert "Ask UNHCR for a doctor" not in inbox(testapp)


def test_secretary_hears_of_the_managers_steps(testapp, login_as, make_meeting):
    meeting = make_meeting(title="Youth meeting")
    login_as(testapp, "rep-usivak")
    step(testapp, meeting, "submit")
    login_as(testapp, "manager-usivak")
    step(testapp, meeting, "approve")
    login_as(testapp, "rep-usivak")
    assert "Minutes “Youth meeting”: Approve." in inbox(testapp)



def test_secretary_takes_a_submitted_record_back_before_a_manager_acts(
        testapp, login_as, make_meeting, make_user, dbsession):
    meeting = make_meeting(title="Taken back")
    make_user("manager2-usivak", role="centre_manager", centre="usivak")
    login_as(testapp, "rep-usivak")
    step(testapp, meeting, "submit")
    for username in ("manager-usivak", "partner-unhcr", "protection-usivak", "translator"):
        login_as(testapp, username)  # only the secretary takes it back
        step(testapp, meeting, "take_back", status=403)
    tile = login_as(testapp, "manager2-usivak").html.select_one(
        '[data-tile="portal.decisions"]')
    assert "Taken back" in tile.text

    login_as(testapp, "rep-usivak")
    assert "Take back to the draft" in testapp.get(f"/minutes/usivak/{meeting.id}").text
    step(testapp, meeting, "take_back")
    assert meeting.state == "draft"
    assert testapp.get(f"/minutes/usivak/{meeting.id}/agenda").status_int == 200
    audited = dbsession.scalars(select(AuditEntry).where(
        AuditEntry.object_id == str(meeting.id),
        AuditEntry.action == "transition:take_back")).one()
    assert audited.user_id == user(dbsession, "rep-usivak").id

    page = login_as(testapp, "manager2-usivak")
    tile = page.html.select_one('[data-tile="portal.decisions"]')
    assert tile is None or "Taken back" not in tile.text
    assert "took the minutes “Taken back” back to the draft" in inbox(testapp)
    step(testapp, meeting, "approve", status=403)


def test_an_approved_record_is_no_longer_taken_back(testapp, login_as, make_meeting):
    meeting = make_meeting()
    login_as(testapp, "rep-usivak")
    step(testapp, meeting, "submit")
    login_as(testapp, "manager-usivak")
    step(testapp, meeting, "approve")
    login_as(testapp, "rep-usivak")
    step(testapp, meeting, "take_back", status=403)
    assert meeting.state == "approved"
