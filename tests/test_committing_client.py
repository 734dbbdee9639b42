"""The test client commits as production does: a request's work is kept when its answer allows
it, dropped when the answer is an error, and stays inside the test's transaction."""
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from portal.models import Organisation, UserSession


def add_organisation(testapp, slug, name):
    form = testapp.get("/admin/organisations/add").forms["deform"]
    form["slug"], form["name"] = slug, name
    return form.submit("save", expect_errors=True)


def test_a_successful_form_post_is_committed(testapp, login_as, dbconnection):
    login_as(testapp, "admin")
    assert add_organisation(testapp, "caritas", "Caritas").status_int == 303
    with Session(bind=dbconnection) as fresh:  # not the request's session, nor the test's
        assert fresh.scalars(select(Organisation.name).where(
            Organisation.slug == "caritas")).one() == "Caritas"


def test_the_test_session_sees_what_a_request_committed(testapp, login_as, dbsession):
    login_as(testapp, "admin")
    caritas_count = select(func.count()).where(Organisation.slug == "caritas")
    assert dbsession.scalar(caritas_count) == 0
    add_organisation(testapp, "caritas", "Caritas")
    organisation = dbsession.scalars(select(Organisation).where(
        Organisation.slug == "caritas")).one()
    form = testapp.get(f"/admin/organisations/{organisation.id}").forms["deform"]
    form["name"] = "Caritas Bosnia"
    form.submit("save")
    assert organisation.name == "Caritas Bosnia"  # loaded before the request, refreshed after


def test_a_request_sees_what_the_test_set_up(testapp, login_as, dbsession):
    dbsession.add(Organisation(slug="caritas", name="Caritas", kind="ngo"))  # not flushed
    login_as(testapp, "admin")
    assert "Caritas" in testapp.get("/admin/organisations").text


def test_what_requests_commit_stays_inside_the_tests_transaction(testapp, login_as, dbengine):
    """Another connection never sees it, so the rollback after the test removes it. On SQLite
    this needs savepoints inside a real transaction: pysqlite alone begins none before the first
    write, and releasing the first savepoint would commit the login for good."""
    sessions = select(func.count()).select_from(UserSession)
    with dbengine.connect() as other:
        before = other.scalar(sessions)
    login_as(testapp, "admin")
    assert add_organisation(testapp, "caritas", "Caritas").status_int == 303
    with dbengine.connect() as other:
        assert other.scalar(sessions) == before
        assert other.scalar(select(func.count()).where(Organisation.slug == "caritas")) == 0


def test_a_failed_request_leaves_the_tests_transaction_usable(testapp, login_as, dbconnection):
    """A database error inside a request rolls back its savepoint only (PostgreSQL would refuse
    every later statement of a transaction that failed without one)."""
    login_as(testapp, "admin")
    add_organisation(testapp, "caritas", "Caritas")
    duplicate = add_organisation(testapp, "caritas", "Caritas again")  # the slug is unique
    assert duplicate.status_int >= 400
    assert add_organisation(testapp, "unhcr-bih", "UNHCR BiH").status_int == 303
    with Session(bind=dbconnection) as fresh:
        assert fresh.scalars(select(Organisation.name).where(
            Organisation.slug.in_(["caritas", "unhcr-bih"])).order_by(Organisation.slug)
        ).all() == ["Caritas", "UNHCR BiH"]
