"""Every page in nine languages: lang/dir, complete catalogs, translated errors, Babel formats."""
import importlib
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pyramid.i18n import make_localizer
from pyramid.interfaces import ITranslationDirectories

from portal.i18n import LANGUAGES, Translator, direction, html_lang
from portal.templating import TemplateAPI

from .test_permissions import EXPECTED
from .test_permissions import ids  # noqa: F401  (a fixture used below)

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = [code for code in LANGUAGES if code != "en"]
RTL = {"ar", "fa", "fa_AF", "ps", "ur"}
PLACEHOLDER = re.compile(r"\$\{\w+\}")


def catalog(path):
    with open(path, "rb") as handle:
        return read_po(handle)


def package_pot(package, domain):
    return catalog(Path(importlib.import_module(package).__file__).parent / "locale"
                   / f"{domain}.pot")


TEMPLATES = {
    "portal": catalog(ROOT / "locale" / "portal.pot"),
    "noticeboard": catalog(ROOT / "plugins" / "noticeboard" / "locale" / "noticeboard.pot"),
    "activities": catalog(ROOT / "plugins" / "activities" / "locale" / "activities.pot"),
    "deform": package_pot("deform", "deform"),
    "colander": package_pot("colander", "colander"),
}
#: where each domain's translations live: a plugin keeps its catalogs in its own package
CATALOG_DIRS = {"noticeboard": ROOT / "plugins" / "noticeboard" / "locale",
                "activities": ROOT / "plugins" / "activities" / "locale"}


def msgids(template):
    return [m.id for m in template if m.id]


@pytest.mark.parametrize("lang", TRANSLATED)
@pytest.mark.parametrize("domain", list(TEMPLATES))
def test_catalog_is_complete_and_keeps_placeholders(lang, domain):
    folder = CATALOG_DIRS.get(domain, ROOT / "locale")
    translations = catalog(folder / lang / "LC_MESSAGES" / f"{domain}.po")
    problems = []
    for msgid in msgids(TEMPLATES[domain]):
        message = translations.get(msgid)
        strings = () if message is None else (
            message.string if isinstance(message.string, tuple) else (message.string,))
        singular = msgid[0] if isinstance(msgid, tuple) else msgid
        if not strings or not all(strings) or message.fuzzy:
            problems.append(f"untranslated: {singular}")
            continue
        wanted = set(PLACEHOLDER.findall(singular))
        if not isinstance(msgid, tuple) and set(PLACEHOLDER.findall(strings[0])) != wanted:
            problems.append(f"placeholders differ: {singular}")
        if strings[0] == singular and re.search("[A-Za-z]{4}", singular):
            problems.append(f"English copy: {singular}")
    assert problems == []


def test_rtl_languages_per_babel():
    assert {code for code in LANGUAGES if direction(code) == "rtl"} == RTL


def admin_pages():
    return [template for cases in EXPECTED.values() for template, expected in cases
            if expected["admin"] == 200]


def declared_lang(element):
    holder = element if element.has_attr("lang") else element.find_parent(attrs={"lang": True})
    return holder["lang"] if holder is not None else None


def visible_strings(html):
    """Text shown in the page's own language (text marked with another ``lang`` is skipped)."""
    page_lang = html.select_one("html")["lang"]
    for element in html.select("body *"):
        if declared_lang(element) != page_lang:
            continue
        for child in element.find_all(string=True, recursive=False):
            if child.strip() and child.parent.name not in ("script", "style"):
                yield child.strip()
        for attribute in ("aria-label", "placeholder", "title"):
            if element.get(attribute):
                yield element[attribute].strip()


ENGLISH = {m for domain in ("portal", "noticeboard") for m in msgids(TEMPLATES[domain])
           if isinstance(m, str) and not PLACEHOLDER.search(m)}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_page_has_lang_dir_and_no_untranslated_text(testapp, login_as, lang, ids):
    login_as(testapp, "admin")
    leftovers = {}
    for template in admin_pages():
        url = template.format(**ids)
        response = testapp.get(url, {"lang": lang})
        if response.content_type != "text/html":
            continue  # feeds: tested with the plugin
        html = response.html
        root = html.select_one("html")
        assert (root["lang"], root["dir"]) == (html_lang(lang), direction(lang)), url
        if lang != "en":
            english = [text for text in visible_strings(html) if text in ENGLISH]
            if english:
                leftovers[url] = english
    assert leftovers == {}


def test_form_errors_in_arabic_keep_what_was_typed(testapp, login_as):
    login_as(testapp, "admin")
    form = testapp.get("/admin/centres/add", {"lang": "ar"}).forms["deform"]
    form["name"], form["slug"] = "", "Not A Slug!"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    errors = [p.get_text(strip=True) for p in response.html.select(".invalid-feedback")]
    assert len(errors) == 2
    assert all(re.search("[\u0600-\u06FF]", error) for error in errors), errors
    assert not any(re.search("[A-Za-z]{3}", error) for error in errors), errors
    assert response.forms["deform"]["slug"].value == "Not A Slug!"


# -- negotiation ---------------------------------------------------------------------------

def html_attrs(response):
    root = response.html.select_one("html")
    return root["lang"], root["dir"]


def test_explicit_choice_is_remembered_in_a_cookie(testapp):
    assert html_attrs(testapp.get("/", {"lang": "ps"})) == ("ps", "rtl")
    assert testapp.cookies["portal_lang"] == "ps"
    assert html_attrs(testapp.get("/")) == ("ps", "rtl")


