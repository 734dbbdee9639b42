"""Login, sessions, throttling, CSRF and the production configuration."""
import pytest
from pyramid.exceptions import ConfigurationError
from sqlalchemy import select

from portal import main
from portal.models import User, UserSession


def login_form(testapp, username, password):
    form = testapp.get("/login").forms["deform"]
    form["username"], form["password"] = username, password
    return form.submit("save", expect_errors=True)


def session_cookie(response):
    return next(h for k, h in response.headerlist
                if k == "Set-Cookie" and h.startswith("portal_session="))


def cookie_attributes(header):
    """The attributes of a Set-Cookie header; their names are case-insensitive (RFC 6265)."""
    attributes = {}
    for part in header.split(";")[1:]:
        name, _sep, value = part.strip().partition("=")
        attributes[name.lower()] = value
    return attributes


def test_passwords_are_hashed_with_argon2id(dbsession):
    user = dbsession.scalars(select(User).where(User.username == "admin")).one()
    assert user.password_hash.startswith("$argon2id$")


def test_login_sets_a_hardened_session_cookie(testapp):
    response = login_form(testapp, "admin", "portal-demo")
    assert response.status_int == 303
    cookie = cookie_attributes(session_cookie(response))
    assert "httponly" in cookie and cookie["samesite"].lower() == "lax" and "secure" not in cookie
    assert cookie["path"] == "/" and "max-age" not in cookie  # ends with the browser session


def test_cookie_is_secure_over_https(testapp):
    testapp.extra_environ["wsgi.url_scheme"] = "https"
    form = testapp.get("/login").forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    response = form.submit("save", headers={"Origin": "https://localhost",
                                            "Referer": "https://localhost/login"})
    assert "secure" in cookie_attributes(session_cookie(response))


def test_session_cookie_over_https_is_secure_and_logout_clears_it(testapp):
    https = {"wsgi.url_scheme": "https"}
    headers = {"Origin": "https://localhost", "Referer": "https://localhost/login"}
    form = testapp.get("/login", extra_environ=https).forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    login = form.submit("save", headers=headers, extra_environ=https)
    cookie = cookie_attributes(session_cookie(login))
    assert "secure" in cookie and "httponly" in cookie and cookie["samesite"].lower() == "lax"
    page = testapp.get("/", extra_environ=https)
    logout = page.forms["logout-form"].submit(headers={"Origin": "https://localhost"},
                                              extra_environ=https)
    cleared = session_cookie(logout)
    assert cleared.startswith("portal_session=;")
    cookie = cookie_attributes(cleared)
    assert cookie["max-age"] == "0" and "secure" in cookie and cookie["path"] == "/"


def test_wrong_password_keeps_the_user_name_and_says_why(testapp):
    response = login_form(testapp, "admin", "wrong")
    assert response.status_int == 400
    assert "Wrong user name or password." in response.text
    assert response.forms["deform"]["username"].value == "admin"
    assert response.forms["deform"]["password"].value == ""


def test_login_is_throttled_per_account(testapp):
    for _ in range(5):
        login_form(testapp, "rep-usivak", "wrong")
    response = login_form(testapp, "rep-usivak", "portal-demo")  # right password, but locked
    assert response.status_int == 400
    assert "Too many failed attempts" in response.text
    assert login_form(testapp, "translator", "portal-demo").status_int == 303  # others unaffected


def test_new_session_id_at_every_login(testapp, login_as):
    first = session_cookie(login_form(testapp, "admin", "portal-demo"))
    second = session_cookie(login_form(testapp, "admin", "portal-demo"))
    assert first.split(";")[0] != second.split(";")[0]


def test_logout_revokes_the_session_server_side(testapp, dbsession):
    response = login_form(testapp, "admin", "portal-demo")
    token = session_cookie(response).split(";")[0].split("=", 1)[1]
    assert testapp.get("/admin").status_int == 200
    page = testapp.get("/")
    page.forms["logout-form"].submit()
    assert dbsession.scalars(select(UserSession).where(UserSession.revoked.is_(False))).all() == []
    # a copy of the old cookie no longer works
    testapp.set_cookie("portal_session", token)
    assert testapp.get("/admin", expect_errors=True).status_int == 303


def test_deactivating_a_user_ends_their_sessions(testapp, login_as, dbsession):
    login_as(testapp, "rep-usivak")
    assert testapp.get("/profile").status_int == 200
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    rep.active = False
    dbsession.flush()
    assert testapp.get("/profile", expect_errors=True).status_int == 303


def test_unsafe_request_without_csrf_token_is_refused(testapp, login_as):
    login_as(testapp, "admin")
    response = testapp.post("/admin/centres/add", {"name": "X", "slug": "x-centre"},
                            expect_errors=True)
    assert response.status_int == 400
    assert "This form has expired" in response.text


def test_login_redirect_only_to_same_site_paths(testapp):
    form = testapp.get("/login?came_from=https://evil.example/").forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    assert form.submit("save").location.endswith("/")
    form = testapp.get("/login?came_from=/admin").forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    assert form.submit("save").location.endswith("/admin")


@pytest.mark.parametrize("secret", ["", "short", "development-secret-not-for-production-use-0123456789"])
def test_production_refuses_a_default_or_weak_secret(app_settings, secret, monkeypatch):
    monkeypatch.delenv("PORTAL_SECRET", raising=False)
    with pytest.raises(ConfigurationError, match="secret"):
        main({}, **{**app_settings, "portal.secret": secret, "portal.demo_data": "false"})


def test_production_ini_has_no_demo_data_and_no_secret():
    from pyramid.paster import get_appsettings

    settings = get_appsettings("production.ini")
    assert settings["portal.demo_data"] == "false"
    assert settings["portal.secret"] == ""


def csrf_token_of(page):
    return page.html.select_one('input[name="csrf_token"]')["value"]


def test_csrf_token_is_bound_to_the_session_and_renewed_at_login_and_logout(testapp):
    login_page = testapp.get("/login")
    anonymous = csrf_token_of(login_page)
    form = login_page.forms["deform"]
    form["username"], form["password"] = "admin", "portal-demo"
    form.submit("save")
    logged_in = csrf_token_of(testapp.get("/profile"))
    assert logged_in != anonymous
    refused = testapp.post("/profile", {"csrf_token": anonymous, "language": "fr"},
                           expect_errors=True)
    assert refused.status_int == 400 and "This form has expired" in refused.text
    assert testapp.post("/profile", {"csrf_token": logged_in, "language": "fr"}).status_int == 303
    testapp.get("/").forms["logout-form"].submit()
    for token in (anonymous, logged_in):
        refused = testapp.post("/login", {"csrf_token": token, "username": "admin",
                                          "password": "portal-demo"}, expect_errors=True)
        assert refused.status_int == 400 and "This form has expired" in refused.text
    assert csrf_token_of(testapp.get("/login")) not in (anonymous, logged_in)


def test_two_sessions_of_one_user_have_different_tokens(testapp, login_as):
    import webtest

    other = webtest.TestApp(testapp.app, extra_environ=dict(testapp.extra_environ))
    login_as(testapp, "admin")
    login_as(other, "admin")
    mine, theirs = csrf_token_of(testapp.get("/profile")), csrf_token_of(other.get("/profile"))
    assert mine != theirs
    refused = testapp.post("/profile", {"csrf_token": theirs, "language": "fr"},
                           expect_errors=True)
    assert refused.status_int == 400
