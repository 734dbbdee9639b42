"""The translation desk a page at a time: what needs work, filtered in the database, checked per
row on the page only, at a cost that does not grow with the number of rows."""
import difflib

import pytest
from sqlalchemy import delete, select

from portal.models import Centre, Content, Page
from plugins.noticeboard.models import Notice, NoticeImage
from portal.testing import statements_run


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


def test_a_page_of_the_desk_costs_the_same_queries_with_55_or_300_notices(app, testapp,
                                                                          login_as, dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    # only these notices in the queue: the demo activities' texts (another kind, loaded in
    # queries of its own when a page shows some) would sit on page 2 with 30 notices only
    from plugins.activities.models import Activity
    dbsession.execute(delete(Activity))

    def add(count):
        for number in range(count):
            notice = Notice(centre=centre, state="published", source_language="en", revision=1)
            notice.set_text("en", title=f"Notice {number}")
            dbsession.add(notice)
        notice_with_picture(dbsession, centre, "published", "The newest")  # both kinds on page 1

    def fetch():
        for url in ("/translations", "/translations?page=2",
                    "/translations?language=fr&centre=usivak&status=missing"):
            assert len(desk_links(testapp.get(url))) == 25

    # only the kinds measured here are in the queue: other plugins' kinds (an election's
    # texts...) would sit on page 2 with 30 notices and not with 300
    for name, info in app.registry.portal.translatables.items():
        if name != "noticeboard.picture" and not issubclass(info.model, Content):
            dbsession.execute(delete(info.model))
    login_as(testapp, "translator")
    add(55)  # the two pages fetched hold new notices only, not the demo data of other plugins
    fetch()  # warm up
    few = statements_run(app, fetch)
    add(245)
    many = statements_run(app, fetch)
    assert len(few) == len(many), "\n".join(difflib.unified_diff(
        [q[:100] for q in few], [q[:100] for q in many], lineterm=""))


# -- the queue: order, filters, what leaves it --------------------------------------------------

def content_links(page):
    return [a["href"] for a in page.html.select("tbody a") if "/translations/content/" in a["href"]]


@pytest.fixture
def queue(dbsession):
    """A draft page, a published page, a published urgent notice, a rejected notice and a page of
    every centre, all with their French missing; the newest written last."""
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    made = {}
    for name, factory, state, centre, extra in [
            ("urgent", Notice, "published", usivak, {"priority": "urgent"}),
            ("published", Page, "published", usivak, {}),
            ("rejected", Notice, "rejected", usivak, {}),
            ("every", Page, "published", None, {}),
            ("draft", Page, "draft", usivak, {})]:
        obj = factory(centre=centre, state=state, source_language="en", **extra)
        obj.set_text("en", title=f"Queue item {name}")
        dbsession.add(obj)
        dbsession.flush()
        made[name] = f"/translations/content/{obj.id}"
    return made


def test_the_queue_puts_what_residents_see_first_and_leaves_out_rejected(testapp, login_as,
                                                                        queue):
    login_as(testapp, "translator")
    links = links_of(walk(testapp, "/translations?language=fr"))
    ours = [link.rsplit("/", 1)[0] for link in links
            if link.rsplit("/", 1)[0] in queue.values()]
    assert queue["rejected"] not in ours
    # urgent first; then published, newest first; drafts after everything published
    assert ours.index(queue["urgent"]) == 0
    assert ours.index(queue["every"]) < ours.index(queue["published"]) < ours.index(queue["draft"])
    assert all(link.endswith("/fr") for link in links)  # a language chosen: its form directly
    first = testapp.get("/translations?language=fr")
    assert first.html.select_one("tbody tr .badge.text-bg-danger") is not None  # "Urgent"


def test_the_queue_filters_by_centre_plugin_and_status(testapp, login_as, queue, dbsession):
    login_as(testapp, "translator")
    every = links_of(walk(testapp, "/translations?centre=every"))
    assert queue["every"] in every and queue["published"] not in every
    usivak = links_of(walk(testapp, "/translations?centre=usivak"))
    assert queue["published"] in usivak and queue["every"] not in usivak
    notices = links_of(walk(testapp, "/translations?plugin=noticeboard"))
    assert queue["urgent"] in notices and queue["published"] not in notices
    core = links_of(walk(testapp, "/translations?plugin=portal"))
    assert queue["published"] in core and queue["urgent"] not in core
    outdated = links_of(walk(testapp, "/translations?status=outdated&language=fr"))
    assert not set(queue.values()) & {link.rsplit("/", 1)[0] for link in outdated}
    missing = links_of(walk(testapp, "/translations?status=missing&language=fr"))
    assert queue["draft"] + "/fr" in missing
    # a translation written leaves the queue of that language
    page = dbsession.get(Page, int(queue["draft"].rsplit("/", 1)[1]))
    page.set_text("fr", title="Brouillon")
    dbsession.flush()
    assert queue["draft"] + "/fr" not in links_of(walk(testapp, "/translations?language=fr"))
    # unknown filter values are no filter
    assert testapp.get("/translations?language=xx&centre=nowhere&plugin=nope&status=x").status_int == 200


def test_the_outdated_translation_shows_what_changed_in_the_source(testapp, login_as, dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state="published", source_language="ar")
    dbsession.add(page)
    for language, title, body in [("ar", "الماء في المطبخ", "احضر زجاجتك"),
                                  ("fr", "L'eau à la cuisine", "Apportez votre bouteille"),
                                  ("ar", "الماء في المطعم", "احضر زجاجتك")]:
        page.set_text(language, title=title, body=body)
        dbsession.flush()  # each write its own request
    login_as(testapp, "translator")
    form = testapp.get(f"/translations/content/{page.id}/fr")
    diff = form.html.select_one(".portal-diff")
    assert diff["dir"] == "rtl" and diff["lang"] == "ar"
    title = diff.select_one('[data-diff="title"]')
    assert [d.get_text() for d in title.select("del")] == ["Removed: المطبخ"]
    assert [i.get_text() for i in title.select("ins")] == ["Added: المطعم"]
    assert diff.select_one('[data-diff="body"]') is None  # unchanged fields are not shown
    assert form.forms["deform"]["title"].value == "L'eau à la cuisine"


def test_a_minor_edit_rewrites_its_revision_and_a_new_one_is_kept_beside(dbsession):
    from portal.models.revisions import SourceRevision

    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state="draft", source_language="en")
    page.set_text("en", title="One")
    dbsession.add(page)
    dbsession.flush()
    page.set_text("en", title="One, typo fixed", minor=True)
    dbsession.flush()
    page.set_text("en", title="Two")
    page.set_text("fr", title="Deux")  # translations are not source revisions
    dbsession.flush()
    rows = dbsession.scalars(select(SourceRevision).where(
        SourceRevision.kind == "content_texts", SourceRevision.object_id == page.id)
        .order_by(SourceRevision.revision)).all()
    assert [(r.revision, r.texts["title"]) for r in rows] == [(1, "One, typo fixed"), (2, "Two")]


def test_word_diff_escapes_and_marks_each_change():
    from portal.textdiff import word_diff

    html = word_diff("a <b> c", "a <i> c d")
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count("<del>") == 1 and html.count("<ins>") == 2
    assert word_diff("same words", "same words") == "same words"
