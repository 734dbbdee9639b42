"""Residents' pages: the published meetings of a centre, each record with its outcomes first,
and "You said, we did". Staff reading a record see their steps beside it."""
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import (LANGUAGES, AuditEntry, bind_content, content_actions, paginate,
                        permission_filter, permitted, public_page)

from .models import Meeting
from .record import action_row, carried_forward, record, shown, when
from .stats import overdue_actions, said_and_done
from .subscribers import meeting_secretaries


@view_config(route_name="minutes.index", request_method="GET", permission="view",
             renderer="plugins.minutes:templates/index.jinja2",
             decorator=public_page(params=("page",)))
def index(context, request):
    """Published meetings of the centre, newest first."""
    query = (select(Meeting).where(Meeting.centre_id == context.centre_id,
                                   Meeting.state == "published")
             .order_by(Meeting.starts_at.desc(), Meeting.id.desc()))
    page = paginate(request, query, size=20)
    rows = [{"meeting": m, "title": shown(request, m, "title"),
             "summary": shown(request, m, "summary"),
             "when": when(request.locale_name, m)} for m in page.items]
    return {"rows": rows, "page": page}


@view_config(route_name="minutes.record", request_method="GET", permission="view",
             renderer="plugins.minutes:templates/record.jinja2", decorator=public_page())
def record_page(context, request):
    """The record: outcomes in plain words, then everything; for its writers, the tools."""
    data = record(request, context)
    data["can_edit"] = bool(request.has_permission("edit", context))
    data["staff"] = request.user is not None and (
        data["can_edit"] or bool(request.has_permission("translate", context)))
    if data["staff"]:
        data["steps"] = content_actions(request, context)
        data["can_appoint"] = bool(request.has_permission("minutes.appoint", context))
        data["can_correct"] = bool(request.has_permission("minutes.correct", context))
        data["secretaries"] = [u.full_name for u in meeting_secretaries(request, context)]
        data["returned"] = returned_comment(request, context)
    if data["can_edit"]:
        data["carried"] = [action_row(request, a)
                           for a in carried_forward(request.dbsession, context)]
    data["languages"] = LANGUAGES
    return data


def returned_comment(request, meeting):
    """The manager's comment when the last step returned the draft to its writers (the step's
    comment in the audit log)."""
    if meeting.state != "draft":
        return None
    last = request.dbsession.scalars(
        select(AuditEntry).where(AuditEntry.object_type == meeting.type,
                                 AuditEntry.object_id == str(meeting.id),
                                 AuditEntry.action.like("transition:%"))
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    return last.summary if last is not None and last.action == "transition:return" else None


@view_config(route_name="minutes.said", request_method="GET", permission="view",
             renderer="plugins.minutes:templates/said.jinja2", decorator=public_page())
def said_we_did(context, request):
    return said_and_done(request, context.centre)


@view_config(route_name="minutes.manage", request_method="GET", permission="minutes.manage",
             renderer="plugins.minutes:templates/manage.jinja2")
def manage(context, request):
    """Every meeting of the centre the reader may open, drafts included, newest first, with
    the steps they may take; and the promises that are overdue."""
    query = (select(Meeting).where(Meeting.centre_id == context.centre_id,
                                   permission_filter(request, Meeting, "view"))
             .options(selectinload(Meeting.actions))
             .order_by(Meeting.starts_at.desc(), Meeting.id.desc()))
    page = paginate(request, query, keep=permitted(request, "view",
                                                    lambda m: bind_content(request, m)))
    rows = [{"meeting": m, "title": shown(request, m, "title"),
             "when": when(request.locale_name, m, "short"),
             "actions": content_actions(request, m)} for m in page.items]
    return {"rows": rows, "page": page,
            "overdue": [action_row(request, a) for a in overdue_actions(request, context.centre)],
            "can_add": bool(request.has_permission("minutes.add", context))}
