"""What the week, month, print and kiosk views show: the occurrences of a centre's confirmed
activities in a window of local days, each with its text in the reader's language."""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from babel.dates import format_time

from portal.api import (LANGUAGES, babel_locale, category, direction, fallback_chain, html_lang,
                        localizer_for, pictogram)

from .i18n import _
from .models import TARGET_GROUPS, Activity
from .recurrence import occurrences

GROUP_TITLES = dict(TARGET_GROUPS)

#: shown by the entry macro through its ``t`` (the page's or a printed page's language)
MACRO_MESSAGES = (_("Places: ${count}"), _("Cancelled"), _("Moved"),
                  _("Interpretation available"), _("Activities"), _("No activities."))


def centre_tz(centre):
    return ZoneInfo(centre.timezone or "Europe/Sarajevo")


def today_in(centre):
    return datetime.now(centre_tz(centre)).date()


def parse_day(value, default):
    """``?date=2026-03-30``; anything else gives ``default``."""
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return default


def week_start(day):
    return day - timedelta(days=day.weekday())


def shown_text(activity, lang, settings):
    """The activity's text in ``lang`` or its fallback, with its ``lang``/``dir`` and marks
    (the shape of the core's ``localized``, so its template macros apply)."""
    text, is_fallback = activity.text_for(lang, fallback_chain(settings, lang))
    if text is None:
        return None
    return {"text": text, "lang": html_lang(text.language), "dir": direction(text.language),
            "fallback": is_fallback, "outdated": activity.is_outdated(text.language)}


def shown_reason(change, lang, settings):
    """The reason of a moved or cancelled date in ``lang`` or its fallback (the shape of
    ``shown_text``), None without one."""
    if change is None:
        return None
    text, is_fallback = change.reason_in(lang, fallback_chain(settings, lang))
    if text is None:
        return None
    return {"text": text.reason, "lang": html_lang(text.language),
            "dir": direction(text.language), "fallback": is_fallback,
            "outdated": change.is_outdated(text.language)}


def confirmed_activities(dbsession, centre, room_id=None, organisation_id=None,
                         languages=None, ids=None):
    """The centre's confirmed series (``ids``: only those); with ``languages`` only those
    texts are loaded (the reader's language and its fallbacks: the source's comes anyway)."""
    texts = Activity.texts_in(languages) if languages else selectinload(Activity.texts)
    query = (select(Activity).where(Activity.centre_id == centre.id,
                                    Activity.state == "confirmed")
             .options(texts, selectinload(Activity.changes))
             .order_by(Activity.id))
    if room_id is not None:
        query = query.where(Activity.room_id == room_id)
    if organisation_id is not None:
        query = query.where(Activity.organisation_id == organisation_id)
    if ids is not None:
        query = query.where(Activity.id.in_(ids))
    return dbsession.scalars(query).all()


def entry(request, occurrence, lang, localizer=None):
    """One occurrence as pages show it, labels in ``lang``."""
    activity = occurrence.activity
    localizer = localizer or localizer_for(request, lang)
    kind = category(request.registry, activity.category)
    locale = babel_locale(lang)
    return {
        "when": (f"{format_time(occurrence.start, 'short', locale=locale)}–"
                 f"{format_time(occurrence.end, 'short', locale=locale)}"),
        "starts_at": format_time(occurrence.start, "short", locale=locale),
        "ends_at": format_time(occurrence.end, "short", locale=locale),
        "occurrence": occurrence,
        "activity": activity,
        "shown": shown_text(activity, lang, request.registry.settings),
        "start": occurrence.start,
        "end": occurrence.end,
        "cancelled": occurrence.cancelled,
        "moved": occurrence.moved,
        "reason": shown_reason(occurrence.change, lang, request.registry.settings),
        "organisation": activity.organisation.name,
        "room": activity.room.name if activity.room else "",
        "category_label": localizer.translate(kind.title),
        "pictogram": pictogram(request.registry, kind.name),
        "group_label": localizer.translate(GROUP_TITLES.get(activity.target_group,
                                                            GROUP_TITLES["everyone"])),
        "languages": [LANGUAGES.get(code, code) for code in activity.language_list],
        "interpretation": activity.interpretation,
        "capacity": activity.capacity,
    }


def days_of(request, centre, first_day, days, lang=None, room_id=None, organisation_id=None):
    """``[(day, [entry, ...]), ...]`` for ``days`` local days from ``first_day``."""
    lang = lang or request.locale_name
    tz = centre_tz(centre)
    start = datetime.combine(first_day, time(0), tz)
    end = datetime.combine(first_day + timedelta(days=days), time(0), tz)
    localizer = localizer_for(request, lang)
    by_day = {first_day + timedelta(days=n): [] for n in range(days)}
    languages = [lang, *fallback_chain(request.registry.settings, lang)]
    for activity in confirmed_activities(request.dbsession, centre, room_id, organisation_id,
                                         languages):
        for occurrence in occurrences(activity, tz, start, end):
            day = occurrence.start.date()
            if day in by_day:
                by_day[day].append(entry(request, occurrence, lang, localizer))
    for entries in by_day.values():
        entries.sort(key=lambda e: (e["start"].astimezone(tz).replace(tzinfo=None),
                                    e["activity"].id))
    return list(by_day.items())


def next_midnight(centre):
    tz = centre_tz(centre)
    return datetime.combine(today_in(centre) + timedelta(days=1), time(0), tz)
