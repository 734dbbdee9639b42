"""Managers set an election up, officers run it, and the results make representatives."""
import io
import json
import re
from datetime import timedelta

from pypdf import PdfReader

from sqlalchemy import select

from portal.api import RoleAssignment, utcnow
from plugins.elections.models import Ballot, Contest, Election, Mandate

from .conftest import user
from .helpers import cast, tracker_of


def close(dbsession, election):
    election.voting_open = utcnow() - timedelta(days=2)
    election.voting_close = utcnow() - timedelta(hours=1)
    dbsession.flush()


def test_a_manager_sets_up_an_election_and_appoints_an_officer(testapp, dbsession, login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/elections/usivak/add").forms["deform"]
    form["title"] = "Representatives 2027"
    now = utcnow() + timedelta(days=1)
    # each date-time widget is a date field and a time field, in the order of the form
    values = {"nominations_open": 0, "nominations_close": 7, "voting_open": 14, "voting_close": 15}
    assert len(form.fields["date"]) == 4 and len(form.fields["time"]) == 4
    for index, days in enumerate(values.values()):
        form.set("date", (now + timedelta(days=days)).strftime("%Y-%m-%d"), index=index)
        form.set("time", "10:00", index=index)
    page = form.submit("save").follow()
    election = dbsession.scalars(select(Election).order_by(Election.id.desc())).first()
    assert election.source_text.title == "Representatives 2027"
    assert "Representatives 2027" in page.text

    officers = testapp.get(f"/elections/usivak/{election.id}/officers")
    form = officers.forms["deform"]
    form["username"] = "protection-usivak"
    form.submit("save").follow()
    # the officer runs it: adds a vote and a candidate
    other = testapp.__class__(testapp.app)
    login_as(other, "protection-usivak")
    form = other.get(f"/elections/usivak/{election.id}/votes/add").forms["deform"]
    form["title"] = "Women's representative"
    form["seats"] = "1"
    form["method"] = "scottish-stv"
    form.submit("save").follow()
    contest = dbsession.scalars(select(Contest).where(Contest.election_id == election.id)).one()
    form = other.get(f"/elections/usivak/vote/{contest.id}/candidates/add").forms["deform"]
    form["name"] = "Mariam"
    form["symbol"] = "heart"
    form["statement"] = "I listen."
    form["consent"] = True
    form.submit("save").follow()
    assert [c.name for c in contest.candidates] == ["Mariam"]
    assert contest.candidates[0].consent_given == utcnow().date()

    # without consent: refused, values kept
    form = other.get(f"/elections/usivak/vote/{contest.id}/candidates/add").forms["deform"]
    form["name"] = "Sara"
    answer = form.submit("save", status=400)
    assert "must agree" in answer.text and answer.forms["deform"]["name"].value == "Sara"


def test_officers_print_codes_as_a_pdf(testapp, dbsession, make_election, login_as):
    contest = make_election().contests[0]
    login_as(testapp, "protection-usivak")
    form = testapp.get(f"/elections/usivak/vote/{contest.id}/codes").forms["deform"]
    form["number"] = "9"
    pdf = form.submit("save")
    assert pdf.content_type == "application/pdf" and pdf.body.startswith(b"%PDF")
    assert "no-store" in pdf.headers["Cache-Control"]
    from plugins.elections.codes import counts
    assert counts(dbsession, contest) == {"made": 9, "used": 0}
    text, fonts, qr_codes = pdf_contents(pdf.body)
    assert text.count("Your voting code") == 9 and "Test vote" in text
    assert len(re.findall(r"[A-Z2-9]{5}-[A-Z2-9]{5}", text)) == 9
    assert qr_codes == 9  # one QR code per slip, each its own
    assert fonts and all("Noto" in name for name in fonts)  # the portal's own, embedded


def pdf_contents(body):
    """The text a reader gets back from a PDF, its embedded fonts, and how many different
    pictures it draws (pages may share one list of pictures)."""
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"].get("/Font", {}).values()}
    return text, fonts, len({image.data for page in reader.pages for image in page.images})


def test_slips_in_arabic_read_back_in_arabic(testapp, dbsession, make_election, login_as,
                                             monkeypatch):
    """Set in the portal's own fonts (static/fonts), whatever fonts the system has."""
    from plugins.elections import slips
    fetched, only_local = [], slips.local_files_only

    def recording(static_dir):
        fetcher = only_local(static_dir)
        fetch = fetcher.fetch
        fetcher.fetch = lambda url, headers=None: fetched.append(url) or fetch(url, headers)
        return fetcher
    monkeypatch.setattr(slips, "local_files_only", recording)
    contest = make_election().contests[0]
    contest.set_text("ar", title="ممثلو الجالية")
    dbsession.flush()
    login_as(testapp, "protection-usivak")
    form = testapp.get(f"/elections/usivak/vote/{contest.id}/codes?lang=ar").forms["deform"]
    form["number"] = "2"
    text, fonts, qr_codes = pdf_contents(form.submit("save").body)
    assert "ممثلو الجالية" in text
    assert "رمز التصويت الخاص بك" in text  # "Your voting code", every letter read back right
    assert len(re.findall(r"[A-Z2-9]{5}-[A-Z2-9]{5}", text)) == 2
    assert any("Noto-Naskh-Arabic" in name for name in fonts)
    static_fonts = [url for url in fetched if "/static/fonts/" in url and url.endswith(".woff2")]
    assert any("noto-naskh-arabic" in url for url in static_fonts), fetched
    assert any("noto-sans-latin" in url for url in static_fonts), fetched


def test_paper_ballots_count_only_once_a_second_officer_confirms(testapp, dbsession,
                                                                  make_election, login_as):
    election = make_election(officers=("protection-usivak", "manager-usivak"))
    contest = election.contests[0]
    amal, karim, huda = contest.candidates
    login_as(testapp, "protection-usivak")
    form = testapp.get(f"/elections/usivak/vote/{contest.id}/paper").forms[1]
    form[f"rank-{karim.id}"] = "1"
    form.submit().follow()
    page = testapp.get(f"/elections/usivak/vote/{contest.id}/paper")
    assert not page.html.select('input[name="action"][value="confirm"]')  # not by the same
    assert dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)).all() == []

    second = testapp.__class__(testapp.app)
    login_as(second, "manager-usivak")
    page = second.get(f"/elections/usivak/vote/{contest.id}/paper")
    form = page.html.select_one('input[name="action"][value="confirm"]').parent
    second.post(f"/elections/usivak/vote/{contest.id}/paper",
                {i["name"]: i["value"] for i in form.select("input")}, status=303)
    (ballot,) = dbsession.scalars(select(Ballot).where(Ballot.contest_id == contest.id)).all()
    assert ballot.marks == str(karim.id) and ballot.paper


