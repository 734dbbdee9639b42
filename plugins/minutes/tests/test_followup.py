"""Action items followed from meeting to meeting, corrections of a published record, texts
that become outdated when their source changes, the kiosk panel and "You said, we did"."""
import json
from datetime import date, timedelta

from sqlalchemy import select

from plugins.minutes.models import ActionItem, CorrectionNote


def review(testapp, meeting, action, status, note=""):
    form = testapp.get(f"/minutes/usivak/{meeting.id}/review/{action.id}").forms["deform"]
    form["status"], form["note"] = status, note
    return form.submit("save")


def test_open_items_are_carried_to_the_next_meeting_and_reviewed_there(
        testapp, login_as, make_meeting, dbsession):
    march = make_meeting(title="March", state="published", days=-60, secretary=None)
    promise = march.actions[0]
    april = make_meeting(title="April", days=-1, action=False)
    login_as(testapp, "rep-usivak")
    page = testapp.get(f"/minutes/usivak/{april.id}")
    carried = page.html.select_one("#review")
    assert "Buy food warmers" in carried.text

    review(testapp, april, promise, "in_progress", note="Ordered, not delivered")
    assert (promise.status, promise.closed_at) == ("in_progress", None)
    response = review(testapp, april, promise, "done", note="Delivered")
    assert promise.status == "done" and promise.closed_at is not None
    # the same item, its history dated and naming the meeting that reviewed it
    assert dbsession.scalar(select(ActionItem.id).where(ActionItem.id == promise.id))
    assert [u.meeting_id for u in promise.updates] == [april.id, april.id]
    assert [u.status for u in promise.updates] == ["in_progress", "done"]
    # closed here, it stays listed in this meeting and no longer in later ones
    assert "Delivered" in testapp.get(response.location).html.select_one("#review").text
    may = make_meeting(title="May", days=30, action=False)
    assert "Buy food warmers" not in testapp.get(
        f"/minutes/usivak/{may.id}").html.select_one("#review").text
    # the published March record shows the history with the April meeting
    anonymous = testapp.__class__(testapp.app)
    history = anonymous.get(f"/minutes/usivak/{march.id}").html.select_one(
        f"#action-{promise.id}").text
    assert "Ordered, not delivered" in history and "Reviewed in" in history


def test_dropping_an_item_needs_a_reason_and_other_centres_items_are_not_reviewed_here(
        testapp, login_as, make_meeting, dbsession):
    from portal.api import Centre
    march = make_meeting(title="March", state="published", days=-60, secretary=None)
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    elsewhere = make_meeting(title="Elsewhere", state="published", days=-60, secretary=None,
                             the_centre=blazuj)
    april = make_meeting(title="April", days=-1, action=False)
    login_as(testapp, "rep-usivak")
    form = testapp.get(f"/minutes/usivak/{april.id}/review/{march.actions[0].id}")\
        .forms["deform"]
    form["status"] = "dropped"
    assert "Say why the item is dropped." in form.submit("save", status=400).text
    testapp.get(f"/minutes/usivak/{april.id}/review/{elsewhere.actions[0].id}", status=404)


def test_a_published_record_is_corrected_only_with_a_dated_note(testapp, login_as,
                                                                 make_meeting, dbsession):
    meeting = make_meeting(title="June", state="published")
    decision = meeting.agenda[0].decisions[0]
    decision.set_text("ar", text="العشاء ساخن من الساعة 18:00")
    login_as(testapp, "manager-usivak")
    # no edit without a note: the ordinary edit form is closed once published
    testapp.get(f"/minutes/usivak/{meeting.id}/agenda", status=403)
    form = testapp.get(f"/minutes/usivak/{meeting.id}/correct").forms["deform"]
    key = f"decision_{decision.id}__text"
    assert form[key].value == "Dinner served warm from 18:00"
    form[key] = "Dinner served warm from 18:30"
    assert "Correction note" in form.submit("save", status=400).text  # required
    form = testapp.get(f"/minutes/usivak/{meeting.id}/correct").forms["deform"]
    form["correction_note"] = "Same text"
    assert "Nothing was changed" in form.submit("save", status=400).text
    form = testapp.get(f"/minutes/usivak/{meeting.id}/correct").forms["deform"]
    form[key], form["correction_note"] = "Dinner served warm from 18:30", "The time was wrong."
    form.submit("save")
    note = dbsession.scalars(select(CorrectionNote)).one()
    assert json.loads(note.earlier)[0]["before"] == "Dinner served warm from 18:00"
    # the Arabic translation was made from the earlier text: now outdated
    assert decision.is_outdated("ar")

    anonymous = testapp.__class__(testapp.app)
    page = anonymous.get(f"/minutes/usivak/{meeting.id}").html
    corrections = page.select_one("#corrections").text
    assert "The time was wrong." in corrections and "Corrected on" in corrections
    assert "Dinner served warm from 18:00" in corrections  # the earlier text stays readable
    assert "18:30" in page.select_one(".minutes-outcomes").text
    arabic = anonymous.get(f"/minutes/usivak/{meeting.id}?lang=ar").html
    assert arabic.select_one(".minutes-outcomes .portal-outdated") is not None
    # not even an administrator edits it past the correction step (the state denies edit)
    login_as(testapp, "admin")
    testapp.get(f"/content/{meeting.id}/edit", status=403)
    testapp.get(f"/minutes/usivak/{meeting.id}/agenda", status=403)
    assert testapp.get(f"/minutes/usivak/{meeting.id}/correct").forms["deform"]


