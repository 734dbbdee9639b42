"""The message a refused booking shows: the dates taken and by which organisation."""
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_time

from portal.api import babel_locale

from .i18n import _


def describe_clashes(request, conflict):
    """"Room taken: 14 Apr 2026 10:00 (UNHCR), ...": the dates and the other organisations."""
    centre = getattr(request.context, "centre", None)
    tz = ZoneInfo(centre.timezone if centre is not None else "Europe/Sarajevo")
    locale = babel_locale(request.locale_name)
    parts = []
    for clash in conflict.clashes[:5]:
        if clash.start is None:
            continue
        local = clash.start.astimezone(tz)
        when = (f"{format_date(local.date(), 'medium', locale=locale)} "
                f"{format_time(local, 'short', locale=locale)}")
        parts.append(f"{when} ({clash.organisation})")
    more = len(conflict.clashes) - len(parts)
    return _("The room is already booked then: ${dates}${more}",
             mapping={"dates": "; ".join(parts) or "–",
                      "more": f" (+{more})" if more > 0 else ""})
