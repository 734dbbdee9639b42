"""Through the pages as managers and officers use them: editing an election (dates, name, bad
input kept, who may), a by-election set up from the roster after a vacancy, and a tie that only
a random draw settles, shown in the published count report."""
import json
from datetime import timedelta

from sqlalchemy import select

from portal.api import utcnow
from plugins.elections.models import Election, Mandate

from .helpers import cast, tracker_of
from .test_running_an_election import close, counted_and_published


def set_dates(form, days, start):
    """The four date-time widgets of the election form, each a date and a time field."""
    for index, day in enumerate(days):
        form.set("date", (start + timedelta(days=day)).strftime("%Y-%m-%d"), index=index)
        form.set("time", "10:00", index=index)


def test_a_manager_edits_the_name_and_dates_of_an_election(testapp, dbsession, make_election,
                                                           login_as):
    election = make_election(voting="before")
    url = f"/elections/usivak/{election.id}/edit"
    login_as(testapp, "manager-usivak")
    form = testapp.get(url).forms["deform"]
    assert form["title"].value == "Test election"
    form["title"] = "Representatives, spring"
    start = utcnow() + timedelta(days=3)
    set_dates(form, (0, 5, 10, 12), start)
    form["term_months"] = "18"
    form.submit("save", status=303).follow()
    dbsession.refresh(election)
    assert election.source_text.title == "Representatives, spring"
    assert election.term_months == 18
    assert (election.voting_close - election.voting_open).days == 2

    # voting closing before it opens: refused, and everything typed comes back
    form = testapp.get(url).forms["deform"]
    form["title"] = "Representatives, autumn"
    set_dates(form, (0, 5, 10, 9), start)
    answer = form.submit("save", status=400)
    assert "Each date must come after the one before." in answer.text
    kept = answer.forms["deform"]
    assert kept["title"].value == "Representatives, autumn"
    assert kept.fields["date"][3].value == (start + timedelta(days=9)).strftime("%Y-%m-%d")
    dbsession.refresh(election)
    assert election.source_text.title == "Representatives, spring"


def test_the_opening_of_voting_cannot_move_once_voting_started(testapp, dbsession,
                                                               make_election, login_as):
    election = make_election(voting="open")
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/elections/usivak/{election.id}/edit").forms["deform"]
    opened = election.voting_open
    set_dates(form, (-20, -10, -1, 2), utcnow())
    answer = form.submit("save", status=400)
    assert "Voting has started" in answer.text
    dbsession.refresh(election)
    assert election.voting_open == opened


def test_only_the_centres_managers_edit_an_election(testapp, make_election, login_as):
    election = make_election(voting="before", officers=("protection-usivak",))
    url = f"/elections/usivak/{election.id}/edit"
    anonymous = testapp.__class__(testapp.app)
    assert anonymous.get(url, status="*").status_int in (302, 303, 403)
    for username in ("protection-usivak", "rep-usivak", "partner-unhcr", "translator"):
        client = testapp.__class__(testapp.app)
        login_as(client, username)  # an officer of this very election included
        client.get(url, status=403)
        token = client.get("/elections/usivak/").html.select_one(
            'input[name="csrf_token"]')["value"]
        client.post(url, {"csrf_token": token, "title": "Taken over"}, status=403)


def test_a_by_election_is_set_up_from_the_roster_after_a_vacancy(testapp, dbsession,
                                                                 make_election, codes_for,
                                                                 login_as):
    election = make_election(method="plurality", seats=1, names=("Amal", "Karim"))
    election.contests[0].vacancy_rule = "by-election"
    amal, karim = election.contests[0].candidates
    contest = counted_and_published(dbsession, election, [[amal.id]] * 2 + [[karim.id]],
                                    codes_for, testapp.__class__(testapp.app))
    seat = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)).one()
    login_as(testapp, "manager-usivak")
    roster = testapp.get("/elections/usivak/roster")
    form = roster.html.select_one(f'input[name="mandate"][value="{seat.id}"]').parent
    answer = testapp.post(form["action"], {i["name"]: i["value"] for i in form.select("input")},
                          status=303)
    by_election = dbsession.scalars(select(Election).where(
        Election.by_election_of == election.id)).one()
    assert answer.location.endswith(f"/elections/usivak/{by_election.id}/edit")
    edit = answer.follow()
    assert "A by-election is set up: check its dates." in edit.text
    assert seat.vacated == utcnow().date()

    # the manager sets its dates and the by-election is on the centre's page
    form = edit.forms["deform"]
    form["title"] = "By-election, Amal's seat"
    set_dates(form, (1, 4, 8, 9), utcnow())
    form.submit("save", status=303)
    dbsession.refresh(by_election)
    assert by_election.source_text.title == "By-election, Amal's seat"
    assert [c.seats for c in by_election.contests] == [1]
    listed = testapp.get("/elections/usivak/").html.get_text()
    assert "By-election, Amal's seat" in listed


def test_a_tie_settled_by_a_random_draw_shows_in_the_report(testapp, dbsession, make_election,
                                                            codes_for, login_as):
    election = make_election(method="plurality", seats=1, names=("Amal", "Karim", "Huda"))
    contest = election.contests[0]
    amal, karim, huda = contest.candidates
    voter = testapp.__class__(testapp.app)
    for code, choice in zip(codes_for(contest, 5), [amal, karim, amal, karim, huda]):
        assert tracker_of(cast(voter, contest, code, [choice.id]))
    close(dbsession, election)
    login_as(testapp, "protection-usivak")
    page = testapp.get(f"/elections/usivak/{election.id}/")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/count")][0]].submit()
    result = json.loads(contest.result_json)
    (draw,) = result["draws"]
    winner = contest.candidates[result["elected"][0]].name
    assert winner in ("Amal", "Karim")
    page = testapp.get(f"/elections/usivak/{election.id}/")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/publish")][0]].submit()

    report = voter.get(f"/elections/usivak/vote/{contest.id}/results?lang=en")
    sentences = report.html.select_one(".el-sentences").get_text(" ", strip=True)
    assert "a random draw decides" in sentences and winner in sentences
    (elected,) = report.html.select(".el-elected-list li")
    assert winner in elected.get_text()
