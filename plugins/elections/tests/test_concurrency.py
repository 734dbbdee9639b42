"""Voters at many kiosks at once, through real HTTP (waitress, several threads), on the test
database (SQLite or PostgreSQL): no ballot is lost or counted twice, and a code used from two
kiosks at the same moment votes once."""
import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select

from portal.api import Centre, utcnow
from plugins.elections.codes import generate
from plugins.elections.models import Ballot, Candidate, Contest, Election, VotingCode

VOTERS = 24


@pytest.fixture
def served(app):
    """The session's portal served by waitress, committing for real; data removed after."""
    from waitress.server import create_server

    from portal.api import Base  # noqa: F401  (models are mapped)
    factory = app.registry["dbsession_factory"]
    with factory() as session:
        centre = session.scalars(select(Centre).where(Centre.slug == "usivak")).one()
        now = utcnow()
        election = Election(centre_id=centre.id, source_language="en",
                            nominations_open=now - timedelta(days=9),
                            nominations_close=now - timedelta(days=8),
                            voting_open=now - timedelta(hours=1),
                            voting_close=now + timedelta(hours=1))
        election.set_text("en", title="Concurrent")
        contest = Contest(source_language="en", seats=1, method="scottish-stv")
        contest.set_text("en", title="Concurrent vote")
        election.contests.append(contest)
        for name, symbol in (("A", "sun"), ("B", "moon"), ("C", "star")):
            candidate = Candidate(source_language="en", name=name, symbol=symbol)
            candidate.set_text("en", statement="")
            contest.candidates.append(candidate)
        session.add(election)
        session.flush()
        codes = generate(session, app.registry.settings, contest, VOTERS)
        ids = (election.id, contest.id, [c.id for c in contest.candidates])
        session.commit()
    server = create_server(app, host="127.0.0.1", port=0, threads=8)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}", ids, codes
    server.close()
    with factory() as session:
        session.execute(delete(Election).where(Election.id == ids[0]))
        session.commit()


def vote(base, contest_id, code, ranking):
    """One voter's browser: open the page (its CSRF cookie), then the three steps."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    url = f"{base}/elections/usivak/vote/{contest_id}"
    try:
        page = opener.open(url).read().decode()
    except urllib.error.HTTPError as error:
        return f"GET {error.code} {error.read()[:300]}"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    marks = {f"rank-{cid}": str(position) for position, cid in enumerate(ranking, 1)}
    for step in ("code", "review", "cast"):
        data = urllib.parse.urlencode({"csrf_token": token, "code": code, "step": step,
                                       **marks}).encode()
        try:
            page = opener.open(url, data).read().decode()
        except urllib.error.HTTPError as error:
            return error.read().decode()
    return page


def test_no_ballot_is_lost_or_duplicated_when_kiosks_vote_at_once(served, app):
    base, (election_id, contest_id, candidate_ids), codes = served
    results = [None] * (VOTERS + 4)
    # every code once, and four codes typed at a second kiosk at the same time
    jobs = [(code, candidate_ids[i % 3:] + candidate_ids[:i % 3]) for i, code in
            enumerate(codes)] + [(codes[i], [candidate_ids[0]]) for i in range(4)]

    def run(index):
        code, ranking = jobs[index]
        results[index] = vote(base, contest_id, code, ranking)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    trackers = [m.group(1) for page in results
                for m in [re.search(r'class="el-tracker"><bdi dir="ltr">([^<]+)<', page or "")]
                if m]
    with app.registry["dbsession_factory"]() as session:
        stored = session.scalars(select(Ballot.tracker).where(
            Ballot.contest_id == contest_id)).all()
        used = session.scalar(select(func.count()).select_from(VotingCode).where(
            VotingCode.contest_id == contest_id, VotingCode.used.is_(True)))

    def text(page):
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page or ""))

    # a code typed at two kiosks at once: either kiosk may win, the other is told why
    winners = [[page for page in (results[i], results[VOTERS + i] if i < 4 else None)
                if "el-tracker" in (page or "")] for i in range(VOTERS)]
    assert all(len(won) == 1 for won in winners), [
        text(results[i])[-400:] for i, won in enumerate(winners) if len(won) != 1][:3]
    losers = [results[VOTERS + i] if winners[i][0] is results[i] else results[i]
              for i in range(4)]
    assert all("already used" in text(page) for page in losers), [
        text(page)[-400:] for page in losers]
    assert len(stored) == VOTERS == used  # each code voted exactly once
    assert sorted(stored) == sorted(trackers)  # every receipt is a stored ballot, none twice
    assert len(set(stored)) == VOTERS
