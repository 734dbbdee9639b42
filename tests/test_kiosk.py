"""The kiosk feed as the core assembles it from the panels plugins register."""
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import select

import plugins.noticeboard.kiosk
import portal.navigation
from plugins.noticeboard.models import Notice
from portal.models import Centre, CentrePluginSetting
from portal.models.meta import utcnow

FEED = "/kiosk/usivak/feed.json?lang=ar"


def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def set_clock(monkeypatch, moment):
    for module in (portal.navigation, plugins.noticeboard.kiosk):
        monkeypatch.setattr(module, "utcnow", lambda: moment)


def test_an_unchanged_feed_is_the_same_bytes_at_every_rendering(app, testapp, dbsession,
                                                                monkeypatch):
    for title, fields in [("Prayer room", {"daily_start": time(20), "daily_end": time(22)}),
                          ("Water point", {"valid_until": utcnow() + timedelta(days=3)})]:
        notice = Notice(centre=usivak(dbsession), state="published", source_language="en",
                        revision=1, **fields)
        notice.set_text("en", title=title, summary=title, body=title)
        dbsession.add(notice)
    dbsession.flush()
    first_moment = utcnow()
    set_clock(monkeypatch, first_moment)
    first = testapp.get(FEED)
    next_change = datetime.fromtimestamp(first.json["next_change_at"], timezone.utc)
    later = first_moment + (next_change - first_moment) / 2  # nothing comes or goes before
    assert later - first_moment > timedelta(seconds=1)
    set_clock(monkeypatch, later)
    app.registry["page_cache"].clear()  # rendered again, not answered from the stored copy
    testapp.get(FEED, headers={"If-None-Match": first.headers["ETag"]}, status=304)
    app.registry["page_cache"].clear()
    again = testapp.get(FEED)
    assert again.body == first.body and again.headers["ETag"] == first.headers["ETag"]
    assert "generated_at" not in again.json


def test_a_feed_whose_panels_do_not_change_by_themselves_has_no_next_change(testapp, dbsession):
    centre = usivak(dbsession)
    assert isinstance(testapp.get(FEED).json["next_change_at"], int)
    # without the notices (whose periods move on) and the activities (today's and tomorrow's),
    # nothing on this kiosk changes with the clock
    centre.disabled_plugins.append(CentrePluginSetting(plugin="noticeboard"))
    centre.disabled_plugins.append(CentrePluginSetting(plugin="elections"))  # phases move on
    centre.disabled_plugins.append(CentrePluginSetting(plugin="activities"))
    dbsession.flush()
    feed = testapp.get(FEED).json
    assert [panel["name"] for panel in feed["panels"]] == ["minutes.decided", "hello",
                                                           "portal.pages"]
    assert feed["next_change_at"] is None
