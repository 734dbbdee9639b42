"""The kiosk's "What was decided", the centre page's meetings panel and the managers' tile of
overdue promises."""
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from portal.api import centres_using, utcnow, viewer_centres

from .models import CLOSED, STATUSES, ActionItem, AgendaItem, Meeting
from .record import party_label, place, shown, when

KIOSK_MEETINGS = 3


def published(dbsession, centre, limit):
    return dbsession.scalars(
        select(Meeting).where(Meeting.centre_id == centre.id, Meeting.state == "published")
        .order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(limit)).all()


def preload_outcomes(dbsession, meetings):
    """What the kiosk shows of ``meetings`` (decisions, action items and who answers for them),
    not the whole record: a kiosk feed is written for every language after each change."""
    ids = [m.id for m in meetings]
    if ids:
        dbsession.scalars(select(Meeting).where(Meeting.id.in_(ids)).options(
            selectinload(Meeting.agenda).selectinload(AgendaItem.decisions),
            selectinload(Meeting.actions).selectinload(ActionItem.organisation))).all()


def outcome_row(request, action, today):
    return {"id": action.id, "what": shown(request, action, "what"),
            "party": party_label(request, action), "status": action.status,
            "status_label": request.localizer.translate(STATUSES[action.status]),
            "overdue": action.is_overdue(today)}


def decided_panel(request, centre):
    """The last meetings' decisions and action items with their status, large at the kiosk."""
    today = utcnow().astimezone(ZoneInfo(centre.timezone)).date()
    meetings = []
    found = published(request.dbsession, centre, KIOSK_MEETINGS)
    preload_outcomes(request.dbsession, found)
    for meeting in found:
        meetings.append({
            "title": shown(request, meeting, "title"),
            "when": when(request.locale_name, meeting, "short"),
            "decisions": [shown(request, d, "text")
                          for item in meeting.agenda for d in item.decisions],
            "actions": [outcome_row(request, a, today) for a in meeting.actions],
        })
    return {"meetings": meetings, "next_change_at": None}


def upcoming(dbsession, centre, now):
    return dbsession.scalars(
        select(Meeting).where(Meeting.centre_id == centre.id, Meeting.starts_at > now)
        .order_by(Meeting.starts_at, Meeting.id).limit(2)).all()


def centre_panel(request, centre):
    """The next meetings and the latest record; it changes by itself when a meeting starts."""
    now = utcnow()
    coming = upcoming(request.dbsession, centre, now)
    latest = published(request.dbsession, centre, 1)
    return {
        "upcoming": [{"title": shown(request, m, "title"),
                      "when": when(request.locale_name, m), "place": place(m)} for m in coming],
        "latest": [{"meeting": m, "title": shown(request, m, "title"),
                    "when": when(request.locale_name, m, "short")} for m in latest],
        "next_change_at": coming[0].starts_at if coming else None,
    }


def overdue_tile(request, context):
    """On a manager's dashboard: per centre, the action items past their due date."""
    centres = [c for c in viewer_centres(request, "manage_centre")
               if c.plugin_enabled("minutes")]
    if not centres:
        return None
    today = utcnow().date()
    counts = dict(request.dbsession.execute(
        select(ActionItem.centre_id, func.count())
        .where(ActionItem.centre_id.in_([c.id for c in centres]),
               ActionItem.status.not_in(CLOSED), ActionItem.due_date < today)
        .group_by(ActionItem.centre_id)).all())
    rows = [{"centre": c, "count": counts[c.id]} for c in centres if counts.get(c.id)]
    return {"centres": rows} if rows else None


def links_tile(request, context):
    """On the home page: each centre's meeting records (a centre page has its panel)."""
    if getattr(context, "centre", None) is not None:
        return None
    centres = centres_using(request, "minutes")
    return {"centres": centres} if centres else None
