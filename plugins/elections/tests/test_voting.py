"""Voting codes and phases, through the voting pages as a voter's browser uses them."""
from sqlalchemy import func, select

from plugins.elections.models import Ballot, VotingCode

from .helpers import cast, tracker_of, vote_url


def ballots(dbsession, contest):
    return dbsession.scalar(select(func.count()).select_from(Ballot)
                            .where(Ballot.contest_id == contest.id))


def test_a_code_votes_once_and_the_receipt_shows_a_tracker(testapp, dbsession, make_election,
                                                           codes_for):
    contest = make_election().contests[0]
    (code,) = codes_for(contest, 1)
    amal, karim, huda = contest.candidates
    receipt = cast(testapp, contest, code, [huda.id, amal.id])
    assert "no-store" in receipt.headers["Cache-Control"]
    tracker = tracker_of(receipt)
    assert tracker and len(tracker) == 14
    ballot = dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)).one()
    assert ballot.tracker == tracker and ballot.marks == f"{huda.id},{amal.id}"

    again = cast(testapp, contest, code.lower().replace("-", " "), [karim.id])
    assert again.status_int == 400 and "already used" in again.text
    assert ballots(dbsession, contest) == 1


def test_the_code_is_stored_only_as_a_keyed_hash(dbsession, make_election, codes_for):
    contest = make_election().contests[0]
    made = codes_for(contest, 5)
    stored = dbsession.scalars(select(VotingCode.code_hash).where(
        VotingCode.contest_id == contest.id)).all()
    assert len(stored) == 5
    for code in made:
        assert all(code.replace("-", "") not in value for value in stored)


def test_a_code_of_another_vote_is_refused(testapp, dbsession, make_election, codes_for):
    first = make_election().contests[0]
    second = make_election(names=("Farid", "Zahra")).contests[0]
    (code,) = codes_for(second, 1)
    refused = cast(testapp, first, code, [first.candidates[0].id])
    assert refused.status_int == 400 and "for another vote" in refused.text
    assert ballots(dbsession, first) == 0
    # still good where it belongs
    assert tracker_of(cast(testapp, second, code, [second.candidates[1].id]))


def test_wrong_codes_are_throttled_per_device(testapp, dbsession, make_election, codes_for, app):
    contest = make_election().contests[0]
    (good,) = codes_for(contest, 1)
    limit = int(app.registry.settings.get("elections.code_max_failures", 10))
    for attempt in range(limit):
        wrong = cast(testapp, contest, f"WRONG-{attempt:05d}", [])
        assert wrong.status_int == 400 and "not right" in wrong.text
    locked = cast(testapp, contest, good, [contest.candidates[0].id])
    assert locked.status_int == 400 and "Too many wrong codes" in locked.text
    assert ballots(dbsession, contest) == 0
    assert not dbsession.get(VotingCode, dbsession.scalars(select(VotingCode.code_hash).where(
        VotingCode.contest_id == contest.id)).one()).used


def test_no_vote_before_voting_opens_or_after_it_closes(testapp, dbsession, make_election,
                                                        codes_for):
    for when in ("before", "after"):
        contest = make_election(voting=when).contests[0]
        (code,) = codes_for(contest, 1)
        page = testapp.get(vote_url(contest))
        assert not page.html.select("#el-code")
        token = testapp.get("/login").html.select_one('input[name="csrf_token"]')["value"]
        for step in ("code", "cast"):
            answer = testapp.post(vote_url(contest), {"csrf_token": token, "code": code,
                                                      "step": step,
                                                      f"rank-{contest.candidates[0].id}": "1"})
            assert not answer.html.select(".el-tracker")
        assert ballots(dbsession, contest) == 0


def test_a_vote_without_the_voters_csrf_token_is_refused(testapp, dbsession, make_election,
                                                         codes_for):
    contest = make_election().contests[0]
    (code,) = codes_for(contest, 1)
    testapp.post(vote_url(contest), {"code": code, "step": "cast",
                                     f"rank-{contest.candidates[0].id}": "1"}, status=400)
    assert ballots(dbsession, contest) == 0


def test_a_ranking_with_gaps_is_refused_and_kept(testapp, dbsession, make_election, codes_for):
    contest = make_election().contests[0]
    (code,) = codes_for(contest, 1)
    form = testapp.get(vote_url(contest)).forms[0]
    form["code"] = code
    form = form.submit().forms[0]
    amal, karim, huda = contest.candidates
    form[f"rank-{amal.id}"] = "1"
    form[f"rank-{huda.id}"] = "3"
    answer = form.submit(status=400)
    assert "without gaps" in answer.text
    assert answer.html.select_one(f'#rank-{huda.id} option[selected]')["value"] == "3"


def test_plurality_allows_as_many_marks_as_seats(testapp, dbsession, make_election, codes_for):
    contest = make_election(method="plurality", seats=1).contests[0]
    code, other = codes_for(contest, 2)
    amal, karim, huda = contest.candidates
    too_many = cast(testapp, contest, code, [amal.id, karim.id])
    assert too_many.status_int == 400 and "at most" in too_many.text
    assert tracker_of(cast(testapp, contest, other, [karim.id]))
    assert ballots(dbsession, contest) == 1


def test_the_voting_pages_work_in_every_language(testapp, make_election, codes_for):
    contest = make_election().contests[0]
    for lang, direction in (("ps", "rtl"), ("ar", "rtl"), ("bn", "ltr"), ("fr", "ltr")):
        page = testapp.get(vote_url(contest) + f"?lang={lang}")
        assert page.html.html["dir"] == direction
        assert page.html.select_one("label[for=el-code]").get_text(strip=True) != \
            "Your voting code"


def test_the_polling_station_leaves_nothing_for_the_next_voter(testapp, dbsession, make_election,
                                                               codes_for):
    contest = make_election().contests[0]
    first, second = codes_for(contest, 2)
    start = testapp.get(vote_url(contest, station=True) + "?lang=fa")
    assert "no-store" in start.headers["Cache-Control"]
    assert "portal_lang" not in start.headers.get("Set-Cookie", "")  # the kiosk keeps no language
    assert start.html.select_one("html")["dir"] == "rtl"
    kiosk = start.html.select_one("body")["data-kiosk"]
    assert kiosk == f"/kiosk/{contest.election.centre.slug}"
    assert start.html.select_one(f'a.el-to-kiosk[href="{kiosk}"]')
    old_token = start.html.select_one('input[name="csrf_token"]')["value"]

    receipt = cast(testapp, contest, first, [contest.candidates[0].id], station=True)
    assert tracker_of(receipt)
    assert "no-store" in receipt.headers["Cache-Control"]
    assert not receipt.html.select("form")  # no code, no token, no choice left on it
    assert receipt.html.select_one(f'a.el-next-voter[href="{kiosk}"]')
    assert receipt.html.select_one("body")["data-receipt-seconds"] == "20"
    # the receipt renewed the token: a form kept from the last voter's pages is refused
    testapp.post(vote_url(contest, station=True), {
        "csrf_token": old_token, "code": second, "step": "code"}, status=400)
    assert tracker_of(cast(testapp, contest, second, [contest.candidates[1].id], station=True))
    assert ballots(dbsession, contest) == 2
