"""Migrations: one branch per package, every installed plugin's scripts known, models that match
the schema."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.script import ScriptDirectory
from alembic.migration import MigrationContext
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationExecutionError
from sqlalchemy import create_engine, inspect, text

from portal import main
from portal.migrations import alembic_config, pending_heads, upgrade
from portal.models import get_engine
from portal.models.meta import Base

from .conftest import populate

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
    script = ScriptDirectory.from_config(alembic_config(with_plugin.registry, engine))
    hello_head = {rev.revision for rev in script.get_revisions("hello@head")}
    assert pending_heads(with_plugin.registry, engine) == hello_head
    upgrade(with_plugin.registry, engine)
    assert "hello_greetings" in inspect(engine).get_table_names()
    assert pending_heads(with_plugin.registry, engine) == set()
    engine.dispose()


# the notice board's rows, all of them, column by column
NOTICEBOARD_ROWS = (
    "select * from noticeboard_notices order by id",
    "select * from content where type = 'notice' order by id",
    "select * from content_texts where content_id in (select id from noticeboard_notices) "
    "order by content_id, language",
)


def all_rows(engine, queries):
    with engine.connect() as connection:
        return [connection.execute(text(query)).all() for query in queries]


@pytest.mark.parametrize("plugins", ["hello", ""])
def test_a_database_keeps_working_after_a_plugin_that_migrated_it_is_disabled(fresh_portal,
                                                                              plugins):
    engine = fresh_portal.engine
    everything = fresh_portal("*")
    upgrade(everything.registry, engine)
    populate(everything)
    notices = all_rows(engine, NOTICEBOARD_ROWS)
    assert notices[0], "the notice board has demo notices"

    without_notices = fresh_portal(plugins)
    assert "noticeboard" not in without_notices.registry.portal.plugins
    upgrade(without_notices.registry, engine)
    populated = populate(without_notices)
    assert populated.loaded == [] and populated.taken_as_is == []
    assert pending_heads(without_notices.registry, engine) == set()
    assert all_rows(engine, NOTICEBOARD_ROWS) == notices


def test_a_disabled_plugins_new_migrations_wait_until_it_is_enabled_again(fresh_portal):
    engine = fresh_portal.engine
    everything = fresh_portal("*")
    # the notice board migrated with its first revision; its second came with an update while
    # it was disabled
    command.upgrade(alembic_config(everything.registry, engine), "n001_notices")
    without_notices = fresh_portal("hello")
    upgrade(without_notices.registry, engine)
    assert pending_heads(without_notices.registry, engine) == set()
    tables = inspect(engine).get_table_names()
    assert "noticeboard_notices" in tables and "hello_greetings" in tables
    assert "noticeboard_images" not in tables

    script = ScriptDirectory.from_config(alembic_config(everything.registry, engine))
    noticeboard_head = {rev.revision for rev in script.get_revisions("noticeboard@head")}
    never_migrated = {rev.revision for rev in script.get_revisions("activities@head")}
    assert pending_heads(everything.registry, engine) == noticeboard_head | never_migrated
    upgrade(everything.registry, engine)
    assert "noticeboard_images" in inspect(engine).get_table_names()
    assert pending_heads(everything.registry, engine) == set()


def test_migrations_outside_the_conventional_folder_fail_at_startup(app_settings, dbengine):
    """Alembic finds a disabled plugin's scripts only in <package>:migrations/versions."""
    settings = {**app_settings, "portal.plugins": "", "portal.dbengine": dbengine}
    with pytest.raises(ConfigurationExecutionError, match="<package>:migrations/versions"):
        with Configurator(settings=settings) as config:
            config.include("portal")
            config.add_migrations("portal:templates", label="elsewhere")


def command_env():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}  # sees the example plugin
    env.pop("PORTAL_DATABASE_URL", None)
    return env


