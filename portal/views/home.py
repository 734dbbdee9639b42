from pyramid.view import view_config

from ..caching import public_page
from ..directory import centre_directory
from ..navigation import shown_panels, visible_tiles


@view_config(route_name="home", request_method="GET", renderer="portal:templates/home.jinja2", permission="view",
             decorator=public_page())
def home(request):
    return {"centres": centre_directory(request), "tiles": visible_tiles(request, request.context)}


@view_config(route_name="centre", request_method="GET", renderer="portal:templates/centre.jinja2", permission="view",
             decorator=public_page())
def centre_home(context, request):
    """What is on now in the centre, from every plugin (``config.add_centre_panel``)."""
    panels, _next_change = shown_panels(request, request.registry.portal.centre_panels,
                                        context.centre)
    return {"panels": panels, "tiles": visible_tiles(request, context)}
