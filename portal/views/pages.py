"""The core's information pages (house rules, opening hours, contacts of a centre)."""
import colander
from pyramid.view import view_config
from sqlalchemy import select

from ..i18n import _
from ..models import Page
from ..resources import of_active_centres
from .content import add_content_view, localized


def published_pages(request, centre_id=None, limit=None):
    """Published pages (of one centre), in display order, each with its text to show."""
    query = select(Page).where(Page.state == "published", of_active_centres(Page)).order_by(
        Page.position, Page.id)
    if centre_id is not None:
        query = query.where(Page.centre_id == centre_id)
    if limit:
        query = query.limit(limit)
    return [(page, localized(request, page)) for page in request.dbsession.scalars(query)]


class PageFields(colander.MappingSchema):
    position = colander.SchemaNode(colander.Integer(), title=_("Display order"), missing=100,
                                   default=100, validator=colander.Range(0, 10000),
                                   description=_("Pages with a lower number come first."))


AddPageView = view_config(route_name="page.add", permission="page.add")(add_content_view("page"))