def test_count_publish_roster_and_a_vacancy_filled_by_countback(testapp, dbsession,
                                                                make_election, codes_for,
                                                                login_as):
    election = make_election(seats=2, names=("Amal", "Karim", "Huda", "Omar"),
                             officers=("protection-usivak",))
    contest = election.contests[0]
    contest.vacancy_rule = "countback"
    amal, karim, huda, omar = contest.candidates
    amal.user_id = user(dbsession, "translator").id
    voter = testapp.__class__(testapp.app)
    rankings = [[amal.id, huda.id]] * 4 + [[karim.id, omar.id]] * 3 + [[huda.id, karim.id]] * 2 \
        + [[omar.id]]
    trackers = []
    for code, ranking in zip(codes_for(contest, len(rankings)), rankings):
        trackers.append(tracker_of(cast(voter, contest, code, ranking)))
    assert all(trackers)
    # no results before the close
    voter.get(f"/elections/usivak/vote/{contest.id}/results", status=404)
    login_as(testapp, "protection-usivak")
    page = testapp.get(f"/elections/usivak/{election.id}/")
    assert not page.html.select(f'form[action$="/vote/{contest.id}/count"]')
    close(dbsession, election)
    page = testapp.get(f"/elections/usivak/{election.id}/")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/count")][0]].submit()
    assert json.loads(contest.result_json)["elected"]
    page = testapp.get(f"/elections/usivak/{election.id}/")
    page.forms[[k for k, f in page.forms.items() if f.action.endswith("/publish")][0]].submit()
    assert election.results_published is not None

    results = voter.get(f"/elections/usivak/vote/{contest.id}/results?lang=ar")
    assert results.html.select_one("svg.el-chart") is not None
    elected = [li.get_text(" ", strip=True) for li in results.html.select(".el-elected-list li")]
    assert len(elected) == 2
    found = voter.get(f"/elections/usivak/vote/{contest.id}/trackers",
                      {"tracker": trackers[0].lower()})
    assert found.html.select_one(".alert-success")
    blt = voter.get(f"/elections/usivak/vote/{contest.id}/ballots.blt")
    assert blt.text.splitlines()[0].split() == ["4", "2"]

    roster = voter.get("/elections/usivak/roster")
    seated = {m.candidate.name for m in dbsession.scalars(
        select(Mandate).where(Mandate.contest_id == contest.id))}
    assert len(seated) == 2 and all(name in roster.text for name in seated)
    if "Amal" in seated:
        role = dbsession.scalars(select(RoleAssignment).where(
            RoleAssignment.user_id == amal.user_id, RoleAssignment.role == "community_rep")).one()
        assert role.ends is not None and role.ends > utcnow().date()

    # a vacancy: the manager records it; the countback gives the seat to the next candidate
    mandate = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)
                                .order_by(Mandate.id)).first()
    manager = testapp.__class__(testapp.app)
    login_as(manager, "manager-usivak")
    page = manager.get("/elections/usivak/roster")
    form = page.html.select_one(f'input[name="mandate"][value="{mandate.id}"]').parent
    offered = {int(i["value"]) for i in form.select('input[name="consent"]')}
    assert offered == {c.id for c in contest.candidates} - seated_ids(dbsession, contest)
    # every one of them agrees to stand
    manager.post(form["action"], [(i["name"], i["value"]) for i in form.select("input")],
                 status=303)
    assert mandate.vacated == utcnow().date()
    current = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id,
                                                      Mandate.vacated.is_(None))).all()
    assert len(current) == 2 and mandate.candidate_id not in {m.candidate_id for m in current}
    assert {m.how for m in current} >= {"countback"}


