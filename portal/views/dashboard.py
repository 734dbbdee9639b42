"""The core's dashboard tiles: plain callables returning data for their templates."""
from datetime import timedelta

from pyramid.view import view_config
from sqlalchemy import func, select

from ..migrations import pending_heads
from ..models import AuditEntry, Content, ErrorEvent, User
from ..models.meta import utcnow
from ..navigation import dashboard_tiles, viewer_centres
from ..paging import paginate
from ..resources import bind_content, of_active_centres
from ..translation_queue import active_centres, queue_query
from ..visibility import permission_filter
from ..workflow import returned_reasons
from .content import localized
from .audit import action_title, kind_title
from .pages import published_pages
from .translations import desk_rows


def pages_tile(request, context):
    # a centre's page lists its pages in a centre panel
    if context.centre_id is not None or request.user is None:
        return None
    pages = published_pages(request, context.centre_id, limit=10)
    return {"pages": [{"id": page.id, "shown": shown,
                       "centre": page.centre.name if page.centre and context.centre is None else ""}
                      for page, shown in pages]}


def audit_tile(request, context):
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(8)
    if context.centre_id is not None:
        query = query.where(AuditEntry.centre_id == context.centre_id)
    translate = request.localizer.translate
    return {"entries": [{"entry": e, "action": translate(action_title(request, e.action)),
                         "kind": translate(kind_title(request, e.object_type))
                         if e.object_type else ""}
                        for e in request.dbsession.scalars(query)]}


# -- the dashboard each user lands on after login (tiles registered with dashboard=True) --------

DASHBOARD_ROWS = 10


def row(request, content, reasons=None):
    """What a dashboard list shows of a content item: its title in the reader's language,
    its state, its centre and the reason it was returned, if it was."""
    workflow = content.workflow
    return {"id": content.id, "shown": localized(request, content),
            "state": workflow.states[content.state].title if workflow else content.state,
            "centre": content.centre.name if content.centre else "",
            "modified": content.modified,
            "reason": (reasons or {}).get(content.id)}


def bound(request, query, permission="view", limit=DASHBOARD_ROWS):
    """The first ``limit`` rows of ``query`` on which the viewer has ``permission``."""
    found = []
    # the SQL filter keeps what the viewer may open (a superset), so the rows they may not open
    # (colleagues' drafts) do not use up the tile's rows; each row is then checked
    query = query.where(permission_filter(request, Content, permission))
    for content in request.dbsession.scalars(query.limit(limit * 3)):
        bind_content(request, content)
        if request.has_permission(permission, content):
            found.append(content)
        if len(found) == limit:
            break
    return found


def proposals_tile(request, context):
    """My proposals: what the reader wrote, newest first, with its state and, when a manager
    returned it, the reason. Those who decide everywhere (administrators) propose nothing."""
    if request.has_permission("manage_centre", context):
        return None
    query = (select(Content).where(Content.owner_id == request.user.id,
                                   of_active_centres(Content))
             .order_by(Content.modified.desc(), Content.id.desc()))
    items = bound(request, query)
    reasons = returned_reasons(request, items)
    return {"items": [row(request, content, reasons) for content in items]}


def decisions_tile(request, context):
    """What waits for the reader's decision in the centres they manage, oldest first."""
    centre_ids = [centre.id for centre in viewer_centres(request, "manage_centre")]
    if not centre_ids and not request.has_permission("manage_centre", context):
        return None
    query = (select(Content).where(Content.state == "submitted", of_active_centres(Content))
             .order_by(Content.modified, Content.id))
    if not request.has_permission("manage_centre", context):  # not for every centre
        query = query.where(Content.centre_id.in_(centre_ids))
    waiting = request.dbsession.scalar(select(func.count()).select_from(query.subquery()))
    items = [content for content in bound(request, query, "view")
             if content.workflow and content.workflow.allowed_transitions(request, content)]
    return {"items": [row(request, content) for content in items], "waiting": waiting}


def organisation_tile(request, context):
    """A partner's organisation: what its people proposed or published, newest first."""
    user = request.user
    if user.organisation_id is None:
        return None
    query = (select(Content).join(User, Content.owner_id == User.id)
             .where(User.organisation_id == user.organisation_id, of_active_centres(Content))
             .order_by(Content.modified.desc(), Content.id.desc()))
    return {"organisation": user.organisation.name,
            "items": [row(request, content) for content in bound(request, query)]}


def health_tile(request, context):
    """For administrators: the plugins enabled, migrations not yet run, errors of the last day."""
    since = utcnow() - timedelta(days=1)
    errors = request.dbsession.execute(
        select(ErrorEvent.route, ErrorEvent.kind, func.count(), func.max(ErrorEvent.at))
        .where(ErrorEvent.at >= since).group_by(ErrorEvent.route, ErrorEvent.kind)
        .order_by(func.count().desc())).all()
    portal = request.registry.portal
    return {"plugins": [portal.installed.get(name, info) for name, info in portal.plugins.items()],
            "pending": sorted(pending_heads(request.registry,
                                            connection=request.dbsession.connection())),
            "errors": [{"route": route, "kind": kind, "count": count, "last": last}
                       for route, kind, count, last in errors],
            "error_count": sum(count for _route, _kind, count, _last in errors)}


@view_config(route_name="dashboard", request_method="GET", permission="authenticated",
             renderer="portal:templates/dashboard.jinja2")
def dashboard(context, request):
    return {"tiles": dashboard_tiles(request, context)}


QUEUE_TILE_SIZE = 5


def translation_queue_tile(request, context):
    """The translator's first items: the top of their own desk, in the desk's order."""
    centres = active_centres(request)
    kinds = list(request.registry.portal.translatables.values())
    page = paginate(request, queue_query(request, kinds), size=QUEUE_TILE_SIZE,
                    keep=desk_rows(request, kinds, centres))
    return {"rows": page.items, "more": page.has_next}
