"""pytest plugin (entry point ``pytest11: portal``) with the fixtures the core and plugins share.

* The database is migrated (``upgrade heads``) and filled with demo data once per session: SQLite
  in a temporary folder, or the PostgreSQL database in ``PORTAL_TEST_DATABASE_URL`` (its ``public``
  schema is dropped and rebuilt first).
* Every test has one connection (``dbconnection``) holding an outer transaction that is rolled
  back after the test. The test's ``dbsession`` and every session the portal makes meanwhile work
  in savepoints of that transaction.
* ``testapp`` goes through ``pyramid_tm`` as in production: each request has its own session,
  committed or aborted by ``pyramid_tm``. A commit releases the request's savepoint, so the test
  (and the next request) sees it; the rollback after the test still undoes it.
* ``login_as(testapp, username)`` logs in through the real login form.
"""
import os
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path

import pytest
import transaction
import webtest
import zope.sqlalchemy
from pyramid.paster import get_appsettings
from pyramid.testing import DummyRequest
from pyramid.threadlocal import manager
from sqlalchemy import create_engine, event, text

from .models import get_engine
from .populate import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def database_url(tmp_path_factory):
    url = os.environ.get("PORTAL_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'portal.sqlite'}"


def reset_postgresql(url):
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def portal_plugins_installed():
    """Override (in a conftest) to install plugin distributions before the app is built."""
    return []


@pytest.fixture(scope="session")
def ini_file():
    return str(ROOT / "testing.ini")


@pytest.fixture(scope="session")
def app_settings(ini_file, tmp_path_factory, portal_plugins_installed):
    settings = dict(get_appsettings(ini_file))
    settings["sqlalchemy.url"] = database_url(tmp_path_factory)
    return settings


@pytest.fixture(scope="session")
def dbengine(app_settings):
    url = app_settings["sqlalchemy.url"]
    if url.startswith("postgresql"):
        reset_postgresql(url)
    engine = get_engine(app_settings)
    if engine.dialect.name == "sqlite":
        sqlite_transactions_by_sqlalchemy(engine)
    yield engine
    engine.dispose()


def sqlite_transactions_by_sqlalchemy(engine):
    """Let SQLAlchemy emit BEGIN itself, so savepoints nest inside the test's transaction.

    pysqlite begins a transaction only before a write, so the test's outer transaction would not
    exist yet and a request's ``RELEASE SAVEPOINT`` would commit for good (SQLAlchemy's pysqlite
    notes, "Serializable isolation / Savepoints / Transactional DDL").
    """

    @event.listens_for(engine, "connect")
    def no_implicit_transactions(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def begin(connection):
        connection.exec_driver_sql("BEGIN")


@pytest.fixture(scope="session")
def app(app_settings, dbengine):
    from . import main
    from .migrations import upgrade
    from .models import get_tm_session
    from .populate import run_populators

    wsgi_app = main({}, **app_settings, **{"portal.dbengine": dbengine})
    registry = wsgi_app.registry
    upgrade(registry, dbengine)
    with transaction.manager:
        run_populators(get_tm_session(registry["dbsession_factory"], transaction.manager),
                       registry)
    return wsgi_app


@pytest.fixture
def tm():
    manager = transaction.TransactionManager(explicit=True)
    manager.begin()
    manager.doom()  # nothing a test does is committed
    yield manager
    manager.abort()


class ConnectionSource:
    """Stands in for the engine where the portal opens a connection of its own (the page
    cache's change version): lends the test's connection and leaves it open."""

    def __init__(self, connection):
        self.connection = connection

    def connect(self):
        return nullcontext(self.connection)


@contextmanager
def bound_to(registry, connection):
    """Make the portal of ``registry`` use ``connection``: sessions work in savepoints of it.

    The page cache and the kept data start empty: what an earlier test stored shows data
    rolled back since.
    """
    factory, change_version = registry["dbsession_factory"], registry["change_version"]
    saved_kw, saved_engine = dict(factory.kw), change_version.engine
    factory.configure(bind=connection, join_transaction_mode="create_savepoint")
    change_version.engine = ConnectionSource(connection)
    registry["page_cache"].clear()
    registry["portal.kept"].clear()
    registry["portal.published"].clear()
    try:
        yield
    finally:
        factory.kw, change_version.engine = saved_kw, saved_engine
        registry["page_cache"].clear()
        registry["portal.kept"].clear()
        registry["portal.published"].clear()


def statements_run(app, fetch):
    """The SQL statements ``fetch()`` runs on the portal's engine, in order: what a test counts
    to show a page's cost follows what it shows, or that nothing is read while nothing
    changed."""
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    engine = app.registry["dbengine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        fetch()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


@pytest.fixture
def dbconnection(app):
    """The test's connection; its outer transaction is rolled back after the test."""
    connection = app.registry["dbengine"].connect()
    outer = connection.begin()
    try:
        with bound_to(app.registry, connection):
            yield connection
    finally:
        outer.rollback()
        connection.close()


@pytest.fixture
def dbsession(app, tm, dbconnection):
    session = app.registry["dbsession_factory"]()
    zope.sqlalchemy.register(session, transaction_manager=tm)
    yield session
    session.close()


class CommittingTestApp(webtest.TestApp):
    """webtest's client through ``pyramid_tm``, keeping the test's session in step.

    Before a request the test's session is flushed, so the request sees what the test set up;
    after it, everything the test's session holds is expired, so the test sees what the request
    committed. ``testapp.__class__(testapp.app)`` is a second browser on the same test session.
    """

    dbsession = None  # set by :func:`committing_client`

    def __init__(self, app, extra_environ=None, **kw):
        super().__init__(app, extra_environ={"HTTP_HOST": "localhost", **(extra_environ or {})},
                         **kw)

    def do_request(self, req, status=None, expect_errors=None):
        self.dbsession.flush()
        try:
            return super().do_request(req, status=status, expect_errors=expect_errors)
        finally:
            self.dbsession.expire_all()


def committing_client(wsgi_app, dbsession):
    client_class = type("CommittingTestApp", (CommittingTestApp,), {"dbsession": dbsession})
    return client_class(wsgi_app)


@pytest.fixture
def client_for(dbconnection, dbsession):
    """``client_for(wsgi_app)``: a committing client for a portal the test built itself."""
    with ExitStack() as stack:
        def client(wsgi_app):
            stack.enter_context(bound_to(wsgi_app.registry, dbconnection))
            return committing_client(wsgi_app, dbsession)

        yield client


@pytest.fixture
def testapp(app, dbsession):
    return committing_client(app, dbsession)


@pytest.fixture
def dummy_request(app, tm, dbsession):
    request = DummyRequest()
    request.host = "localhost"
    request.environ["HTTP_HOST"] = "localhost"
    request.registry = app.registry
    request.dbsession = dbsession
    request.tm = tm
    # not pyramid.testing.testConfig: its tearDown would wipe the shared app's registry
    manager.push({"registry": app.registry, "request": request})
    yield request
    manager.pop()


@pytest.fixture
def login_as():
    """Log ``testapp`` in through the login form; returns the page after login."""

    def login(testapp, username, password=DEMO_PASSWORD):
        form = testapp.get("/login").forms["deform"]
        form["username"] = username
        form["password"] = password
        response = form.submit("save")
        assert response.status_int == 303, f"login as {username} failed"
        return response.follow()

    return login


def csrf_token(client):
    """The CSRF token ``client`` (a webtest app) must send now: its session's, or else the one in
    its cookie, as a form on the login page carries it."""
    return client.get("/login").html.select_one('input[name="csrf_token"]')["value"]


@pytest.fixture
def make_user(dbsession, app):
    """Create a user holding ``role`` (in ``centre``, a slug, or globally)."""
    from sqlalchemy import select

    from .models import Centre, RoleAssignment, User

    def make(username, role=None, centre=None, password=DEMO_PASSWORD, **kw):
        user = User(username=username, full_name=kw.pop("full_name", username.title()),
                    password_hash=app.registry["password_hasher"].hash(password), **kw)
        if role:
            centre_id = None
            if centre:
                centre_id = dbsession.scalars(select(Centre.id).where(Centre.slug == centre)).one()
            user.roles = [RoleAssignment(role=role, centre_id=centre_id)]
        dbsession.add(user)
        dbsession.flush()
        return user

    return make


# -- browser tests (marker ``browser``) ------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class LiveServer(str):
    """The server's base URL; ``.app`` is the portal it serves (for committing test data)."""

    def __new__(cls, url, app):
        self = super().__new__(cls, url)
        self.app = app
        return self

    def commit(self, func):
        """Run ``func(dbsession)`` in a transaction of its own and commit it."""
        from .models import get_tm_session

        with transaction.manager:
            return func(get_tm_session(self.app.registry["dbsession_factory"],
                                       transaction.manager))


@pytest.fixture(scope="session")
def live_server(app_settings, tmp_path_factory):
    """The portal served by waitress on a free port, on its own migrated, populated SQLite file."""
    import threading

    from waitress.server import create_server

    from . import main
    from .migrations import upgrade
    from .models import get_tm_session
    from .populate import run_populators

    path = tmp_path_factory.mktemp("live") / "portal.sqlite"
    wsgi_app = main({}, **{**app_settings, "sqlalchemy.url": f"sqlite:///{path}"})
    upgrade(wsgi_app.registry)
    with transaction.manager:
        run_populators(get_tm_session(wsgi_app.registry["dbsession_factory"],
                                      transaction.manager), wsgi_app.registry)
    server = create_server(wsgi_app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.effective_port}", wsgi_app)
    server.close()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; skipped (or failed, in CI) when absent."""
    if not os.path.exists(CHROMIUM):
        message = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("PORTAL_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server):
    """``browser_login(page, username)`` logs ``page`` in through the login form of
    ``live_server`` (every demo account's password) and waits for their dashboard."""

    def log_in(page, username, password=DEMO_PASSWORD):
        page.goto(f"{live_server}/login")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[name=save]")
        page.wait_for_url(f"{live_server}/dashboard")  # where staff land

    return log_in


AXE_JS = ROOT / "tests" / "assets" / "axe.min.js"


def axe_violations(page, impacts=("serious", "critical"),
                   tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")):
    """Run axe-core (vendored from npm) on ``page``; violations of the given impacts."""
    # evaluated through the browser's debugging protocol: the portal's Content-Security-Policy
    # refuses the inline <script> that add_script_tag would write into the page
    page.evaluate(f"() => {{ {AXE_JS.read_text()}\n }}")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           list(tags))
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in result["violations"] if v["impact"] in impacts]
