"""Security headers on every response (pages, cached pages, 304s, errors, static files); nothing
staff see is cached; pictures of unpublished notices are not publicly cacheable."""
import io

import pytest
import webtest
from PIL import Image
from pyramid.paster import get_appsettings
from sqlalchemy import select

from plugins.noticeboard.models import Notice, NoticeImage
from portal import main
from portal.models import Centre

from .test_permissions import ACCOUNTS, EXPECTED
from .test_permissions import ids  # noqa: F401  (a fixture used below)


def header_problems(response, staff=False):
    headers, problems = response.headers, []
    csp = headers.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'"):
        if directive not in csp:
            problems.append(directive)
    if "unsafe-inline" in csp or "unsafe-eval" in csp:
        problems.append("unsafe CSP")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("nosniff")
    if headers.get("Referrer-Policy") not in ("same-origin", "no-referrer"):
        problems.append("Referrer-Policy")
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS without portal.hsts")
    if staff and "no-store" not in headers.get("Cache-Control", ""):
        problems.append("no-store")
    return problems


@pytest.mark.parametrize("role", ["anonymous", "manager"])
def test_every_route_answers_with_security_headers(testapp, login_as, ids, role):
    staff = role != "anonymous"
    if staff:
        login_as(testapp, ACCOUNTS[role])
    wrong = []
    for cases in EXPECTED.values():
        for template, _expected in cases:
            url = template.format(**ids)
            # anonymous readers get public pages the second time from the page cache
            for _attempt in range(1 if staff else 2):
                response = testapp.get(url, expect_errors=True)
                problems = header_problems(response, staff)
                if problems:
                    wrong.append(f"{url} ({response.status_int}): {problems}")
    assert wrong == []


def test_static_files_304s_and_errors_carry_the_headers(testapp):
    responses = [testapp.get("/static/css/portal.css"),
                 testapp.get("/deform/scripts/deform.js"),
                 testapp.get("/nowhere", status=404),
                 testapp.get("/centres/%ff", status=400)]
    feed = testapp.get("/kiosk/usivak/feed.json?lang=ar")
    responses.append(testapp.get("/kiosk/usivak/feed.json?lang=ar",
                                 headers={"If-None-Match": feed.headers["ETag"]}, status=304))
    assert [header_problems(r) for r in responses] == [[]] * len(responses)


def test_hsts_only_when_configured(app_settings, dbengine):
    portal = main({}, **{**app_settings, "portal.hsts": "true", "portal.dbengine": dbengine})
    response = webtest.TestApp(portal).get("/", extra_environ={"HTTP_HOST": "localhost"})
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    assert get_appsettings("production.ini")["portal.hsts"] == "true"


def test_pictures_of_unpublished_notices_are_not_publicly_cacheable(testapp, login_as,
                                                                      dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "PNG")
    notices = {}
    for state in ("published", "draft"):
        notice = Notice(centre=centre, state=state, source_language="en", revision=1)
        notice.set_text("en", title=f"A {state} notice")
        notice.image = NoticeImage(data=out.getvalue(), mime="image/png", width=40, height=30,
                                   source_language="en")
        dbsession.add(notice)
        dbsession.flush()
        notices[state] = notice.id
    published = testapp.get(f"/noticeboard/usivak/{notices['published']}/image")
    assert published.headers["Cache-Control"] == "public, max-age=3600"
    login_as(testapp, "manager-usivak")
    draft = testapp.get(f"/noticeboard/usivak/{notices['draft']}/image")
    assert draft.headers["Cache-Control"] == "private, no-store"
