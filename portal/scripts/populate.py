"""``portal-populate <ini>``: load the demo data of the core and every plugin, once."""
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
            loaded = run_populators(dbsession, registry)
    if loaded:
        print(f"Demo data loaded. Every demo account's password is: {DEMO_PASSWORD}")
    else:
        print("The database already holds data; nothing loaded.")


if __name__ == "__main__":
    main()
