"""The configuration directives through which the core and every plugin register what they offer.

Each directive records an action with a discriminator, so two packages claiming the same id fail at
startup with Pyramid's ``ConfigurationConflictError`` naming both places, and each registration shows
up as an introspectable (the admin "Plugins" page reads them back).
"""
import os
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pyramid.authorization import Everyone


@dataclass
class ContentType:
    name: str
    factory: type
    title: Any
    add_permission: str
    workflow: Optional[str]
    plugin: str
    edit_schema: Optional[Callable] = None  # colander schema for language-independent fields
    details: Optional[Callable] = None  # (request, content) -> data for details_template
    details_template: Optional[str] = None  # more for staff on the content page (a picture)


@dataclass
class Role:
    name: str
    title: Any
    centre_scoped: bool
    order: int
    plugin: str


@dataclass
class NavItem:
    name: str
    title: Any
    route_name: str
    order: int
    permission: Optional[str]
    centre_scoped: bool
    plugin: str


@dataclass
class Tile:
    name: str
    title: Any
    callable: Callable
    template: str
    order: int
    permission: Optional[str]
    plugin: str
    dashboard: bool = False  # on the reader's own dashboard, not on the home and centre pages


@dataclass
class Panel:
    """A panel of the kiosk or of the centre page: ``callable(request, centre)`` returns data for
    ``template`` (None to stay hidden)."""

    name: str
    title: Any
    callable: Callable
    template: str
    order: int
    plugin: str


@dataclass
class Populator:
    name: str
    callable: Callable
    order: int
    plugin: str


@dataclass
class Category:
    name: str
    title: Any
    pictogram: str  # asset spec of an SVG file
    order: int
    plugin: str


@dataclass
class StaticAssets:
    plugin: str
    spec: str  # asset spec of the folder
    url_name: str


@dataclass
class TranslatableInfo:
    name: str
    model: type
    title: Any
    plugin: str


@dataclass
class PrincipalProvider:
    name: str
    callable: Callable
    order: int
    plugin: str


@dataclass
class PortalRegistry:
    """Everything the core and plugins registered; lives on ``registry.portal``."""

    installed: dict = field(default_factory=dict)  # name -> portal.plugins.PluginInfo
    plugins: dict = field(default_factory=dict)  # the enabled ones, in order
    packages: dict = field(default_factory=dict)  # python package -> plugin name
    content_types: dict = field(default_factory=dict)
    workflows: dict = field(default_factory=dict)
    roles: dict = field(default_factory=dict)
    role_permissions: dict = field(default_factory=dict)  # role -> set of permissions
    nav_items: list = field(default_factory=list)
    tiles: list = field(default_factory=list)
    kiosk_panels: list = field(default_factory=list)
    centre_panels: list = field(default_factory=list)
    populators: list = field(default_factory=list)
    principal_providers: list = field(default_factory=list)
    #: local roles that hold only while their holder holds a current role in the object's centre
    centre_bound_local_roles: set = field(default_factory=set)
    translatables: dict = field(default_factory=dict)  # name -> TranslatableInfo
    categories: dict = field(default_factory=dict)  # name -> Category, in order
    static: list = field(default_factory=list)  # StaticAssets of the core and each plugin
    route_plugins: dict = field(default_factory=dict)  # route name -> plugin that added it
    migrations: dict = field(default_factory=dict)  # branch label -> asset spec of versions/


CORE = "portal"


def owning_plugin(config):
    """The plugin whose ``includeme`` is running (``"portal"`` for the core itself)."""
    packages = config.registry.portal.packages
    package = config.package_name
    while package:
        if package in packages:
            return packages[package]
        package = package.rpartition(".")[0]
    return CORE


def _intr(config, category, name, title, **values):
    intr = config.introspectable(category, name, str(title), category)
    intr["plugin"] = owning_plugin(config)
    for key, value in values.items():
        intr[key] = value
    return intr


def _sorted_insert(items, item):
    items.append(item)
    items.sort(key=lambda i: (i.order, i.name))


