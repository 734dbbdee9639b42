"""Plugins: discovery by entry point, the enable list, conflicts, per-centre switches."""
import sys
from pathlib import Path

import pytest
from pyramid.exceptions import ConfigurationConflictError, ConfigurationError
from pyramid.interfaces import IRoutesMapper

from portal import main
from portal.plugins import installed_plugins

from .conftest import FIXTURES, pip_install

ROOT = Path(__file__).resolve().parent.parent


def make_app(app_settings, dbengine, plugins):
    return main({}, **{**app_settings, "portal.plugins": plugins, "portal.dbengine": dbengine})


def test_third_party_plugin_page_and_nav_item_appear(testapp):
    """portal_example was built and installed as a distribution by tests/conftest.py."""
    page = testapp.get("/centres/usivak")
    link = page.html.select_one('a[data-nav="hello"]')
    assert link is not None and link["href"] == "/hello/usivak/"
    assert "Welcome to TRC Ušivak" in testapp.get("/hello/usivak/").text


def test_core_does_not_know_the_third_party_plugin():
    sources = [p.read_text() for p in (ROOT / "portal").rglob("*.py")]
    sources += [p.read_text() for p in (ROOT / "portal").rglob("*.jinja2")]
    assert not any("portal_example" in s or "hello" in s for s in sources)


def test_admin_plugins_page_lists_installed_plugins_with_versions(testapp, login_as):
    login_as(testapp, "admin")
    row = testapp.get("/admin/plugins").html.select_one('tr[data-plugin="hello"]')
    cells = [td.get_text(strip=True) for td in row.select("td")]
    assert cells[:4] == ["hello", "portal-example-plugin", "1.2.3", "Yes"]
    assert "Greetings" in cells[4]


def test_star_enables_every_installed_plugin(app):
    assert list(app.registry.portal.plugins) == list(installed_plugins())
    assert "hello" in app.registry.portal.plugins


def test_unknown_plugin_name_is_a_clear_startup_error(app_settings, dbengine):
    with pytest.raises(ConfigurationError, match="unknown plugin.*nosuchplugin.*installed: "):
        make_app(app_settings, dbengine, "hello nosuchplugin")


def test_plugins_can_be_left_out(app_settings, dbengine):
    bare = make_app(app_settings, dbengine, "")
    assert bare.registry.portal.plugins == {}
    routes = bare.registry.queryUtility(IRoutesMapper).get_routes()
    assert "hello.index" not in [route.name for route in routes]


@pytest.fixture
def clash_installed(tmp_path):
    target = tmp_path / "clash-site"
    pip_install(FIXTURES / "portal_clash", target)
    yield
    sys.path.remove(str(target))


def test_two_plugins_claiming_one_id_fail_naming_both(app_settings, dbengine, clash_installed):
    with pytest.raises(ConfigurationConflictError) as failure:
        make_app(app_settings, dbengine, "hello clash")
    message = str(failure.value)
    assert "portal.nav_item" in message and "'hello'" in message
    assert "portal_example" in message and "portal_clash" in message


def set_plugin(testapp, name, enabled):
    form = testapp.get("/centres/usivak/settings").forms["centre-plugins"]
    for box in form.fields["checkbox"]:  # deform names each box of a set "checkbox"
        if box._value == name:
            box.checked = enabled
    form.submit("save")


def test_centre_manager_turns_a_plugin_off_for_their_centre(testapp, login_as):
    login_as(testapp, "manager-usivak")
    set_plugin(testapp, "hello", False)
    assert testapp.get("/hello/usivak/", expect_errors=True).status_int == 404
    assert testapp.get("/centres/usivak").html.select_one('a[data-nav="hello"]') is None
    # other centres keep it
    assert testapp.get("/hello/blazuj/").status_int == 200
    assert testapp.get("/centres/blazuj").html.select_one('a[data-nav="hello"]') is not None
    # and it can be turned on again
    set_plugin(testapp, "hello", True)
    assert testapp.get("/hello/usivak/").status_int == 200


