"""A deactivated centre is gone: its content, notices, pictures, feeds and kiosk answer 404."""
import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlalchemy import select

from plugins.noticeboard.models import Notice, NoticeImage
from portal.models import Centre, Page
from portal.models.meta import utcnow

ROUTES = [  # (method, url template) for every kind of route that shows a centre's content
    ("GET", "/content/{page}"),
    ("GET", "/content/{page}/edit"),
    ("GET", "/content/{page}/translations"),
    ("GET", "/content/{page}/translate/ar"),
    ("POST", "/content/{page}/transition/withdraw"),
    ("GET", "/content/{notice}"),
    ("GET", "/content/{notice}/edit"),
    ("POST", "/content/{notice}/transition/withdraw"),
    ("GET", "/noticeboard/usivak/{notice}"),
    ("GET", "/noticeboard/usivak/{notice}/poster"),
    ("GET", "/noticeboard/usivak/{notice}/image"),
    ("GET", "/noticeboard/usivak/{notice}/image/edit"),
    ("GET", "/noticeboard/usivak/"),
    ("GET", "/noticeboard/usivak/atom.xml"),
    ("GET", "/noticeboard/usivak/feed.json"),
    ("GET", "/noticeboard/usivak/manage"),
    ("GET", "/kiosk/usivak"),
    ("GET", "/kiosk/usivak/feed.json?lang=ar"),
    ("GET", "/centres/usivak"),
]


@pytest.fixture
def closed_centre(dbsession):
    """Ušivak with a published page and a published notice with a picture, then deactivated."""
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state="published", source_language="en", revision=1)
    page.set_text("en", title="House rules of a closed centre")
    notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                    valid_until=utcnow() + timedelta(days=3))
    notice.set_text("en", title="Bus from a closed centre")
    dbsession.add_all([page, notice])
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "PNG")
    notice.image = NoticeImage(data=out.getvalue(), mime="image/png", width=40, height=30,
                                   source_language="en")
    dbsession.flush()
    ids = {"page": page.id, "notice": notice.id}
    centre.active = False
    dbsession.flush()
    return ids


@pytest.mark.parametrize("account", [None, "admin"])
def test_content_of_a_deactivated_centre_answers_404_everywhere(testapp, login_as, closed_centre,
                                                                 account):
    if account:
        login_as(testapp, account)
    token = testapp.get("/login").forms["deform"]["csrf_token"].value
    wrong = []
    for method, template in ROUTES:
        url = template.format(**closed_centre)
        if method == "POST":
            response = testapp.post(url, {"csrf_token": token}, expect_errors=True)
        else:
            response = testapp.get(url, expect_errors=True)
        if response.status_int != 404:
            wrong.append(f"{method} {url}: {response.status_int}")
    assert wrong == []


def test_lists_leave_out_a_deactivated_centres_content(testapp, login_as, dbsession,
                                                       closed_centre):
    page = dbsession.get(Page, closed_centre["page"])
    page.set_text("en", title="House rules of a closed centre, revised")  # outdated: queued
    page.set_text("ar", title="قواعد")
    page.set_text("en", title="House rules of a closed centre, revised again")
    dbsession.flush()
    assert "House rules of a closed centre" not in testapp.get("/").text
    login_as(testapp, "translator")
    assert "House rules of a closed centre" not in testapp.get("/translations").text
    assert "House rules of a closed centre" not in testapp.get("/").text


def test_a_centre_deactivated_after_its_page_was_found_answers_404_when_read(
        dummy_request, dbsession):
    """A centre page finds its centre in the kept list of centres and loads the row only when
    it reads it: a centre deactivated in between is gone there too."""
    from pyramid.httpexceptions import HTTPNotFound

    from portal.directory import centre_by_slug
    from portal.resources import CentreContext

    entry = centre_by_slug(dummy_request, "usivak")
    context = CentreContext(dummy_request, entry=entry)
    assert context.entry.name == entry.name and context.centre_id == entry.id
    dbsession.get(Centre, entry.id).active = False
    dbsession.flush()
    with pytest.raises(HTTPNotFound):
        context.centre
    dummy_request.environ.clear()  # the next request reads the list again: usivak is gone
    assert centre_by_slug(dummy_request, "usivak") is None