def seated_ids(dbsession, contest):
    return {m.candidate_id for m in dbsession.scalars(
        select(Mandate).where(Mandate.contest_id == contest.id))}


def test_an_officer_of_one_election_cannot_run_another(testapp, dbsession, make_election,
                                                      login_as):
    mine = make_election(officers=("protection-usivak",))
    other = make_election(officers=())
    login_as(testapp, "protection-usivak")
    testapp.get(f"/elections/usivak/vote/{mine.contests[0].id}/codes", status=200)
    testapp.get(f"/elections/usivak/vote/{other.contests[0].id}/codes", status=403)
    testapp.get(f"/elections/usivak/vote/{other.contests[0].id}/paper", status=403)
    # the local role is not a centre role: nothing else of the centre opens
    testapp.get("/elections/usivak/add", status=403)


def counted_and_published(dbsession, election, rankings, codes_for, client):
    contest = election.contests[0]
    for code, ranking in zip(codes_for(contest, len(rankings)), rankings):
        assert tracker_of(cast(client, contest, code, ranking))
    close(dbsession, election)
    from plugins.elections.results import count_contest, publish
    count_contest(dbsession, contest)
    publish(dbsession, election)
    dbsession.flush()
    return contest


def test_a_plurality_vacancy_goes_to_the_next_in_the_count(testapp, dbsession, make_election,
                                                           codes_for):
    from plugins.elections.results import vacate
    election = make_election(method="plurality", seats=1, names=("Amal", "Karim", "Huda"))
    amal, karim, huda = election.contests[0].candidates
    contest = counted_and_published(dbsession, election, [[amal.id]] * 3 + [[huda.id]] * 2
                                    + [[karim.id]], codes_for, testapp)
    (seat,) = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)).all()
    assert seat.candidate_id == amal.id
    assert vacate(dbsession, seat) == huda  # second in the count
    dbsession.flush()
    current = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id,
                                                      Mandate.vacated.is_(None))).one()
    assert (current.candidate_id, current.how, current.ends) == (huda.id, "next-in-count",
                                                                 seat.ends)


