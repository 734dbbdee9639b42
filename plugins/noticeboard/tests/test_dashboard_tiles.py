"""The notice board's tiles on the dashboards: where to propose, what waits per centre."""


def tile(response, name):
    return response.html.select_one(f'[data-tile="{name}"]')


def test_a_manager_is_led_to_the_notices_waiting_in_their_centre(testapp, login_as,
                                                                  make_notice):
    dashboard = login_as(testapp, "manager-usivak")
    assert tile(dashboard, "noticeboard.decisions") is None  # nothing waits
    make_notice("Bus to the hospital", state="submitted")
    waiting = tile(testapp.get("/dashboard?lang=en"), "noticeboard.decisions")
    assert "TRC Ušivak" in waiting.text and "1 notice is waiting" in waiting.text
    assert waiting.select_one("a")["href"] == "/noticeboard/usivak/manage?state=submitted"


def test_a_representative_is_led_to_propose_a_notice_where_the_board_is_on(testapp, login_as):
    propose = tile(login_as(testapp, "rep-usivak"), "noticeboard.propose")
    assert propose.select_one("a")["href"] == "/noticeboard/usivak/add"
    manager = testapp.__class__(testapp.app)
    login_as(manager, "manager-usivak")
    settings = manager.get("/centres/usivak/settings").forms["centre-plugins"]
    for box in settings.fields["checkbox"]:
        box.checked = box._value != "noticeboard"  # the manager turns the board off in Ušivak
    settings.submit("save")
    assert tile(testapp.get("/dashboard"), "noticeboard.propose") is None
