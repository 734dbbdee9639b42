"""Languages, locale negotiation, text direction and per-domain translation helpers."""
from functools import lru_cache

from babel import Locale
from pyramid.i18n import TranslationStringFactory, make_localizer
from pyramid.interfaces import ITranslationDirectories
from sqlalchemy.exc import SQLAlchemyError

_ = TranslationStringFactory("portal")

#: The shipped languages, in the order the language pickers show them, with their endonyms.
LANGUAGES = {
    "ar": "العربية",
    "fa": "فارسی",
    "fa_AF": "دری",
    "ps": "پښتو",
    "ur": "اردو",
    "bn": "বাংলা",
    "fr": "Français",
    "bs": "Bosanski",
    "en": "English",
}
LANGUAGE_COOKIE = "portal_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
#: set in the environ by pages that never remember a language (see :func:`forget_language`)
FORGET_LANGUAGE = "portal.forget_language"


def normalize(code):
    """``fa-af`` / ``FA_AF`` -> ``fa_AF``; None for anything that is not a shipped language."""
    if not code or len(code) > 10:
        return None
    lang, _sep, region = code.replace("-", "_").partition("_")
    candidate = lang.lower() + ("_" + region.upper() if region else "")
    return candidate if candidate in LANGUAGES else None


@lru_cache(maxsize=None)
def babel_locale(code):
    return Locale.parse(code)


@lru_cache(maxsize=None)  # every page asks, for each language it links to
def direction(code):
    return "rtl" if babel_locale(code).character_order == "right-to-left" else "ltr"


def html_lang(code):
    """The BCP 47 tag for ``lang`` attributes: ``fa_AF`` -> ``fa-AF``."""
    return code.replace("_", "-")


def fallback_chain(settings, code):
    """Languages to try, in order, when content has no text in ``code``."""
    return settings["portal.fallback_chains"].get(code, [])


def first_available(by_language, language, chain, source_language):
    """``(value, language)`` of the first language in ``language``, its fallback ``chain``,
    then the source language, that ``by_language`` holds; ``(None, language)`` if none."""
    for candidate in [language, *chain, source_language]:
        value = by_language.get(candidate)
        if value is not None:
            return value, candidate
    return None, language


def parse_fallbacks(value):
    chains = {}
    for item in (value or "").split():
        lang, _sep, rest = item.partition(":")
        lang = normalize(lang)
        if lang:
            chains[lang] = [code for code in map(normalize, rest.split(",")) if code]
    return chains


def negotiate_locale(request):
    """Explicit choice (``?lang=``, remembered in a cookie) > profile > Accept-Language > default."""
    chosen = normalize(request.GET.get("lang"))
    if chosen and request.cookies.get(LANGUAGE_COOKIE) != chosen:
        request.add_response_callback(remember_language(chosen))
    return choose_locale(request, request.registry.settings, user_language)


def user_language(request):
    try:
        user = request.user
    except SQLAlchemyError:  # the error page must render even when the database is down
        return None
    return user.language if user is not None else None


def choose_locale(request, settings, profile=None):
    """The negotiation itself, on any WebOb request; ``profile(request)`` gives the user's."""
    code = normalize(request.GET.get("lang")) or normalize(request.cookies.get(LANGUAGE_COOKIE))
    if not code and profile is not None:
        code = normalize(profile(request))
    if code:
        return code
    default = settings.get("pyramid.default_locale_name", "en")
    tags = [html_lang(code) for code in LANGUAGES]
    match = request.accept_language.lookup(language_tags=tags, default_tag=html_lang(default))
    return normalize(match) or default


def remember_language(code):
    """Remember a reader's choice on the pages they read; feeds and 304s set no cookie."""

    def callback(request, response):
        if remembers_language(request, response):
            set_language_cookie(response, code, request.registry.settings["portal.https"])

    return callback


def remembers_language(request, response):
    """Whether a ``?lang=`` choice on this page is kept in the language cookie."""
    return response.status_int == 200 and response.content_type == "text/html" and \
        not request.environ.get(FORGET_LANGUAGE)


def forget_language(request):
    """This page never keeps the reader's language: a kiosk's screen is everyone's, and the next
    reader starts from the language picker."""
    request.environ[FORGET_LANGUAGE] = True


@lru_cache(maxsize=64)
def language_cookie(code, secure):
    """The ``Set-Cookie`` value that keeps ``code`` (one of LANGUAGES). ``Max-Age`` without
    ``Expires``: one string serves every response, and cached pages answer without building
    a cookie each time."""
    return "; ".join([f"{LANGUAGE_COOKIE}={code}", f"Max-Age={COOKIE_MAX_AGE}", "Path=/",
                      "HttpOnly", "SameSite=Lax", *(["Secure"] if secure else [])])


def set_language_cookie(response, code, secure):
    response.headerlist.append(("Set-Cookie", language_cookie(code, secure)))


class Translator:
    """``gettext``/``ngettext`` for templates: a plugin's own domain first, then ``portal``.

    A domain is chosen by looking the msgid up in its catalog, before placeholders are filled:
    a filled-in text always differs from its msgid, so comparing afterwards would take the
    first domain for every message with a placeholder.
    """

    def __init__(self, localizer, domains):
        self.localizer = localizer
        self.domains = domains

    def _domain(self, found):
        """The first domain for which ``found(translations, domain)`` is true, else the last."""
        translations = self.localizer.translations
        for domain in self.domains[:-1]:
            if translations is not None and found(translations, domain):
                return domain
        return self.domains[-1]

    def gettext(self, msgid, mapping=None, **kw):
        mapping = {**(mapping or {}), **kw}
        translations = self.localizer.translations
        if not mapping and type(msgid) is str and translations is not None:
            # the common case (a plain text): a catalog lookup, without building a
            # TranslationString for the localizer
            for domain in self.domains:
                found = translations.dugettext(domain, msgid)
                if found != msgid:
                    return found
            return msgid
        domain = self._domain(lambda t, d: t.dugettext(d, msgid) != msgid)
        return self.localizer.translate(msgid, domain=domain, mapping=mapping or None)

    def ngettext(self, singular, plural, n, mapping=None, **kw):
        mapping = {"n": n, **(mapping or {}), **kw}
        domain = self._domain(
            lambda t, d: t.dungettext(d, singular, plural, n) not in (singular, plural))
        return self.localizer.pluralize(singular, plural, n, domain=domain, mapping=mapping)


def localizer_for(request, code):
    """A localizer for ``code`` (one of LANGUAGES), for text shown in a language that is not
    the reader's interface language (a preview of what residents read in that language): the
    request's own localizer, its language and the language cookie stay as they are."""
    if code == request.locale_name:
        return request.localizer
    localizers = request.registry.setdefault("portal.localizers", {})
    if code not in localizers:
        directories = request.registry.queryUtility(ITranslationDirectories, default=[])
        localizers[code] = make_localizer(code, directories)
    return localizers[code]


def translate(request, value):
    """Translate a TranslationString (or return a plain string unchanged)."""
    return request.localizer.translate(value)


def includeme(config):
    settings = config.get_settings()
    settings["portal.fallback_chains"] = parse_fallbacks(settings.get("portal.fallbacks"))
    config.set_locale_negotiator(negotiate_locale)
    # Later entries win: our catalogs complete deform's and colander's for the languages they lack.
    config.add_translation_dirs("colander:locale", "deform:locale", settings["portal.locale_dir"])
