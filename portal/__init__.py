"""participation-portal: a plugin host for community structures in reception centres."""
from pyramid.config import Configurator

from .caching import CachedPagesApp
from .headers import SecurityHeaders
from .wsgi import RefuseBadRequests


def main(global_config, **settings):
    """The WSGI application factory named by ``use = egg:participation-portal``."""
    with Configurator(settings=settings) as config:
        config.include("portal")
    router = config.make_wsgi_app()
    return SecurityHeaders(RefuseBadRequests(CachedPagesApp(router), router))


def includeme(config):
    """Set up the core, then include the enabled plugins (see :mod:`portal.plugins`)."""
    config.include(".settings")
    config.include(".directives")
    config.include(".security")
    config.include(".models")
    config.include(".request")
    config.include(".i18n")
    config.include(".templating")
    config.include(".forms")
    config.include(".caching")
    config.include(".wsgi")
    config.include(".headers")
    config.include(".core")
    config.include(".notifications")
    config.include(".plugins")
