"""The ``api`` object every template receives (as Kotti's), plus per-domain ``_``/``ngettext``."""
import os
from urllib.parse import quote_plus, urlencode
from datetime import datetime
from functools import cached_property, lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from markupsafe import Markup
from pyramid.csrf import get_csrf_token
from pyramid.events import BeforeRender

from .i18n import LANGUAGES, Translator, babel_locale, direction, html_lang
from .navigation import known_path, visible_nav_items
from .notifications import unread_count
from .rendering import linkify


# the same for every page with the same address: written once (it was a sixth of rendering an
# uncached home page); bounded, as addresses come from readers
@lru_cache(maxsize=4096)
def language_menu(current, url_prefix):
    item = Markup('<li class="list-inline-item"><a href="{}" lang="{}" dir="{}" hreflang="{}"'
                  '{}>{}</a></li>')
    chosen = Markup(' aria-current="true" class="fw-bold"')
    return Markup("\n").join(
        item.format(url_prefix + quote_plus(code), html_lang(code), direction(code),
                    html_lang(code), chosen if code == current else "", name)
        for code, name in LANGUAGES.items())


@lru_cache(maxsize=4096)  # a page shows the same few dates (when it changed) to many readers
def formatted_datetime(value, format, timezone, lang):
    return format_datetime(value, format=format, tzinfo=timezone, locale=babel_locale(lang))


class TemplateAPI:
    def __init__(self, request, context=None):
        self.request = request
        self.context = context if context is not None else request.context
        self.settings = request.registry.settings

    # -- language and direction ----------------------------------------------------------------
    @cached_property
    def lang(self):
        return self.request.locale_name

    @property
    def html_lang(self):
        return html_lang(self.lang)

    @property
    def dir(self):
        return direction(self.lang)

    @property
    def languages(self):
        return [
            {"code": code, "name": name, "tag": html_lang(code), "dir": direction(code),
             "current": code == self.lang}
            for code, name in LANGUAGES.items()
        ]

    @property
    def language_name(self):
        return LANGUAGES.get(self.lang, self.lang)

    @property
    def language_menu(self):
        """The header's links to this page in every language (``<li>`` items)."""
        return language_menu(self.lang, self._language_url_prefix)

    @cached_property
    def _language_url_prefix(self):
        request = self.request
        path = request.path if request.matched_route else request.route_path("home")
        query = urlencode([(k, v) for k, v in request.GET.items() if k != "lang"])
        return f"{path}?{query}&lang=" if query else f"{path}?lang="

    def language_url(self, code):
        """This page in language ``code`` (its other query parameters kept)."""
        return self._language_url_prefix + quote_plus(code)

    # -- urls and assets -----------------------------------------------------------------------
    def static(self, path):
        """URL of a core asset (``css/portal.css``) or a plugin's (``pkg:static/file.css``)."""
        # the same for every request under one script name: worked out once
        known = self.request.registry.setdefault("portal.static_urls", {})
        key = (self.request.script_name, path)
        url = known.get(key)
        if url is None:
            spec = path if ":" in path else os.path.join(self.settings["portal.static_dir"], path)
            url = known[key] = self.request.static_path(spec)
        return url

    @property
    def bootstrap_css(self):
        name = "bootstrap.rtl.min.css" if self.dir == "rtl" else "bootstrap.min.css"
        return self.static(f"vendor/bootstrap/{name}")

    def url(self, route_name, *elements, **kw):
        return known_path(self.request, route_name, *elements, **kw)

    # -- people and permissions ----------------------------------------------------------------
    @property
    def user(self):
        return self.request.user

    def has_permission(self, permission, context=None):
        return bool(self.request.has_permission(permission,
                                                context if context is not None else self.context))

    @property
    def centre(self):
        return getattr(self.context, "centre", None)

    @cached_property
    def unread_count(self):
        """The reader's unread notifications (the header's inbox link shows it)."""
        return unread_count(self.request)

    @cached_property
    def nav_items(self):
        return visible_nav_items(self.request, self.context)

    @cached_property
    def flash_messages(self):
        return self.request.pop_flash()

    @property
    def csrf_token(self):
        return get_csrf_token(self.request)

    # -- formatting in the centre's time zone --------------------------------------------------
    @property
    def timezone(self):
        centre = self.centre
        return ZoneInfo(getattr(centre, "timezone", None) or self.settings["portal.default_timezone"])

    def format_datetime(self, value, format="medium"):
        if value is None:
            return ""
        return formatted_datetime(value, format, self.timezone, self.lang)

    def format_date(self, value, format="medium"):
        if value is None:
            return ""
        if isinstance(value, datetime):
            value = value.astimezone(self.timezone).date()
        return format_date(value, format=format, locale=babel_locale(self.lang))

    def format_time(self, value, format="short"):
        return format_time(value, format=format, tzinfo=self.timezone,
                           locale=babel_locale(self.lang))

    def format_number(self, value):
        return format_decimal(value, locale=babel_locale(self.lang))

    def translate(self, value):
        return self.request.localizer.translate(value)

    def translator(self, plugin):
        """``gettext``/``ngettext`` of a plugin's domain, for templates it contributes."""
        domains = [plugin, "portal"] if plugin != "portal" else ["portal"]
        return Translator(self.request.localizer, domains)


def template_domains(registry, renderer_name):
    """Gettext domains for a template: its plugin's first, then ``portal``."""
    package = (renderer_name or "").partition(":")[0]
    packages = registry.portal.packages
    while package and package not in packages:
        package = package.rpartition(".")[0]
    plugin = packages.get(package, "portal")
    return [plugin, "portal"] if plugin != "portal" else ["portal"]


def add_renderer_globals(event):
    request = event.get("request")
    if request is None:
        return
    if "api" not in event:
        event["api"] = TemplateAPI(request, event.get("context"))
    translator = Translator(request.localizer,
                            template_domains(request.registry, event.get("renderer_name")))
    event["_"] = event["gettext"] = translator.gettext
    event["ngettext"] = translator.ngettext


def includeme(config):
    config.include("pyramid_jinja2")
    config.add_jinja2_renderer(".jinja2")

    def add_filters():  # once pyramid_jinja2 has made the environment
        config.get_jinja2_environment(".jinja2").filters["linkify"] = linkify

    config.action(None, add_filters, order=999)
    config.add_subscriber(add_renderer_globals, BeforeRender)
