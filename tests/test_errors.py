"""Bad input and failures: friendly pages, nothing committed is lost, SQLite locks are retried."""
import sqlite3
import threading
import time

import pytest
import transaction
import webtest
from pyramid.config import Configurator
from pyramid.security import NO_PERMISSION_REQUIRED
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from portal.migrations import upgrade
from portal.models import Organisation, get_tm_session
from portal.populate import run_populators


@pytest.fixture
def committing_app(app_settings, tmp_path):
    """A portal on its own SQLite file whose requests really commit (no test transaction)."""
    attempts = {"n": 0}
    settings = {**app_settings, "sqlalchemy.url": f"sqlite:///{tmp_path / 'portal.sqlite'}",
                "portal.plugins": ""}
    with Configurator(settings=settings) as config:
        config.include("portal")

        def add_organisation(request):
            request.dbsession.add(Organisation(slug=request.params["slug"], name="Org",
                                               kind="ngo"))
            request.dbsession.flush()  # a duplicate slug fails here: IntegrityError
            return request.response

        def flaky(request):
            attempts["n"] += 1
            request.dbsession.add(Organisation(slug=f"flaky-{attempts['n']}", name="F", kind="ngo"))
            if attempts["n"] == 1:
                raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
            return request.response

        def boom(request):
            raise RuntimeError("a bug")

        for name, view in (("add_org", add_organisation), ("flaky", flaky), ("boom", boom)):
            config.add_route(name, f"/test/{name}")
            config.add_view(view, route_name=name, permission=NO_PERMISSION_REQUIRED,
                            require_csrf=False)
    app = config.make_wsgi_app()
    upgrade(app.registry)
    with transaction.manager:
        run_populators(get_tm_session(app.registry["dbsession_factory"], transaction.manager),
                       app.registry)
    app.attempts = attempts
    yield app
    app.registry["dbengine"].dispose()


def organisations(app):
    session = app.registry["dbsession_factory"]()
    try:
        return set(session.scalars(select(Organisation.slug)))
    finally:
        session.close()


def test_database_error_gives_a_friendly_page_and_keeps_committed_data(committing_app):
    client = webtest.TestApp(committing_app)
    client.post("/test/add_org", {"slug": "caritas"})
    response = client.post("/test/add_org", {"slug": "caritas"}, {"Accept-Language": "bs"},
                           expect_errors=True)
    assert response.status_int == 500
    assert "<h1>Došlo je do greške</h1>" in response.text
    assert "Traceback" not in response.text and "IntegrityError" not in response.text
    assert "caritas" in organisations(committing_app)


def test_database_is_locked_is_retried(committing_app):
    """The failed attempt's row is rolled back; counting the error commits nothing of it."""
    client = webtest.TestApp(committing_app)
    assert client.post("/test/flaky").status_int == 200
    assert committing_app.attempts["n"] == 2
    slugs = organisations(committing_app)
    assert "flaky-2" in slugs and "flaky-1" not in slugs  # the failed attempt was rolled back


def test_server_errors_of_the_last_day_show_on_the_administrators_dashboard(committing_app,
                                                                          login_as):
    client = webtest.TestApp(committing_app, extra_environ={"HTTP_HOST": "localhost"})
    login_as(client, "admin")
    health = client.get("/dashboard?lang=en").html.select_one('[data-tile="portal.health"]')
    assert "No errors." in health.text and "The database is up to date." in health.text
    for _attempt in range(2):
        assert client.post("/test/boom", expect_errors=True).status_int == 500
    health = client.get("/dashboard?lang=en").html.select_one('[data-tile="portal.health"]')
    assert "2 errors" in health.text and "boom" in health.text and "RuntimeError" in health.text
    assert "a bug" not in health.text  # what the error said stays in the server's log
    login_as(client, "manager-usivak")
    assert client.get("/dashboard").html.select_one('[data-tile="portal.health"]') is None


