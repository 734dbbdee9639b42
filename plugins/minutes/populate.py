"""Demo minutes: six months of monthly dialogue meetings per centre (published), the next one
in preparation, and action items in every state, reviewed from meeting to meeting."""
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from portal.api import Centre, Organisation, User, grant_local_role, utcnow

from .demo_texts import NOTES, SUMMARIES, TITLES, TOPICS
from .models import (ActionItem, ActionUpdate, AgendaItem, Attendance, Concern, Decision,
                     Meeting)

#: per published meeting (oldest first): the statuses its action items end up with
FATES = [("done", "dropped"), ("done", "done"), ("done", "in_progress"), ("in_progress", "open"),
         ("open", "done"), ("open", "open")]


def write(obj, texts):
    """Write the English source then the translations of ``texts`` (lang -> values)."""
    obj.set_text("en", **texts["en"])
    for lang, values in texts.items():
        if lang != "en":
            obj.set_text(lang, **values)


def populate_demo(dbsession, registry):
    now = utcnow()
    secretary = dbsession.scalars(select(User).where(User.username == "rep-usivak")).first()
    manager = dbsession.scalars(select(User).where(User.username == "manager-usivak")).first()
    unhcr = dbsession.scalars(select(Organisation).where(Organisation.slug == "unhcr")).first()
    for centre in dbsession.scalars(select(Centre).order_by(Centre.id)).all():
        zone = ZoneInfo(centre.timezone)
        today = now.astimezone(zone).date()
        meetings = []
        for index in range(7):  # six published, monthly; the seventh in ten days, a draft
            months_ago = 6 - index
            day = today - timedelta(days=30 * months_ago) if months_ago else today + timedelta(10)
            starts = datetime.combine(day, time(11, 0), zone)
            meeting = Meeting(centre=centre, state="published" if months_ago else "draft",
                              source_language="en", revision=1, owner=manager,
                              kind="dialogue", starts_at=starts,
                              room_id=centre.rooms[0].id if centre.rooms else None,
                              created=starts - timedelta(days=1),
                              modified=starts + timedelta(days=2))
            titled = {lang: {"title": f"{title} {index + 1}", "summary": SUMMARIES[lang]}
                      for lang, title in TITLES.items()}
            write(meeting, titled)
            dbsession.add(meeting)
            meeting.attendance = [
                Attendance(group="representatives", language="ar", count=3),
                Attendance(group="representatives", language="fa", count=2),
                Attendance(group="representatives", language="ur", count=1),
                Attendance(group="management", count=2),
                Attendance(group="organisation", organisation_id=unhcr.id, count=1)]
            meetings.append(meeting)
            if not months_ago:
                break
            for position, topic_index in enumerate((index % 4, (index + 1) % 4), 1):
                kind, party, texts = TOPICS[topic_index]
                item = AgendaItem(meeting=meeting, position=position, source_language="en")
                write(item, {lang: {"title": t[0]} for lang, t in texts.items()})
                concern = Concern(meeting=meeting, agenda_item=item, category=kind,
                                  source_language="en")
                write(concern, {lang: {"text": t[1]} for lang, t in texts.items()})
                decision = Decision(meeting=meeting, agenda_item=item, source_language="en")
                write(decision, {lang: {"text": t[2]} for lang, t in texts.items()})
                action = ActionItem(
                    meeting=meeting, centre_id=centre.id, concern=concern, party=party,
                    organisation_id=unhcr.id if party == "organisation" else None,
                    due_date=day + timedelta(days=21), status="open", source_language="en",
                    created=starts)
                write(action, {lang: {"what": t[3]} for lang, t in texts.items()})
                dbsession.add(item)
                dbsession.add(action)
                fate = FATES[index][position - 1]
                if fate != "open":
                    # reviewed at the next meeting (its date), in its record
                    reviewer_day = starts + timedelta(days=30)
                    review = ActionUpdate(action=action, status=fate, at=reviewer_day,
                                          source_language="en")
                    write(review, {lang: {"note": note} for lang, note in NOTES[fate].items()})
                    action.status = fate
                    action.closed_at = reviewer_day if fate in ("done", "dropped") else None
                    dbsession.add(review)
                    action._reviewed_in = index + 1
        dbsession.flush()
        for action in dbsession.scalars(select(ActionItem).where(
                ActionItem.centre_id == centre.id)).all():
            later = getattr(action, "_reviewed_in", None)
            for update in action.updates:
                update.meeting_id = meetings[later].id if later is not None else None
        grant_local_role(dbsession, meetings[-1], secretary if centre.slug == "usivak"
                         else manager, "secretary")
