"""Staff lists a page at a time: the administration lists, the audit log, the pager's links."""
import pytest
from sqlalchemy import select

from portal.models import AuditEntry, Organisation, User


def walk(testapp, url, rel="next"):
    pages = []
    while url:
        page = testapp.get(url)
        assert page.status_int == 200
        pages.append(page)
        link = page.html.select_one(f'a[rel="{rel}"]')
        url = link["href"] if link else None
    return pages


def organisation_names(page):
    return [a.get_text() for a in page.html.select(".list-group-item a")]


@pytest.fixture
def many_organisations(dbsession):
    names = [f"Organisation {number:03d}" for number in range(60)]
    dbsession.add_all(Organisation(slug=f"org-{n}", name=name, kind="ngo")
                      for n, name in enumerate(names))
    dbsession.flush()
    return names


def test_the_organisations_list_walks_every_row_once_in_order(testapp, login_as, dbsession,
                                                             many_organisations):
    login_as(testapp, "admin")
    pages = walk(testapp, "/admin/organisations")
    shown = [name for page in pages for name in organisation_names(page)]
    everything = sorted(dbsession.scalars(select(Organisation.name)))
    assert shown == everything and len(pages) == 3
    assert [organisation_names(p) for p in walk(testapp, pages[-1].request.url, rel="prev")] == \
        [organisation_names(p) for p in reversed(pages)]


@pytest.mark.parametrize("asked,expected", [("abc", 1), ("-3", 1), ("0", 1), ("2", 2),
                                            ("999999", 3), ("9" * 40, 3)])
def test_any_page_number_answers_with_a_page(testapp, login_as, many_organisations, asked,
                                            expected):
    login_as(testapp, "admin")
    pages = walk(testapp, "/admin/organisations")
    page = testapp.get("/admin/organisations", {"page": asked})
    assert page.status_int == 200
    assert organisation_names(page) == organisation_names(pages[expected - 1])


def test_the_users_and_centres_lists_are_paged(testapp, login_as, dbsession, make_user):
    for number in range(30):
        dbsession.add(User(username=f"user-{number:02d}", full_name=f"User {number}",
                           password_hash="x"))
    dbsession.flush()
    login_as(testapp, "admin")
    pages = walk(testapp, "/admin/users")
    shown = [a.get_text() for page in pages for a in page.html.select("tbody tr td:first-child a")]
    assert len(pages) == 2 and shown == sorted(dbsession.scalars(select(User.username)))
    centres = testapp.get("/admin/centres", {"page": "x"})
    assert centres.status_int == 200 and "TRC Ušivak" in centres.text


def test_audit_log_pages_keep_their_filters_and_end_on_the_last_page(testapp, login_as,
                                                                       dbsession):
    for number in range(120):
        dbsession.add(AuditEntry(action="update", object_type="rooms" if number % 2 else "users",
                                 object_id=str(number), object_label=f"Room {number}",
                                 username="admin"))
    dbsession.flush()
    login_as(testapp, "admin")
    pages = walk(testapp, "/admin/audit?kind=rooms&user=admin")
    assert all("kind=rooms" in page.request.url for page in pages)
    kinds = {tr["data-kind"] for page in pages for tr in page.html.select("tbody tr")}
    assert kinds == {"rooms"}
    labels = [a.get_text() for page in pages for a in page.html.select("tbody bdi")
              if a.get_text().startswith("Room ")]
    assert len(labels) == len(set(labels)) >= 60
    last = testapp.get("/admin/audit", {"kind": "rooms", "user": "admin", "page": "999999"})
    assert last.status_int == 200
    assert [tr.get_text() for tr in last.html.select("tbody tr")] == \
        [tr.get_text() for tr in pages[-1].html.select("tbody tr")]


@pytest.mark.parametrize("lang,previous,following,direction", [
    ("en", "← Previous page", "Next page →", "ltr"),
    ("ar", "→ الصفحة السابقة", "الصفحة التالية ←", "rtl"),
])
def test_the_pager_speaks_the_readers_language_and_points_its_way(
        testapp, login_as, many_organisations, lang, previous, following, direction):
    login_as(testapp, "admin")
    page = testapp.get("/admin/organisations", {"page": "2", "lang": lang}).html
    assert page.select_one("html")["dir"] == direction
    nav = page.select_one("nav.portal-pager")
    text = lambda node: " ".join(node.get_text().split())  # noqa: E731
    assert text(nav.select_one('a[rel="prev"]')) == previous
    assert text(nav.select_one('a[rel="next"]')) == following
    assert nav.select_one('[aria-current="page"]') is not None
    assert nav["aria-label"] != "Pages of the list of organisations" or lang == "en"
