"""``portal-migrate <ini>``: bring the database up to date for the core and every enabled plugin."""
import argparse
import os

from pyramid.paster import bootstrap, get_appsettings, setup_logging

from ..migrations import upgrade


def ensure_sqlite_folder(url):
    if url.startswith("sqlite:///"):
        os.makedirs(os.path.dirname(url[len("sqlite:///"):]) or ".", exist_ok=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("config_uri", help="the ini file, e.g. development.ini")
    args = parser.parse_args(argv)
    setup_logging(args.config_uri)
    ensure_sqlite_folder(os.environ.get("PORTAL_DATABASE_URL")
                         or get_appsettings(args.config_uri)["sqlalchemy.url"])
    with bootstrap(args.config_uri) as env:
        upgrade(env["registry"])


if __name__ == "__main__":
    main()