def test_a_vacancy_under_the_by_election_rule_sets_up_a_by_election(testapp, dbsession,
                                                                   make_election, codes_for):
    from plugins.elections.results import vacate
    election = make_election(method="plurality", seats=1, names=("Amal", "Karim"))
    election.contests[0].vacancy_rule = "by-election"
    amal, karim = election.contests[0].candidates
    contest = counted_and_published(dbsession, election, [[amal.id]] * 2 + [[karim.id]],
                                    codes_for, testapp)
    seat = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)).one()
    by_election = vacate(dbsession, seat)
    dbsession.flush()
    assert isinstance(by_election, Election) and by_election.by_election_of == election.id
    assert [c.seats for c in by_election.contests] == [1]
    assert by_election.source_text.title == "Test election"
    assert by_election.nominations_open > utcnow()


def test_a_photo_is_shown_only_with_the_candidates_consent(testapp, dbsession, make_election,
                                                           login_as):
    import io

    from PIL import Image
    from webtest import Upload
    election = make_election(voting="before")
    contest = election.contests[0]
    picture = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(picture, "PNG")
    login_as(testapp, "protection-usivak")
    url = f"/elections/usivak/vote/{contest.id}/candidates/add"
    form = testapp.get(url).forms["deform"]
    form["name"] = "Zahra"
    form["symbol"] = "bird"
    form["consent"] = True
    form["photo"] = Upload("zahra.png", picture.getvalue(), "image/png")
    refused = form.submit("save", status=400)
    assert "only with the candidate's consent" in refused.text
    form = refused.forms["deform"]
    form["photo_consent"] = True
    form["photo"] = Upload("zahra.png", picture.getvalue(), "image/png")
    form.submit("save", status=303)
    zahra = [c for c in contest.candidates if c.name == "Zahra"][0]
    photo = testapp.get(f"/elections/usivak/candidate/{zahra.id}/photo")
    assert photo.content_type == "image/jpeg"
    zahra.photo_consent = False  # consent taken back: the photo is no longer shown
    dbsession.flush()
    testapp.get(f"/elections/usivak/candidate/{zahra.id}/photo", status=404)


def test_a_countback_follows_the_vacating_candidates_voters_among_those_who_consent(
        testapp, dbsession, make_election, codes_for, login_as):
    election = make_election(seats=1, names=("Amal", "Karim", "Omar", "Huda"))
    contest = election.contests[0]
    contest.vacancy_rule = "countback"
    amal, karim, omar, huda = contest.candidates
    # Amal's 7 voters next chose Omar (4) or Huda (3); Karim's 6 had no second choice. A recount
    # of every ballot without Amal would elect Karim; the countback asks Amal's voters only
    counted_and_published(dbsession, election, [[amal.id, omar.id]] * 4 +
                          [[amal.id, huda.id]] * 3 + [[karim.id]] * 6, codes_for,
                          testapp.__class__(testapp.app))
    seat = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id)).one()
    assert seat.candidate_id == amal.id
    from plugins.elections.ballots import ballots_of
    from plugins.elections.results import run_count
    recount = run_count(contest, ballots_of(dbsession, contest), withdrawn_ids={amal.id})
    assert [contest.candidates[i] for i in recount.elected] == [karim]
    login_as(testapp, "manager-usivak")
    form = testapp.get("/elections/usivak/roster").html.select_one(
        f'input[name="mandate"][value="{seat.id}"]').parent
    fields = [(i["name"], i["value"]) for i in form.select("input")
              if i["name"] != "consent" or i["value"] in (str(karim.id), str(huda.id))]
    page = testapp.post(form["action"], fields, status=303).follow()
    # Omar did not agree to stand: Huda, the next choice of Amal's voters, takes the seat
    assert "The seat goes to Huda." in page.text
    current = dbsession.scalars(select(Mandate).where(Mandate.contest_id == contest.id,
                                                      Mandate.vacated.is_(None))).one()
    assert (current.candidate_id, current.how, current.ends) == (huda.id, "countback", seat.ends)

    # had Omar agreed, Amal's voters would have given him the seat
    from plugins.elections.results import by_countback
    mandates = [m for m in dbsession.scalars(select(Mandate).where(
        Mandate.contest_id == contest.id)) if m.candidate_id == amal.id]
    assert by_countback(dbsession, contest, amal, mandates, [karim.id, omar.id]) == omar
