"""Another plugin's Announcement becomes a published notice; the same key updates it."""
from datetime import timedelta

from portal.api import Announcement, utcnow


def announce(dummy_request, centre, title="Voting opens on Monday", **kw):
    event = Announcement(
        request=dummy_request, key="elections:1:voting", centre_id=centre.id,
        texts={"en": {"title": title, "summary": "Bring your voting code."},
               "ar": {"title": "يبدأ التصويت يوم الاثنين", "summary": "أحضر رمز التصويت."}},
        source_language="en", category="safety", priority="important",
        valid_until=utcnow() + timedelta(days=5), **kw)
    dummy_request.registry.notify(event)


def test_an_announcement_is_on_the_board_and_at_the_kiosk(testapp, dummy_request, centre):
    dummy_request.user = None
    announce(dummy_request, centre)
    board = testapp.get("/noticeboard/usivak/?lang=ar")
    assert "يبدأ التصويت يوم الاثنين" in board.text
    feed = testapp.get("/kiosk/usivak/feed.json?lang=en").json
    assert "Voting opens on Monday" in feed["panels"][0]["html"]


def test_announcing_the_same_key_again_updates_the_notice(testapp, dummy_request, centre,
                                                          dbsession):
    from sqlalchemy import func, select

    from plugins.noticeboard.models import Notice

    dummy_request.user = None
    announce(dummy_request, centre)
    announce(dummy_request, centre, title="Voting opens on Tuesday")
    notices = dbsession.scalars(select(Notice).where(
        Notice.announcement_key == "elections:1:voting")).all()
    assert len(notices) == 1
    assert notices[0].texts["en"].title == "Voting opens on Tuesday"
    assert notices[0].priority == "important" and notices[0].category == "safety"
    assert dbsession.scalar(select(func.count()).select_from(Notice).where(
        Notice.announcement_key.is_not(None))) == 1
    board = testapp.get("/noticeboard/usivak/?lang=en").text
    assert "Voting opens on Tuesday" in board and "Voting opens on Monday" not in board
