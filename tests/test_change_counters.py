"""Change detection for the page cache: per-centre counters bumped in the writing transaction."""
import threading
import time

import webtest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from plugins.noticeboard.models import Notice
from portal.models import Centre, Page, User
from portal.models import changes
from portal.models.changes import read_counters
from portal.models.local_roles import grant_local_role


def usivak_rules(dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    return dbsession.scalars(select(Page).where(Page.centre_id == centre.id)).first()


def revalidate(client, url, response):
    return client.get(url, headers={"If-None-Match": response.headers["ETag"]})


def test_a_change_in_one_centre_keeps_the_pages_of_another(app, testapp, dbsession):
    rules = usivak_rules(dbsession)
    blazuj = testapp.get("/noticeboard/blazuj/")
    usivak = testapp.get(f"/content/{rules.id}?lang=en")
    stored = len(app.registry["page_cache"].entries)
    rules.set_text("en", title="House rules (new)")
    dbsession.flush()
    version = app.registry["change_version"]
    blazuj_id = dbsession.scalars(select(Centre.id).where(Centre.slug == "blazuj")).one()
    assert version.of_page(read_counters(dbsession.connection()), blazuj_id) == \
        next(e["version"] for e in app.registry["page_cache"].entries.values()
             if e["centre_id"] == blazuj_id)
    assert revalidate(testapp, "/noticeboard/blazuj/", blazuj).status_int == 304
    changed = revalidate(testapp, f"/content/{rules.id}?lang=en", usivak)
    assert changed.status_int == 200 and "House rules (new)" in changed.text
    assert len(app.registry["page_cache"].entries) == stored  # the new copy replaced the old


def test_a_login_and_a_logout_invalidate_nothing(testapp, login_as, dbsession):
    reader = testapp.__class__(testapp.app)
    board = reader.get("/noticeboard/usivak/")
    home = reader.get("/")
    page = login_as(testapp, "manager-usivak")
    page.forms["logout-form"].submit()
    assert revalidate(reader, "/noticeboard/usivak/", board).status_int == 304
    assert revalidate(reader, "/", home).status_int == 304


def test_writes_no_reader_can_see_invalidate_nothing(testapp, login_as, dbsession):
    """A draft written, edited and submitted, a role granted: no public page changed."""
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    before = read_counters(dbsession.connection())
    login_as(testapp, "rep-usivak")
    form = testapp.get("/noticeboard/usivak/add").forms["deform"]
    form["category"], form["priority"], form["source_language"] = "activities", "normal", "en"
    form["title"], form["summary"], form["body"] = "Football on Friday", "At 17:00", "Field"
    form.submit("save")
    notice = dbsession.scalars(select(Notice).order_by(Notice.id.desc())).first()
    edit = testapp.get(f"/content/{notice.id}/edit").forms["deform"]
    edit["title"] = "Football on Friday, 17:00"
    edit.submit("save")
    testapp.get(f"/content/{notice.id}").forms["transition-submit"].submit()
    assert notice.state == "submitted" and notice.texts["en"].title.endswith("17:00")
    login_as(testapp, "admin")
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    grant_local_role(dbsession, notice, rep, "host")
    dbsession.flush()
    assert read_counters(dbsession.connection()) == before

    login_as(testapp, "manager-usivak")
    testapp.get(f"/content/{notice.id}").forms["transition-publish"].submit()
    after = read_counters(dbsession.connection())
    assert after[usivak.id] == before.get(usivak.id, 0) + 1


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
        # SQLite refuses a writer whose snapshot predates another's commit (SQLITE_BUSY_SNAPSHOT),
        # and one that reads while another holds the write lock (SQLITE_BUSY, at once): it tries
        # again, as the portal's retry tween does for a request, until the first has committed
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with factory() as session, session.begin():
                    rename(session, "usivak", "Usivak by the second writer")
                return
            except OperationalError:
                time.sleep(0.05)

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


def test_counters_kept_for_a_while_are_read_again_after_this_process_commits(app):
    """A manager who renames a centre sees the new name on the next page, though the counters
    are kept for a minute; a change another process commits shows once they are read again."""
    from portal.caching import ChangeVersion

    engine, factory = app.registry["dbengine"], app.registry["dbsession_factory"]
    kept = ChangeVersion(engine, ttl=60)
    request = type("Request", (), {"environ": {}})()
    with factory() as session:
        name = session.scalars(select(Centre.name).where(Centre.slug == "usivak")).one()
        usivak = session.scalars(select(Centre.id).where(Centre.slug == "usivak")).one()
    before = kept(request, usivak)
    try:
        with factory() as session, session.begin():
            rename(session, "usivak", "Usivak renamed here")
        assert kept(request, usivak) != before  # this process committed: read at once
        seen = kept(request, usivak)
        with engine.begin() as connection:  # as another process would: no session, no event
            connection.execute(update(Centre).where(Centre.id == usivak).values(name="Elsewhere"))
            connection.exec_driver_sql(
                f"UPDATE change_counters SET value = value + 1 WHERE centre_id = {usivak}")
        assert kept(request, usivak) == seen  # kept until the ttl has passed
        kept.read_at -= 60
        assert kept(request, usivak) != seen
        commits = changes.local_commits
        with factory() as session:  # a transaction rolled back counts for nothing
            rename(session, "usivak", "Never committed")
            session.flush()
            session.rollback()
        assert changes.local_commits == commits
    finally:
        with factory() as session, session.begin():
            rename(session, "usivak", name)
