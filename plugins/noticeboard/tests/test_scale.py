"""The board, its feeds and the kiosk feed cost what they show, not what the centre has."""
from datetime import timedelta

import pytest
from sqlalchemy import event

from plugins.noticeboard.kiosk import KIOSK_LIMIT
from plugins.noticeboard.models import Notice
from plugins.noticeboard.views import BOARD_SIZE, FEED_SIZE
from portal.api import utcnow

PAGES = {
    "/noticeboard/usivak/?lang=ar": lambda r: r.text.count("<article"),
    "/noticeboard/usivak/atom.xml?lang=ar": lambda r: r.text.count("<entry"),
    "/noticeboard/usivak/feed.json?lang=ar": lambda r: len(r.json["items"]),
    "/kiosk/usivak/feed.json?lang=ar": lambda r: sum(p["html"].count("<article")
                                                     for p in r.json["panels"]
                                                     if p["name"] == "noticeboard.notices"),
}


def add_notices(dbsession, centre, count):
    now = utcnow()
    for number in range(count):
        notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                        category="food", valid_until=now + timedelta(days=3), position=number)
        for lang in ("en", "ar"):
            notice.set_text(lang, title=f"Notice {number} {lang}", summary="Soup",
                            body=f"**Notice {number}**")
        dbsession.add(notice)
    dbsession.flush()


def cost(app, testapp, url, count_shown):
    """(SQL statements, notices shown) of one uncached request."""
    statements = []

    def count(*args):
        statements.append(args[2])

    app.registry["page_cache"].clear()
    engine = app.registry["dbengine"]
    event.listen(engine, "before_cursor_execute", count)
    try:
        response = testapp.get(url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements), count_shown(response)


@pytest.mark.parametrize("url", PAGES)
def test_cost_follows_the_page_size_not_the_number_of_notices(app, testapp, dbsession, centre,
                                                              url):
    limit = {"/kiosk/usivak/feed.json?lang=ar": KIOSK_LIMIT,
             "/noticeboard/usivak/feed.json?lang=ar": FEED_SIZE,
             "/noticeboard/usivak/atom.xml?lang=ar": FEED_SIZE}.get(url, BOARD_SIZE)
    add_notices(dbsession, centre, limit + 10)
    few = cost(app, testapp, url, PAGES[url])
    add_notices(dbsession, centre, 400)
    many = cost(app, testapp, url, PAGES[url])
    assert few[1] == many[1] == limit  # a full page either way
    assert many[0] == few[0]  # as many queries for 470 notices as for 70


def test_the_board_pages_through_every_notice_once(testapp, dbsession, centre):
    add_notices(dbsession, centre, 2 * BOARD_SIZE + 5)
    seen, url = [], "/noticeboard/usivak/?lang=en"
    while url:
        page = testapp.get(url)
        seen += [a["data-notice"] for a in page.html.select("article[data-notice]")]
        following = page.html.select_one('a[rel="next"]')
        url = following["href"] if following else None
    assert len(seen) == len(set(seen)) >= 2 * BOARD_SIZE + 5
    assert testapp.get("/noticeboard/usivak/?page=2").html.select_one('a[rel="prev"]')


@pytest.mark.parametrize("raw, target", [("abc", "/noticeboard/usivak/"),
                                         ("1", "/noticeboard/usivak/"),
                                         ("02", "/noticeboard/usivak/"),
                                         ("999999", "/noticeboard/usivak/")])
def test_a_page_number_written_otherwise_goes_to_its_own_address(testapp, raw, target):
    response = testapp.get(f"/noticeboard/usivak/?page={raw}", status=302)
    assert response.location.endswith(target)
