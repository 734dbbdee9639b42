"""Who manages an activity, resolved against the activity itself.

When an activity becomes the context (``bind_activity``), its ACL gets an entry for the viewer
if they are a partner of the activity's organisation in the activity's centre: a partner manages
their organisation's activities in their centres and nothing else, without any check in the
views. No principal provider is added for it: the core's SQL visibility filters
(``permission_filter``) stay exact for every other list.
"""
from pyramid.authorization import Allow
from pyramid.httpexceptions import HTTPNotFound
from sqlalchemy import select

from portal.api import centre_context, centre_factory

from .models import ORGANISER_PERMISSIONS, Activity


def organiser_entries(request, activity):
    """``(Allow, "u:<viewer>", ...)`` when the viewer is a partner of the activity's
    organisation in its centre (or a partner everywhere), else nothing."""
    user = request.user
    if user is None or not user.organisation_id or user.organisation_id != \
            activity.organisation_id:
        return []
    if any(a.role == "partner" and a.centre_id in (None, activity.centre_id)
           for a in user.roles):
        return [(Allow, f"u:{user.id}", ORGANISER_PERMISSIONS)]
    return []


def bind_activity(request, activity, parent=None):
    """Make ``activity`` a context below its centre."""
    activity.__parent__ = parent if parent is not None else centre_context(request,
                                                                           activity.centre)
    activity.__name__ = str(activity.id)
    activity.organiser_acl = organiser_entries(request, activity)
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
