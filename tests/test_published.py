"""An anonymous reader's content page: the item read as a ``PublishedItem``, kept by the change
counters, without a query while nothing changed (``portal/published.py``)."""
import pytest
from sqlalchemy import select

import portal.resources
from plugins.noticeboard.models import Notice
from portal.models import Centre, Content, Page
from portal.models.centre import CentrePluginSetting
from portal.testing import statements_run


def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def new_page(dbsession, state="published"):
    page = Page(centre=usivak(dbsession), state=state, source_language="en")
    page.set_text("en", title="Water", summary="Drinking water", body="Drink **water**.")
    page.set_text("ar", title="ماء", summary="", body="اشرب **الماء**.")
    dbsession.add(page)
    dbsession.flush()
    return page


def test_the_page_is_the_one_the_row_gives_for_every_type_and_language(
        app, testapp, dbsession, monkeypatch):
    """Pages, notices and meeting records of the demo data, in four languages and scripts:
    the same status and bytes as the page rendered from the ORM row."""
    ids = []
    for model in (Page, Notice):
        ids += dbsession.scalars(select(model.id).where(model.state == "published")
                                 .order_by(model.id).limit(3)).all()
    ids += dbsession.scalars(select(Content.id).where(Content.type == "meeting")
                             .order_by(Content.id).limit(3)).all()
    ids.append(new_page(dbsession, state="draft").id)  # not shown to readers either way
    assert len(ids) >= 8
    urls = [f"/content/{i}?lang={lang}" for i in ids for lang in ("ar", "fa", "ur", "en")]
    cache = app.registry["page_cache"]

    def pages():
        cache.clear()
        return {url: (r.status_int, r.body) for url in urls
                for r in [testapp.get(url, expect_errors=True)]}

    published = pages()
    monkeypatch.setattr(portal.resources, "reads_published", lambda request: False)
    assert pages() == published
    assert {status for status, _body in published.values()} >= {200}


def test_no_query_while_nothing_changed_and_an_edit_shows_at_once(app, testapp, dbsession):
    page = new_page(dbsession)
    url = f"/content/{page.id}?lang=ar"
    assert "ماء" in testapp.get(url).text
    app.registry["page_cache"].clear()  # rendered again, from the kept item
    seen = statements_run(app, lambda: testapp.get(url))
    assert seen and not [s for s in seen if "FROM content" in s]  # only the change counters
    assert "ماء" in testapp.get(url).text
    page.set_text("ar", title="ماء الشرب", body="")
    dbsession.flush()
    app.registry["page_cache"].clear()
    assert "ماء الشرب" in testapp.get(url).text


def test_a_withdrawn_item_and_a_draft_stay_hidden_from_readers(testapp, dbsession):
    page = new_page(dbsession)
    url = f"/content/{page.id}?lang=en"
    assert testapp.get(url).status_int == 200
    page.state = "withdrawn"
    dbsession.flush()
    refused = testapp.get(url, expect_errors=True)
    assert refused.status_int in (302, 303, 403) and "Drink" not in refused.text
    draft = new_page(dbsession, state="draft")
    refused = testapp.get(f"/content/{draft.id}?lang=en", expect_errors=True)
    assert refused.status_int in (302, 303, 403) and "Drink" not in refused.text


def test_an_item_of_a_plugin_the_centre_turned_off_is_not_found(testapp, dbsession):
    notice = dbsession.scalars(select(Notice).where(Notice.state == "published",
                                                    Notice.centre_id == usivak(dbsession).id)
                               ).first()
    url = f"/content/{notice.id}?lang=en"
    assert testapp.get(url).status_int == 200
    dbsession.add(CentrePluginSetting(centre_id=notice.centre_id, plugin="noticeboard"))
    dbsession.flush()
    assert testapp.get(url, expect_errors=True).status_int == 404


@pytest.mark.parametrize("bad", ["0", "999999", "-1", "1e3", "%D9%A1", "1%20OR%201=1"])
def test_an_address_of_no_item_is_not_found(testapp, bad):
    assert testapp.get(f"/content/{bad}", expect_errors=True).status_int == 404


def test_staff_get_the_row_with_their_actions(testapp, login_as, dbsession):
    page = new_page(dbsession)
    login_as(testapp, "manager-usivak")
    html = testapp.get(f"/content/{page.id}?lang=en").text
    assert f'href="/content/{page.id}/edit"' in html  # the ORM row: the manager's own page


def test_an_item_of_a_deactivated_centre_is_not_found(testapp, dbsession):
    page = new_page(dbsession)
    url = f"/content/{page.id}?lang=en"
    assert testapp.get(url).status_int == 200  # kept from here on
    usivak(dbsession).active = False
    dbsession.flush()
    assert testapp.get(url, expect_errors=True).status_int == 404
