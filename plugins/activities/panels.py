"""What is on: today and this week on the centre page, today and tomorrow at the kiosk."""
from datetime import datetime, time, timedelta

from .schedule import centre_tz, days_of, next_midnight, today_in


def centre_panel(request, centre):
    """Today's activities, then the six days after it (this week, read as the coming seven
    days: on a Sunday the week ahead is what residents ask about), until midnight."""
    today = today_in(centre)
    days = days_of(request, centre, today, 7)
    today_entries = days[0][1]
    rest = [(day, entries) for day, entries in days[1:] if entries]
    return {"today": today_entries, "week": rest, "next_change_at": next_midnight(centre)}


def kiosk_panel(request, centre):
    """Today's and tomorrow's activities, cancellations marked. Each entry carries the period
    it shows in (``data-intervals``): the kiosk drops finished ones by itself, even offline."""
    today = today_in(centre)
    days = days_of(request, centre, today, 2)
    # from the start of today, not from the moment of rendering: the panel (and the feed's
    # ETag) stays the same bytes all day, and the kiosk hides each entry once it has ended
    since = int(datetime.combine(today, time(0), centre_tz(centre)).timestamp())
    for _day, entries in days:
        for entry in entries:
            entry["interval"] = [since, int(entry["end"].timestamp())]
    return {"days": days, "next_change_at": next_midnight(centre) + timedelta(seconds=1)}
