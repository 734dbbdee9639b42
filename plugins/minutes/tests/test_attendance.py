"""Attendance offers the organisations present in the meeting's centre (their users hold a
current role there) and any already counted at that meeting, never every organisation."""
from sqlalchemy import select

from plugins.minutes.models import Attendance
from portal.api import Organisation, RoleAssignment, utcnow


def organisation(dbsession, slug):
    return dbsession.scalars(select(Organisation).where(Organisation.slug == slug)).one()


def offered(testapp, meeting):
    form = testapp.get(f"/minutes/usivak/{meeting.id}/attendance").forms["deform"]
    return form, {name for name in form.fields if name.startswith("org_")}


def test_attendance_offers_the_organisations_of_the_centre(testapp, login_as, make_meeting,
                                                            make_user, dbsession):
    unhcr, unicef, iom, drc = (organisation(dbsession, slug)
                               for slug in ("unhcr", "unicef", "iom", "drc"))
    make_user("partner-unicef", role="partner", centre="blazuj", organisation=unicef)
    ended = make_user("partner-drc", role="partner", centre="usivak", organisation=drc)
    ended.roles[0].ends = utcnow().date().replace(year=2020)
    meeting = make_meeting()
    # IOM no longer works here but was counted at this meeting: its count stays editable
    meeting.attendance.append(Attendance(group="organisation", organisation_id=iom.id, count=2))
    dbsession.flush()
    login_as(testapp, "rep-usivak")
    form, names = offered(testapp, meeting)
    assert names == {f"org_{unhcr.id}", f"org_{iom.id}"}
    assert form[f"org_{iom.id}"].value == "2"
    form[f"org_{unhcr.id}"] = "1"
    form[f"org_{iom.id}"] = "0"
    form.submit("save")
    assert [(a.organisation_id, a.count) for a in meeting.attendance
            if a.group == "organisation"] == [(unhcr.id, 1)]
    # its count removed, IOM is no longer offered
    _form, names = offered(testapp, meeting)
    assert names == {f"org_{unhcr.id}"}


def test_an_organisation_joining_the_centre_is_offered(testapp, login_as, make_meeting,
                                                        make_user, dbsession, centre):
    stc = organisation(dbsession, "stc")
    meeting = make_meeting()
    login_as(testapp, "manager-usivak")
    assert f"org_{stc.id}" not in offered(testapp, meeting)[1]
    worker = make_user("worker-stc", organisation=stc)
    worker.roles = [RoleAssignment(role="partner", centre_id=centre.id)]
    dbsession.flush()
    assert f"org_{stc.id}" in offered(testapp, meeting)[1]