def test_editing_a_draft_text_marks_its_translations_outdated(testapp, login_as, make_meeting):
    meeting = make_meeting()
    item = meeting.agenda[0]
    item.set_text("fa", title="غذا", summary="شام سرد است")
    assert not item.is_outdated("fa")
    login_as(testapp, "rep-usivak")
    form = testapp.get(f"/minutes/usivak/{meeting.id}/agenda/{item.id}").forms["deform"]
    form["summary"] = "The dinner is cold and late."
    form.submit("save")
    assert item.is_outdated("fa")
    # the translation desk lists it for the translator
    login_as(testapp, "translator")
    desk = testapp.get("/translations?language=fa&status=outdated").text
    assert f"/translations/minutes.agenda_item/{item.id}/fa" in desk


def test_kiosk_panel_shows_what_was_decided_in_the_kiosk_language(testapp, make_meeting):
    meeting = make_meeting(title="Kiosk meeting", state="published", days=-1)
    meeting.agenda[0].decisions[0].set_text("ar", text="العشاء ساخن من الساعة 18:00")
    feed = testapp.get("/kiosk/usivak/feed.json?lang=ar").json
    panel = next(p for p in feed["panels"] if p["name"] == "minutes.decided")
    assert "العشاء ساخن من الساعة 18:00" in panel["html"]
    assert "Buy food warmers" in panel["html"]  # no Arabic yet: the source, marked
    assert 'lang="en"' in panel["html"]


def counts(page):
    return {c["data-count"]: c.text for c in page.select(".minutes-count")}


def test_you_said_we_did_groups_concerns_and_counts_items(testapp, make_meeting, dbsession):
    before = counts(testapp.get("/minutes/usivak/you-said-we-did").html)
    old = make_meeting(title="Old", state="published", days=-40, secretary=None,
                       due=date.today() - timedelta(days=5))  # open and overdue
    done = make_meeting(title="Done", state="published", days=-20, secretary=None)
    action = done.actions[0]
    action.status, action.closed_at = "done", action.created + timedelta(days=4)
    draft = make_meeting(title="Draft", secretary=None)  # not counted: not published
    page = testapp.get("/minutes/usivak/you-said-we-did").html
    food = page.select_one('[data-category="food"]').text
    assert "Dinner comes cold" in food and "Buy food warmers" in food
    after = counts(page)
    # the demo data of the centre counts too: ours add one open (overdue) and one done item
    assert {k: int(after[k]) - int(before[k]) for k in ("open", "overdue", "done")} == {
        "open": 1, "overdue": 1, "done": 1}
    svg = page.select_one("svg.minutes-chart")
    assert svg is not None and svg.title.text
    rtl = testapp.get("/minutes/usivak/you-said-we-did?lang=ar").html.select_one(
        "svg.minutes-chart")
    # months run right to left: the first month's label sits right of the last one's
    ltr_x = [float(t["x"]) for t in svg.select("text.minutes-chart-month")]
    rtl_x = [float(t["x"]) for t in rtl.select("text.minutes-chart-month")]
    assert ltr_x == sorted(ltr_x) and rtl_x == sorted(rtl_x, reverse=True)
    assert draft.id not in [int(a["href"].rsplit("/", 1)[1]) for a in
                            page.select('a[href^="/minutes/usivak/"]')
                            if a["href"].rsplit("/", 1)[1].isdigit()]
