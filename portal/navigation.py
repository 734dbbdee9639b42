"""Which navigation items, dashboard tiles, panels and plugins a request may see."""
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .caching import valid_for
from .models import Centre
from .models.centre import CentrePluginSetting
from .models.meta import utcnow
from .resources import CentreContext


def centre_of(context):
    return getattr(context, "centre", None)


def plugin_active(plugin, centre):
    """A plugin is active unless the centre's manager turned it off for that centre."""
    return plugin == "portal" or centre is None or centre.plugin_enabled(plugin)


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
        url = request.route_path(item.route_name, **kw)
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


class CentreEntry(NamedTuple):
    """What a list of centres shows of one: enough for a link, no ORM object to load."""
    id: int
    slug: str
    name: str
    disabled: frozenset


# every active centre with the plugins turned off in it, in one statement built once
CENTRE_DIRECTORY = (select(Centre.id, Centre.slug, Centre.name, CentrePluginSetting.plugin)
                    .outerjoin(CentrePluginSetting, CentrePluginSetting.centre_id == Centre.id)
                    .where(Centre.active.is_(True)).order_by(Centre.name, Centre.id))
DIRECTORY = "portal.centre_directory"


def read_directory(connection):
    rows = {}
    for centre_id, slug, name, plugin in connection.execute(CENTRE_DIRECTORY):
        row = rows.setdefault(centre_id, (slug, name, set()))
        if plugin is not None:
            row[2].add(plugin)
    return tuple(CentreEntry(centre_id, slug, name, frozenset(disabled))
                 for centre_id, (slug, name, disabled) in rows.items())


def centre_directory(request):
    """The active centres by name, as ``CentreEntry`` rows.

    Kept between requests while the change counters (``models/changes.py``) stay the same, as
    the page cache keeps pages: the home page and the plugins' tiles then run no SQL at all
    (under waitress each query hands the interpreter's lock to other threads and back)."""
    entries = request.environ.get(DIRECTORY)
    if entries is None:
        version = request.registry["change_version"](request, None)  # any change anywhere
        kept = request.registry.get(DIRECTORY)
        if kept is not None and kept[0] == version:
            entries = kept[1]
        else:
            entries = read_directory(request.dbsession.connection())
            request.registry[DIRECTORY] = (version, entries)
        request.environ[DIRECTORY] = entries
    return entries


def centres_using(request, plugin):
    """The active centres where ``plugin`` is turned on, by name (``CentreEntry`` rows)."""
    return [entry for entry in centre_directory(request) if plugin not in entry.disabled]


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
