"""The core's dashboard tiles: plain callables returning data for their templates."""
from sqlalchemy import func, select

from ..models import AuditEntry, Content, ContentText
from ..resources import of_active_centres
from .audit import action_title, kind_title
from .pages import published_pages


def pages_tile(request, context):
    # a centre's page lists its pages in a centre panel
    if context.centre_id is not None or request.user is None:
        return None
    pages = published_pages(request, context.centre_id, limit=10)
    return {"pages": [{"id": page.id, "shown": shown,
                       "centre": page.centre.name if page.centre and context.centre is None else ""}
                      for page, shown in pages]}


def translations_tile(request, context):
    outdated = request.dbsession.scalar(
        select(func.count()).select_from(ContentText).join(Content)
        .where(ContentText.source_revision < Content.revision, of_active_centres(Content))
    )
    return {"outdated": outdated}


def audit_tile(request, context):
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(8)
    if context.centre_id is not None:
        query = query.where(AuditEntry.centre_id == context.centre_id)
    translate = request.localizer.translate
    return {"entries": [{"entry": e, "action": translate(action_title(request, e.action)),
                         "kind": translate(kind_title(request, e.object_type))
                         if e.object_type else ""}
                        for e in request.dbsession.scalars(query)]}
