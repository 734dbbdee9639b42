"""One alembic environment for the core and every plugin; each package is a branch of its own.

The version folders come from ``config.add_migrations`` calls, so a plugin enabled later brings its
migrations along and ``portal-migrate`` (``upgrade heads``) applies them on the next run.
"""
import os

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from pyramid.path import AssetResolver


def alembic_config(registry, engine=None):
    cfg = Config()
    cfg.set_main_option("script_location", "portal:migrations")
    cfg.set_main_option("path_separator", "os")
    locations = [AssetResolver().resolve(spec).abspath()
                 for spec in registry.portal.migrations.values()]
    cfg.set_main_option("version_locations", os.pathsep.join(locations))
    cfg.attributes["engine"] = engine if engine is not None else registry["dbengine"]
    return cfg


def upgrade(registry, engine=None, revision="heads"):
    command.upgrade(alembic_config(registry, engine), revision)


def pending_heads(registry, engine=None):
    """Heads not yet applied to the database (empty when it is up to date)."""
    cfg = alembic_config(registry, engine)
    script = ScriptDirectory.from_config(cfg)
    with cfg.attributes["engine"].connect() as connection:
        current = tuple(MigrationContext.configure(connection).get_current_heads())
    # a head may be applied without being recorded: a dependent branch's head stands for it
    applied = {rev.revision for rev in script.iterate_revisions(current, "base")} if current \
        else set()
    return set(script.get_heads()) - applied
