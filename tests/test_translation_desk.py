"""The translation desk a page at a time: what needs work, filtered in the database, checked per
row on the page only, at a cost that does not grow with the number of rows."""
import difflib

import pytest
from sqlalchemy import event, select

from portal.models import Centre, Page
from plugins.noticeboard.models import Notice, NoticeImage


def desk_links(page):
    return [a["href"] for a in page.html.select("tbody a")]


def walk(testapp, url, rel="next"):
    pages = []
    while url:
        page = testapp.get(url)
        pages.append((url, desk_links(page)))
        link = page.html.select_one(f'a[rel="{rel}"]')
        url = link["href"] if link else None
    return pages


def links_of(pages):
    return [href for _url, hrefs in pages for href in hrefs]


def notice_with_picture(dbsession, centre, state, title):
    notice = Notice(centre=centre, state=state, source_language="en", revision=1)
    notice.set_text("en", title=title)
    notice.image = NoticeImage(data=b"\x89PNG", mime="image/png", width=1, height=1,
                               source_language="en", revision=1)
    notice.image.set_text("en", alt=f"Picture of {title}")
    dbsession.add(notice)
    dbsession.flush()
    return notice


@pytest.fixture
def busy_desk(dbsession):
    """Pages and pictures needing translation; withdrawn content and its pictures leave the
    queue (a long run of them, longer than what the pager fetches at once)."""
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    hidden = set()
    for number in range(120):
        withdrawn = 20 <= number < 90 or number % 4 == 0
        if number % 5 == 0:
            page = Page(centre=centre, state="withdrawn" if withdrawn else "draft",
                        source_language="en")
            page.set_text("en", title=f"Page {number}")
            dbsession.add(page)
            dbsession.flush()
            if withdrawn:
                hidden.add(f"/translations/content/{page.id}")
        else:
            notice = notice_with_picture(dbsession, centre,
                                         "withdrawn" if withdrawn else "published",
                                         f"Notice {number}")
            if withdrawn:
                hidden |= {f"/translations/content/{notice.id}",
                           f"/translations/noticeboard.picture/{notice.id}"}
    return hidden


def test_the_desk_lists_what_the_translator_may_translate_once(testapp, login_as, busy_desk):
    login_as(testapp, "admin")
    everything = links_of(walk(testapp, "/translations"))
    assert len(everything) == len(set(everything)) and not busy_desk & set(everything)
    login_as(testapp, "translator")
    pages = walk(testapp, "/translations")
    assert len(pages) > 2 and all(len(hrefs) == 25 for _url, hrefs in pages[:-1])
    assert links_of(pages) == everything
    back = walk(testapp, pages[-1][0], rel="prev")
    assert [hrefs for _url, hrefs in back] == [hrefs for _url, hrefs in reversed(pages)]


@pytest.mark.parametrize("asked", ["abc", "-3", "999999"])
def test_any_page_asked_for_answers(testapp, login_as, busy_desk, asked):
    login_as(testapp, "translator")
    page = testapp.get("/translations", {"page": asked})
    assert page.status_int == 200 and len(desk_links(page)) == 25


def count_queries(app, fetch):
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


def test_a_page_of_the_desk_costs_the_same_queries_with_30_or_300_notices(app, testapp,
                                                                          login_as, dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()

    def add(count):
        for number in range(count):
            notice = Notice(centre=centre, state="published", source_language="en", revision=1)
            notice.set_text("en", title=f"Notice {number}")
            dbsession.add(notice)
        notice_with_picture(dbsession, centre, "published", "The newest")  # both kinds on page 1

    def fetch():
        for url in ("/translations", "/translations?page=2"):
            assert len(desk_links(testapp.get(url))) == 25

    login_as(testapp, "translator")
    add(30)
    fetch()  # warm up
    few = count_queries(app, fetch)
    add(270)
    many = count_queries(app, fetch)
    assert len(few) == len(many), "\n".join(difflib.unified_diff(
        [q[:100] for q in few], [q[:100] for q in many], lineterm=""))