def add_content_type(config, factory, name, title, add_permission, workflow=None, edit_schema=None,
                     details=None, details_template=None):
    factory = config.maybe_dotted(factory)
    edit_schema = config.maybe_dotted(edit_schema)
    info = ContentType(name, factory, title, add_permission, workflow, owning_plugin(config),
                       edit_schema, config.maybe_dotted(details), details_template)
    factory.type_info = info

    def register():
        if workflow and workflow not in config.registry.portal.workflows:
            raise LookupError(f"content type {name!r} names unknown workflow {workflow!r}")
        config.registry.portal.content_types[name] = info
        if workflow:  # what the page cache's change counters need to know (models/changes.py)
            factory.public_states = frozenset(
                state.name for state in config.registry.portal.workflows[workflow].states.values()
                if "view" in state.acl.get(Everyone, ()))

    intr = _intr(config, "portal content types", name, title, workflow=workflow,
                 add_permission=add_permission)
    # Workflows are registered in an earlier phase so that the order of includes does not matter.
    config.action(("portal.content_type", name), register, introspectables=(intr,), order=10)


def add_workflow(config, workflow):
    def register():
        config.registry.portal.workflows[workflow.name] = workflow

    intr = _intr(config, "portal workflows", workflow.name, workflow.name,
                 states=list(workflow.states), transitions=list(workflow.transitions))
    config.action(("portal.workflow", workflow.name), register, introspectables=(intr,), order=-10)


def add_role(config, name, title, permissions=(), centre_scoped=True, order=100):
    role = Role(name, title, centre_scoped, order, owning_plugin(config))

    def register():
        config.registry.portal.roles[name] = role
        config.registry.portal.role_permissions.setdefault(name, set()).update(permissions)
        config.registry.portal.roles = dict(
            sorted(config.registry.portal.roles.items(), key=lambda kv: (kv[1].order, kv[0]))
        )

    intr = _intr(config, "portal roles", name, title, permissions=sorted(permissions))
    config.action(("portal.role", name), register, introspectables=(intr,), order=-10)


def add_role_permissions(config, role, permissions):
    """Grant further permissions to a role declared elsewhere (plugins grant their own)."""

    def register():
        if role not in config.registry.portal.roles:
            raise LookupError(f"permissions granted to unknown role {role!r}")
        config.registry.portal.role_permissions[role].update(permissions)

    config.action(None, register, order=0)


def add_nav_item(config, name, title, route_name, order=100, permission=None, centre_scoped=False):
    item = NavItem(name, title, route_name, order, permission, centre_scoped, owning_plugin(config))
    intr = _intr(config, "portal nav items", name, title, route_name=route_name, order=order)
    config.action(("portal.nav_item", name),
                  lambda: _sorted_insert(config.registry.portal.nav_items, item),
                  introspectables=(intr,))


def add_dashboard_tile(config, name, title, tile, template, order=100, permission=None,
                       dashboard=False):
    """A tile on the home and centre pages, or with ``dashboard=True`` on the dashboard where
    each user lands after login (shown when they have ``permission`` on the site or in one of
    their centres; see :func:`portal.navigation.dashboard_tiles`)."""
    tile_info = Tile(name, title, config.maybe_dotted(tile), template, order, permission,
                     owning_plugin(config), dashboard)
    intr = _intr(config, "portal dashboard tiles", name, title, order=order, template=template,
                 dashboard=dashboard)
    config.action(("portal.tile", name),
                  lambda: _sorted_insert(config.registry.portal.tiles, tile_info),
                  introspectables=(intr,))


def _add_panel(config, kind, name, title, panel, template, order):
    """Register a panel in ``registry.portal.<kind>_panels``, in order."""
    panel_info = Panel(name, title, config.maybe_dotted(panel), template, order,
                       owning_plugin(config))
    intr = _intr(config, f"portal {kind} panels", name, title, order=order, template=template)
    config.action((f"portal.{kind}_panel", name),
                  lambda: _sorted_insert(getattr(config.registry.portal, f"{kind}_panels"),
                                         panel_info),
                  introspectables=(intr,))


def add_kiosk_panel(config, name, title, panel, template, order=100):
    _add_panel(config, "kiosk", name, title, panel, template, order)


def add_centre_panel(config, name, title, panel, template, order=100):
    """What is on now in a centre, on its public page: ``panel(request, centre)`` returns data
    for ``template`` (with ``next_change_at`` when it changes with the clock), or None to stay
    hidden."""
    _add_panel(config, "centre", name, title, panel, template, order)


