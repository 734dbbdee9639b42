"""Booking through the forms: partners only for their organisation, managers for all of their
centre; the approval flow with its notifications."""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from plugins.activities.booking import Conflict
from plugins.activities.models import Activity, CentreSetting, Slot
from portal.testing import csrf_token

from .conftest import SARAJEVO


def book_form(testapp, centre="usivak", title="Sewing circle", day=None, time_="10:00",
              room=None, byday=("MO",), until=None, **fields):
    form = testapp.get(f"/activities/{centre}/add").forms["deform"]
    form["title"] = title
    form.set("date", (day or date(2027, 1, 4)).isoformat(), index=0)  # first day
    form.set("time", time_, index=0)
    form["duration_minutes"] = fields.pop("minutes", "60")
    form["freq"] = fields.pop("freq", "weekly")
    form.set("date", (until or date(2027, 3, 29)).isoformat(), index=1)  # last day
    if room is not None:
        form["room_id"] = str(room.id)
    for name, value in fields.items():
        form[name] = value
    return form.submit("save", expect_errors=True)


def latest(dbsession):
    return dbsession.scalars(select(Activity).order_by(Activity.id.desc())).first()


def test_a_partner_books_for_their_own_organisation_only(testapp, login_as, dbsession,
                                                         empty_room, org):
    login_as(testapp, "partner-unhcr")
    form = testapp.get("/activities/usivak/add").forms["deform"]
    options = [value for value, _sel, _text in form["organisation_id"].options]
    assert options == [str(org("unhcr").id)]
    dbsession.get(CentreSetting, empty_room.centre_id).require_approval = False
    answer = book_form(testapp, room=empty_room)
    assert answer.status_int == 303
    activity = latest(dbsession)
    assert (activity.organisation.slug, activity.state, activity.source_text.title) == (
        "unhcr", "confirmed", "Sewing circle")
    assert dbsession.scalar(select(Slot.id).where(Slot.activity_id == activity.id)) is not None
    # a forged organisation is refused
    form = testapp.get("/activities/usivak/add").forms["deform"]
    answer = testapp.post("/activities/usivak/add", {
        **dict(form.submit_fields()), "organisation_id": str(org("unicef").id),
        "title": "Forged"}, expect_errors=True)
    assert answer.status_int == 400
    assert latest(dbsession).source_text.title == "Sewing circle"


def test_a_room_already_booked_is_refused_naming_dates_and_organisation_and_keeps_the_input(
        testapp, login_as, dbsession, empty_room, make_series):
    make_series(organisation="unicef", room=empty_room, start=datetime(2027, 1, 11, 10, 30),
                freq="", until=None)
    login_as(testapp, "manager-usivak")
    answer = book_form(testapp, title="Clashing class", room=empty_room)
    assert answer.status_int == 400
    message = answer.html.select_one(".alert-danger, .errorMsgLbl, .invalid-feedback")
    text = answer.text
    assert "The room is already booked then" in text and "UNICEF" in text
    assert "Jan 11, 2027 10:00" in text.replace("\u202f", " ").replace(" AM", "")
    assert answer.forms["deform"]["title"].value == "Clashing class"
    assert message is not None


def test_partners_manage_only_their_organisations_activities(testapp, login_as, dbsession,
                                                             make_series):
    mine = make_series(organisation="unhcr", title="Ours", count=2, until=None)
    theirs = make_series(organisation="unicef", title="Theirs", count=2, until=None)
    login_as(testapp, "partner-unhcr")
    listing = testapp.get("/activities/usivak/manage").text
    assert "Ours" in listing and "Theirs" not in listing
    assert testapp.get(f"/activities/usivak/{mine.id}/edit").status_int == 200
    assert testapp.get(f"/activities/usivak/{theirs.id}/edit",
                       expect_errors=True).status_int == 403
    assert testapp.get(f"/activities/usivak/{mine.id}/decide",
                       expect_errors=True).status_int == 403
    # the same activity under another centre's address does not exist
    assert testapp.get(f"/activities/blazuj/{mine.id}/edit",
                       expect_errors=True).status_int == 404
    login_as(testapp, "manager-usivak")
    assert testapp.get(f"/activities/usivak/{theirs.id}/edit").status_int == 200


def test_a_partner_of_another_centre_cannot_manage_there(testapp, login_as, make_user, org,
                                                         make_series):
    make_user("partner-unhcr-bira", role="partner", centre="bira",
              organisation_id=org("unhcr").id)
    activity = make_series(organisation="unhcr", title="Ours in Usivak", count=1, until=None)
    login_as(testapp, "partner-unhcr-bira")
    assert testapp.get(f"/activities/usivak/{activity.id}/edit",
                       expect_errors=True).status_int == 403
    assert testapp.get("/activities/usivak/add", expect_errors=True).status_int == 403
    assert testapp.get("/activities/bira/add").status_int == 200


