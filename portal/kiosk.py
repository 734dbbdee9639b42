"""Kiosk panels of the core. The kiosk shows the panels of every enabled plugin, in order."""
from sqlalchemy import select

from .models import Page
from .views.content import localized


def pages_panel(request, centre):
    """The centre's published information pages in the reader's language (with fallbacks)."""
    pages = request.dbsession.scalars(
        select(Page).where(Page.centre_id == centre.id, Page.state == "published")
        .order_by(Page.position, Page.id)
    ).all()
    return {"pages": [{"id": page.id, "shown": localized(request, page)} for page in pages]}
