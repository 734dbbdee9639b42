"""Route contexts. Every route has a factory; the context's ``__acl__`` decides every permission.

``Root`` grants each role the permissions registered for it (``add_role``/``add_role_permissions``);
the security policy adds a centre-scoped role's principal only when the context belongs to that
centre. Content takes its ACL from its workflow state and inherits nothing.
"""
from pyramid.authorization import ALL_PERMISSIONS, Allow, Authenticated, Everyone
from pyramid.decorator import reify
from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import joinedload

from .directory import CentreEntry, centre_by_id, centre_by_slug
from .models import Centre, Content
from .published import PublishedItem, kept_item, reads_published


class Root:
    __name__ = ""
    __parent__ = None
    centre = None
    centre_id = None

    def __init__(self, request):
        self.request = request

    @property
    def __acl__(self):
        # the same for every request once the plugins are configured: built once
        registry = self.request.registry
        acl = registry.get("portal.root_acl")
        if acl is None:
            acl = [(Allow, "role:admin", ALL_PERMISSIONS)]
            for role, permissions in registry.portal.role_permissions.items():
                if permissions:
                    acl.append((Allow, f"role:{role}", tuple(sorted(permissions))))
            acl += [(Allow, Everyone, "view"), (Allow, Authenticated, "authenticated")]
            acl = registry["portal.root_acl"] = tuple(acl)
        return acl


class CentreContext:
    """A reception centre: the scope of rooms, content, roles and kiosks.

    ``centre`` is the ``Centre`` row; a context found by a centre page's route
    (:func:`centre_factory`) loads it only when first read, and ``entry`` (a
    ``directory.CentreEntry``: id, slug, name, timezone, plugins turned off) is at hand
    without SQL: what a page that needs no more reads (the iCalendar feed)."""

    __acl__ = []  # everything comes from the root, with centre-scoped principals

    def __init__(self, request, centre=None, entry=None):
        self.request = request
        self.__parent__ = Root(request)
        if centre is not None:
            self.centre = centre  # else loaded when first read (reify below)
        else:
            self.entry = entry
        known = centre if centre is not None else entry
        self.__name__ = known.slug
        self.centre_id = known.id

    @reify
    def centre(self):
        centre = self.request.dbsession.scalars(CENTRE_BY_ID, {"id": self.centre_id}) \
            .unique().one_or_none()
        if centre is None:  # removed since the list of centres was read
            raise HTTPNotFound()
        return centre

    @reify
    def entry(self):
        centre = self.centre
        return CentreEntry(centre.id, centre.slug, centre.name, centre.timezone,
                           frozenset(setting.plugin for setting in centre.disabled_plugins))


def centre_context(request, centre):
    """The context of ``centre`` (its roles apply, its parent the site): the parent a plugin
    gives its own objects of that centre, so their ACL inherits the site's grants."""
    return CentreContext(request, centre)


def plugin_of_route(request):
    """The plugin that added the matched route (recorded when it was included)."""
    route = request.matched_route
    return request.registry.portal.route_plugins.get(route.name, "portal") if route else "portal"


# a centre page's centre, with the plugins turned off there, in one query built once (building
# the statement and lazy-loading the plugins were a third of an uncached feed)
CENTRE_BY_ID = (select(Centre).where(Centre.id == bindparam("id"), Centre.active.is_(True))
                .options(joinedload(Centre.disabled_plugins)))


def centre_factory(request):
    """Context for routes with a ``{centre}`` slug; 404 for an unknown or inactive centre and
    where the centre turned the plugin off. Found in the kept list of centres: no SQL."""
    entry = centre_by_slug(request, request.matchdict.get("centre"))
    if entry is None:
        raise HTTPNotFound()
    plugin = plugin_of_route(request)
    if plugin in request.registry.portal.plugins and not entry.plugin_enabled(plugin):
        raise HTTPNotFound()
    return CentreContext(request, entry=entry)


