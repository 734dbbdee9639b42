"""The public election pages in Chromium at a phone's width (the kiosk's polling station is in
test_station_browser.py)."""
import pytest
from sqlalchemy import select

from portal.testing import axe_violations
from plugins.elections.models import Election

pytestmark = pytest.mark.browser
EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


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
