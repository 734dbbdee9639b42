"""Seed a centre with many active notices in nine languages (for bench/run); the demo centre
manager manages that centre too, for the staff list."""
import sys
from datetime import timedelta

import transaction
from pyramid.paster import bootstrap
from sqlalchemy import select

from portal.i18n import LANGUAGES
from portal.core import CATEGORIES
from portal.models import Centre, RoleAssignment, User, get_tm_session
from portal.models.meta import utcnow
from plugins.noticeboard.models import Notice

MANAGER = "manager-usivak"


def seed(ini, slug, count):
    with bootstrap(ini) as env, transaction.manager:
        dbsession = get_tm_session(env["registry"]["dbsession_factory"], transaction.manager)
        dbsession.info["audit_disabled"] = True  # a benchmark's bulk load is not a user's change
        centre = dbsession.scalars(select(Centre).where(Centre.slug == slug)).one()
        categories = [name for name, _title in CATEGORIES]
        manager = dbsession.scalars(select(User).where(User.username == MANAGER)).one()
        manager.roles.append(RoleAssignment(role="centre_manager", centre_id=centre.id))
        now = utcnow()
        for number in range(count):
            notice = Notice(centre=centre, state="published", source_language="en", revision=1,
                            category=categories[number % len(categories)],
                            priority="important" if number % 50 == 0 else "normal",
                            valid_until=now + timedelta(days=30), position=number)
            for lang in LANGUAGES:
                notice.set_text(lang, title=f"Notice {number} ({lang})",
                                summary=f"Summary of notice {number} in {lang}.",
                                body=f"**Notice {number}.** Ask the information desk. - {lang}")
            dbsession.add(notice)
            if number % 200 == 199:
                dbsession.flush()


if __name__ == "__main__":
    seed(sys.argv[1], sys.argv[2], int(sys.argv[3]))
