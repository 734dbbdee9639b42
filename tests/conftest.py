import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def pip_install(source, target):
    """Build ``source`` and install it into ``target`` like any third-party distribution."""
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(source)],
        check=True,
    )
    sys.path.insert(0, str(target))


@pytest.fixture(scope="session")
def portal_plugins_installed(tmp_path_factory):
    """The example plugin is installed for the whole session, before the app is built."""
    target = tmp_path_factory.mktemp("site-packages")
    pip_install(FIXTURES / "portal_example", target)
    return [target]
