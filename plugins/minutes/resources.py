"""Route contexts: a meeting of the centre in the address, bound to its workflow's ACL, so every
view checks its permission on the meeting itself (the secretary's local role included)."""
from pyramid.httpexceptions import HTTPNotFound

from portal.api import bind_content, centre_factory

from .models import Meeting


def meeting_factory(request):
    context = centre_factory(request)
    try:
        meeting = request.dbsession.get(Meeting, int(request.matchdict["id"]))
    except ValueError:
        raise HTTPNotFound() from None
    if meeting is None or meeting.centre_id != context.centre_id:
        raise HTTPNotFound()
    return bind_content(request, meeting)


def part_of(request, meeting, model, key="item"):
    """The agenda item, action item... named in the address, if it belongs to ``meeting``."""
    try:
        obj = request.dbsession.get(model, int(request.matchdict[key]))
    except ValueError:
        raise HTTPNotFound() from None
    if obj is None or getattr(obj, "meeting_id", None) != meeting.id:
        raise HTTPNotFound()
    return obj
