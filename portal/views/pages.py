"""The core's information pages (house rules, opening hours, contacts of a centre)."""
import colander
from pyramid.view import view_config
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ..i18n import LANGUAGES, _
from ..models import Page
from ..paging import paginate, permitted
from ..resources import bind_content, of_active_centres
from ..visibility import permission_filter
from .content import add_content_view, content_actions, localized


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


@view_config(route_name="centre.pages", request_method="GET", permission="staff",
             renderer="portal:templates/pages.jinja2")
def manage_pages(context, request):
    """The information pages of a centre (and of every centre) the viewer may open, in display
    order, each with what the viewer may do with it; drafts and withdrawn pages included."""
    query = (select(Page).where(or_(Page.centre_id == context.centre_id,
                                    Page.centre_id.is_(None)),
                                permission_filter(request, Page, "view"))
             .order_by(Page.position, Page.id).options(selectinload(Page.texts)))
    page = paginate(request, query,
                    keep=permitted(request, "view", lambda item: bind_content(request, item)))
    workflow = request.registry.portal.workflows["publication"]
    rows = [{"page": item, "shown": localized(request, item),
             "missing": [code for code in LANGUAGES if code not in item.texts],
             "actions": content_actions(request, item)} for item in page.items]
    return {"rows": rows, "page": page, "states": workflow.states, "languages": LANGUAGES}
