"""Notice pages in Debian's Chromium on a small phone: pictures fit, nothing scrolls sideways."""
import io

import pytest
from PIL import Image
from sqlalchemy import select

from portal.api import Centre
from plugins.noticeboard.models import Notice, NoticeImage

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


def jpeg(width, height):
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def notice_with_a_wide_picture(live_server):
    def add(dbsession):
        centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        notice = Notice(centre=centre, state="published", source_language="en", revision=1)
        notice.set_text("en", title="A notice with a wide picture", body="Read on a phone.")
        notice.image = NoticeImage(data=jpeg(1600, 900), mime="image/jpeg", width=1600,
                                   height=900, source_language="en")
        notice.image.set_text("en", alt="A wide picture of the centre")
        dbsession.add(notice)
        dbsession.flush()
        return notice.id

    return live_server.commit(add)


def test_a_1600_pixel_picture_fits_a_360_pixel_phone(live_server, page,
                                                     notice_with_a_wide_picture):
    page.set_viewport_size(PHONE)
    for path in (f"/noticeboard/usivak/{notice_with_a_wide_picture}", "/noticeboard/usivak/"):
        page.goto(f"{live_server}{path}")
        page.wait_for_load_state("networkidle")
        picture = page.locator(f'img.nb-image[src*="/{notice_with_a_wide_picture}/image"]')
        # width and height are known before the picture arrives: nothing jumps
        assert (picture.get_attribute("width"), picture.get_attribute("height")) == ("1600",
                                                                                     "900")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        box = picture.bounding_box()
        assert box["width"] <= PHONE["width"]
        assert abs(box["height"] - box["width"] * 900 / 1600) < 2  # not distorted
