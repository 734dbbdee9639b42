"""The reader's inbox: their notifications, newest first, 25 a page, read in their language."""
from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from sqlalchemy import select

from ..forms import FormView
from ..i18n import _
from ..models import Notification
from ..notifications import mark_read, translate
from ..paging import paginate
from .auth import safe_target


class MarkAllReadForm(FormView):
    """One button: every notification of the reader is read."""

    inline = True
    formid = "mark-all-read"
    button_title = _("Mark all as read")

    def __init__(self, context, request):
        super().__init__(context, request)
        self.action = request.route_path("inbox.read_all")

    def success(self, appstruct):
        mark_read(self.request)
        return self.redirect(self.request.route_path("inbox"), _("All notifications are read."))


@view_config(route_name="inbox", request_method="GET", permission="authenticated",
             renderer="portal:templates/inbox.jinja2")
def inbox(request):
    query = (select(Notification).where(Notification.user_id == request.user.id)
             .order_by(Notification.created.desc(), Notification.id.desc()))
    page = paginate(request, query)
    localizer = request.localizer
    return {"page": page,
            "rows": [{"note": note, "text": translate(localizer, note.translation_string)}
                     for note in page.items],
            "mark_all": MarkAllReadForm(request.context, request).form().render()}


@view_config(route_name="inbox.read_all", request_method="POST", permission="authenticated")
def read_all(request):
    return MarkAllReadForm(request.context, request)()


@view_config(route_name="inbox.open", request_method="GET", permission="authenticated")
def open_notification(request):
    """Opening a notification marks it read and leads where it points (the reader's own only)."""
    try:
        note = request.dbsession.get(Notification, int(request.matchdict["id"]))
    except ValueError:
        note = None
    if note is None or note.user_id != request.user.id:
        raise HTTPNotFound()
    mark_read(request, [note])
    return HTTPSeeOther(safe_target(request, note.url or request.route_path("inbox")))
