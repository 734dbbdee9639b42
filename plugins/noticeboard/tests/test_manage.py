"""The staff list of notices shows each viewer only the notices they may open, a page at a time."""
import difflib

import pytest
from sqlalchemy import func, or_, select

from portal.api import User, grant_local_role
from plugins.noticeboard.models import Notice
from portal.testing import statements_run


def listed(testapp):
    page = testapp.get("/noticeboard/usivak/manage")
    return {row.select_one("td a").text: row["data-notice"]
            for row in page.html.select("tr[data-notice]")}


def test_a_representative_sees_only_notices_they_may_open(testapp, login_as, make_notice,
                                                          make_user, dbsession):
    other = make_user("rep-two", "community_rep", "usivak")
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    make_notice("Draft of another representative", state="draft", owner=other)
    make_notice("Proposal of another representative", state="submitted", owner=other)
    make_notice("My own draft", state="draft", owner=rep)
    make_notice("Published for everyone")
    login_as(testapp, "rep-usivak")
    rows = listed(testapp)
    assert "My own draft" in rows and "Published for everyone" in rows
    assert "Draft of another representative" not in rows
    assert "Proposal of another representative" not in rows
    for notice_id in rows.values():  # everything listed opens
        assert testapp.get(f"/content/{notice_id}").status_int == 200
    login_as(testapp, "manager-usivak")
    assert {"Draft of another representative", "Proposal of another representative",
            "My own draft"} <= set(listed(testapp))


# -- a page at a time ---------------------------------------------------------------------------

def notice_ids(page):
    return [int(row["data-notice"]) for row in page.html.select("tr[data-notice]")]


def walk(testapp, url, rel="next"):
    """Every page from ``url`` on, following the ``rel`` links: ``[(url, ids), ...]``."""
    pages = []
    while url:
        page = testapp.get(url)
        assert page.status_int == 200
        pages.append((url, notice_ids(page)))
        link = page.html.select_one(f'a[rel="{rel}"]')
        url = link["href"] if link else None
    return pages


def ids_of(pages):
    return [notice_id for _url, ids in pages for notice_id in ids]


@pytest.fixture
def crowded_board(make_notice, make_user, dbsession):
    """Ušivak with 140 more notices: published ones, the representative's own drafts and a long
    run of another representative's drafts, one of which the representative may open through a
    local role (so the database cannot leave the others out: the page check must)."""
    other = make_user("rep-two", "community_rep", "usivak")
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    hidden, shared = [], None
    for number in range(140):
        if 10 <= number < 80 or (number >= 80 and number % 2):
            notice = make_notice(f"Draft {number} of another", state="draft", owner=other,
                                 position=500 + number, category="health")
            hidden.append(notice.id)
        elif number % 3 == 0:
            notice = make_notice(f"Notice {number}", position=500 + number, category="food")
        else:
            notice = make_notice(f"My draft {number}", state="draft", owner=rep,
                                 position=500 + number, category="health")
        if number == 40:
            grant_local_role(dbsession, notice, rep, "centre_manager")
            shared = hidden.pop()
    dbsession.flush()
    return {"hidden": set(hidden), "shared": shared}


def test_pages_list_every_notice_the_viewer_may_open_exactly_once(testapp, login_as,
                                                                  crowded_board, dbsession):
    login_as(testapp, "manager-usivak")
    everything = ids_of(walk(testapp, "/noticeboard/usivak/manage"))
    in_board = dbsession.scalar(select(func.count()).select_from(Notice).where(
        or_(Notice.centre.has(slug="usivak"), Notice.centre_id.is_(None))))
    assert len(everything) == len(set(everything)) == in_board
    login_as(testapp, "rep-usivak")
    pages = walk(testapp, "/noticeboard/usivak/manage")
    assert len(pages) >= 3 and all(len(ids) == 25 for _url, ids in pages[:-1])
    # the same order as the manager's list, without what the representative may not open
    assert ids_of(pages) == [i for i in everything if i not in crowded_board["hidden"]]
    assert crowded_board["shared"] in ids_of(pages)
    # back from the last page, page by page: the same pages
    back = walk(testapp, pages[-1][0], rel="prev")
    assert [ids for _url, ids in back] == [ids for _url, ids in reversed(pages)]


def test_filters_stay_on_every_page(testapp, login_as, crowded_board, dbsession):
    login_as(testapp, "rep-usivak")
    pages = walk(testapp, "/noticeboard/usivak/manage?category=health&state=draft")
    assert len(pages) > 1 and all("category=health" in url and "state=draft" in url
                                  for url, _ids in pages)
    shown = ids_of(pages)
    notices = [dbsession.get(Notice, notice_id) for notice_id in shown]
    assert {(n.category, n.state) for n in notices} == {("health", "draft")}
    assert len(shown) == len(set(shown)) and not set(shown) & crowded_board["hidden"]
    everything = set(dbsession.scalars(select(Notice.id).where(
        Notice.category == "health", Notice.state == "draft")))
    assert set(shown) == everything - crowded_board["hidden"]


