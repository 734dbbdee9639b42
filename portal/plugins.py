"""Find plugins through the ``portal.plugins`` entry-point group and include the enabled ones.

A plugin is any importable package with an ``includeme(config)``, advertised by its distribution as
``[options.entry_points] portal.plugins = <name> = <package>``. The ini setting ``portal.plugins``
lists the enabled names in order (``*`` = every installed plugin, by name).

A plugin keeps its alembic scripts in ``<package>:migrations/versions`` (see :mod:`portal.migrations`),
where alembic finds them whether the plugin is enabled or not.
"""
from dataclasses import dataclass
from importlib.metadata import entry_points

from pyramid.exceptions import ConfigurationError

from .migrations import check_migrations_folders

GROUP = "portal.plugins"


@dataclass(frozen=True)
class PluginInfo:
    name: str
    package: str
    distribution: str
    version: str


def installed_plugins():
    """Every plugin installed in this environment, by name."""
    found = {}
    for ep in entry_points(group=GROUP):
        dist = ep.dist
        found[ep.name] = PluginInfo(
            name=ep.name,
            package=ep.value.split(":")[0],
            distribution=dist.name if dist else "",
            version=dist.version if dist else "",
        )
    return dict(sorted(found.items()))


def enabled_names(wanted, installed):
    if wanted == ["*"]:
        return list(installed)
    unknown = [name for name in wanted if name not in installed]
    if unknown:
        raise ConfigurationError(
            f"portal.plugins names unknown plugin(s) {', '.join(unknown)}; "
            f"installed: {', '.join(installed) or 'none'}"
        )
    return list(dict.fromkeys(wanted))


def includeme(config):
    registry = config.registry.portal
    installed = installed_plugins()
    registry.installed = installed
    for name in enabled_names(config.get_settings()["portal.plugins"], installed):
        info = installed[name]
        registry.plugins[name] = info
        registry.packages[info.package] = name
        intr = config.introspectable("portal plugins", name, name, "plugin")
        intr.update(package=info.package, distribution=info.distribution, version=info.version)
        config.action(("portal.plugin", name), introspectables=(intr,))
        include_recording_routes(config, info.package, name)
    # after every add_migrations action (those run at the default order, 0)
    config.action(None, check_migrations_folders, args=(config.registry,), order=1)


def include_recording_routes(config, package, plugin):
    """Include a plugin and record the routes it adds as its own (for per-centre switches).

    Pyramid keeps the actions an include registers, uncommitted, in ``config.action_state``;
    the route actions among them name the plugin's routes, whatever they are called.
    """
    actions = config.action_state.actions
    before = len(actions)
    config.include(package, route_prefix=plugin)
    for action in actions[before:]:
        discriminator = action["discriminator"]
        if isinstance(discriminator, tuple) and discriminator[0] == "route":
            config.registry.portal.route_plugins[discriminator[1]] = plugin
