"""One alembic environment for the core and every plugin; each package is a branch of its own.

Every package keeps its scripts in ``<package>:migrations/versions``. Alembic reads those of every
installed plugin, enabled or not: the folders registered with ``config.add_migrations`` (the
core's and the enabled plugins'), and the same folder of each plugin that is installed but not
enabled, found by that convention without running its ``includeme``. So the revisions a plugin
recorded are still found after it is disabled. Only the core's and the enabled plugins' branches
are upgraded: a plugin enabled later migrates on the next ``portal-migrate``, and a disabled
plugin's tables stay exactly as they are until it is enabled again.
"""
import os
from importlib import resources

from pyramid.exceptions import ConfigurationError
from pyramid.path import AssetResolver

from ..directives import CORE

VERSIONS = "migrations/versions"


def migrations_folder(package):
    """The real path of ``<package>:migrations/versions``, or None when the package has none.

    importlib.resources imports the package (running no ``includeme``).
    """
    folder = resources.files(package).joinpath(*VERSIONS.split("/"))
    return os.path.realpath(folder) if folder.is_dir() else None


def enabled_locations(registry):
    return [os.path.realpath(AssetResolver().resolve(spec).abspath())
            for spec in registry.portal.migrations.values()]


def disabled_locations(registry):
    portal = registry.portal
    folders = (migrations_folder(info.package)
               for name, info in portal.installed.items() if name not in portal.plugins)
    return [folder for folder in folders if folder]


def check_migrations_folders(registry):
    """Fail at startup when a folder given to ``add_migrations`` would be lost on disabling."""
    expected = {migrations_folder(CORE)}
    expected |= {migrations_folder(info.package) for info in registry.portal.plugins.values()}
    for (label, spec), location in zip(registry.portal.migrations.items(),
                                       enabled_locations(registry)):
        if location not in expected:
            raise ConfigurationError(
                f"add_migrations({spec!r}, label={label!r}): a package's alembic scripts live in "
                f"<package>:{VERSIONS}, where they are found while the plugin is disabled too"
            )


# alembic (10 MiB) is imported by the functions that run it, not when a worker starts: a
# worker only checks, at start-up, that every plugin's folder is where it is declared


def alembic_config(registry, engine=None):
    from alembic.config import Config
    cfg = Config()
    cfg.set_main_option("script_location", "portal:migrations")
    cfg.set_main_option("path_separator", "os")
    locations = enabled_locations(registry) + disabled_locations(registry)
    cfg.set_main_option("version_locations", os.pathsep.join(locations))
    cfg.attributes["engine"] = engine if engine is not None else registry["dbengine"]
    return cfg


def enabled_heads(registry, script):
    """The heads of the core's and the enabled plugins' branches (each in its package's folder)."""
    folders = set(enabled_locations(registry))
    return sorted(rev.revision for rev in script.get_revisions("heads")
                  if os.path.realpath(os.path.dirname(rev.path)) in folders)


def upgrade(registry, engine=None):
    from alembic import command
    from alembic.script import ScriptDirectory
    cfg = alembic_config(registry, engine)
    for head in enabled_heads(registry, ScriptDirectory.from_config(cfg)):
        command.upgrade(cfg, head)


def pending_heads(registry, engine=None, connection=None):
    """Heads of enabled branches not yet applied to the database (empty when it is up to date);
    read on ``connection`` when given (a request's own)."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    cfg = alembic_config(registry, engine)
    script = ScriptDirectory.from_config(cfg)
    if connection is not None:
        current = tuple(MigrationContext.configure(connection).get_current_heads())
    else:
        with cfg.attributes["engine"].connect() as connection:
            current = tuple(MigrationContext.configure(connection).get_current_heads())
    # a head may be applied without being recorded: a dependent branch's head stands for it
    applied = {rev.revision for rev in script.iterate_revisions(current, "base")} if current \
        else set()
    return set(enabled_heads(registry, script)) - applied