def bind_content(request, content, parent=None):
    """Make a content object a context: parent its centre (or ``parent``), ACL from its
    workflow state unless its class defines ``__acl__`` itself (then that one decides, e.g.
    naming its organisation)."""
    info = request.registry.portal.content_types.get(content.type)
    workflow = request.registry.portal.workflows.get(info.workflow) if info else None
    if getattr(type(content), "__acl__", None) is not None:
        pass  # the model's own ACL (it may use content.workflow.acl(state, content))
    elif workflow is None:
        content.__acl__ = [(Allow, "role:admin", ALL_PERMISSIONS)]
    else:
        content.__acl__ = workflow.acl(content.state, content)
    if parent is None:
        parent = (CentreContext(request, content.centre) if content.centre is not None
                  else Root(request))
    content.__parent__ = parent
    content.__name__ = str(content.id)
    content.workflow = workflow
    return content


# one query for the content, its texts, its centre and the plugins turned off there (every
# content page reads them): half the cost of the default separate loads; built once (building
# it was a sixth of an uncached content page)
CONTENT_BY_ID = (select(Content).where(Content.id == bindparam("id"))
                 .options(joinedload(Content.texts),
                          joinedload(Content.centre).joinedload(Centre.disabled_plugins)))


def load_content(request, content_id):
    return request.dbsession.scalars(CONTENT_BY_ID, {"id": content_id}).unique().one_or_none()


def published_item(request, content_id):
    """An anonymous reader's page view: the kept :class:`~portal.published.PublishedItem`,
    bound like a row; None when the item's type is not read so (the row is loaded then)."""
    found = kept_item(request, content_id, lambda: load_content(request, content_id))
    if found is None:
        raise HTTPNotFound()
    type_name, values, texts = found
    info = request.registry.portal.content_types.get(type_name)
    if info is None:
        raise HTTPNotFound()
    if getattr(info.factory, "__acl__", None) is not None:
        return None
    centre = None
    if values["centre_id"] is not None:
        centre = centre_by_id(request, values["centre_id"])
        if centre is None or not centre.plugin_enabled(info.plugin):
            raise HTTPNotFound()  # its centre is deactivated, or turned the plugin off
    item = PublishedItem(values, texts)
    item.centre = centre  # what the layout's navigation reads: slug, name, plugin_enabled
    return bind_content(request, item, CentreContext(request, entry=centre)
                        if centre is not None else Root(request))


def content_factory(request):
    raw = request.matchdict.get("id", "")
    if not (raw.isascii() and raw.isdigit()):  # int() would take "١" (Arabic-Indic) for 1
        raise HTTPNotFound()
    content_id = int(raw)
    if reads_published(request):
        item = published_item(request, content_id)
        if item is not None:
            return item
    content = load_content(request, content_id)
    if content is None:
        raise HTTPNotFound()
    if content.centre is not None and not content.centre.active:
        raise HTTPNotFound()  # a deactivated centre is gone, with everything in it
    info = request.registry.portal.content_types.get(content.type)
    if info is None or (content.centre is not None and not content.centre.plugin_enabled(info.plugin)):
        raise HTTPNotFound()  # its plugin is not enabled (here)
    return bind_content(request, content)


class TranslationTarget:
    """Context of the translation pages of an object that is not a context itself (a picture's
    description, an agenda item): the object that governs it decides through its ACL."""

    def __init__(self, target, governing):
        self.target = target
        self.__parent__ = governing
        self.__name__ = "translations"

    @property
    def centre_id(self):
        return getattr(self.__parent__, "centre_id", None)

    @property
    def owner_id(self):
        return getattr(self.__parent__, "owner_id", None)


def translatable_factory(request):
    """``/translations/{kind}/{id}``: the object of a registered translatable kind."""
    info = request.registry.portal.translatables.get(request.matchdict["kind"])
    try:
        ident = int(request.matchdict["id"])
    except ValueError:
        raise HTTPNotFound() from None
    obj = request.dbsession.get(info.model, ident) if info is not None else None
    if obj is None:
        raise HTTPNotFound()
    if isinstance(obj, Content):  # content is its own context, with its type's plugin switch
        return content_factory(request)
    centre_id = obj.translation_centre_id
    centre = request.dbsession.get(Centre, centre_id) if centre_id is not None else None
    if centre is not None and (not centre.active or not centre.plugin_enabled(info.plugin)):
        raise HTTPNotFound()
    governing = obj.translation_context(request)
    return governing if governing is obj else TranslationTarget(obj, governing)


def of_active_centres(model):
    """Where-clause: ``model`` (a Content type) belongs to every centre or to an active one."""
    return or_(model.centre_id.is_(None), model.centre.has(Centre.active.is_(True)))
