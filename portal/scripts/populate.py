"""``portal-populate <ini>``: load the demo data of the core and of every enabled plugin, each once.

A plugin enabled later gets its demo data on the next run; what was loaded before is not loaded again.
"""
import argparse
import sys

import transaction
from pyramid.paster import bootstrap, setup_logging

from ..migrations import pending_heads
from ..populate import DEMO_PASSWORD, run_populators
from ..models import get_tm_session


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_uri", help="the ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    with bootstrap(args.config_uri) as env:
        registry = env["registry"]
        if not registry.settings["portal.demo_data"]:
            sys.exit("portal.demo_data is off in this configuration: no demo data loaded")
        if pending_heads(registry):
            sys.exit("the database is not up to date: run portal-migrate first")
        with transaction.manager:
            dbsession = get_tm_session(registry["dbsession_factory"], transaction.manager)
            populated = run_populators(dbsession, registry)
    report(populated)


def describe(populator):
    return populator.name if populator.name == populator.plugin \
        else f"{populator.name} ({populator.plugin})"


def report(populated):
    if populated.taken_as_is:
        print("The database already holds data from before demo data was recorded per populator; "
              "taken as it is, nothing loaded. Recorded as loaded:")
    elif populated.loaded:
        print("Demo data loaded:")
    else:
        print("The demo data of every enabled populator is already loaded; nothing loaded.")
    for populator in populated.taken_as_is or populated.loaded:
        print(f"  {describe(populator)}")
    if populated.core_loaded:
        print(f"Every demo account's password is: {DEMO_PASSWORD}")


if __name__ == "__main__":
    main()