def run_command(name, ini):
    result = subprocess.run([Path(sys.executable).parent / name, str(ini)], env=command_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def write_ini(path, url, plugins):
    path.write_text(f"""[app:main]
use = egg:participation-portal
sqlalchemy.url = {url}
portal.static_dir = {ROOT / "static"}
portal.locale_dir = {ROOT / "locale"}
portal.plugins = {plugins}
portal.secret = testing-secret-testing-secret-testing-secret
portal.demo_data = true
portal.argon2_time_cost = 1
portal.argon2_memory_cost = 64
portal.argon2_parallelism = 1
""")


def test_portal_migrate_and_populate_commands_as_plugins_are_enabled_and_disabled(fresh_url,
                                                                                  tmp_path):
    ini = tmp_path / "site.ini"
    write_ini(ini, fresh_url, "hello")
    run_command("portal-migrate", ini)
    first = run_command("portal-populate", ini)
    assert "  portal\n" in first and "portal_example.populate (hello)" in first
    assert "noticeboard" not in first and "password is: portal-demo" in first

    write_ini(ini, fresh_url, "hello noticeboard")
    run_command("portal-migrate", ini)
    second = run_command("portal-populate", ini)
    assert "plugins.noticeboard.populate.populate_demo (noticeboard)" in second
    assert "  portal\n" not in second and "hello" not in second and "password" not in second

    write_ini(ini, fresh_url, "hello")
    run_command("portal-migrate", ini)
    assert "nothing loaded" in run_command("portal-populate", ini)
    engine = create_engine(fresh_url)
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from centres")).scalar() == 6
        assert connection.execute(text("select count(*) from noticeboard_notices")).scalar() > 0
    engine.dispose()


def test_portal_migrate_and_populate_commands(tmp_path):
    ini = tmp_path / "site.ini"
    ini.write_text((ROOT / "development.ini").read_text().replace(
        "sqlalchemy.url = sqlite:///%(here)s/var/portal.sqlite",
        f"sqlalchemy.url = sqlite:///{tmp_path}/var/portal.sqlite",
    ).replace("%(here)s/static", str(ROOT / "static")).replace("%(here)s/locale",
                                                             str(ROOT / "locale")))
    run_command("portal-migrate", ini)
    assert "password is: portal-demo" in run_command("portal-populate", ini)
    assert "nothing loaded" in run_command("portal-populate", ini)
    engine = create_engine(f"sqlite:///{tmp_path}/var/portal.sqlite")
    with engine.connect() as connection:
        assert connection.execute(text("select count(*) from centres")).scalar() == 6
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    engine.dispose()


def test_texts_written_before_markdown_was_stored_get_their_html(fresh_portal):
    """0006 renders the Markdown of every text already there, once."""
    engine = fresh_portal.engine
    portal = fresh_portal("")
    command.upgrade(alembic_config(portal.registry, engine), "0005_change_counters")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO content (id, type, state, created, modified, revision, source_language)"
            " VALUES (1, 'page', 'published', '2026-01-01', '2026-01-01', 1, 'ar')"))
        connection.execute(text(
            "INSERT INTO content_texts (content_id, language, source_revision, status, updated,"
            " title, summary, body) VALUES (1, 'ar', 1, 'current', '2026-01-01', 'قواعد', '',"
            " '**ممنوع** التدخين')"))
    upgrade(portal.registry, engine)
    with engine.connect() as connection:
        html = connection.execute(text("SELECT body_html FROM content_texts")).scalar_one()
    assert html == "<p><strong>ممنوع</strong> التدخين</p>\n"


def test_source_texts_already_there_are_kept_as_their_current_revision(fresh_portal):
    """0008 keeps the source text of the content already there (translations are not kept)."""
    engine = fresh_portal.engine
    portal = fresh_portal("")
    command.upgrade(alembic_config(portal.registry, engine), "0007_notifications")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO content (id, type, state, created, modified, revision, source_language)"
            " VALUES (1, 'page', 'published', '2026-01-01', '2026-01-01', 3, 'ar')"))
        for language, title in (("ar", "قواعد"), ("fr", "Règles")):
            connection.execute(text(
                "INSERT INTO content_texts (content_id, language, source_revision, status,"
                " updated, title, summary, body) VALUES (1, :language, 3, 'current',"
                " '2026-01-01', :title, '', 'نص')"), {"language": language, "title": title})
    upgrade(portal.registry, engine)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT kind, object_id, revision, language, texts FROM source_revisions")).all()
    assert [(kind, ident, revision, language) for kind, ident, revision, language, _ in rows] \
        == [("content_texts", 1, 3, "ar")]
    texts = rows[0][4]
    texts = json.loads(texts) if isinstance(texts, str) else texts
    assert texts == {"title": "قواعد", "summary": "", "body": "نص"}
