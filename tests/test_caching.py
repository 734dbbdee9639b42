"""The anonymous page cache: ETag revalidation, and no stale page after any change."""
from sqlalchemy import select

from portal.models import Centre, Page


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
    assert (f"/content/{page.id}?lang=bs", "bs") in cache.entries


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
