"""The audit log as people read it: who did what to which named object, when, where.

Administrators see every centre's entries; a centre manager sees their centre's. Filters by
centre, user, kind of object and date; newest first, a page at a time.
"""
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from pyramid.view import view_config
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..i18n import _
from ..models import AuditEntry, Base, Centre
from ..paging import paginate

PAGE_SIZE = 50

ACTIONS = {
    "create": _("created"),
    "update": _("changed"),
    "delete": _("deleted"),
    "login": _("logged in"),
    "logout": _("logged out"),
}

#: names of the core's own kinds of object, for readers (plugins give ``__audit_title__``)
CORE_KINDS = {
    "centres": _("Centre"), "rooms": _("Room"), "users": _("User"),
    "organisations": _("Organisation"), "role_assignments": _("Role"),
    "local_roles": _("Role on one item"), "content_texts": _("Text"),
    "centre_disabled_plugins": _("Plugin switch"),
}


@lru_cache(maxsize=None)
def model_of(table):
    for mapper in Base.registry.mappers:
        if mapper.local_table is not None and mapper.local_table.name == table:
            return mapper.class_
    return None


def kind_title(request, object_type):
    info = request.registry.portal.content_types.get(object_type)
    if info is not None:
        return info.title
    model = model_of(object_type)
    return CORE_KINDS.get(object_type) or getattr(model, "__audit_title__", None) or object_type


def action_title(request, action):
    if action.startswith("transition:"):
        name = action.partition(":")[2]
        for workflow in request.registry.portal.workflows.values():
            if name in workflow.transitions:
                return workflow.transitions[name].title
        return name
    return ACTIONS.get(action, action)


def object_url(request, entry):
    """A link to the object while it can still be opened (content, through its own page)."""
    if entry.action == "delete" or not entry.object_id.isdigit():
        return None
    if entry.object_type in request.registry.portal.content_types:
        return request.route_path("content.view", id=entry.object_id)
    return None


def parse_day(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def audit_page(request, centre_id=None):
    """Entries matching the request's filters, a page of them, and what the filters offer."""
    params = request.GET
    filters = {"centre": params.get("centre", ""), "user": params.get("user", "").strip(),
               "kind": params.get("kind", ""), "since": params.get("since", ""),
               "until": params.get("until", "")}
    query = select(AuditEntry)
    if centre_id is not None:
        query = query.where(AuditEntry.centre_id == centre_id)
    elif filters["centre"].isdigit():
        query = query.where(AuditEntry.centre_id == int(filters["centre"]))
    if filters["user"]:
        query = query.where(AuditEntry.username == filters["user"].lower())
    if filters["kind"]:
        query = query.where(AuditEntry.object_type == filters["kind"])
    tz = ZoneInfo(request.registry.settings["portal.default_timezone"])
    since, until = parse_day(filters["since"]), parse_day(filters["until"])
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time(), tz))
    if until:
        query = query.where(AuditEntry.at < datetime.combine(until + timedelta(days=1), time(), tz))
    page = paginate(request, query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
                    .options(selectinload(AuditEntry.centre)), size=PAGE_SIZE)
    kinds_query = select(AuditEntry.object_type).distinct()
    if centre_id is not None:
        kinds_query = kinds_query.where(AuditEntry.centre_id == centre_id)
    kinds = sorted(k for k in request.dbsession.scalars(kinds_query) if k)
    translate = request.localizer.translate
    return {
        "entries": [{"entry": e, "action": translate(action_title(request, e.action)),
                     "kind": translate(kind_title(request, e.object_type)) if e.object_type else "",
                     "url": object_url(request, e)} for e in page.items],
        "filters": filters, "page": page,
        "kinds": [(k, translate(kind_title(request, k))) for k in kinds],
        "centres": [] if centre_id is not None else request.dbsession.scalars(
            select(Centre).order_by(Centre.name)).all(),
        "total": request.dbsession.scalar(select(func.count()).select_from(query.subquery())),
    }


@view_config(route_name="admin.audit", request_method="GET", renderer="portal:templates/audit.jinja2",
             permission="admin")
def admin_audit(request):
    return audit_page(request)


@view_config(route_name="centre.audit", request_method="GET", renderer="portal:templates/audit.jinja2",
             permission="audit.view")
def centre_audit(context, request):
    return audit_page(request, centre_id=context.centre_id)
