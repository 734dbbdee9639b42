"""Login hardening: the same work for unknown names, limits per name, address and device, parallel
attempts, unlocking by an administrator, and the profile's current-password check."""
import re
import threading
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie

import pytest
import webtest
from webtest.http import StopableWSGIServer
from sqlalchemy import select

from portal import main
from portal.migrations import upgrade
from portal.models import LoginThrottle, User
from portal.throttle import ADDRESS, NAME, throttle_key

LOCKED = "Too many failed attempts"


def login_form(client, username, password, **kw):
    form = client.get("/login").forms["deform"]
    form["username"], form["password"] = username, password
    return form.submit("save", expect_errors=True, **kw)


def other_client(testapp, address=None):
    """Another browser (no cookies) on the same portal and test transaction."""
    environ = dict(testapp.extra_environ)
    if address:
        environ["REMOTE_ADDR"] = address
    return webtest.TestApp(testapp.app, extra_environ=environ)


def lock_out(testapp, username, address="198.51.100.9"):
    attacker = other_client(testapp, address)
    for _ in range(5):
        assert login_form(attacker, username, "a-wrong-guess").status_int == 400
    assert LOCKED in login_form(attacker, username, "portal-demo").text


class CountingHasher:
    """The portal's password hasher, counting ``verify`` calls."""

    def __init__(self, hasher):
        self.hasher = hasher
        self.verified = 0

    def verify(self, hashed, password):
        self.verified += 1
        return self.hasher.verify(hashed, password)

    def __getattr__(self, name):
        return getattr(self.hasher, name)


def test_unknown_and_inactive_names_cost_a_password_check_too(testapp, app, make_user,
                                                              monkeypatch):
    hasher = CountingHasher(app.registry["password_hasher"])
    monkeypatch.setitem(app.registry, "password_hasher", hasher)
    make_user("former-rep", "community_rep", "usivak", active=False)
    for username in ("nobody-of-that-name", "former-rep", "rep-usivak"):
        before = hasher.verified
        response = login_form(testapp, username, "portal-demo" if username != "rep-usivak"
                              else "a-wrong-guess")
        assert response.status_int == 400 and "Wrong user name or password." in response.text
        assert hasher.verified == before + 1, username


def test_logins_are_limited_per_address_as_well(testapp):
    guesser = other_client(testapp, "203.0.113.7")
    for attempt in range(20):  # a different name each time: no single account reaches its limit
        assert login_form(guesser, f"guess-{attempt}", "a-wrong-guess").status_int == 400
    response = login_form(guesser, "translator", "portal-demo")
    assert response.status_int == 400 and LOCKED in response.text
    assert login_form(other_client(testapp, "192.0.2.1"), "translator",
                      "portal-demo").status_int == 303


