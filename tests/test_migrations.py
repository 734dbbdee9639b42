"""Migrations: one branch per package, `upgrade heads`, and models that match the schema."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from portal import main
from portal.migrations import pending_heads, upgrade
from portal.models import get_engine
from portal.models.meta import Base

ROOT = Path(__file__).resolve().parent.parent


def test_models_and_migrated_schema_do_not_differ(app, dbengine):
    with dbengine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []


def test_a_plugin_enabled_later_migrates_on_the_next_run(app_settings, fresh_url):
    settings = {**app_settings, "sqlalchemy.url": fresh_url}
    engine = get_engine(settings)
    core_only = main({}, **{**settings, "portal.plugins": "", "portal.dbengine": engine})
    upgrade(core_only.registry, engine)
    assert "centres" in inspect(engine).get_table_names()
    assert "hello_greetings" not in inspect(engine).get_table_names()

    with_plugin = main({}, **{**settings, "portal.plugins": "hello", "portal.dbengine": engine})
    assert pending_heads(with_plugin.registry, engine) == {"h001_greetings"}
    upgrade(with_plugin.registry, engine)
    assert "hello_greetings" in inspect(engine).get_table_names()
    assert pending_heads(with_plugin.registry, engine) == set()
    engine.dispose()


def test_portal_migrate_and_populate_commands(tmp_path):
    ini = tmp_path / "site.ini"
    ini.write_text((ROOT / "development.ini").read_text().replace(
        "sqlalchemy.url = sqlite:///%(here)s/var/portal.sqlite",
        f"sqlalchemy.url = sqlite:///{tmp_path}/var/portal.sqlite",
    ).replace("%(here)s/static", str(ROOT / "static")).replace("%(here)s/locale",
                                                             str(ROOT / "locale")))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    env.pop("PORTAL_DATABASE_URL", None)
    bin_dir = Path(sys.executable).parent
    subprocess.run([bin_dir / "portal-migrate", str(ini)], check=True, env=env,
                   capture_output=True)
    first = subprocess.run([bin_dir / "portal-populate", str(ini)], check=True, env=env,
                           capture_output=True, text=True)
    assert "password is: portal-demo" in first.stdout
    second = subprocess.run([bin_dir / "portal-populate", str(ini)], check=True, env=env,
                            capture_output=True, text=True)
    assert "nothing loaded" in second.stdout
    engine = create_engine(f"sqlite:///{tmp_path}/var/portal.sqlite")
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from centres")).scalar() == 6
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()
