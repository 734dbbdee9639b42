"""The anonymous page cache: ETag revalidation, and no stale page after any change."""
import time
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy import select

import plugins.noticeboard.views
import portal.caching
from plugins.noticeboard.models import Notice
from portal.models import Centre, Page
from portal.models.meta import utcnow


def usivak_rules(dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    return dbsession.scalars(select(Page).where(Page.centre_id == centre.id)).first()


def test_public_page_revalidates_with_304(testapp, dbsession):
    page = usivak_rules(dbsession)
    first = testapp.get(f"/content/{page.id}")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    again = testapp.get(f"/content/{page.id}", headers={"If-None-Match": etag}, status=304)
    assert again.body == b""
    # per language: another language is another page
    arabic = testapp.get(f"/content/{page.id}?lang=ar")
    assert arabic.headers["ETag"] != etag


def test_a_change_is_visible_at_once(testapp, dbsession):
    page = usivak_rules(dbsession)
    first = testapp.get(f"/content/{page.id}")
    page.set_text("en", title="House rules (new)")
    dbsession.flush()
    response = testapp.get(f"/content/{page.id}", headers={"If-None-Match": first.headers["ETag"]})
    assert response.status_int == 200 and "House rules (new)" in response.text


def test_staff_pages_are_never_cached(testapp, login_as, dbsession):
    page = usivak_rules(dbsession)
    testapp.get(f"/content/{page.id}")  # an anonymous copy is cached
    login_as(testapp, "manager-usivak")
    response = testapp.get(f"/content/{page.id}")
    assert "ETag" not in response.headers
    assert response.html.select_one(f'a[href="/content/{page.id}/edit"]') is not None


def test_cache_is_shared_between_anonymous_readers(app, testapp, dbsession):
    page = usivak_rules(dbsession)
    testapp.get(f"/content/{page.id}?lang=bs")
    cache = app.registry["page_cache"]
    assert ("http", "localhost", f"/content/{page.id}", "", "bs") in cache.entries


def test_large_public_pages_are_compressed_for_readers_who_accept_it(testapp):
    from webob import Request

    plain = testapp.get("/kiosk/usivak/feed.json?lang=ar")
    # straight to the app: WebTest would decompress the answer itself
    packed = Request.blank("/kiosk/usivak/feed.json?lang=ar", environ=testapp.extra_environ,
                           headers={"Accept-Encoding": "gzip"}).get_response(testapp.app)
    assert packed.headers["Content-Encoding"] == "gzip"
    assert len(packed.body) < len(plain.body) / 2
    import gzip
    assert gzip.decompress(packed.body) == plain.body
    assert "Accept-Encoding" in packed.headers["Vary"]


def test_a_change_committed_by_a_request_is_visible_at_once(testapp, login_as, dbsession):
    page = usivak_rules(dbsession)
    reader = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    first = reader.get(f"/content/{page.id}")
    assert reader.get(f"/content/{page.id}",
                      headers={"If-None-Match": first.headers["ETag"]}).status_int == 304
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/content/{page.id}/edit").forms["deform"]
    form["title"] = "House rules (new)"
    assert form.submit("save").status_int == 303
    response = reader.get(f"/content/{page.id}", headers={"If-None-Match": first.headers["ETag"]})
    assert response.status_int == 200 and "House rules (new)" in response.text


def test_a_forged_host_gets_400_and_never_reaches_the_cache(app, testapp, dbsession):
    page = usivak_rules(dbsession)
    cache = app.registry["page_cache"]
    before = set(cache.entries)
    forged = testapp.get(f"/content/{page.id}", headers={"Host": "evil.example"}, status=400)
    assert "evil.example" not in forged.text
    testapp.get("/noticeboard/usivak/atom.xml", headers={"Host": "evil.example:80"}, status=400)
    assert set(cache.entries) == before
    # the next reader of an allowed host gets a page that names that host only
    feed = testapp.get("/noticeboard/usivak/atom.xml")
    assert "evil.example" not in feed.text and "http://localhost/" in feed.text


def test_each_allowed_host_has_pages_of_its_own(app, testapp):
    one = testapp.get("/noticeboard/usivak/atom.xml", headers={"Host": "portal.example.org"})
    other = testapp.get("/noticeboard/usivak/atom.xml", headers={"Host": "kiosks.example.org"})
    assert "http://portal.example.org/noticeboard/usivak/" in one.text
    assert "http://kiosks.example.org/noticeboard/usivak/" in other.text
    assert "portal.example.org" not in other.text
    hosts = {key[1] for key in app.registry["page_cache"].entries
             if key[2] == "/noticeboard/usivak/atom.xml"}
    assert {"portal.example.org", "kiosks.example.org"} <= hosts


def test_query_parameters_a_page_does_not_read_share_its_entry(app, testapp, dbsession):
    page = usivak_rules(dbsession)
    cache = app.registry["page_cache"]
    first = testapp.get(f"/content/{page.id}?lang=fr")
    keys = set(cache.entries)
    other = testapp.get(f"/content/{page.id}?lang=fr&utm_source=poster&x=%3Cscript%3E")
    assert set(cache.entries) == keys  # served from the same entry
    assert other.headers["ETag"] == first.headers["ETag"] and other.body == first.body
    # nor does a parameter reach the page while it is rendered (its language links)
    cache.entries.clear()
    rendered = testapp.get(f"/content/{page.id}?lang=fr&utm_source=poster")
    assert "utm_source" not in rendered.text


def test_absolute_urls_come_from_the_public_url(app_settings, dbengine, client_for):
    from portal import main

    wsgi_app = main({}, **{**app_settings, "portal.dbengine": dbengine,
                           "portal.public_url": "https://portal.example.org"})
    client = client_for(wsgi_app)
    feed = client.get("/noticeboard/usivak/atom.xml?lang=bs", headers={"Host": "127.0.0.1"})
    assert "https://portal.example.org/noticeboard/usivak/atom.xml?lang=bs" in feed.text
    assert "127.0.0.1" not in feed.text


def test_production_refuses_to_start_without_allowed_hosts(app_settings, dbengine):
    import pytest
    from pyramid.exceptions import ConfigurationError

    from portal import main

    settings = {**app_settings, "portal.dbengine": dbengine, "portal.demo_data": "false",
                "portal.secret": "a-production-secret-of-more-than-32-characters",
                "portal.allowed_hosts": ""}
    with pytest.raises(ConfigurationError, match="allowed_hosts"):
        main({}, **settings)


def test_the_cache_is_bounded_in_bytes(app_settings, dbengine, client_for, dbsession):
    from portal import main

    wsgi_app = main({}, **{**app_settings, "portal.dbengine": dbengine,
                           "portal.page_cache_bytes": str(60 * 1024)})
    client = client_for(wsgi_app)
    cache = wsgi_app.registry["page_cache"]
    page = usivak_rules(dbsession)
    for lang in ("en", "ar", "fa", "bs", "fr", "ur"):
        client.get(f"/content/{page.id}?lang={lang}")
        client.get(f"/noticeboard/usivak/?lang={lang}")
    assert 0 < cache.entries.currsize <= 60 * 1024
    assert len(cache.entries) < 12  # the least recently read went first
    assert ("http", "localhost", "/noticeboard/usivak/", "", "ur") in cache.entries


def test_a_public_page_that_sets_a_csrf_cookie_is_never_shared(app_settings, dbengine,
                                                               client_for):
    from pyramid.config import Configurator
    from pyramid.csrf import get_csrf_token
    from pyramid.response import Response
    from pyramid.security import NO_PERMISSION_REQUIRED

    from portal.caching import public_page

    def with_form(request):
        return Response(f'<form><input name="csrf_token" value="{get_csrf_token(request)}">'
                        "</form>")

    with Configurator(settings={**app_settings, "portal.dbengine": dbengine}) as config:
        config.include("portal")
        config.add_route("with_form", "/with-form")
        config.add_view(with_form, route_name="with_form", permission=NO_PERMISSION_REQUIRED,
                        decorator=public_page())
    wsgi_app = config.make_wsgi_app()
    first, second = client_for(wsgi_app), client_for(wsgi_app)
    one, other = first.get("/with-form"), second.get("/with-form")
    assert one.text != other.text  # each visitor has a token of their own
    assert "ETag" not in one.headers and "Set-Cookie" in one.headers
    assert len(wsgi_app.registry["page_cache"].entries) == 0


def test_a_reader_who_accepts_no_encoding_gets_plain_text(testapp):
    from webob import Request

    testapp.get("/kiosk/usivak/feed.json?lang=ar")  # stored, large enough to be compressed
    plain = Request.blank("/kiosk/usivak/feed.json?lang=ar", environ=testapp.extra_environ)
    assert "Accept-Encoding" not in plain.headers
    response = plain.get_response(testapp.app)
    assert response.status_int == 200 and "Content-Encoding" not in response.headers
    assert response.json["centre"]["slug"] == "usivak"


def test_a_page_rendered_again_keeps_its_etag_while_it_shows_the_same(app, testapp, dbsession):
    """After a change the page does not show, or an eviction, the new render answers 304 to
    the old tag."""
    first = testapp.get("/noticeboard/usivak/?lang=ar")
    usivak_rules(dbsession).set_text("en", title="House rules (new)")  # same centre, not shown
    dbsession.flush()
    testapp.get("/noticeboard/usivak/?lang=ar", headers={"If-None-Match": first.headers["ETag"]},
                status=304)
    app.registry["page_cache"].clear()
    testapp.get("/noticeboard/usivak/?lang=ar", headers={"If-None-Match": first.headers["ETag"]},
                status=304)


def test_concurrent_misses_wait_for_one_render(app):
    """Readers asking at once for a page not in the cache, each with a query string of their
    own the page does not read, cost one render between them."""
    import threading
    import time

    import webtest

    cache = app.registry["page_cache"]
    cache.clear()
    reader = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    reader.get("/noticeboard/usivak/?lang=fa")  # the cache learns which parameters it reads
    cache.entries.clear()
    pages = app.app.app  # SecurityHeaders(RefuseBadRequests(CachedPagesApp(router)))
    renders, bodies, real = [], [], pages.router

    def slow_router(environ, start_response):
        renders.append(environ["QUERY_STRING"])
        time.sleep(0.5)  # long enough for every reader to arrive during the render
        return real(environ, start_response)

    def read(number):
        response = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"}).get(
            f"/noticeboard/usivak/?lang=fa&fresh={number}")
        bodies.append(response.body)

    pages.router = slow_router
    try:
        readers = [threading.Thread(target=read, args=(n,)) for n in range(8)]
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join(60)
    finally:
        pages.router = real
    assert len(bodies) == 8 and len(set(bodies)) == 1
    assert len(renders) == 1


def test_a_cached_page_ends_when_what_it_shows_ends(testapp, dbsession, monkeypatch):
    """A notice's page is kept until the notice ends (valid_for), then says it has ended."""
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                    valid_until=utcnow() + timedelta(minutes=5))
    notice.set_text("en", title="Short notice")
    dbsession.add(notice)
    dbsession.flush()
    url = f"/noticeboard/usivak/{notice.id}"
    assert testapp.get(url).status_int == 200
    assert testapp.get(url).status_int == 200  # now from the page cache
    later = time.time() + 6 * 60
    monkeypatch.setattr(portal.caching, "time",
                        SimpleNamespace(time=lambda: later, monotonic=time.monotonic))
    monkeypatch.setattr(plugins.noticeboard.views, "utcnow",
                        lambda: utcnow() + timedelta(minutes=6))
    testapp.get(url, status=410)
