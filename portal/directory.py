"""The list of active centres, kept between requests: what the home page lists, the plugins'
tiles link to and every centre page's resource is looked up in (no SQL while nothing changed)."""
from typing import NamedTuple

from sqlalchemy import select

from .caching import kept
from .models import Centre
from .models.centre import CentrePluginSetting


class CentreEntry(NamedTuple):
    """What a list of centres shows of one, and what a centre page needs to be found: no ORM
    object to load (``disabled``: the plugins turned off there)."""
    id: int
    slug: str
    name: str
    timezone: str
    disabled: frozenset

    def plugin_enabled(self, plugin):
        return plugin not in self.disabled


# every active centre with the plugins turned off in it, in one statement built once
CENTRE_DIRECTORY = (select(Centre.id, Centre.slug, Centre.name, Centre.timezone,
                           CentrePluginSetting.plugin)
                    .outerjoin(CentrePluginSetting, CentrePluginSetting.centre_id == Centre.id)
                    .where(Centre.active.is_(True)).order_by(Centre.name, Centre.id))
DIRECTORY = "portal.centre_directory"


class Directory(NamedTuple):
    entries: tuple  # by name
    by_slug: dict
    by_id: dict


def read_directory(connection):
    rows = {}
    for centre_id, slug, name, timezone, plugin in connection.execute(CENTRE_DIRECTORY):
        row = rows.setdefault(centre_id, (slug, name, timezone, set()))
        if plugin is not None:
            row[3].add(plugin)
    entries = tuple(CentreEntry(centre_id, slug, name, timezone, frozenset(disabled))
                    for centre_id, (slug, name, timezone, disabled) in rows.items())
    return Directory(entries, {entry.slug: entry for entry in entries},
                     {entry.id: entry for entry in entries})


def directory(request):
    """Kept between requests while the change counters (``models/changes.py``) stay the same
    (:func:`~portal.caching.kept`): the home page, the plugins' tiles and the resource of every
    centre page (``resources.centre_factory``) then run no SQL for it (under waitress each query
    hands the interpreter's lock to other threads and back)."""
    found = request.environ.get(DIRECTORY)
    if found is None:
        found = request.environ[DIRECTORY] = kept(
            request, DIRECTORY, None, lambda: read_directory(request.dbsession.connection()))
    return found


def centre_directory(request):
    """The active centres by name, as ``CentreEntry`` rows."""
    return directory(request).entries


def centres_using(request, plugin):
    """The active centres where ``plugin`` is turned on, by name (``CentreEntry`` rows)."""
    return [entry for entry in centre_directory(request) if plugin not in entry.disabled]


def centre_by_slug(request, slug):
    """The active centre with this slug (a ``CentreEntry``), or None."""
    return directory(request).by_slug.get(slug)


def centre_by_id(request, centre_id):
    """The active centre with this id (a ``CentreEntry``), or None."""
    return directory(request).by_id.get(centre_id)
