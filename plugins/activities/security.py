"""Who manages an activity, resolved against the activity itself.

A partner holds ``activities.organiser:<organisation>`` in front of a context of a centre where
they hold the partner role: the activity's ACL names its own organisation with it, so a partner
manages their organisation's activities in their centres and nothing else, without any check in
the views.
"""
from sqlalchemy import select
from pyramid.httpexceptions import HTTPNotFound

from portal.api import centre_context, centre_factory

from .models import Activity


def organiser_principals(request, context, user):
    centre_id = getattr(context, "centre_id", None)
    if not user.organisation_id or centre_id is None:
        return []
    partner_here = any(a.role == "partner" and a.centre_id in (None, centre_id)
                       for a in user.roles)
    return [f"activities.organiser:{user.organisation_id}"] if partner_here else []


def bind_activity(request, activity, parent=None):
    """Make ``activity`` a context below its centre."""
    activity.__parent__ = parent if parent is not None else centre_context(request,
                                                                           activity.centre)
    activity.__name__ = str(activity.id)
    return activity


def activity_factory(request):
    """``/activities/{centre}/{id}/...``: the activity, 404 when it belongs to another centre."""
    parent = centre_factory(request)
    try:
        ident = int(request.matchdict["id"])
    except ValueError:
        raise HTTPNotFound() from None
    activity = request.dbsession.scalars(
        select(Activity).where(Activity.id == ident, Activity.centre_id == parent.centre_id)
    ).first()
    if activity is None:
        raise HTTPNotFound()
    return bind_activity(request, activity, parent)
