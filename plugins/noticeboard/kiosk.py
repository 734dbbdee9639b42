"""The notices panels of the centre kiosk and of the centre page, and the dashboard tiles."""
from datetime import timedelta

from sqlalchemy import func, select

from portal.api import utcnow, viewer_centres

from .models import Notice
from .queries import board_page, kiosk_schedule, next_change
from .views import card, reader_languages

#: the most notices a kiosk holds: more than anyone reads standing at a screen
KIOSK_LIMIT = 60


def notices_panel(request, centre):
    """The first notices (in board order) shown within the next 48 hours, with the periods when
    each shows, so that the kiosk hides and shows them on time even while it is offline.

    Those periods are counted from the hour: the feed is asked again at the next hour, or
    earlier when a notice comes or goes."""
    now = utcnow()
    rows = kiosk_schedule(request.dbsession, centre, KIOSK_LIMIT, reader_languages(request), now)
    next_hour = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    change = next_change(request.dbsession, centre, now)
    return {"cards": [card(request, notice, intervals, active)
                      for notice, active, intervals in rows],
            "next_change_at": min(change, next_hour) if change else next_hour}


#: notices on the centre page; the board has them all
CENTRE_PAGE_LIMIT = 5


def current_notices_panel(request, centre):
    """The first notices the board shows right now, until the board next changes by itself."""
    notices, _more = board_page(request.dbsession, centre, 1, CENTRE_PAGE_LIMIT,
                                reader_languages(request))
    return {"cards": [card(request, notice) for notice in notices],
            "next_change_at": next_change(request.dbsession, centre)}


def pending_tile(request, context):
    """For managers: notices waiting for a decision in this centre."""
    if context.centre_id is None:
        return None
    count = request.dbsession.scalar(
        select(func.count()).select_from(Notice)
        .where(Notice.centre_id == context.centre_id, Notice.state == "submitted"))
    return {"count": count, "centre": context.centre}


def decisions_tile(request, context):
    """On a manager's dashboard: the centres they manage where notices wait for a decision,
    each linked to its list of them."""
    centres = [centre for centre in viewer_centres(request, "manage_centre")
               if centre.plugin_enabled("noticeboard")]
    if not centres:
        return None
    counts = dict(request.dbsession.execute(
        select(Notice.centre_id, func.count())
        .where(Notice.centre_id.in_([c.id for c in centres]), Notice.state == "submitted")
        .group_by(Notice.centre_id)).all())
    waiting = [{"centre": centre, "count": counts[centre.id]}
               for centre in centres if counts.get(centre.id)]
    return {"centres": waiting} if waiting else None


def propose_tile(request, context):
    """On a proposer's dashboard: where they may propose a notice (not for administrators,
    who hold every permission everywhere and propose nothing)."""
    if request.has_permission("manage_centre", context):
        return None
    centres = [centre for centre in viewer_centres(request, "notice.add")
               if centre.plugin_enabled("noticeboard")]
    return {"centres": centres} if centres else None
