"""The centre kiosk: a touch screen shell, a JSON feed per language, a service worker.

The kiosk shows the panels that plugins register with ``config.add_kiosk_panel``, in order. A
panel is a callable ``panel(request, centre)`` returning data for its template, optionally with
``next_change_at`` (an aware datetime) when what it shows changes with the clock. Panel HTML
may mark elements with ``data-intervals="[[start, end], ...]"`` (epoch seconds): the kiosk shows
them only within those periods, even offline; ``data-priority="urgent"`` elements interrupt the
kiosk, large and high-contrast.
"""
import json
from pathlib import Path

from pyramid.i18n import make_localizer
from pyramid.path import AssetResolver
from pyramid.interfaces import ILocalizer, ITranslationDirectories
from pyramid.renderers import render
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from .caching import public_page
from .i18n import LANGUAGES, _, direction, forget_language, html_lang
from .models import Centre
from .navigation import shown_panels
from .views.pages import published_pages

NOT_AVAILABLE_OFFLINE = _("This language is not available offline yet. It will appear as soon as "
                          "the kiosk is connected again.")


def pages_panel(request, centre):
    """The centre's published information pages in the reader's language (with fallbacks)."""
    return {"pages": [{"id": page.id, "shown": shown}
                      for page, shown in published_pages(request, centre.id)]}


def kiosk_settings(request):
    settings = request.registry.settings
    return {"idle": int(settings.get("portal.kiosk_idle_seconds", 90)),
            "poll": int(settings.get("portal.kiosk_poll_seconds", 60))}


def labels(request):
    t = request.localizer.translate
    return {
        "choose": t(_("Choose your language")),
        "back": t(_("Languages")),
        "updated": t(_("Last updated")),
        "offline": t(_("No connection: showing what this kiosk saved.")),
        "urgent": t(_("Urgent")),
        "close": t(_("Close")),
        "empty": t(_("Nothing to show at the moment.")),
    }


@view_config(route_name="kiosk.index", request_method="GET", renderer="portal:templates/kiosk/index.jinja2",
             permission="view", decorator=public_page())
def kiosk_index(request):
    return {"centres": request.dbsession.scalars(
        select(Centre).where(Centre.active.is_(True)).order_by(Centre.name)).all()}


@view_config(route_name="kiosk.shell", request_method="GET", renderer="portal:templates/kiosk/shell.jinja2",
             permission="view", decorator=public_page())
def kiosk_shell(context, request):
    """The page a kiosk opens: the language picker, in every language at once, with what a
    language says while the kiosk has no copy of its feed and no network."""
    forget_language(request)  # even when opened with ?lang=xx
    choices = []
    for code, name in LANGUAGES.items():
        choices.append({
            "code": code, "name": name, "tag": html_lang(code), "dir": direction(code),
            "choose": translate_to(request, code, _("Choose your language")),
            "back": translate_to(request, code, _("Languages")),
            "unavailable": translate_to(request, code, NOT_AVAILABLE_OFFLINE),
        })
    return {"choices": choices, "settings": kiosk_settings(request)}


def translate_to(request, code, message):
    """``message`` in language ``code``, whatever the request's own language."""
    localizer = request.registry.queryUtility(ILocalizer, name=code)
    if localizer is None:
        localizer = make_localizer(code, request.registry.queryUtility(ITranslationDirectories))
        request.registry.registerUtility(localizer, ILocalizer, name=code)
    return localizer.translate(message)


@view_config(route_name="kiosk.feed", request_method="GET", permission="view", decorator=public_page())
def kiosk_feed(context, request):
    """Everything a kiosk shows in one language, with the moment it next changes by itself (None
    when it does not).

    The body says nothing about when it was made: an unchanged feed is the same bytes at every
    rendering, so its ETag stays and kiosks keep getting 304s. When a kiosk last heard from the
    server is its service worker's business (``X-Kiosk-Fetched-At``).
    """
    forget_language(request)
    centre = context.centre
    shown, next_change = shown_panels(request, request.registry.portal.kiosk_panels, centre)
    panels = [{"name": panel.name, "title": request.localizer.translate(panel.title),
               "html": render(panel.template, {"data": data, "centre": centre}, request=request)}
              for panel, data in shown]
    lang = request.locale_name
    feed = {
        "centre": {"slug": centre.slug, "name": centre.name, "timezone": centre.timezone},
        "lang": lang, "tag": html_lang(lang), "dir": direction(lang),
        "next_change_at": int(next_change.timestamp()) if next_change is not None else None,
        "labels": labels(request),
        "panels": panels,
    }
    # not renderer="json": Pyramid's escapes non-ASCII, up to tripling the bytes of Arabic text
    return Response(json.dumps(feed, ensure_ascii=False), content_type="application/json",
                    charset="utf-8")


@view_config(route_name="kiosk.worker", request_method="GET", renderer="portal:templates/kiosk/sw.js.jinja2",
             permission="view")
def service_worker(request):
    """Served from /kiosk/ so that it may control every kiosk page."""
    static_dir = Path(request.registry.settings["portal.static_dir"])
    files = [static_dir / name for name in ("kiosk/kiosk.css", "kiosk/kiosk.js", "css/fonts.css")]
    files += sorted((static_dir / "fonts").glob("*.woff2"))
    files += sorted((static_dir / "pictograms").glob("*.svg"))
    urls = [request.static_path(str(path)) for path in files]
    for assets in request.registry.portal.static:  # every enabled plugin's own assets
        folder = Path(AssetResolver().resolve(assets.spec).abspath())
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            files.append(path)
            urls.append(request.static_path(f"{assets.spec}/{path.relative_to(folder)}"))
    version = max(int(path.stat().st_mtime) for path in files)
    request.response.content_type = "application/javascript"
    request.response.headers["Cache-Control"] = "no-cache"
    return {"precache": urls, "version": version}
