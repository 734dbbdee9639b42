"""Fixtures shared by every test folder (core and plugins), whatever runs first."""
import pytest

from tests.conftest import FIXTURES, pip_install


@pytest.fixture(scope="session")
def portal_plugins_installed(tmp_path_factory):
    """The example third-party plugin is installed for the whole session, before the app."""
    target = tmp_path_factory.mktemp("site-packages")
    pip_install(FIXTURES / "portal_example", target)
    return [target]
