"""Change detection for the page cache: per-centre counters bumped in the writing transaction."""
import threading

import webtest
from sqlalchemy import select, update

from portal.models import Centre, Page


def usivak_rules(dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    return dbsession.scalars(select(Page).where(Page.centre_id == centre.id)).first()


def revalidate(client, url, response):
    return client.get(url, headers={"If-None-Match": response.headers["ETag"]})


def test_a_change_in_one_centre_keeps_the_pages_of_another(testapp, dbsession):
    blazuj = testapp.get("/noticeboard/blazuj/")
    usivak = testapp.get("/noticeboard/usivak/")
    usivak_rules(dbsession).set_text("en", title="House rules (new)")
    dbsession.flush()
    assert revalidate(testapp, "/noticeboard/blazuj/", blazuj).status_int == 304
    assert revalidate(testapp, "/noticeboard/usivak/", usivak).status_int == 200


def test_a_login_and_a_logout_invalidate_nothing(testapp, login_as, dbsession):
    reader = testapp.__class__(testapp.app)
    board = reader.get("/noticeboard/usivak/")
    home = reader.get("/")
    page = login_as(testapp, "manager-usivak")
    page.forms["logout-form"].submit()
    assert revalidate(reader, "/noticeboard/usivak/", board).status_int == 304
    assert revalidate(reader, "/", home).status_int == 304


def test_a_bulk_update_invalidates(testapp, dbsession):
    board = testapp.get("/noticeboard/usivak/")
    dbsession.execute(update(Centre).where(Centre.slug == "usivak").values(name="Usivak (bulk)"))
    response = revalidate(testapp, "/noticeboard/usivak/", board)
    assert response.status_int == 200 and "Usivak (bulk)" in response.text


def rename(session, slug, name):
    session.scalars(select(Centre).where(Centre.slug == slug)).one().name = name


def test_a_writer_that_commits_last_is_seen_though_it_wrote_first(app):
    """Two writers on their own connections; the first to write commits last (PostgreSQL).

    SQLite has one writer at a time: there the second waits for the first to commit.
    """
    factory, cache = app.registry["dbsession_factory"], app.registry["page_cache"]
    postgresql = app.registry["dbengine"].dialect.name == "postgresql"
    reader = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    with factory() as session:
        names = dict(session.execute(select(Centre.slug, Centre.name)).all())
    cache.clear()
    assert names["usivak"] in reader.get("/kiosk/").text  # stored before anything changes

    def second_writer():
        with factory() as session, session.begin():
            rename(session, "usivak", "Usivak by the second writer")

    first = factory()
    try:
        rename(first, "blazuj", "Blazuj by the first writer")
        first.flush()
        second = threading.Thread(target=second_writer)
        second.start()
        if postgresql:
            second.join(60)
            assert not second.is_alive(), "the writers wait for each other"
            between = reader.get("/kiosk/").text  # stored with the second writer's change only
            assert "second writer" in between and "first writer" not in between
            first.commit()
        else:
            first.commit()
            second.join(60)
        after = reader.get("/kiosk/").text
        assert "Blazuj by the first writer" in after and "Usivak by the second writer" in after
    finally:
        first.close()
        with factory() as session, session.begin():
            for slug, name in names.items():
                rename(session, slug, name)
        cache.clear()
