"""Residents hear of each phase through the core's announcements (the notice board shows them
in every language, each only during its phase), and see elections on the centre page and the
kiosk."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import utcnow
from plugins.elections.models import Election
from plugins.noticeboard.models import Notice


def test_a_new_election_announces_nominations_and_voting_at_their_times(testapp, dbsession,
                                                                       login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/elections/usivak/add").forms["deform"]
    form["title"] = "Representatives 2027"
    start = utcnow() + timedelta(days=2)
    for index, days in enumerate((0, 7, 14, 15)):
        form.set("date", (start + timedelta(days=days)).strftime("%Y-%m-%d"), index=index)
        form.set("time", "10:00", index=index)
    form.submit("save")
    election = dbsession.scalars(select(Election).order_by(Election.id.desc())).first()
    notices = {n.announcement_key: n for n in dbsession.scalars(select(Notice).where(
        Notice.announcement_key.like(f"elections:{election.id}:%")))}
    assert set(notices) == {f"elections:{election.id}:nominations",
                            f"elections:{election.id}:voting"}
    voting = notices[f"elections:{election.id}:voting"]
    assert (voting.valid_from, voting.valid_until) == (election.voting_open,
                                                       election.voting_close)
    assert voting.texts["en"].title == "Voting is open: Representatives 2027"
    assert voting.texts["ps"].title.endswith("Representatives 2027") and \
        voting.texts["ps"].title != voting.texts["en"].title
    assert len(voting.texts) == 9


def test_the_centre_page_and_the_kiosk_show_the_elections(testapp, dbsession):
    centre_page = testapp.get("/centres/usivak")
    assert "Community representatives 2026" in centre_page.text
    feed = testapp.get("/kiosk/usivak/feed.json?lang=ar").json
    panel = [p for p in feed["panels"] if p["name"] == "elections"][0]
    assert "ممثلو المجتمع 2026" in panel["html"]
    assert "el-panel-elected" in panel["html"]  # the finished election shows who was elected


def test_the_centres_elections_page_shows_who_was_elected(testapp, dbsession):
    from plugins.elections.results import elected_candidates
    finished = [e for e in dbsession.scalars(select(Election)).all()
                if e.centre.slug == "usivak" and e.results_published][0]
    names = [c.name for contest in finished.contests for c in elected_candidates(contest)]
    page = testapp.get("/elections/usivak/?lang=fr")
    shown = [n.get_text(strip=True) for n in page.html.select(".el-panel-elected .el-name")]
    assert names and shown == names
