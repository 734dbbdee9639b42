"""``portal-activities-extend CONFIG``: materialise the rooms' occurrences up to the horizon.

A series without an end holds its room ``activities.horizon_days`` (400) ahead of the day it
was saved; run this once a day (cron) so that it keeps holding it as the days pass:

    15 3 * * *  /srv/portal/.venv/bin/portal-activities-extend /srv/portal/production.ini

It prints what it extended, and every occurrence it left out because another series booked
since holds the room then; the series' organisers and the centre's managers are told in their
inbox which dates could not keep the room (to move or cancel them).
"""
import argparse
import sys
from zoneinfo import ZoneInfo

from pyramid.paster import bootstrap, setup_logging

from portal.api import notify

from .booking import extend_all
from .i18n import _
from .views import centre_managers, organisers


def extend(request):
    """Extend every room's series in one transaction of ``request`` (the script's, from
    ``bootstrap``); the report's lines."""
    with request.tm:
        done = extend_all(request.dbsession, request.registry.settings)
        tell_organisers(request, done)
        return report(done)


def tell_organisers(request, done):
    """Each series that lost dates: its organisers and the centre's managers hear which."""
    for extension in done:
        if not extension.clashes:
            continue
        activity = extension.activity
        centre = activity.centre
        dates = ", ".join(f"{clash.start.astimezone(ZoneInfo(centre.timezone)):%Y-%m-%d %H:%M}"
                          for clash in extension.clashes)
        notify(request, organisers(request, activity) + list(centre_managers(request, centre)),
               _("Some dates of ${title} could not keep the room, booked since by "
                 "${organisation}: ${dates}. Move or cancel them."),
               url=request.route_path("activities.manage", centre=centre.slug),
               mapping={"title": activity.translation_label, "dates": dates,
                        "organisation": extension.clashes[0].organisation})


def report(done):
    lines = []
    added = sum(extension.added for extension in done)
    lines.append(f"{len(done)} series extended, {added} occurrences added")
    for extension in done:
        activity = extension.activity
        for clash in extension.clashes:
            lines.append(f"left out: activity {activity.id} ({activity.translation_label}) at "
                         f"{clash.start:%Y-%m-%d %H:%M} UTC: the room is booked by "
                         f"{clash.organisation}")
    return lines


def main(argv=None):
    parser = argparse.ArgumentParser(prog="portal-activities-extend",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("config_uri", help="the ini file, e.g. production.ini")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    with bootstrap(args.config_uri) as env:
        for line in extend(env["request"]):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
