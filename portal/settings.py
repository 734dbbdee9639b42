"""Typed access to the ``portal.*`` settings, checked once at startup."""
import os
from pathlib import Path

from pyramid.exceptions import ConfigurationError
from pyramid.settings import asbool, aslist

#: Secrets shipped in this repository's ini files; production must not run with one of them.
KNOWN_DEVELOPMENT_SECRETS = {
    "development-secret-not-for-production-use-0123456789",
    "testing-secret-testing-secret-testing-secret",
}
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def includeme(config):
    settings = config.get_settings()
    env_url = os.environ.get("PORTAL_DATABASE_URL")
    if env_url:
        settings["sqlalchemy.url"] = env_url
    secret = settings.get("portal.secret") or os.environ.get("PORTAL_SECRET", "")
    demo = asbool(settings.get("portal.demo_data", False))
    if len(secret) < 32:
        raise ConfigurationError(
            "portal.secret (or PORTAL_SECRET) must be at least 32 random characters, "
            'for example: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
    if not demo and secret in KNOWN_DEVELOPMENT_SECRETS:
        raise ConfigurationError(
            "portal.secret is a development default; set a secret of your own (PORTAL_SECRET)"
        )
    settings["portal.secret"] = secret
    settings["portal.demo_data"] = demo
    settings["portal.https"] = asbool(settings.get("portal.https", False))
    settings["portal.hsts"] = asbool(settings.get("portal.hsts", False))
    settings["portal.static_dir"] = settings.get("portal.static_dir") or str(PROJECT_ROOT / "static")
    settings["portal.locale_dir"] = settings.get("portal.locale_dir") or str(PROJECT_ROOT / "locale")
    settings["portal.plugins"] = aslist(settings.get("portal.plugins", "*"))
    settings.setdefault("portal.default_timezone", "Europe/Sarajevo")
    settings["portal.login_max_failures"] = int(settings.get("portal.login_max_failures", 5))
    settings["portal.login_max_failures_per_ip"] = int(
        settings.get("portal.login_max_failures_per_ip", 20))
    settings["portal.login_lockout_seconds"] = int(settings.get("portal.login_lockout_seconds", 900))
    settings["portal.max_request_bytes"] = int(
        settings.get("portal.max_request_bytes", 8 * 1024 * 1024))
    settings["portal.session_hours"] = int(settings.get("portal.session_hours", 12))
