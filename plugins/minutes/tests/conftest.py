from datetime import date, timedelta

import pytest
from sqlalchemy import select

from plugins.minutes.models import ActionItem, AgendaItem, Concern, Decision, Meeting
from portal.api import Centre, User, grant_local_role, utcnow


@pytest.fixture
def centre(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def user(dbsession, username):
    return dbsession.scalars(select(User).where(User.username == username)).one()


@pytest.fixture
def make_meeting(dbsession, centre):
    """A meeting of Ušivak in English, with an agenda item, a concern, a decision and an action
    item (complete unless told), ``days`` from now; its secretary is ``secretary``."""

    def make(title="Community dialogue", state="draft", days=-3, secretary="rep-usivak",
             action=True, party="management", due=date.today() + timedelta(days=14),
             the_centre=None, status="open"):
        where = the_centre or centre
        meeting = Meeting(centre=where, state=state, source_language="en", revision=1,
                          kind="dialogue", starts_at=utcnow() + timedelta(days=days),
                          place="Hall", owner=user(dbsession, "manager-usivak"))
        meeting.set_text("en", title=title, summary=f"{title}: outcomes")
        dbsession.add(meeting)
        item = AgendaItem(meeting=meeting, position=1, source_language="en")
        item.set_text("en", title="Food", summary="The dinner is cold.")
        concern = Concern(meeting=meeting, agenda_item=item, category="food",
                          source_language="en")
        concern.set_text("en", text="Dinner comes cold")
        decision = Decision(meeting=meeting, agenda_item=item, source_language="en")
        decision.set_text("en", text="Dinner served warm from 18:00")
        dbsession.add_all([item, concern, decision])
        if action:
            item_action = ActionItem(meeting=meeting, centre_id=where.id, concern=concern,
                                     party=party, due_date=due, status=status,
                                     source_language="en", created=utcnow())
            item_action.set_text("en", what="Buy food warmers")
            dbsession.add(item_action)
        dbsession.flush()
        if secretary:
            grant_local_role(dbsession, meeting, user(dbsession, secretary), "secretary")
            dbsession.flush()
        return meeting

    return make