def add_populator(config, populator, order=100, name=None):
    populator = config.maybe_dotted(populator)
    name = name or f"{populator.__module__}.{populator.__qualname__}"
    info = Populator(name, populator, order, owning_plugin(config))
    intr = _intr(config, "portal populators", name, name, order=order)
    config.action(("portal.populator", name),
                  lambda: _sorted_insert(config.registry.portal.populators, info),
                  introspectables=(intr,))


def add_category(config, name, title, pictogram, order=100):
    """A category of the shared vocabulary; ``pictogram`` is the asset spec of an SVG file."""
    if ":" not in pictogram and not os.path.isabs(pictogram):
        pictogram = f"{config.package_name}:{pictogram}"
    info = Category(name, title, pictogram, order, owning_plugin(config))

    def register():
        found = config.registry.portal.categories
        found[name] = info
        config.registry.portal.categories = dict(
            sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))

    intr = _intr(config, "portal categories", name, title, pictogram=pictogram, order=order)
    config.action(("portal.category", name), register, introspectables=(intr,))


def add_static(config, spec, name="static"):
    """Serve a package's folder of assets under ``/<plugin>/<name>/`` (the plugin's route
    prefix); the kiosk's service worker precaches them. Templates link them with
    ``api.static("<package>:<folder>/<file>")``."""
    if ":" not in spec:
        spec = f"{config.package_name}:{spec}"
    from pyramid.security import NO_PERMISSION_REQUIRED

    config.add_static_view(name, spec, permission=NO_PERMISSION_REQUIRED, cache_max_age=86400)
    info = StaticAssets(owning_plugin(config), spec, name)
    intr = _intr(config, "portal static", spec, spec, url_name=name)
    config.action(("portal.static", spec),
                  lambda: config.registry.portal.static.append(info), introspectables=(intr,))


def add_translatable(config, model, name, title):
    """Give a :class:`~portal.models.texts.Translatable` model the translation form
    (``/translations/<name>/<id>/<lang>``) and a place in the translation desk."""
    model = config.maybe_dotted(model)
    info = TranslatableInfo(name, model, title, owning_plugin(config))

    def register():
        config.registry.portal.translatables[name] = info

    intr = _intr(config, "portal translatables", name, title, model=model.__name__)
    config.action(("portal.translatable", name), register, introspectables=(intr,))


def add_principal_provider(config, provider, order=100, name=None):
    """``provider(request, context, user)`` returns principals the user has in front of
    ``context`` (e.g. ``org:<id>``, a role held through a plugin's own table)."""
    provider = config.maybe_dotted(provider)
    name = name or f"{provider.__module__}.{provider.__qualname__}"
    info = PrincipalProvider(name, provider, order, owning_plugin(config))
    intr = _intr(config, "portal principal providers", name, name, order=order)
    config.action(("portal.principal_provider", name),
                  lambda: _sorted_insert(config.registry.portal.principal_providers, info),
                  introspectables=(intr,))


def add_centre_bound_local_role(config, role):
    """The local role ``role`` (granted with ``grant_local_role``) gives its rights only while
    its holder holds a current role (term not ended, not removed) in the object's centre."""

    def register():
        config.registry.portal.centre_bound_local_roles.add(role)

    config.action(("portal.centre_bound_local_role", role), register)


def add_migrations(config, location, label):
    """Add a package's alembic ``versions/`` folder (an asset spec) as its own branch ``label``."""
    if ":" not in location:
        location = f"{config.package_name}:{location}"

    def register():
        config.registry.portal.migrations[label] = location

    intr = _intr(config, "portal migrations", label, label, location=location)
    config.action(("portal.migrations", label), register, introspectables=(intr,))


def includeme(config):
    config.registry.portal = PortalRegistry()
    config.registry.portal.packages[CORE] = CORE
    for directive in (add_content_type, add_workflow, add_role, add_role_permissions, add_nav_item,
                      add_dashboard_tile, add_kiosk_panel, add_centre_panel, add_populator,
                      add_principal_provider, add_centre_bound_local_role,
                      add_translatable, add_category, add_static, add_migrations):
        config.add_directive(directive.__name__, directive, action_wrap=True)