def test_approval_confirming_one_returns_the_conflicting_requests_and_tells_the_organisers(
        testapp, login_as, dbsession, empty_room, centre, make_user, org):
    from portal.api import User
    dbsession.get(CentreSetting, centre.id).require_approval = True
    make_user("partner-unicef", role="partner", centre="usivak",
              organisation_id=org("unicef").id)
    login_as(testapp, "partner-unhcr")
    assert book_form(testapp, title="Request A", room=empty_room).status_int == 303
    first = latest(dbsession)
    login_as(testapp, "partner-unicef")
    assert book_form(testapp, title="Request B", room=empty_room,
                     time_="10:30").status_int == 303
    second = latest(dbsession)
    assert (first.state, second.state) == ("requested", "requested")
    manager = dbsession.scalars(select(User).where(User.username == "manager-usivak")).one()
    login_as(testapp, "manager-usivak")
    inbox = testapp.get("/inbox").text
    assert "A booking waits for your approval" in inbox and "Request B" in inbox
    page = testapp.get(f"/activities/usivak/{first.id}/decide")
    page.forms["deform"].submit("confirm").follow()
    dbsession.refresh(first), dbsession.refresh(second)
    assert first.state == "confirmed"
    assert second.state == "declined" and "Request A" in second.state_reason
    login_as(testapp, "partner-unicef")
    inbox = testapp.get("/inbox").text
    assert "Your booking was returned" in inbox and "Request A" in inbox
    login_as(testapp, "partner-unhcr")
    assert "Your booking is confirmed" in testapp.get("/inbox").text
    assert manager is not None


def test_a_manager_returns_a_request_with_a_reason(testapp, login_as, dbsession, make_series):
    request = make_series(title="Late request", state="requested", count=1, until=None)
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/activities/usivak/{request.id}/decide").forms["deform"]
    assert form.submit("decline", expect_errors=True).status_int == 400  # needs a reason
    form["reason"] = "The hall is closed for painting."
    form.submit("decline")
    dbsession.refresh(request)
    assert (request.state, request.state_reason) == ("declined",
                                                     "The hall is closed for painting.")


def test_one_date_is_cancelled_with_a_reason_shown_to_residents(testapp, login_as, dbsession,
                                                                make_series):
    start = datetime.now(SARAJEVO).replace(tzinfo=None, hour=18, minute=0, second=0,
                                           microsecond=0) + timedelta(days=1)
    activity = make_series(title="Chess club", start=start, freq="daily", byday="", count=3,
                           until=None)
    login_as(testapp, "partner-unhcr")
    url = (f"/activities/usivak/{activity.id}/occurrence?start="
           f"{(start + timedelta(days=1)).isoformat(timespec='minutes')}")
    form = testapp.get(url).forms["deform"]
    form["action"] = "cancel"
    assert form.submit("save", expect_errors=True).status_int == 400  # a reason is needed
    form = testapp.get(url).forms["deform"]
    form["action"], form["reason"] = "cancel", "Room needed for vaccinations"
    form.submit("save")
    assert testapp.get(f"/activities/usivak/{activity.id}/occurrence?start=2020-01-01T10:00",
                       expect_errors=True).status_int == 404
    anonymous = testapp.__class__(testapp.app)
    week = anonymous.get(f"/activities/usivak/?date={(start + timedelta(days=1)).date()}")
    assert "Room needed for vaccinations" in week.text
    assert activity.sequence == 1


def test_the_approval_setting_is_for_managers(testapp, login_as, dbsession, centre):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/activities/usivak/settings").forms["deform"]
    form["require_approval"] = False
    form.submit("save")
    assert dbsession.get(CentreSetting, centre.id).require_approval is False
    login_as(testapp, "partner-unhcr")
    assert testapp.get("/activities/usivak/settings", expect_errors=True).status_int == 403
    assert testapp.post("/activities/usivak/settings", {"csrf_token": csrf_token(testapp)},
                        expect_errors=True).status_int == 403


