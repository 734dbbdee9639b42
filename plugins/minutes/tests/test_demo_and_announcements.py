"""Demo data: six months of meetings per centre with action items in every state; upcoming
meetings reach residents through the core's Announcement (the notice board shows them)."""
from datetime import timedelta

from sqlalchemy import func, select

from plugins.minutes.models import (ActionItem, ActionUpdate, AgendaItem, Concern, Decision,
                                    Meeting)
from portal.api import LANGUAGES, Centre, utcnow


def test_demo_has_six_months_of_meetings_per_centre_and_items_in_every_state(dbsession):
    for centre in dbsession.scalars(select(Centre)).all():
        starts = dbsession.scalars(select(Meeting.starts_at).where(
            Meeting.centre_id == centre.id, Meeting.state == "published")).all()
        if not starts:
            continue  # a centre a test made
        assert len(starts) == 6
        assert max(starts) - min(starts) >= timedelta(days=140)
        statuses = set(dbsession.scalars(select(ActionItem.status).where(
            ActionItem.centre_id == centre.id)))
        assert statuses == {"open", "in_progress", "done", "dropped"}
        overdue = dbsession.scalar(select(func.count()).select_from(ActionItem).where(
            ActionItem.centre_id == centre.id, ActionItem.status == "open",
            ActionItem.due_date < utcnow().date()))
        assert overdue >= 1


def test_demo_texts_are_in_every_language(dbsession):
    """Every text of the demo meetings reads in each of the portal's languages, each its own
    (no language copies another's)."""
    for model in (Meeting, AgendaItem, Concern, Decision, ActionItem, ActionUpdate):
        rows = dbsession.scalars(select(model).where(model.source_language == "en")).all()
        assert rows, model
        for row in rows[:12]:
            assert set(row.texts) >= set(LANGUAGES), (model, row.id)
            field = row.__text_fields__[0].name if hasattr(row, "__text_fields__") else "title"
            values = [getattr(row.texts[lang], field) for lang in LANGUAGES]
            assert all(values), (model, row.id)
            # Persian and Dari may share a word ("غذا"), French and English one ("Transport")
            assert len(set(values)) >= len(LANGUAGES) - 2, (model, row.id, values)


def test_an_upcoming_meeting_is_announced_on_the_notice_board(testapp, login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/minutes/usivak/add").forms["deform"]
    form["title"], form["source_language"] = "Women's group", "en"
    form["kind"] = "women"
    day = (utcnow() + timedelta(days=5)).date().isoformat()
    form["date"], form["time"] = day, "10:00"
    form["room_id"] = form["room_id"].options[1][0]
    form.submit("save")
    anonymous = testapp.__class__(testapp.app)
    board = anonymous.get("/noticeboard/usivak/").text
    assert "Women&#39;s group" in board or "Women's group" in board
    assert "Everyone may ask their representatives" in board



def test_home_and_centre_pages_lead_to_the_meetings(testapp, login_as):
    assert 'href="/minutes/usivak/"' in testapp.get("/").text
    centre = testapp.get("/centres/usivak").html
    assert centre.select_one('a[data-nav="minutes"]')["href"] == "/minutes/usivak/"
    panel = centre.select_one('[data-panel="minutes.meetings"], section')
    assert 'href="/minutes/usivak/you-said-we-did"' in str(centre)
    assert panel is not None


def test_managers_see_overdue_items_on_their_dashboard(testapp, login_as):
    login_as(testapp, "manager-usivak")
    tile = testapp.get("/dashboard").html.select_one('[data-tile="minutes.overdue"]')
    assert tile is not None and 'href="/minutes/usivak/manage#overdue"' in str(tile)
    login_as(testapp, "rep-usivak")
    assert testapp.get("/dashboard").html.select_one('[data-tile="minutes.overdue"]') is None

