"""The notices panel of the centre kiosk, and the managers' dashboard tile."""
from sqlalchemy import func, select

from .models import Notice
from .views import schedule_cards


def notices_panel(request, centre):
    """Every notice shown within the next 48 hours, with the periods when it shows, so that the
    kiosk hides and shows notices on time even while it is offline."""
    cards, next_change = schedule_cards(request, centre)
    return {"cards": cards, "next_change_at": next_change}


def pending_tile(request, context):
    """For managers: notices waiting for a decision in this centre."""
    if context.centre_id is None:
        return None
    count = request.dbsession.scalar(
        select(func.count()).select_from(Notice)
        .where(Notice.centre_id == context.centre_id, Notice.state == "submitted"))
    return {"count": count, "centre": context.centre}