def test_plugin_tile_and_kiosk_panel_are_registered_in_order(app):
    portal = app.registry.portal
    assert [t.name for t in portal.tiles] == sorted(
        [t.name for t in portal.tiles], key=lambda n: next(t.order for t in portal.tiles
                                                             if t.name == n))
    assert [(p.name, p.plugin) for p in portal.kiosk_panels] == [
        ("noticeboard.notices", "noticeboard"), ("activities", "activities"), ("hello", "hello"),
        ("portal.pages", "portal")]
    assert portal.migrations["hello"] == "portal_example:migrations/versions"


def test_every_registration_is_an_introspectable(app):
    introspector = app.registry.introspector
    titles = {item["introspectable"].discriminator
              for item in introspector.get_category("portal roles")}
    assert titles == {"admin", "centre_manager", "community_rep", "partner",
                      "protection_officer", "translator"}
    nav = {item["introspectable"].discriminator: item["introspectable"]["plugin"]
           for item in introspector.get_category("portal nav items")}
    assert nav["hello"] == "hello" and nav["home"] == "portal"


def test_core_kiosk_panel_gives_pages_in_the_readers_language(dummy_request, dbsession, app):
    from sqlalchemy import select

    from portal.models import Centre

    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    panel = next(p for p in app.registry.portal.kiosk_panels if p.name == "portal.pages")
    dummy_request.locale_name = "ar"
    shown = panel.callable(dummy_request, usivak)["pages"][0]["shown"]
    assert (shown["lang"], shown["dir"], shown["fallback"]) == ("ar", "rtl", False)
    dummy_request.locale_name = "ps"  # no Pashto text: Persian is next in its chain
    shown = panel.callable(dummy_request, usivak)["pages"][0]["shown"]
    assert (shown["lang"], shown["fallback"]) == ("fa", True)


def test_a_view_without_permission_is_for_admins_only(app_settings, dbengine, client_for,
                                                      login_as):
    """Forgetting a permission fails closed (the default permission is "admin")."""
    from pyramid.config import Configurator

    with Configurator(settings={**app_settings, "portal.dbengine": dbengine}) as config:
        config.include("portal")
        config.add_route("forgotten", "/forgotten")
        config.add_view(lambda request: request.response, route_name="forgotten")
    client = client_for(config.make_wsgi_app())
    assert client.get("/forgotten", expect_errors=True).status_int == 303  # to the login page
    login_as(client, "manager-usivak")
    assert client.get("/forgotten", expect_errors=True).status_int == 403
    login_as(client, "admin")
    assert client.get("/forgotten").status_int == 200


def test_plugin_assets_and_catalogs_live_in_the_plugin(testapp):
    """The notice board's stylesheet is served from its package and precached by the kiosk;
    its messages come from its own catalog folder."""
    worker = testapp.get("/kiosk/sw.js").text
    assert "/noticeboard/static/noticeboard.css" in worker
    assert "/noticeboard/static/poster.css" in worker
    assert testapp.get("/noticeboard/static/noticeboard.css").status_int == 200
    assert not (ROOT / "static" / "noticeboard").exists()
    assert (ROOT / "plugins" / "noticeboard" / "locale" / "ar" / "LC_MESSAGES"
            / "noticeboard.po").exists()
    assert "الإعلانات" in testapp.get("/noticeboard/usivak/?lang=ar").text


def test_routes_are_recorded_as_their_plugins_own(app):
    owners = app.registry.portal.route_plugins
    assert owners["noticeboard.index"] == "noticeboard"
    assert owners["hello.index"] == "hello"
    assert "home" not in owners  # the core's


def test_categories_are_a_shared_core_vocabulary(app):
    from portal.api import categories, pictogram

    names = [c.name for c in categories(app.registry)]
    assert names[:3] == ["food", "health", "legal"] and "general" in names
    assert all(c.plugin == "portal" for c in categories(app.registry))
    assert pictogram(app.registry, "no-such-category").startswith("<svg")
