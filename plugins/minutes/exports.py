"""A meeting's minutes as a PDF in any language (WeasyPrint: HarfBuzz shapes Arabic script,
with the Noto fonts the portal serves), and a centre's action items as CSV for reports."""
import csv
import io
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname
from zoneinfo import ZoneInfo

from pyramid.renderers import render
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.api import category, public_page

from .i18n import _
from .models import ActionItem, Meeting
from .record import action_row, day, record, shown

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def pdf_engine():
    """WeasyPrint, imported when the first PDF is drawn: it weighs some 40 MiB that a worker
    serving pages never needs."""
    import weasyprint

    return weasyprint


def local_files_only(static_dir):
    """WeasyPrint's fetcher, limited to the fonts and styles shipped with the portal: a PDF
    never asks another server (or another file on this one) for anything."""
    URLFetcher = pdf_engine().urls.URLFetcher

    allowed = [Path(static_dir).resolve(), (HERE / "static").resolve()]

    class LocalFiles(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"not fetched in a PDF: {url}")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols=("file",))


def minutes_pdf(request, meeting):
    static_dir = request.registry.settings["portal.static_dir"]
    values = record(request, meeting)
    values.update({"fonts": Path(static_dir, "fonts").resolve().as_uri(),
                   "print_css": (HERE / "static" / "print.css").resolve().as_uri()})
    html = render("plugins.minutes:templates/pdf.jinja2", values, request=request)
    return pdf_engine().HTML(string=html, base_url=str(HERE), url_fetcher=local_files_only(static_dir)) \
        .write_pdf()


@view_config(route_name="minutes.pdf", request_method="GET", permission="view",
             decorator=public_page())
def pdf_view(context, request):
    response = Response(body=minutes_pdf(request, context), content_type="application/pdf")
    name = f"minutes-{context.centre.slug}-{context.id}-{request.locale_name}.pdf"
    response.content_disposition = f'inline; filename="{name}"'
    return response


COLUMNS = [
    ("id", _("Number")), ("meeting_date", _("Meeting date")), ("meeting", _("Meeting")),
    ("what", _("What will be done")), ("party", _("Responsible party")),
    ("due", _("Due date")), ("status", _("Status")), ("overdue", _("Overdue")),
    ("closed", _("Closed on")), ("category", _("Concern category")),
    ("last_note", _("Last note")),
]


@view_config(route_name="minutes.csv", request_method="GET", permission="minutes.report")
def action_items_csv(context, request):
    """Every action item of the centre, in the reader's language (texts with their fallbacks),
    UTF-8 with a byte order mark so that spreadsheet programs read Arabic script."""
    actions = request.dbsession.scalars(
        select(ActionItem).where(ActionItem.centre_id == context.centre_id)
        .options(selectinload(ActionItem.updates), selectinload(ActionItem.concern))
        .join(Meeting, Meeting.id == ActionItem.meeting_id)
        .order_by(Meeting.starts_at, ActionItem.id)).all()
    translate = request.localizer.translate
    zone = ZoneInfo(context.centre.timezone)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([translate(title) for _key, title in COLUMNS])
    for action in actions:
        row = action_row(request, action)
        last = action.updates[-1] if action.updates else None
        note = shown(request, last, "note") if last is not None else None
        meeting_title = shown(request, action.meeting, "title")
        writer.writerow([
            action.id, day(request, action.meeting.starts_at.astimezone(zone)),
            meeting_title["value"] if meeting_title else "",
            row["what"]["value"] if row["what"] else "", row["party"], row["due"],
            row["status_label"], translate(_("Yes")) if row["overdue"] else "", row["closed"],
            translate(category(request.registry, action.concern.category).title)
            if action.concern is not None else "",
            note["value"] if note else "",
        ])
    response = Response(body=("\ufeff" + out.getvalue()).encode("utf-8"),
                        content_type="text/csv", charset="utf-8")
    response.content_disposition = (
        f'attachment; filename="action-items-{context.centre.slug}.csv"')
    return response