@pytest.mark.parametrize("url", ["/kiosk/usivak?lang=ar", "/kiosk/usivak/feed.json?lang=ps"])
def test_the_kiosk_never_remembers_a_language(testapp, url):
    for reader in (testapp, testapp.__class__(testapp.app)):  # rendered, then the stored copy
        response = reader.get(url)
        assert "Set-Cookie" not in response.headers
        assert reader.cookies == {}
    assert testapp.get("/kiosk/usivak").html.select_one("html")["lang"] == "en"


def test_the_kiosk_carries_in_every_language_what_it_says_without_a_feed(testapp):
    buttons = {b["data-lang"]: b for b in
               testapp.get("/kiosk/usivak").html.select("button.kiosk-language")}
    english = buttons.pop("en")
    assert english["data-unavailable"].startswith("This language is not available offline")
    assert english["data-back"] == "Languages"
    for lang, button in buttons.items():  # translated in every catalog
        assert button["data-unavailable"] != english["data-unavailable"], lang
        assert button["data-back"] != english["data-back"], lang


def test_a_stored_page_still_remembers_a_readers_choice(testapp):
    testapp.get("/noticeboard/usivak/?lang=ur")
    other = testapp.__class__(testapp.app)  # a second reader gets the stored copy
    assert html_attrs(other.get("/noticeboard/usivak/?lang=ur")) == ("ur", "rtl")
    assert other.cookies["portal_lang"] == "ur"


def test_accept_language_is_used_without_a_choice(testapp):
    response = testapp.get("/", headers={"Accept-Language": "de, fa-AF;q=0.9, en;q=0.5"})
    assert html_attrs(response) == ("fa-AF", "rtl")
    assert html_attrs(testapp.get("/", headers={"Accept-Language": "bs-BA"})) == ("bs", "ltr")
    assert "portal_lang" not in testapp.cookies  # nothing is stored without a choice


def test_profile_language_applies_after_login(testapp, login_as, dbsession, make_user):
    make_user("amina", role="community_rep", centre="usivak", language="bn")
    login_as(testapp, "amina")
    assert html_attrs(testapp.get("/")) == ("bn", "ltr")


@pytest.mark.parametrize("code", ["xx", "../../etc", "a" * 200, "ar_XX_YY", ""])
def test_unknown_language_codes_fall_back_to_the_default(testapp, code):
    response = testapp.get("/", {"lang": code})
    assert response.status_int == 200 and html_attrs(response) == ("en", "ltr")


# -- plurals and formats -------------------------------------------------------------------

def translator(app, lang):
    dirs = app.registry.queryUtility(ITranslationDirectories)
    return Translator(make_localizer(lang, dirs), ["portal"])


@pytest.mark.parametrize("lang,numbers,forms", [
    ("ar", [0, 1, 2, 3, 11, 100], 6),
    ("bs", [1, 2, 5], 3),
    ("fr", [1, 2, 1000000], 3),
    ("ur", [1, 2], 2),
])
def test_plural_forms_per_language(app, lang, numbers, forms):
    t = translator(app, lang)
    results = {t.ngettext("${n} person", "${n} people", n) for n in numbers}
    assert len(results) == forms
    assert not any(re.search(r"\b(person|people)\b", r) for r in results)


def test_dates_are_formatted_in_the_centres_time_zone(dummy_request):
    summer = datetime(2026, 7, 1, 10, 0, tzinfo=timezone.utc)
    winter = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)
    dummy_request.locale_name = "bs"
    api = TemplateAPI(dummy_request, context=object())
    assert "12:00" in api.format_datetime(summer, "short")  # CEST, UTC+2
    assert "11:00" in api.format_datetime(winter, "short")  # CET, UTC+1
    assert api.format_number(1234.5) == "1.234,5"


def test_messages_with_placeholders_fall_back_to_the_portal_domain(app):
    """A plugin's template asks its own domain first; a core message with a placeholder must
    still come out of the core's catalog, not in English."""
    dirs = app.registry.queryUtility(ITranslationDirectories)
    t = Translator(make_localizer("ar", dirs), ["noticeboard", "portal"])
    assert [t.ngettext("${n} person", "${n} people", n) for n in (1, 2, 3, 11)] == \
        ["شخص واحد", "شخصان", "3 أشخاص", "11 شخصًا"]
    assert t.gettext("Too many failed attempts. Try again in ${minutes} minutes.",
                     minutes=5) == "محاولات فاشلة كثيرة. حاول مرة أخرى بعد 5 دقيقة."
    # the plugin's own messages still come from the plugin's catalog
    assert "3" in t.ngettext("${n} notice is waiting for a decision.",
                             "${n} notices are waiting for a decision.", 3)
    assert "notice" not in t.ngettext("${n} notice is waiting for a decision.",
                                      "${n} notices are waiting for a decision.", 3)
    # English has no catalog: the msgid, filled in
    english = Translator(make_localizer("en", dirs), ["noticeboard", "portal"])
    assert english.ngettext("${n} person", "${n} people", 3) == "3 people"


def test_the_language_menu_escapes_the_address_it_links_to():
    from portal.templating import language_menu
    menu = str(language_menu("ar", '/centres/x?q="><script>alert(1)</script>&lang='))
    assert "<script>" not in menu and "&#34;&gt;&lt;script&gt;" in menu
    assert menu.count("<li") == 9 and menu.count('aria-current="true"') == 1
    assert 'hreflang="fa-AF"' in menu and 'lang=fa_AF"' in menu
