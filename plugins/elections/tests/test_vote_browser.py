"""A voter casts a ranked (STV) ballot in Pashto at a kiosk in polling-station mode: code,
tapping candidates in order, review, receipt with a tracker; each step passes axe-core."""
import pytest
from sqlalchemy import select

from portal.testing import axe_violations
from plugins.elections.codes import generate
from plugins.elections.models import Ballot, Election
from plugins.elections.phases import VOTING, phase

pytestmark = pytest.mark.browser
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


@pytest.fixture
def voting(live_server):
    """The demo election voting now in Ušivak, with a fresh code."""
    def find(dbsession):
        elections = dbsession.scalars(select(Election)).all()
        election = [e for e in elections if e.centre.slug == "usivak" and phase(e) == VOTING][0]
        contest = election.contests[0]
        (code,) = generate(dbsession, live_server.app.registry.settings, contest, 1)
        return contest.id, [c.id for c in contest.candidates], code
    return live_server.commit(find)


def test_a_ranked_ballot_in_pashto_at_the_kiosk(live_server, page, voting):
    contest_id, candidates, code = voting
    page.set_viewport_size({"width": 1080, "height": 1920})
    page.goto(f"{live_server}/elections/usivak/vote/{contest_id}?station=1&lang=ps")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ps"
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    page.fill("#el-code", code)
    page.locator("button.el-next").click()

    # tap the third candidate, then the first: they get 1 and 2
    buttons = page.locator("button.el-card")
    buttons.first.wait_for()  # made by vote.js once the page has loaded
    assert buttons.count() == 3
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    buttons.nth(2).click()
    buttons.nth(0).click()
    assert buttons.nth(2).get_attribute("aria-pressed") == "true"
    assert buttons.nth(2).locator(".el-tap-number").inner_text() == "1"
    assert buttons.nth(0).locator(".el-tap-number").inner_text() == "2"
    # the touch targets of a kiosk: at least 48 px high
    assert all(buttons.nth(i).bounding_box()["height"] >= 48 for i in range(3))
    page.locator("button.el-next").click()

    review = page.locator(".el-review li")
    review.first.wait_for()
    assert review.count() == 2
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    page.locator("button.el-cast").click()

    page.locator(".el-tracker").wait_for()
    tracker = page.locator(".el-tracker").inner_text().strip()
    assert len(tracker) == 14
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    assert page.locator(".el-next-voter").is_visible()

    def stored(dbsession):
        ballot = dbsession.scalars(select(Ballot).where(Ballot.tracker == tracker)).one()
        return ballot.contest_id, ballot.marks
    assert live_server.commit(stored) == (
        contest_id, f"{candidates[2]},{candidates[0]}")


def test_the_public_election_pages_pass_axe_at_360_px(live_server, page):
    def finished(dbsession):
        elections = dbsession.scalars(select(Election)).all()
        election = [e for e in elections if e.centre.slug == "usivak" and e.results_published][0]
        return election.id, election.contests[0].id
    election, contest = live_server.commit(finished)
    page.set_viewport_size({"width": 360, "height": 740})
    for path in (f"/elections/usivak/{election}/?lang=en",
                 f"/elections/usivak/vote/{contest}/results?lang=ar",
                 f"/elections/usivak/vote/{contest}/trackers?lang=ur",
                 "/elections/usivak/roster?lang=fa", "/elections/usivak/?lang=bn"):
        page.goto(live_server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
        assert axe_violations(page, impacts=EVERY_IMPACT) == [], path
