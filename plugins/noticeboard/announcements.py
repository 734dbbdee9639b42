"""Announcements from other plugins (an election's phases, an upcoming meeting) become notices.

Other plugins publish :class:`portal.api.Announcement`; they never import the notice board. The
same ``key`` announced again updates its notice (and its text revision, so translations made
from the old text show as outdated).
"""
from sqlalchemy import select

from portal.api import Announcement, category

from .categories import PRIORITIES
from .models import Notice


def post_announcement(event: Announcement):
    dbsession = event.request.dbsession
    notice = dbsession.scalars(select(Notice).where(Notice.announcement_key == event.key)).first()
    if notice is None:
        notice = Notice(announcement_key=event.key, source_language=event.source_language,
                        revision=1, owner_id=None)
        dbsession.add(notice)
    notice.centre_id = event.centre_id
    notice.state = "published"
    notice.category = category(event.request.registry, event.category).name
    notice.priority = event.priority if event.priority in PRIORITIES else "normal"
    notice.valid_from, notice.valid_until = event.valid_from, event.valid_until
    source = event.texts[event.source_language]
    notice.set_text(event.source_language, **source)
    for language, text in event.texts.items():
        if language != event.source_language:
            notice.set_text(language, **text)
    dbsession.flush()
    return notice
