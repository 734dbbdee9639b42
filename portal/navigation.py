"""Which navigation items, dashboard tiles, panels and plugins a request may see."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .caching import valid_for
from .models import Centre
from .models.meta import utcnow
from .resources import CentreContext


def centre_of(context):
    return getattr(context, "centre", None)


def plugin_active(plugin, centre):
    """A plugin is active unless the centre's manager turned it off for that centre."""
    return plugin == "portal" or centre is None or centre.plugin_enabled(plugin)


ROUTE_PATHS = 10000


def known_path(request, route_name, *elements, **kw):
    """``request.route_path``, worked out once per script name: a page links to the same few
    dozen addresses again and again (every centre, every plugin's index)."""
    try:
        key = (request.script_name, route_name, elements, tuple(sorted(kw.items())))
        known = request.registry.setdefault("portal.route_paths", {})
        path = known.get(key)
    except TypeError:  # a _query dict or a list: not remembered
        return request.route_path(route_name, *elements, **kw)
    if path is None:
        path = request.route_path(route_name, *elements, **kw)
        if len(known) >= ROUTE_PATHS:
            known.clear()  # bounded: addresses with ids grow with the content
        known[key] = path
    return path


def visible_nav_items(request, context):
    centre = centre_of(context)
    items = []
    for item in request.registry.portal.nav_items:
        if item.centre_scoped and centre is None:
            continue
        if not plugin_active(item.plugin, centre):
            continue
        if item.permission and not request.has_permission(item.permission, context):
            continue
        kw = {"centre": centre.slug} if item.centre_scoped else {}
        url = known_path(request, item.route_name, **kw)
        active = request.matched_route is not None and request.matched_route.name == item.route_name
        items.append({"name": item.name, "title": item.title, "url": url, "active": active})
    return items


def visible_tiles(request, context):
    centre = centre_of(context)
    tiles = []
    for tile in request.registry.portal.tiles:
        if tile.dashboard or not plugin_active(tile.plugin, centre):
            continue
        if tile.permission and not request.has_permission(tile.permission, context):
            continue
        data = tile.callable(request, context)
        if data is not None:
            tiles.append({"tile": tile, "data": data})
    return tiles


VIEWER_CENTRES = "portal.viewer_centres"


def viewer_centres(request, permission=None):
    """The active centres where the viewer holds a role (every centre for a global role), and
    where they have ``permission`` when one is named."""
    user = request.user
    if user is None:
        return []
    # read once per request: the dashboard asks for each of its tiles
    centres = request.environ.get(VIEWER_CENTRES)
    if centres is None:
        query = (select(Centre).where(Centre.active.is_(True)).order_by(Centre.name)
                 .options(selectinload(Centre.disabled_plugins)))
        roles = user.current_roles
        if not any(role.centre_id is None for role in roles):
            query = query.where(Centre.id.in_({role.centre_id for role in roles}))
        centres = request.environ[VIEWER_CENTRES] = request.dbsession.scalars(query).all()
    if permission is None:
        return centres
    return [centre for centre in centres
            if request.has_permission(permission, CentreContext(request, centre))]


def dashboard_tiles(request, root):
    """The tiles of the reader's own dashboard: those registered with ``dashboard=True`` whose
    permission the reader has on the site or in one of their centres, and whose callable has
    something to show. A plugin's tile shows while some of the reader's centres use it."""
    centres = viewer_centres(request)
    tiles = []
    for tile in request.registry.portal.tiles:
        if not tile.dashboard:
            continue
        if tile.plugin != "portal" and centres and \
                not any(centre.plugin_enabled(tile.plugin) for centre in centres):
            continue
        if tile.permission and not request.has_permission(tile.permission, root) and \
                not viewer_centres(request, tile.permission):
            continue
        data = tile.callable(request, root)
        if data is not None:
            tiles.append({"tile": tile, "data": data})
    return tiles


def shown_panels(request, panels, centre):
    """``(shown, next_change)``: the panels (kiosk or centre page) of the plugins active in
    ``centre`` that have something to show, as ``(panel, data)``, and the earliest moment one of
    them changes by itself (their ``next_change_at``), until which the page stays valid."""
    shown, next_change = [], None
    for panel in panels:
        if not plugin_active(panel.plugin, centre):
            continue
        data = panel.callable(request, centre)
        if data is None:
            continue
        change = data.get("next_change_at")
        if change is not None and (next_change is None or change < next_change):
            next_change = change
        shown.append((panel, data))
    if next_change is not None:
        valid_for(request, (next_change - utcnow()).total_seconds())
    return shown, next_change
