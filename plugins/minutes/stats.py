"""“You said, we did”: the concerns raised in a centre's published meetings, by category, with
what was done about each, the counts of open, overdue and done action items, the median days
to close one, and a chart of items opened and closed per month (SVG drawn here, mirrored for
right-to-left readers)."""
import statistics
from datetime import date
from zoneinfo import ZoneInfo

from babel.dates import format_date
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from babel.numbers import format_decimal

from portal.api import babel_locale, categories, direction, utcnow

from .i18n import _
from .models import CLOSED, ActionItem, Concern, Meeting
from .record import action_details, action_row, day, shown

MONTHS = 6


def published_actions(dbsession, centre):
    return dbsession.scalars(
        select(ActionItem).join(Meeting, Meeting.id == ActionItem.meeting_id)
        .where(ActionItem.centre_id == centre.id, Meeting.state == "published")
        .options(*action_details())
        .order_by(ActionItem.id)).all()


def overdue_actions(request, centre):
    """Open action items of the centre past their due date, oldest promise first (staff)."""
    today = utcnow().astimezone(ZoneInfo(centre.timezone)).date()
    return request.dbsession.scalars(
        select(ActionItem).where(ActionItem.centre_id == centre.id,
                                 ActionItem.status.not_in(CLOSED),
                                 ActionItem.due_date < today)
        .order_by(ActionItem.due_date, ActionItem.id)).all()


def month_start(value):
    return date(value.year, value.month, 1)


def last_months(today, count=MONTHS):
    months = []
    year, month = today.year, today.month
    for _step in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def said_and_done(request, centre):
    zone = ZoneInfo(centre.timezone)
    today = utcnow().astimezone(zone).date()
    concerns = request.dbsession.scalars(
        select(Concern).join(Meeting, Meeting.id == Concern.meeting_id)
        .where(Meeting.centre_id == centre.id, Meeting.state == "published")
        .options(selectinload(Concern.meeting),
                 selectinload(Concern.actions).options(*action_details()))
        .order_by(Meeting.starts_at.desc(), Concern.id)).all()
    groups = []
    for kind in categories(request.registry):
        rows = [{"concern": c, "text": shown(request, c, "text"),
                 "meeting": c.meeting, "date": day(request, c.meeting.starts_at.astimezone(zone)),
                 "actions": [action_row(request, a, today) for a in c.actions
                             if a.meeting.state == "published"]}
                for c in concerns if c.category == kind.name]
        if rows:
            groups.append({"name": kind.name, "title": request.localizer.translate(kind.title),
                           "rows": rows})
    actions = published_actions(request.dbsession, centre)
    days_to_close = [(a.closed_at - a.created).days for a in actions
                     if a.status == "done" and a.closed_at is not None]
    counts = {
        "open": sum(1 for a in actions if not a.is_closed),
        "overdue": sum(1 for a in actions if a.is_overdue(today)),
        "done": sum(1 for a in actions if a.status == "done"),
        "dropped": sum(1 for a in actions if a.status == "dropped"),
    }
    months = last_months(today)
    opened = {m: 0 for m in months}
    closed = {m: 0 for m in months}
    for action in actions:
        start = month_start(action.created.astimezone(zone))
        if start in opened:
            opened[start] += 1
        if action.closed_at is not None:
            end = month_start(action.closed_at.astimezone(zone))
            if end in closed:
                closed[end] += 1
    lang = request.locale_name
    series = [{"label": format_date(m, "LLL y", locale=babel_locale(lang)),
               "opened": opened[m], "closed": closed[m]} for m in months]
    return {"groups": groups, "counts": counts,
            "median_days": statistics.median(days_to_close) if days_to_close else None,
            "series": series,
            "chart": chart_svg(request, series)}


def chart_svg(request, series, width=640, height=260):
    """Bars of items opened and closed per month. Months run the way the page reads: left to
    right, or right to left (the first month at the right edge)."""
    rtl = direction(request.locale_name) == "rtl"
    locale = babel_locale(request.locale_name)

    def number(value):
        return format_decimal(value, locale=locale)

    top = max([1] + [max(s["opened"], s["closed"]) for s in series])
    left, bottom, plot_top = 16, height - 40, 24
    slot = (width - 2 * left) / max(1, len(series))
    bar = slot / 3
    scale = (bottom - plot_top) / top
    title = request.localizer.translate(_("Action items opened and closed per month"))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="minutes-chart" role="img" '
             f'viewBox="0 0 {width} {height}" width="100%" aria-labelledby="minutes-chart-title"'
             f' direction="{"rtl" if rtl else "ltr"}">',
             f'<title id="minutes-chart-title">{escape(title)}</title>',
             f'<line x1="{left}" y1="{bottom}" x2="{width - left}" y2="{bottom}" '
             f'stroke="currentColor" stroke-width="1"/>']
    for index, month in enumerate(series):
        start = (width - left - (index + 1) * slot) if rtl else (left + index * slot)
        first, second = ("closed", "opened") if rtl else ("opened", "closed")
        for offset, key in ((bar / 2, first), (bar * 1.5, second)):
            value = month[key]
            bar_height = value * scale
            x = start + offset
            parts.append(f'<rect class="minutes-bar-{key}" x="{x:.1f}" '
                         f'y="{bottom - bar_height:.1f}" width="{bar:.1f}" '
                         f'height="{bar_height:.1f}"/>')
            parts.append(f'<text class="minutes-chart-value" x="{x + bar / 2:.1f}" '
                         f'y="{bottom - bar_height - 4:.1f}" text-anchor="middle">'
                         f'{escape(number(value))}</text>')
        parts.append(f'<text class="minutes-chart-month" x="{start + slot / 2:.1f}" '
                     f'y="{bottom + 22}" text-anchor="middle">{escape(month["label"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