def test_a_known_device_logs_in_despite_a_lock_on_the_name(testapp):
    owner = other_client(testapp, "192.0.2.10")
    response = login_form(owner, "rep-usivak", "portal-demo")
    cookie = next(v for k, v in response.headerlist
                  if k == "Set-Cookie" and v.startswith("portal_device="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=" in cookie
    owner.get("/").forms["logout-form"].submit()
    lock_out(testapp, "rep-usivak")
    assert login_form(other_client(testapp, "192.0.2.10"), "rep-usivak",
                      "portal-demo").status_int == 400  # the owner's address alone is not enough
    assert login_form(owner, "rep-usivak", "portal-demo").status_int == 303
    # the cookie is for that account only
    lock_out(testapp, "manager-usivak")
    assert LOCKED in login_form(owner, "manager-usivak", "portal-demo").text


def test_guessing_from_a_known_device_locks_that_device(testapp):
    owner = other_client(testapp, "192.0.2.11")
    login_form(owner, "translator", "portal-demo")
    owner.get("/").forms["logout-form"].submit()
    for _ in range(5):
        assert login_form(owner, "translator", "a-wrong-guess").status_int == 400
    assert LOCKED in login_form(owner, "translator", "portal-demo").text
    # the account itself is not locked for its owner elsewhere
    assert login_form(other_client(testapp, "192.0.2.12"), "translator",
                      "portal-demo").status_int == 303


def test_device_cookie_is_secure_over_https(testapp):
    testapp.extra_environ["wsgi.url_scheme"] = "https"
    form = testapp.get("/login").forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    response = form.submit("save", headers={"Origin": "https://localhost",
                                            "Referer": "https://localhost/login"})
    cookie = next(v for k, v in response.headerlist
                  if k == "Set-Cookie" and v.startswith("portal_device="))
    assert "secure" in cookie.lower()


def test_an_administrator_unlocks_an_account(testapp, login_as, dbsession):
    lock_out(testapp, "partner-unhcr")
    login_as(testapp, "admin")
    partner = dbsession.scalars(select(User).where(User.username == "partner-unhcr")).one()
    page = testapp.get(f"/admin/users/{partner.id}")
    assert "locked" in page.html.select_one(".portal-lock").text
    # without the form's token, nothing happens
    testapp.post(f"/admin/users/{partner.id}", {"unlock": "1"}, status=400)
    page.forms["unlock-form"].submit("unlock").follow()
    assert testapp.get(f"/admin/users/{partner.id}").html.select_one(".portal-lock") is None
    assert login_form(other_client(testapp, "198.51.100.9"), "partner-unhcr",
                      "portal-demo").status_int == 303


def change_password(client, current, new="a-new-long-password"):
    form = client.get("/profile").forms["deform"]
    form["current_password"] = current
    form["new_password"], form["new_password-confirm"] = new, new
    return form.submit("save", expect_errors=True)


def test_the_profiles_current_password_check_is_throttled(testapp, login_as):
    login_as(testapp, "protection-usivak")
    for _ in range(5):
        response = change_password(testapp, "a-wrong-guess")
        assert response.status_int == 400 and "This is not your password." in response.text
    response = change_password(testapp, "portal-demo")
    assert response.status_int == 400 and LOCKED in response.text


# -- parallel attempts, each committed by a real server ----------------------------------------

@pytest.fixture
def served_portal(app, app_settings, tmp_path):
    """Start a waitress-served portal whose requests commit; ``served_portal(**settings)``."""
    started = []

    def serve(**overrides):
        settings = {**app_settings, **overrides}
        if not settings["sqlalchemy.url"].startswith("postgresql"):
            settings["sqlalchemy.url"] = f"sqlite:///{tmp_path / 'portal.sqlite'}"
        portal = main({}, **settings)
        upgrade(portal.registry)
        server = StopableWSGIServer.create(portal, host="127.0.0.1", threads=8,
                                           expose_tracebacks=False)
        started.append((server, portal))
        return server.application_url.rstrip("/"), portal

    yield serve
    for server, portal in started:
        server.shutdown()
        server.runner.join(10)  # its sockets are closed before another server opens any
        with portal.registry["dbengine"].begin() as connection:
            connection.execute(LoginThrottle.__table__.delete())
        portal.registry["dbengine"].dispose()


def parallel_logins(url, username, count):
    """``count`` browsers open the login form, then all send a wrong password at once."""
    barrier, statuses = threading.Barrier(count), []

    def attempt():
        try:
            statuses.append(send_wrong_password())
        except Exception as error:  # shown in the failed assertion
            statuses.append(repr(error))

    def send_wrong_password():
        page = urllib.request.urlopen(f"{url}/login", timeout=60)
        cookies = SimpleCookie()
        for header in page.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
        body = urllib.parse.urlencode({"csrf_token": token, "username": username,
                                       "password": "a-wrong-guess", "came_from": "",
                                       "save": "save"}).encode()
        request = urllib.request.Request(f"{url}/login", data=body, headers={
            "Cookie": "; ".join(f"{k}={m.value}" for k, m in cookies.items())})
        barrier.wait(timeout=60)
        try:
            return urllib.request.urlopen(request, timeout=60).status
        except urllib.error.HTTPError as error:
            return error.code

    threads = [threading.Thread(target=attempt) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def failures(portal, scope, value):
    key = throttle_key(portal.registry.settings, scope, value)
    with portal.registry["dbengine"].connect() as connection:
        return connection.scalar(select(LoginThrottle.failures).where(
            LoginThrottle.scope == scope, LoginThrottle.key_hash == key))


def test_parallel_failures_are_all_counted(served_portal):
    url, portal = served_portal(**{"portal.login_max_failures": "1000",
                                   "portal.login_max_failures_per_ip": "1000"})
    statuses = parallel_logins(url, "a-name-never-seen", 20)
    assert statuses == [400] * 20
    assert failures(portal, NAME, "a-name-never-seen") == 20
    assert failures(portal, ADDRESS, "127.0.0.1") == 20


def test_parallel_failures_lock_the_name(served_portal):
    url, portal = served_portal()
    assert parallel_logins(url, "another-new-name", 20) == [400] * 20
    key = throttle_key(portal.registry.settings, NAME, "another-new-name")
    with portal.registry["dbengine"].connect() as connection:
        locked_until = connection.scalar(select(LoginThrottle.locked_until).where(
            LoginThrottle.scope == NAME, LoginThrottle.key_hash == key))
    assert locked_until is not None
