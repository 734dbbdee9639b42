"""The kiosk's polling station in Chromium at 1080x1920: opened from the kiosk's elections
panel, a ranked ballot in Pashto from code to receipt (axe-core at each step), the receipt going
back to the kiosk's language picker with a new CSRF token; a dropped network in English, told
plainly with nothing cast; the panel in Arabic and offline."""
import pytest
from sqlalchemy import select

from portal.testing import axe_violations
from plugins.elections.models import Ballot, VotingCode

pytestmark = pytest.mark.browser
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")
PORTRAIT = {"width": 1080, "height": 1920}


def open_elections_panel(page, live_server, lang):
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{live_server}/kiosk/usivak")
    page.click(f'button.kiosk-language[data-lang="{lang}"]')
    page.wait_for_selector('#panels .kiosk-panel[data-panel="elections"]', state="attached")
    if page.is_visible("#urgent"):
        page.click("#urgent-close")
    tabs = page.locator(".kiosk-tab")
    names = page.eval_on_selector_all("#panels .kiosk-panel", "s => s.map(p => p.dataset.panel)")
    tabs.nth(names.index("elections")).click()
    return page.locator('#panels .kiosk-panel[data-panel="elections"]')


def csrf_cookie(page):
    return [c["value"] for c in page.context.cookies() if "csrf" in c["name"].lower()]


def test_a_ranked_ballot_in_pashto_at_the_kiosk_polling_station(live_server, page, voting):
    contest_id, candidates, code = voting
    page.clock.install()  # the receipt's return is run by hand below, never waited for
    panel = open_elections_panel(page, live_server, "ps")
    page.locator(".el-station-link").first.click()
    page.wait_for_url(f"**/elections/usivak/station/{contest_id}?lang=ps")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ps"
    assert page.locator(".portal-header").count() == 0  # nothing to wander off to
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    assert page.locator("#el-code").bounding_box()["height"] >= 72
    assert panel.count() == 0
    entries = page.evaluate("history.length")
    page.fill("#el-code", code)
    page.locator("button.el-next").click()

    # tap the third candidate, then the first: they get 1 and 2
    buttons = page.locator("button.el-card")
    buttons.first.wait_for()
    assert buttons.count() == 3
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    buttons.nth(2).click()
    buttons.nth(0).click()
    assert buttons.nth(2).locator(".el-tap-number").inner_text() == "1"
    assert buttons.nth(0).locator(".el-tap-number").inner_text() == "2"
    # the touch targets of a polling station: 72 px and more
    assert all(buttons.nth(i).bounding_box()["height"] >= 72 for i in range(3))
    assert page.locator("button.el-next").bounding_box()["height"] >= 72
    page.locator("button.el-next").click()

    review = page.locator(".el-review li")
    review.first.wait_for()
    assert review.count() == 2
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    before = csrf_cookie(page)
    page.locator("button.el-cast").click()

    page.locator(".el-tracker").wait_for()
    tracker = page.locator(".el-tracker").inner_text().strip()
    assert len(tracker) == 14
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    assert csrf_cookie(page) != before  # the next voter's forms get a token of their own
    # every step stayed on one page: nothing of this voter in the history
    assert page.evaluate("history.length") == entries

    page.clock.run_for(21_000)  # the receipt's 20 s
    page.wait_for_url(f"{live_server}/kiosk/usivak")
    page.locator("#picker").wait_for()
    assert page.locator(".el-tracker").count() == 0
    assert page.evaluate("history.length") == entries  # the station's entry was replaced

    def stored(dbsession):
        ballot = dbsession.scalars(select(Ballot).where(Ballot.tracker == tracker)).one()
        return ballot.contest_id, ballot.marks
    assert live_server.commit(stored) == (contest_id, f"{candidates[2]},{candidates[0]}")


def test_a_dropped_network_is_told_and_nothing_is_half_cast(live_server, page, voting):
    contest_id, candidates, code = voting
    page.set_viewport_size(PORTRAIT)
    page.goto(f"{live_server}/elections/usivak/station/{contest_id}?lang=en")
    page.fill("#el-code", code)
    page.locator("button.el-next").click()
    page.locator("button.el-card").first.wait_for()
    page.locator("button.el-card").nth(1).click()

    page.context.set_offline(True)
    page.locator("button.el-next").click()
    offline = page.locator("#el-offline")
    offline.wait_for()
    assert "not cast" in offline.inner_text()
    # the voter's choice is still on the screen
    assert page.locator("button.el-card").nth(1).get_attribute("aria-pressed") == "true"
    page.context.set_offline(False)
    page.locator("button.el-next").click()
    page.locator(".el-review li").first.wait_for()

    page.context.set_offline(True)
    page.locator("button.el-cast").click()
    page.locator("#el-offline").wait_for()
    assert "already used, your vote was counted" in page.locator("#el-offline").inner_text()

    def state(dbsession):
        ballots = dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest_id)).all()
        used = dbsession.scalars(select(VotingCode.used).where(
            VotingCode.contest_id == contest_id)).all()
        return len(ballots), sum(used)
    ballots, used = live_server.commit(state)
    page.context.set_offline(False)
    page.locator("button.el-cast").click()
    page.locator(".el-tracker").wait_for()
    assert live_server.commit(state) == (ballots + 1, used + 1)  # cast once, now


def test_the_elections_panel_at_the_kiosk_in_arabic_and_offline_in_english(live_server, page,
                                                                            voting):
    page.clock.install()
    panel = open_elections_panel(page, live_server, "ar")
    assert page.locator("html").get_attribute("dir") == "rtl"
    link = panel.locator(".el-station-link").first
    assert link.is_visible()
    assert link.bounding_box()["height"] >= 72
    assert panel.locator(".el-station-offline").is_hidden()
    assert axe_violations(page, impacts=EVERY_IMPACT) == []

    page.click("#back")
    panel = open_elections_panel(page, live_server, "en")
    assert "Vote here" in panel.locator(".el-station-link").first.inner_text()
    page.context.set_offline(True)
    page.clock.run_for(61_000)  # the kiosk's next poll finds no network
    page.wait_for_selector("body.kiosk-is-offline")
    assert panel.locator(".el-station-link").first.is_hidden()
    assert "needs the network" in panel.locator(".el-station-offline").inner_text()
    page.context.set_offline(False)
