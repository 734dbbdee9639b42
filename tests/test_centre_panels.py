"""The centre page shows what is on now from every plugin, through ``config.add_centre_panel``."""
import pytest
from pyramid.config import Configurator
from pyramid.exceptions import ConfigurationConflictError
from sqlalchemy import select

from portal.models import Centre, CentrePluginSetting
from portal.testing import statements_run

from .test_plugins import set_plugin


def test_panels_are_registered_in_their_order_whoever_registers_them(app):
    assert [(p.name, p.plugin) for p in app.registry.portal.centre_panels] == [
        ("noticeboard.current", "noticeboard"), ("activities", "activities"),
        ("minutes.meetings", "minutes"), ("elections", "elections"), ("hello", "hello"),
        ("portal.pages", "portal")]
    introspected = {item["introspectable"].discriminator: item["introspectable"]["plugin"]
                    for item in app.registry.introspector.get_category("portal centre panels")}
    assert introspected == {"noticeboard.current": "noticeboard", "activities": "activities",
                            "minutes.meetings": "minutes", "elections": "elections",
                            "hello": "hello", "portal.pages": "portal"}


def test_two_panels_claiming_one_name_fail_at_startup():
    config = Configurator(settings={})
    config.include("portal.directives")

    def first(config):
        config.add_centre_panel("news", "News", lambda request, centre: {}, "a.jinja2")

    def second(config):
        config.add_centre_panel("news", "News", lambda request, centre: {}, "b.jinja2")

    config.include(first)
    config.include(second)
    with pytest.raises(ConfigurationConflictError):
        config.commit()


def test_the_centre_page_shows_each_plugins_panel_in_order(testapp):
    page = testapp.get("/centres/usivak?lang=en").html
    assert [s["data-panel"] for s in page.select("[data-panel]")] == [
        "noticeboard.current", "activities", "minutes.meetings", "elections", "hello",
        "portal.pages"]
    titles = [s.h2.text for s in page.select("[data-panel]")]
    assert titles == ["Current notices", "Activities", "Dialogue meetings", "Elections",
                      "Greetings", "Information pages"]
    assert "Welcome to TRC Ušivak" in page.select_one('[data-panel="hello"]').text
    pages = page.select('[data-panel="portal.pages"] a')
    assert pages and all(a["href"].startswith("/content/") for a in pages)


def test_panels_speak_the_readers_language_with_their_plugins_catalog(testapp):
    page = testapp.get("/centres/usivak?lang=ar").html
    assert page.select_one('[data-panel="noticeboard.current"] h2').text == "الإعلانات الحالية"
    assert page.select_one('[data-panel="portal.pages"] h2').text == "صفحات المعلومات"


def test_a_plugin_turned_off_for_the_centre_leaves_its_panel_out(testapp, login_as):
    reader = testapp.__class__(testapp.app)
    assert reader.get("/centres/usivak").html.select_one('[data-panel="hello"]') is not None
    login_as(testapp, "manager-usivak")
    set_plugin(testapp, "hello", False)
    for client in (testapp, reader):  # staff, and anonymous readers (cached page invalidated)
        page = client.get("/centres/usivak").html
        assert page.select_one('[data-panel="hello"]') is None
        assert page.select_one('[data-panel="noticeboard.current"]') is not None
    assert reader.get("/centres/blazuj").html.select_one('[data-panel="hello"]') is not None


def test_the_home_page_has_no_centre_panels(testapp):
    assert testapp.get("/").html.select("[data-panel]") == []


def test_the_home_page_links_only_the_centres_that_use_the_meetings(testapp, dbsession):
    home = testapp.get("/").text
    assert 'href="/minutes/usivak/"' in home and 'href="/minutes/blazuj/"' in home
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    usivak.disabled_plugins.append(CentrePluginSetting(plugin="minutes"))
    dbsession.flush()
    home = testapp.get("/").text
    assert 'href="/minutes/usivak/"' not in home and 'href="/minutes/blazuj/"' in home
    assert 'href="/centres/usivak"' in home  # the centre itself is still listed


def test_the_list_of_centres_is_read_again_only_after_a_change(testapp, dbsession, app):
    testapp.get("/")
    app.registry["page_cache"].clear()  # the page itself is rendered again
    pages = []
    statements = statements_run(app, lambda: pages.append(testapp.get("/").text))
    assert "TRC Ušivak" in pages[0]
    assert statements  # it was rendered (the change counters were read)
    assert not [s for s in statements if "FROM centres" in s]  # kept from the first read
    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    usivak.name = "TRC Ušivak (renamed)"
    dbsession.flush()  # bumps its change counter, as any write does
    assert "TRC Ušivak (renamed)" in testapp.get("/").text
