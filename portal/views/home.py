from pyramid.view import view_config
from sqlalchemy import select

from ..caching import public_page
from ..models import Centre
from ..navigation import shown_panels, visible_tiles


# the two columns the page shows, not Centre objects (a third of the cost of an uncached home),
# in a statement built once
ACTIVE_CENTRES = select(Centre.slug, Centre.name).where(Centre.active.is_(True)).order_by(Centre.name)


@view_config(route_name="home", request_method="GET", renderer="portal:templates/home.jinja2", permission="view",
             decorator=public_page())
def home(request):
    centres = request.dbsession.execute(ACTIVE_CENTRES).all()
    return {"centres": centres, "tiles": visible_tiles(request, request.context)}


@view_config(route_name="centre", request_method="GET", renderer="portal:templates/centre.jinja2", permission="view",
             decorator=public_page())
def centre_home(context, request):
    """What is on now in the centre, from every plugin (``config.add_centre_panel``)."""
    panels, _next_change = shown_panels(request, request.registry.portal.centre_panels,
                                        context.centre)
    return {"panels": panels, "tiles": visible_tiles(request, context)}