def test_a_writer_waits_for_a_lock_held_elsewhere(committing_app, tmp_path):
    """WAL and busy_timeout: a short lock held by another process delays, but does not fail."""
    other = sqlite3.connect(tmp_path / "portal.sqlite", isolation_level=None,
                            check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE centres SET name = name")
    threading.Thread(target=lambda: (time.sleep(0.5), other.execute("COMMIT")), daemon=True).start()
    client = webtest.TestApp(committing_app)
    assert client.post("/test/add_org", {"slug": "waited"}).status_int == 200
    assert "waited" in organisations(committing_app)


def test_unknown_page_is_a_translated_404(testapp):
    response = testapp.get("/centres/nowhere", {"lang": "fr"}, status=404)
    assert response.html.select_one("html")["lang"] == "fr"
    assert "Page not found" not in response.text


def test_centre_list_survives_garbage_input(testapp, login_as):
    login_as(testapp, "admin")
    for bad in ("/admin/users/abc", "/admin/centres/999999", "/content/xyz",
                "/content/1/translate/zz"):
        assert testapp.get(bad, expect_errors=True).status_int == 404, bad


@pytest.mark.parametrize("url", ["/centres/%ff", "/?lang=%ff", "/noticeboard/usivak/?x=%C3%28",
                                 "/kiosk/usivak/feed.json?lang=%C3", "/static/%ff.css"])
def test_undecodable_url_answers_a_translated_400(testapp, url):
    response = testapp.get(url, headers={"Accept-Language": "bs"}, expect_errors=True)
    assert response.status_int == 400
    assert '<html lang="bs"' in response.text
    assert "Ova adresa sadrži znakove koji se ne mogu pročitati." in response.text
    # the same address again: the page cache must not have kept anything for it
    assert testapp.get(url, expect_errors=True).status_int == 400


MIB = 1024 * 1024


class EndlessBody:
    """A request body that never ends; counts the bytes read from it."""

    def __init__(self):
        self.read_bytes = 0

    def read(self, size=-1):
        if size is None or size < 0:
            raise AssertionError("read to the end of an endless body")
        self.read_bytes += size
        return b"a" * size

    readline = read


def post_login(testapp, body, **environ):
    from webob import Request

    request = Request.blank("/login", method="POST", headers={"Accept-Language": "bs"},
                            environ={**testapp.extra_environ, "wsgi.input": body,
                                     "CONTENT_TYPE": "application/x-www-form-urlencoded",
                                     **environ})
    if "CONTENT_LENGTH" not in environ:
        request.environ.pop("CONTENT_LENGTH", None)
    return request.get_response(testapp.app)


def test_a_body_over_the_limit_is_refused_before_it_is_read(testapp):
    body = EndlessBody()
    response = post_login(testapp, body, CONTENT_LENGTH=str(9 * MIB))
    assert response.status_int == 413
    assert "Poslano je više od 8 MB." in response.text
    assert body.read_bytes == 0


def test_a_body_of_unknown_length_is_read_no_further_than_the_limit(testapp):
    body = EndlessBody()
    response = post_login(testapp, body, **{"wsgi.input_terminated": True})
    assert response.status_int == 413
    assert "Poslano je više od 8 MB." in response.text
    assert 8 * MIB < body.read_bytes <= 8 * MIB + 1


def test_a_body_of_unknown_length_under_the_limit_is_read_whole_and_an_empty_one_too(testapp):
    """As waitress hands over every request (the body ended, its length not given): a form
    posted so is read to its end, and a GET with its empty body is answered as usual."""
    import io
    import re
    from urllib.parse import urlencode

    from webob import Request

    login = testapp.get("/login?lang=en")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    form = urlencode({"csrf_token": token, "username": "manager-usivak",
                      "password": "not the password", "save": "save"}).encode()
    cookies = "; ".join(f"{name}={value}" for name, value in testapp.cookies.items())
    response = post_login(testapp, io.BytesIO(form), **{"wsgi.input_terminated": True,
                                                        "HTTP_COOKIE": cookies})
    # read whole: the password was checked (and refused), the user name kept
    assert response.status_int == 400 and "Wrong user name or password." in response.text
    assert 'value="manager-usivak"' in response.text
    page = Request.blank("/?lang=en", environ={**testapp.extra_environ,
                                               "wsgi.input": io.BytesIO(),
                                               "wsgi.input_terminated": True})
    page.environ.pop("CONTENT_LENGTH", None)
    assert page.get_response(testapp.app).status_int == 200
