"""Plugins reach the core only through ``portal.api`` (their tests also through ``portal.testing``)."""
import ast
from pathlib import Path

import pytest

import portal.api

ROOT = Path(__file__).resolve().parent.parent
PLUGIN_SOURCES = sorted((ROOT / "plugins").rglob("*.py")) + sorted(
    (ROOT / "tests" / "fixtures").rglob("*.py"))
ALLOWED = {"portal.api"}
ALLOWED_IN_TESTS = {"portal.api", "portal.testing"}


def core_imports(source):
    """Every ``portal`` module a Python file imports, with the line it does so on."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, node.lineno))
    return [(name, line) for name, line in found if name == "portal" or name.startswith("portal.")]


def test_plugins_import_only_the_declared_api():
    wrong = []
    for path in PLUGIN_SOURCES:
        allowed = ALLOWED_IN_TESTS if "tests" in path.relative_to(ROOT).parts[1:] else ALLOWED
        for name, line in core_imports(path.read_text(encoding="utf-8")):
            if name not in allowed:
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {name}")
    assert wrong == []


def test_the_check_sees_a_forbidden_import():
    assert core_imports("from portal.models.meta import Base\nimport portal.security\n") == [
        ("portal.models.meta", 1), ("portal.security", 2)]


@pytest.mark.parametrize("name", portal.api.__all__)
def test_every_api_name_exists_and_is_documented(name):
    assert hasattr(portal.api, name)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{name}" in readme, f"portal.api.{name} is not documented in README.md"
