"""``portal-activities-extend CONFIG``: materialise the rooms' occurrences up to the horizon.

A series without an end holds its room ``activities.horizon_days`` (400) ahead of the day it
was saved; run this once a day (cron) so that it keeps holding it as the days pass:

    15 3 * * *  /srv/portal/.venv/bin/portal-activities-extend /srv/portal/production.ini

It prints what it extended, and every occurrence it left out because another series booked
since holds the room then (the organiser should move or cancel that date).
"""
import argparse
import sys

import transaction
from pyramid.paster import bootstrap, setup_logging
from zope.sqlalchemy import register

from .booking import extend_all


def extend(registry):
    """Extend every room's series; ``[Extension, ...]`` (committed)."""
    session = registry["dbsession_factory"]()
    register(session, transaction_manager=transaction.manager)
    with transaction.manager:
        done = extend_all(session, registry.settings)
        lines = report(done)
    session.close()
    return lines


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
        for line in extend(env["registry"]):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
