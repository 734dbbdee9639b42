from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.api import Centre, User, grant_local_role, utcnow
from plugins.elections.codes import generate
from plugins.elections.models import Candidate, Contest, Election
from plugins.elections.phases import VOTING, phase


@pytest.fixture
def centre(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def user(dbsession, username):
    return dbsession.scalars(select(User).where(User.username == username)).one()


@pytest.fixture
def make_election(dbsession, centre):
    """An election of Ušivak; ``voting`` says where now is: "open", "before", "after"."""

    def make(voting="open", method="scottish-stv", seats=1, names=("Amal", "Karim", "Huda"),
             reserved=0, officers=("protection-usivak",), centre=centre, women=()):
        now = utcnow()
        start = {"open": now - timedelta(hours=1), "before": now + timedelta(days=1),
                 "after": now - timedelta(days=2)}[voting]
        election = Election(centre_id=centre.id, source_language="en",
                            nominations_open=start - timedelta(days=14),
                            nominations_close=start - timedelta(days=7),
                            voting_open=start, voting_close=start + timedelta(days=1))
        election.set_text("en", title="Test election")
        contest = Contest(source_language="en", seats=seats, method=method,
                          reserved_seats=reserved)
        contest.set_text("en", title="Test vote")
        election.contests.append(contest)
        symbols = ["sun", "moon", "star", "tree", "boat", "fish"]
        for name, symbol in zip(names, symbols):
            candidate = Candidate(source_language="en", name=name, symbol=symbol,
                                  in_group=name in women)
            candidate.set_text("en", statement=f"I am {name}.")
            contest.candidates.append(candidate)
        dbsession.add(election)
        dbsession.flush()
        for username in officers:
            grant_local_role(dbsession, election, user(dbsession, username), "election_officer")
        dbsession.flush()
        return election

    return make


@pytest.fixture
def codes_for(dbsession, app):
    def make(contest, number=3):
        return generate(dbsession, app.registry.settings, contest, number)
    return make


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
