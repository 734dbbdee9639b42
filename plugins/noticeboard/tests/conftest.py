from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.api import Centre, utcnow
from plugins.noticeboard.models import Notice


@pytest.fixture
def centre(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


@pytest.fixture
def make_notice(dbsession, centre):
    """A published notice of Ušivak with English (and optionally more) text."""

    def make(title="Bus to the hospital", state="published", priority="normal",
             category="transport", texts=None, until=timedelta(days=3), **fields):
        notice = Notice(centre=fields.pop("centre", centre), state=state, source_language="en",
                        category=category, priority=priority, revision=1,
                        valid_until=utcnow() + until if until is not None else None, **fields)
        notice.set_text("en", title=title, summary=f"{title} (summary)", body=f"**{title}**")
        for lang, text in (texts or {}).items():
            notice.set_text(lang, title=text, summary=text, body=text)
        dbsession.add(notice)
        dbsession.flush()
        return notice

    return make
