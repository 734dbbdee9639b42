"""Demo notices for every centre, in all nine languages (a few outdated, two urgent)."""
import json
from datetime import time, timedelta
from pathlib import Path

from sqlalchemy import select

from portal.api import Centre, User, utcnow

from .models import Notice

DEMO = Path(__file__).with_name("demo_notices.json")


def clock(value):
    return time.fromisoformat(value) if value else None


def make_notice(data, centre, owner, now):
    notice = Notice(
        centre=centre, state="published", source_language=data["source_language"],
        owner=owner, category=data["category"], priority=data["priority"],
        valid_from=now - timedelta(days=1), valid_until=now + timedelta(days=data["days_valid"]),
        weekdays=",".join(str(d) for d in data.get("weekdays") or []),
        daily_start=clock(data.get("daily_start")), daily_end=clock(data.get("daily_end")),
        position=100, revision=1,
    )
    source = data["texts"][data["source_language"]]
    notice.set_text(data["source_language"], **source)
    for lang, text in data["texts"].items():
        if lang != data["source_language"]:
            notice.set_text(lang, **text)
    if data.get("outdated"):
        # the source was edited after these translations were written
        notice.set_text(data["source_language"], **source)
        for lang in data["texts"]:
            if lang not in data["outdated"]:
                notice.texts[lang].source_revision = notice.revision
    return notice


def populate_demo(dbsession, registry):
    demo = json.loads(DEMO.read_text(encoding="utf-8"))
    now = utcnow()
    owner = dbsession.scalars(select(User).where(User.username == "manager-usivak")).first()
    centres = dbsession.scalars(select(Centre).order_by(Centre.id)).all()
    for data in demo:
        if data.get("all_centres"):
            dbsession.add(make_notice(data, None, owner, now))
        else:
            for centre in centres:
                dbsession.add(make_notice(data, centre, owner, now))