def test_missing_and_outdated_filters_page_in_the_database(testapp, login_as, make_notice,
                                                           dbsession):
    for number in range(30):
        texts = {"ar": "إعلان", "fr": "Avis"} if number % 2 else {"fr": "Avis"}
        notice = make_notice(f"Translated {number}", texts=texts)
        if number % 3 == 0:
            notice.set_text("en", title=f"Translated {number}, changed")  # ar and fr outdated
    dbsession.flush()
    login_as(testapp, "manager-usivak")
    missing = ids_of(walk(testapp, "/noticeboard/usivak/manage?missing=ar"))
    assert len(missing) >= 15
    assert all("ar" not in dbsession.get(Notice, i).texts for i in missing)
    outdated = ids_of(walk(testapp, "/noticeboard/usivak/manage?outdated=1"))
    assert outdated and all(any(notice.is_outdated(code) for code in notice.texts)
                            for notice in map(dbsession.get, [Notice] * len(outdated), outdated))
    assert {n.id for n in dbsession.scalars(select(Notice)) if n.texts["en"].title.endswith(
        "changed")} <= set(outdated)


@pytest.mark.parametrize("asked", ["abc", "-3", "0", "1.5", "9" * 5000])
def test_a_page_that_is_not_a_number_is_the_first(testapp, login_as, crowded_board, asked):
    login_as(testapp, "rep-usivak")
    first = notice_ids(testapp.get("/noticeboard/usivak/manage"))
    assert notice_ids(testapp.get("/noticeboard/usivak/manage", {"page": asked})) == first


@pytest.mark.parametrize("params", [{"page": "999999"}, {"page": "2", "start": "99999999999"},
                                    {"page": "3", "end": "-5", "start": "x"},
                                    {"page": "4", "end": str(10 ** 30)}])
def test_a_page_past_the_end_is_the_last(testapp, login_as, crowded_board, params):
    login_as(testapp, "rep-usivak")
    everything = ids_of(walk(testapp, "/noticeboard/usivak/manage"))
    page = testapp.get("/noticeboard/usivak/manage", params)
    assert page.status_int == 200
    shown = notice_ids(page)
    assert len(shown) == 25
    if "end" not in params:  # the last notices, in order
        assert shown == everything[-25:] and page.html.select_one('a[rel="next"]') is None
        assert page.html.select_one('a[rel="prev"]') is not None


def test_a_page_costs_the_same_queries_with_30_or_300_notices(app, testapp, login_as,
                                                              make_notice, dbsession):
    def add(count):
        for number in range(count):
            make_notice(f"Notice {number}", texts={"fr": "Avis"},
                        priority="urgent" if number % 7 == 0 else "normal")

    urls = ["/noticeboard/usivak/manage", "/noticeboard/usivak/manage?page=2",
            "/noticeboard/usivak/manage?outdated=&missing=ar&category="]
    login_as(testapp, "manager-usivak")
    for url in urls:
        testapp.get(url)  # warm up

    def fetch():
        for url in urls:
            assert notice_ids(testapp.get(url))

    add(30)
    few = statements_run(app, fetch)
    add(270)
    many = statements_run(app, fetch)
    assert len(few) == len(many), "\n".join(difflib.unified_diff(
        [q[:100] for q in few], [q[:100] for q in many], lineterm=""))
    # nor with the rows on the page: two notices cost what 25 do
    make_notice("Rare", category="child_protection", texts={"fr": "Rare"})
    testapp.get(urls[0])  # the list of centres is read again once after a change, then kept
    full = statements_run(app, lambda: testapp.get(urls[0]))
    two = statements_run(app, lambda: testapp.get(urls[0] + "?category=child_protection"))
    assert len(notice_ids(testapp.get(urls[0] + "?category=child_protection"))) == 2
    assert len(full) == len(two)


@pytest.mark.parametrize("username", ["manager-usivak", "rep-usivak", "partner-unhcr",
                                      "protection-usivak"])
def test_the_list_holds_exactly_the_notices_the_viewer_may_open(testapp, login_as, make_notice,
                                                                make_user, dbsession, centre,
                                                                username):
    """What the database leaves out before the page check never includes a notice that opens."""
    people = [make_user("rep-two", "community_rep", "usivak"),
              dbsession.scalars(select(User).where(User.username == username)).one()]
    for number in range(24):
        make_notice(f"Case {number}", owner=people[number % 2],
                    state=("draft", "submitted", "published", "withdrawn")[number % 4],
                    centre=None if number % 5 == 0 else centre)  # some for every centre
    login_as(testapp, username)
    listed = set(ids_of(walk(testapp, "/noticeboard/usivak/manage")))
    board = dbsession.scalars(select(Notice.id).where(
        or_(Notice.centre.has(slug="usivak"), Notice.centre_id.is_(None))))
    for notice_id in board:
        opens = testapp.get(f"/content/{notice_id}", expect_errors=True).status_int == 200
        assert opens == (notice_id in listed), notice_id
