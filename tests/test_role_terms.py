"""A role held for a term (an elected representative's) gives its permissions until its last
day, and none after: the core's ``RoleAssignment.ends``."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import Centre, RoleAssignment, utcnow


def test_a_role_gives_nothing_after_its_last_day(testapp, dbsession, make_user, login_as):
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    elected = make_user("elected-rep")
    elected.roles = [RoleAssignment(role="community_rep", centre_id=usivak.id,
                                    ends=utcnow().date())]
    dbsession.flush()
    login_as(testapp, "elected-rep")
    # a representative proposes notices: through the last day of the term
    assert testapp.get("/noticeboard/usivak/add").status_int == 200
    elected.roles[0].ends = utcnow().date() - timedelta(days=1)
    dbsession.flush()
    assert testapp.get("/noticeboard/usivak/add", expect_errors=True).status_int == 403


def test_current_says_whether_the_term_runs():
    today = utcnow().date()
    assert RoleAssignment(role="community_rep").current()
    assert RoleAssignment(role="community_rep", ends=today).current()
    assert not RoleAssignment(role="community_rep", ends=today - timedelta(days=1)).current()