def test_a_manager_sets_a_rooms_turnover_time_and_it_holds_for_existing_bookings(
        testapp, login_as, dbsession, empty_room, make_series):
    make_series(room=empty_room, start=datetime(2027, 2, 1, 9, 0), freq="", until=None)
    login_as(testapp, "manager-usivak")
    form = testapp.get("/activities/usivak/settings").forms["deform"]
    form[f"buffer_{empty_room.id}"] = "30"
    form.submit("save")
    with pytest.raises(Conflict):  # 10:00 ends the 9:00 hour, but the room needs 30 minutes
        make_series(room=empty_room, start=datetime(2027, 2, 1, 10, 15), freq="", until=None)
    slot_end = dbsession.scalar(select(Slot.blocks_until).where(Slot.room_id == empty_room.id))
    assert (slot_end.hour, slot_end.minute) == (9, 30)  # 10:30 local, in UTC


def test_a_cancellations_reason_is_translated_at_the_desk_and_shown_per_language(
        testapp, login_as, make_series, dbsession):
    import icalendar
    start = datetime(2027, 3, 1, 16, 0)
    activity = make_series(title="Sewing circle", start=start, freq="daily", byday="",
                           count=3, until=None)
    login_as(testapp, "partner-unhcr")
    form = testapp.get(f"/activities/usivak/{activity.id}/occurrence?start="
                       f"{start.isoformat(timespec='minutes')}&lang=en").forms["deform"]
    form["action"], form["reason"] = "cancel", "The trainer is ill"
    form.submit("save")
    (change,) = activity.changes
    assert change.source_language == "en" and change.reason == "The trainer is ill"
    anonymous = testapp.__class__(testapp.app)
    assert "The trainer is ill" in anonymous.get(
        "/activities/usivak/?date=2027-03-01&lang=ar").text  # now in the page cache
    login_as(testapp, "translator")
    desk = testapp.get("/translations?language=ar").text
    assert f"/translations/activities.change/{change.id}/ar" in desk
    form = testapp.get(f"/translations/activities.change/{change.id}/ar").forms["deform"]
    form["reason"] = "المدربة مريضة"
    form.submit("save")
    arabic = anonymous.get("/activities/usivak/?date=2027-03-01&lang=ar").html
    reason = arabic.select_one(".act-cancelled .act-reason")
    assert reason.text == "المدربة مريضة" and reason["lang"] == "ar" and reason["dir"] == "rtl"
    french = anonymous.get("/activities/usivak/?date=2027-03-01&lang=fr").html
    reason = french.select_one(".act-cancelled .act-reason")  # no French yet: the source
    assert reason.text == "The trainer is ill" and reason["lang"] == "en"
    feed = icalendar.Calendar.from_ical(
        anonymous.get("/activities/usivak/calendar.ics?organisation=unhcr&lang=ar").body)
    cancelled = next(e for e in feed.walk("VEVENT") if str(e["uid"]) == activity.uid
                     and "RECURRENCE-ID" in e)
    assert "المدربة مريضة" in str(cancelled["description"])


def test_a_partner_withdraws_their_activity_and_the_people_concerned_are_told(
        testapp, login_as, make_series, empty_room, dbsession):
    from portal.api import AuditEntry
    activity = make_series(title="Knitting group", room=empty_room,
                           start=datetime(2027, 5, 3, 14, 0), until=date(2027, 6, 28))
    activity_id, uid = activity.id, activity.uid
    anonymous = testapp.__class__(testapp.app)
    week = "/activities/usivak/?date=2027-05-03"
    assert "Knitting group" in anonymous.get(week).text  # now in the page cache
    login_as(testapp, "partner-unhcr")
    manage = testapp.get("/activities/usivak/manage")
    assert f"/activities/usivak/{activity_id}/withdraw" in manage.text
    page = testapp.get(f"/activities/usivak/{activity_id}/withdraw")
    assert "Knitting group" in page.text and "cannot be undone" in page.text
    form = page.forms["deform"]
    form["reason"] = "The volunteer moved away"
    assert form.submit("withdraw").status_int == 303
    assert dbsession.get(Activity, activity_id) is None
    assert not dbsession.scalars(select(Slot).where(Slot.activity_id == activity_id)).all()
    audit = dbsession.scalars(select(AuditEntry).where(
        AuditEntry.object_id == str(activity_id), AuditEntry.action == "delete")).all()
    assert audit and audit[0].username == "partner-unhcr"
    assert uid not in anonymous.get("/activities/usivak/calendar.ics").text
    assert "Knitting group" not in anonymous.get(week).text
    # the room is free again
    make_series(title="Chess", organisation="drc", room=empty_room,
                start=datetime(2027, 5, 3, 14, 0), until=date(2027, 6, 28))
    login_as(testapp, "manager-usivak")
    inbox = testapp.get("/inbox").text
    assert "An activity was withdrawn" in inbox and "Knitting group" in inbox
    assert "The volunteer moved away" in inbox
