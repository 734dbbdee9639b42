import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import transaction
from sqlalchemy import create_engine, text

from portal import main
from portal.models import get_engine, get_tm_session
from portal.populate import run_populators

FIXTURES = Path(__file__).parent / "fixtures"


def compile_catalogs(source):
    """Build the ``.mo`` files of a plugin's catalogs, as its release would ship them."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in Path(source).rglob("*.po"):
        with po.open("rb") as handle:
            catalog = read_po(handle)
        with po.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


def pip_install(source, target):
    """Build ``source`` and install it into ``target`` like any third-party distribution."""
    compile_catalogs(source)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(source)],
        check=True,
    )
    sys.path.insert(0, str(target))


@pytest.fixture
def fresh_url(app_settings, tmp_path):
    """An empty database of the same kind as the session's."""
    url = app_settings["sqlalchemy.url"]
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite'}"
        return
    name = f"portal_fresh_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    yield url.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as connection:
        connection.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def fresh_portal(app_settings, fresh_url):
    """``fresh_portal(plugins)`` builds the portal with those plugins on one fresh database, whose
    engine is ``fresh_portal.engine``."""
    settings = {**app_settings, "sqlalchemy.url": fresh_url}
    engine = get_engine(settings)

    def build(plugins):
        return main({}, **{**settings, "portal.plugins": plugins, "portal.dbengine": engine})

    build.engine = engine
    yield build
    engine.dispose()


def populate(app):
    """Run the populators as ``portal-populate`` does: in one committed transaction."""
    with transaction.manager:
        return run_populators(get_tm_session(app.registry["dbsession_factory"],
                                             transaction.manager), app.registry)
