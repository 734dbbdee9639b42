"""What a reader sees of a meeting, in their language: each text with its own ``lang``/``dir``
and a mark when it is a fallback or outdated; the outcomes first, then the full record."""
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from portal.api import (LANGUAGES, babel_locale, category, direction, fallback_chain, html_lang,
                        pictogram, utcnow)

from .i18n import _
from .models import (CLOSED, GROUPS, KINDS, PARTIES, STATUSES, ActionItem, ActionUpdate,
                     AgendaItem, Attendance, Concern, Meeting)


def action_details():
    """What an action item's row shows: its meeting, its history, who answers for it."""
    return (selectinload(ActionItem.meeting),
            selectinload(ActionItem.updates).selectinload(ActionUpdate.meeting),
            selectinload(ActionItem.organisation))


def preload(dbsession, meetings):
    """Everything the records of ``meetings`` show, in a fixed number of queries."""
    ids = [m.id for m in meetings]
    if ids:
        dbsession.scalars(select(Meeting).where(Meeting.id.in_(ids)).options(
            selectinload(Meeting.agenda).options(
                selectinload(AgendaItem.concerns).selectinload(Concern.actions),
                selectinload(AgendaItem.decisions)),
            selectinload(Meeting.actions).options(*action_details()),
            selectinload(Meeting.attendance).selectinload(Attendance.organisation),
            selectinload(Meeting.corrections), selectinload(Meeting.room))).all()


def reader_languages(request):
    lang = request.locale_name
    return [lang, *fallback_chain(request.registry.settings, lang)]


def shown(request, obj, field):
    """One text of a translatable object in the reader's language or its fallback."""
    lang = request.locale_name
    text, fallback = obj.text_for(lang, fallback_chain(request.registry.settings, lang))
    if text is None:
        return None
    return {"value": getattr(text, field), "lang": html_lang(text.language),
            "dir": direction(text.language), "fallback": fallback,
            "outdated": obj.is_outdated(text.language)}


def centre_zone(meeting_or_centre):
    centre = getattr(meeting_or_centre, "centre", meeting_or_centre)
    return ZoneInfo(centre.timezone)


def when(lang, meeting, format="full"):
    """The meeting's day and time on the centre's clock, in ``lang``: the day in words, the
    time without seconds."""
    locale = babel_locale(lang)
    local = meeting.starts_at.astimezone(centre_zone(meeting))
    date_format = "full" if format == "full" else "medium"
    return f"{format_date(local.date(), date_format, locale=locale)}, " \
           f"{format_time(local.time(), 'short', locale=locale)}"


def day(request, value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return format_date(value, format="medium", locale=babel_locale(request.locale_name))


def place(meeting):
    return meeting.room.name if meeting.room is not None else meeting.place


def party_label(request, action):
    if action.party is None:
        return request.localizer.translate(_("Not decided yet"))
    if action.party == "organisation" and action.organisation is not None:
        return action.organisation.name
    return request.localizer.translate(PARTIES[action.party])


def action_row(request, action, today=None):
    today = today or utcnow().astimezone(ZoneInfo(action.meeting.centre.timezone)).date()
    return {
        "action": action, "id": action.id,
        "what": shown(request, action, "what"),
        "party": party_label(request, action),
        "due": day(request, action.due_date),
        "status": action.status,
        "status_label": request.localizer.translate(STATUSES[action.status]),
        "overdue": action.is_overdue(today),
        "closed": day(request, action.closed_at.astimezone(centre_zone(action.meeting)))
        if action.closed_at else "",
        "history": [update_row(request, update) for update in action.updates],
    }


def update_row(request, update):
    meeting = update.meeting
    return {
        "date": day(request, update.at.astimezone(centre_zone(update.action.meeting))),
        "status_label": request.localizer.translate(STATUSES[update.status]),
        "note": shown(request, update, "note"),
        "meeting": meeting,
        "meeting_when": when(request.locale_name, meeting, "short") if meeting is not None else "",
        "meeting_public": meeting is not None and meeting.state == "published",
    }


def reviewed_here(dbsession, meeting):
    """Action items of earlier meetings whose status changed in ``meeting``."""
    return dbsession.scalars(
        select(ActionItem).join(ActionUpdate, ActionUpdate.action_id == ActionItem.id)
        .where(ActionUpdate.meeting_id == meeting.id, ActionItem.meeting_id != meeting.id)
        .options(*action_details()).distinct().order_by(ActionItem.id)).all()


def carried_forward(dbsession, meeting):
    """The open action items of the centre's earlier meetings, and those already reviewed in
    this one (closed here, they stay listed here): what this meeting reviews."""
    earlier = select(Meeting.id).where(Meeting.centre_id == meeting.centre_id,
                                       Meeting.starts_at < meeting.starts_at,
                                       Meeting.id != meeting.id)
    reviewed = select(ActionUpdate.action_id).where(ActionUpdate.meeting_id == meeting.id)
    return dbsession.scalars(
        select(ActionItem).where(ActionItem.meeting_id.in_(earlier),
                                 or_(ActionItem.status.not_in(CLOSED),
                                     ActionItem.id.in_(reviewed)))
        .options(*action_details())
        .order_by(ActionItem.due_date, ActionItem.id)).all()


def attendance_rows(request, meeting):
    rows = []
    for entry in meeting.attendance:
        if not entry.count:
            continue
        if entry.group == "representatives":
            label = request.localizer.translate(_("Representatives: ${community}", mapping={
                "community": LANGUAGES.get(entry.language, entry.language)}))
        elif entry.group == "organisation":
            label = entry.organisation.name if entry.organisation else ""
        else:
            label = request.localizer.translate(GROUPS[entry.group])
        rows.append({"label": label, "count": entry.count})
    return rows


def record(request, meeting):
    """Everything the record page, the PDF and the kiosk show of ``meeting``."""
    registry = request.registry
    preload(request.dbsession, [meeting])
    agenda = []
    decisions = []
    for item in meeting.agenda:
        item_decisions = [{"id": d.id, "text": shown(request, d, "text")} for d in item.decisions]
        decisions.extend(item_decisions)
        agenda.append({
            "item": item, "id": item.id,
            "title": shown(request, item, "title"), "summary": shown(request, item, "summary"),
            "concerns": [{
                "id": c.id, "text": shown(request, c, "text"),
                "category": request.localizer.translate(category(registry, c.category).title),
                "pictogram": pictogram(registry, category(registry, c.category).name),
                "actions": [a.id for a in c.actions]} for c in item.concerns],
            "decisions": item_decisions,
        })
    today = utcnow().astimezone(centre_zone(meeting)).date()
    source = meeting.source_text
    return {
        "meeting": meeting,
        "title": shown(request, meeting, "title"),
        "summary": shown(request, meeting, "summary"),
        "when": when(request.locale_name, meeting),
        "place": place(meeting),
        "kind": request.localizer.translate(KINDS.get(meeting.kind, KINDS["other"])),
        "agenda": agenda,
        "decisions": decisions,
        "actions": [action_row(request, a, today) for a in meeting.actions],
        "reviewed": [action_row(request, a, today)
                     for a in reviewed_here(request.dbsession, meeting)],
        "attendance": attendance_rows(request, meeting),
        "corrections": [{
            "date": day(request, c.created.astimezone(centre_zone(meeting))),
            "note": shown(request, c, "note"),
            "earlier": json.loads(c.earlier or "[]"),
            "earlier_lang": html_lang(c.source_language),
            "earlier_dir": direction(c.source_language)} for c in meeting.corrections],
        "source_lang": html_lang(source.language) if source else "",
    }
