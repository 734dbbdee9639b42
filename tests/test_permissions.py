"""Every route x every role (and anonymous) gets exactly the expected status, for GET and POST.

A route missing from EXPECTED (GET) or EXPECTED_POST fails ``test_every_route_has_an_expectation``:
adding a page means deciding who may open it and who may send it a form.
"""
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from sqlalchemy import func, select

from portal.api import grant_local_role
from portal.models import AuditEntry, Centre, Page, Room, User

# "host" holds no role but a local one: host of one gathering of the example plugin
ROLES = ["anonymous", "admin", "manager", "rep", "partner", "protection", "translator", "host"]
ACCOUNTS = {"admin": "admin", "manager": "manager-usivak", "rep": "rep-usivak",
            "partner": "partner-unhcr", "protection": "protection-usivak",
            "translator": "translator", "host": "host-usivak"}

ALL_200 = {role: 200 for role in ROLES}
LOGGED_IN = {**{role: 200 for role in ROLES}, "anonymous": 303}
ADMIN_ONLY = {**{role: 403 for role in ROLES}, "anonymous": 303, "admin": 200}
MANAGERS = {**ADMIN_ONLY, "manager": 200}
NOBODY = {**ADMIN_ONLY, "admin": 403}
TRANSLATORS = {**MANAGERS, "translator": 200}
GET_NOT_ALLOWED = {role: 404 for role in ROLES}
GONE = {role: 410 for role in ROLES}  # an ended notice's public pages: never the login page
# a draft's writers: managers and the meeting's secretary (a local role of rep-usivak)
MINUTES_WRITERS = {**MANAGERS, "rep": 200}
NOT_FOUND = {role: 404 for role in ROLES}
OFFICERS = {**MANAGERS, "host": 200}  # the election's officers (a local role) and managers

# route name -> list of (url template, expected status per role)
EXPECTED = {
    "home": [("/", ALL_200)],
    "login": [("/login", ALL_200)],
    "logout": [("/logout", GET_NOT_ALLOWED)],
    "profile": [("/profile", LOGGED_IN)],
    "dashboard": [("/dashboard", LOGGED_IN)],
    "inbox": [("/inbox", LOGGED_IN)],
    "inbox.read_all": [("/inbox/read-all", GET_NOT_ALLOWED)],
    # nobody opens a notification that is not theirs
    "inbox.open": [("/inbox/0", {**{role: 404 for role in ROLES}, "anonymous": 303})],
    "centre": [("/centres/usivak", ALL_200), ("/centres/blazuj", ALL_200)],
    "centre.settings": [("/centres/usivak/settings", MANAGERS),
                        ("/centres/blazuj/settings", ADMIN_ONLY)],
    "centre.rooms": [("/centres/usivak/rooms", MANAGERS), ("/centres/blazuj/rooms", ADMIN_ONLY)],
    "centre.room_edit": [("/centres/usivak/rooms/{room}", MANAGERS)],
    "centre.audit": [("/centres/usivak/audit", MANAGERS), ("/centres/blazuj/audit", ADMIN_ONLY)],
    "centre.pages": [("/centres/usivak/pages", {**LOGGED_IN, "host": 403}),
                     ("/centres/blazuj/pages", {**ADMIN_ONLY, "translator": 200})],
    "page.add": [("/centres/usivak/pages/add", MANAGERS),
                 ("/centres/blazuj/pages/add", ADMIN_ONLY)],
    "content.view": [("/content/{page}", ALL_200),
                     ("/content/{gathering}", {**TRANSLATORS, "host": 200})],
    "content.edit": [("/content/{page}/edit", MANAGERS), ("/content/{other_page}/edit", ADMIN_ONLY)],
    "content.preview": [("/content/{page}/preview?language=ar", ALL_200),
                        ("/content/{gathering}/preview?language=ar",
                         {**TRANSLATORS, "host": 200})],
    "content.translations": [("/content/{page}/translations", TRANSLATORS)],
    "content.translate": [("/content/{page}/translate/ar", TRANSLATORS)],
    "content.transition": [("/content/{page}/transition/withdraw", GET_NOT_ALLOWED)],
    "content.delete": [("/content/{page}/delete", MANAGERS),
                       ("/content/{other_page}/delete", ADMIN_ONLY)],
    "translations": [("/translations", {**ADMIN_ONLY, "translator": 200})],
    "translations.export": [("/translations/export?language=ar", {**ADMIN_ONLY, "translator": 200}),
                            ("/translations/export?language=xx", {**ADMIN_ONLY, "admin": 404,
                                                                  "translator": 404})],
    "translations.import": [("/translations/import", {**ADMIN_ONLY, "translator": 200})],
    "translation.overview": [("/translations/content/{page}", TRANSLATORS),
                             ("/translations/content/{other_page}", {**ADMIN_ONLY,
                                                                     "translator": 200}),
                             ("/translations/nosuchkind/{page}", {r: 404 for r in ROLES})],
    "translation.edit": [("/translations/content/{page}/ar", TRANSLATORS),
                         ("/translations/noticeboard.picture/{picture}/fr", TRANSLATORS),
                         ("/translations/activities.activity/{activity}/fr",
                          {**TRANSLATORS, "partner": 200})],
    "admin": [("/admin", ADMIN_ONLY)],
    "admin.plugins": [("/admin/plugins", ADMIN_ONLY)],
    "admin.audit": [("/admin/audit", ADMIN_ONLY)],
    "admin.centres": [("/admin/centres", ADMIN_ONLY)],
    "admin.centre_add": [("/admin/centres/add", ADMIN_ONLY)],
    "admin.centre_edit": [("/admin/centres/{centre}", ADMIN_ONLY)],
    "admin.organisations": [("/admin/organisations", ADMIN_ONLY)],
    "admin.organisation_add": [("/admin/organisations/add", ADMIN_ONLY)],
    "admin.organisation_edit": [("/admin/organisations/1", ADMIN_ONLY)],
    "admin.users": [("/admin/users", ADMIN_ONLY)],
    "admin.user_add": [("/admin/users/add", ADMIN_ONLY)],
    "admin.user_edit": [("/admin/users/1", ADMIN_ONLY)],
    "admin.user_roles": [("/admin/users/1/roles", ADMIN_ONLY)],
    "kiosk.index": [("/kiosk/", ALL_200)],
    "kiosk.worker": [("/kiosk/sw.js", ALL_200)],
    "kiosk.shell": [("/kiosk/usivak", ALL_200), ("/kiosk/nowhere", {r: 404 for r in ROLES})],
    "kiosk.feed": [("/kiosk/usivak/feed.json?lang=ar", ALL_200)],
    # the example third-party plugin installed by tests/conftest.py
    "hello.index": [("/hello/usivak/", ALL_200)],
    "hello.add": [("/hello/usivak/add", MANAGERS)],
    "hello.line_add": [("/hello/usivak/{gathering}/lines", {**MANAGERS, "host": 200}),
                       ("/hello/usivak/{other_gathering}/lines", MANAGERS)],
    "hello_ballot": [("/hello/usivak/ballot", ALL_200)],
    # plugins/noticeboard
    "noticeboard.index": [("/noticeboard/usivak/", ALL_200)],
    "noticeboard.notice": [("/noticeboard/usivak/{notice}", ALL_200),
                           ("/noticeboard/usivak/{draft_notice}",
                            {**TRANSLATORS, "rep": 200, "protection": 200}),
                           ("/noticeboard/usivak/{withdrawn_notice}", GONE)],
    "noticeboard.poster": [("/noticeboard/usivak/{notice}/poster", ALL_200),
                           ("/noticeboard/usivak/{withdrawn_notice}/poster", GONE)],
    "noticeboard.preview": [("/noticeboard/usivak/{notice}/preview?language=ar", ALL_200),
                            ("/noticeboard/usivak/{draft_notice}/preview?language=ar",
                             {**TRANSLATORS, "rep": 200, "protection": 200})],
    "noticeboard.image": [("/noticeboard/usivak/{notice}/image", ALL_200)],
    "noticeboard.image_edit": [("/noticeboard/usivak/{notice}/image/edit", MANAGERS),
                               ("/noticeboard/usivak/{draft_notice}/image/edit",
                                {**MANAGERS, "rep": 200})],
    "noticeboard.atom": [("/noticeboard/usivak/atom.xml", ALL_200)],
    "noticeboard.json": [("/noticeboard/usivak/feed.json", ALL_200)],
    "noticeboard.manage": [("/noticeboard/usivak/manage", {**LOGGED_IN, "translator": 403,
                                                            "host": 403}),
                           ("/noticeboard/blazuj/manage", ADMIN_ONLY)],
    "noticeboard.add": [("/noticeboard/usivak/add",
                         {**MANAGERS, "rep": 200, "partner": 200}),
                        ("/noticeboard/blazuj/add", ADMIN_ONLY)],
    # plugins/minutes: a published record, and a draft whose secretary is rep-usivak
    "minutes.index": [("/minutes/usivak/", ALL_200)],
    "minutes.said": [("/minutes/usivak/you-said-we-did", ALL_200)],
    "minutes.manage": [("/minutes/usivak/manage", {**LOGGED_IN, "translator": 403, "host": 403}),
                       ("/minutes/blazuj/manage", ADMIN_ONLY)],
    "minutes.add": [("/minutes/usivak/add", {**MANAGERS, "rep": 200}),
                    ("/minutes/blazuj/add", ADMIN_ONLY)],
    "minutes.csv": [("/minutes/usivak/action-items.csv",
                     {**MANAGERS, "partner": 200, "protection": 200})],
    "minutes.record": [("/minutes/usivak/{meeting}", ALL_200),
                       ("/minutes/usivak/{draft_meeting}",
                        {**TRANSLATORS, "rep": 200, "protection": 200})],
    "minutes.pdf": [("/minutes/usivak/{meeting}/minutes.pdf", ALL_200)],
    "minutes.agenda_add": [("/minutes/usivak/{draft_meeting}/agenda", MINUTES_WRITERS),
                           # published: corrected only, never edited, administrators included
                           ("/minutes/usivak/{meeting}/agenda", NOBODY)],
    "minutes.agenda_edit": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}",
                             MINUTES_WRITERS)],
    "minutes.concern_add": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}/concern",
                             MINUTES_WRITERS)],
    "minutes.decision_add": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}/decision",
                              MINUTES_WRITERS)],
    "minutes.action_add": [("/minutes/usivak/{draft_meeting}/actions", MINUTES_WRITERS)],
    "minutes.action_edit": [("/minutes/usivak/{draft_meeting}/actions/{action_item}",
                             MINUTES_WRITERS)],
    "minutes.review": [("/minutes/usivak/{draft_meeting}/review/{action_item}",
                        MINUTES_WRITERS)],
    "minutes.attendance": [("/minutes/usivak/{draft_meeting}/attendance", MINUTES_WRITERS)],
    "minutes.secretary": [("/minutes/usivak/{draft_meeting}/secretary", MANAGERS)],
    "minutes.correct": [("/minutes/usivak/{meeting}/correct", MANAGERS),
                        ("/minutes/usivak/{draft_meeting}/correct", ADMIN_ONLY)],
    "minutes.remove": [("/minutes/usivak/{draft_meeting}/remove/decision/{decision}",
                        GET_NOT_ALLOWED)],
    # plugins/elections ("host" is an officer of the election now voting: a local role)
    "elections.index": [("/elections/usivak/", ALL_200)],
    "elections.add": [("/elections/usivak/add", MANAGERS), ("/elections/blazuj/add", ADMIN_ONLY)],
    "elections.roster": [("/elections/usivak/roster", ALL_200)],
    "elections.vacate": [("/elections/usivak/roster/vacate", GET_NOT_ALLOWED)],
    "elections.election": [("/elections/usivak/{election}/", ALL_200),
                           ("/elections/usivak/{finished_election}/", ALL_200)],
    "elections.edit": [("/elections/usivak/{election}/edit", MANAGERS)],
    "elections.officers": [("/elections/usivak/{election}/officers", MANAGERS)],
    "elections.officer_remove": [("/elections/usivak/{election}/officers/remove",
                                  GET_NOT_ALLOWED)],
    "elections.contest_add": [("/elections/usivak/{election}/votes/add", OFFICERS),
                              ("/elections/usivak/{finished_election}/votes/add", MANAGERS)],
    "elections.publish": [("/elections/usivak/{election}/publish", GET_NOT_ALLOWED)],
    "elections.vote": [("/elections/usivak/vote/{contest}", ALL_200)],
    "elections.station": [("/elections/usivak/station/{contest}", ALL_200)],
    "elections.candidate_add": [("/elections/usivak/vote/{contest}/candidates/add", OFFICERS)],
    "elections.codes": [("/elections/usivak/vote/{contest}/codes", OFFICERS),
                        ("/elections/usivak/vote/{finished_contest}/codes", MANAGERS)],
    "elections.paper": [("/elections/usivak/vote/{contest}/paper", OFFICERS)],
    "elections.count": [("/elections/usivak/vote/{contest}/count", GET_NOT_ALLOWED)],
    # no results before they are published
    "elections.results": [("/elections/usivak/vote/{contest}/results", NOT_FOUND),
                          ("/elections/usivak/vote/{finished_contest}/results", ALL_200)],
    "elections.trackers": [("/elections/usivak/vote/{contest}/trackers", NOT_FOUND),
                           ("/elections/usivak/vote/{finished_contest}/trackers", ALL_200)],
    "elections.ballots_file": [("/elections/usivak/vote/{finished_contest}/ballots.blt", ALL_200),
                               ("/elections/usivak/vote/{contest}/ballots.blt", NOT_FOUND)],
    "elections.photo": [("/elections/usivak/candidate/{candidate}/photo", NOT_FOUND)],
    "elections.candidate_withdraw": [("/elections/usivak/candidate/{candidate}/withdraw",
                                      GET_NOT_ALLOWED)],
    # plugins/activities: partners book for their organisation in their centre, managers for all
    "activities.week": [("/activities/usivak/", ALL_200)],
    "activities.month": [("/activities/usivak/month", ALL_200)],
    "activities.print": [("/activities/usivak/print?languages=ar,en", ALL_200)],
    "activities.ics": [("/activities/usivak/calendar.ics", ALL_200)],
    "activities.manage": [("/activities/usivak/manage", {**MANAGERS, "partner": 200}),
                          ("/activities/blazuj/manage", ADMIN_ONLY)],
    "activities.add": [("/activities/usivak/add", {**MANAGERS, "partner": 200}),
                       ("/activities/blazuj/add", ADMIN_ONLY)],
    "activities.import": [("/activities/usivak/import", {**MANAGERS, "partner": 200})],
    "activities.settings": [("/activities/usivak/settings", MANAGERS),
                            ("/activities/blazuj/settings", ADMIN_ONLY)],
    "activities.edit": [("/activities/usivak/{activity}/edit", {**MANAGERS, "partner": 200}),
                        ("/activities/usivak/{other_activity}/edit", MANAGERS),
                        ("/activities/blazuj/{activity}/edit", {r: 404 for r in ROLES})],
    "activities.occurrence": [("/activities/usivak/{activity}/occurrence?start={activity_start}",
                               {**MANAGERS, "partner": 200}),
                              ("/activities/usivak/{other_activity}/occurrence"
                               "?start={other_activity_start}", MANAGERS)],
    "activities.decide": [("/activities/usivak/{activity}/decide", MANAGERS)],
    "activities.withdraw": [("/activities/usivak/{activity}/withdraw",
                             {**MANAGERS, "partner": 200}),
                            ("/activities/usivak/{other_activity}/withdraw", MANAGERS)],
}


# -- POST ------------------------------------------------------------------------------------
# Sent with the browser session's valid CSRF token and nothing else: a form answers 400 (its
# fields are missing), a form whose fields are all optional saves (303), a page that takes no
# POST answers 404 whoever asks. LOGIN: redirected to the login page.

LOGIN = "login"
NO_POST = {role: 404 for role in ROLES}
ALL_FORM = {role: 400 for role in ROLES}


def allowed(statuses, answer):
    """Roles holding the permission get ``answer``, the others 403, anonymous the login page."""
    return {**{role: 403 for role in ROLES}, "anonymous": LOGIN,
            **{role: answer for role in statuses}}


ADMIN = ("admin",)
MANAGING = ("admin", "manager")
OFFICIATING = MANAGING + ("host",)

EXPECTED_POST = {
    "home": [("/", NO_POST)],
    "login": [("/login", ALL_FORM)],
    "logout": [("/logout", {role: 303 for role in ROLES})],
    "profile": [("/profile", allowed([r for r in ROLES if r != "anonymous"], 303))],
    "dashboard": [("/dashboard", NO_POST)],
    "inbox": [("/inbox", NO_POST)],
    "inbox.read_all": [("/inbox/read-all", allowed([r for r in ROLES if r != "anonymous"], 303))],
    "inbox.open": [("/inbox/0", NO_POST)],
    "centre": [("/centres/usivak", NO_POST)],
    # the plugin switches are check boxes: an empty form switches every plugin off
    "centre.settings": [("/centres/usivak/settings", allowed(MANAGING, 303)),
                        ("/centres/blazuj/settings", allowed(ADMIN, 303))],
    "centre.rooms": [("/centres/usivak/rooms", allowed(MANAGING, 400)),
                     ("/centres/blazuj/rooms", allowed(ADMIN, 400))],
    "centre.room_edit": [("/centres/usivak/rooms/{room}", allowed(MANAGING, 400))],
    "centre.audit": [("/centres/usivak/audit", NO_POST)],
    "centre.pages": [("/centres/usivak/pages", NO_POST)],
    "page.add": [("/centres/usivak/pages/add", allowed(MANAGING, 400)),
                 ("/centres/blazuj/pages/add", allowed(ADMIN, 400))],
    "content.view": [("/content/{page}", NO_POST)],
    "content.preview": [("/content/{page}/preview", NO_POST)],
    "content.edit": [("/content/{page}/edit", allowed(MANAGING, 400)),
                     ("/content/{other_page}/edit", allowed(ADMIN, 400))],
    "content.translations": [("/content/{page}/translations", NO_POST)],
    "content.translate": [("/content/{page}/translate/ar",
                           allowed(MANAGING + ("translator",), 400))],
    "content.transition": [("/content/{page}/transition/withdraw", allowed(MANAGING, 303))],
    "content.delete": [("/content/{page}/delete", allowed(MANAGING, 303)),
                       ("/content/{other_page}/delete", allowed(ADMIN, 303))],
    "translations": [("/translations", NO_POST)],
    "translations.export": [("/translations/export?language=ar", NO_POST)],
    "translations.import": [("/translations/import", allowed(("admin", "translator"), 400))],
    "translation.overview": [("/translations/content/{page}", NO_POST)],
    "translation.edit": [("/translations/content/{page}/ar",
                          allowed(MANAGING + ("translator",), 400)),
                         ("/translations/noticeboard.picture/{picture}/fr",
                          allowed(MANAGING + ("translator",), 400))],
    "admin": [("/admin", NO_POST)],
    "admin.plugins": [("/admin/plugins", NO_POST)],
    "admin.audit": [("/admin/audit", NO_POST)],
    "admin.centres": [("/admin/centres", NO_POST)],
    "admin.centre_add": [("/admin/centres/add", allowed(ADMIN, 400))],
    "admin.centre_edit": [("/admin/centres/{centre}", allowed(ADMIN, 400))],
    "admin.organisations": [("/admin/organisations", NO_POST)],
    "admin.organisation_add": [("/admin/organisations/add", allowed(ADMIN, 400))],
    "admin.organisation_edit": [("/admin/organisations/1", allowed(ADMIN, 400))],
    "admin.users": [("/admin/users", NO_POST)],
    "admin.user_add": [("/admin/users/add", allowed(ADMIN, 400))],
    "admin.user_edit": [("/admin/users/1", allowed(ADMIN, 400))],
    "admin.user_roles": [("/admin/users/1/roles", allowed(ADMIN, 400))],
    "kiosk.index": [("/kiosk/", NO_POST)],
    "kiosk.worker": [("/kiosk/sw.js", NO_POST)],
    "kiosk.shell": [("/kiosk/usivak", NO_POST), ("/kiosk/nowhere", NO_POST)],
    "kiosk.feed": [("/kiosk/usivak/feed.json?lang=ar", NO_POST)],
    "hello.index": [("/hello/usivak/", NO_POST)],
    "hello.add": [("/hello/usivak/add", allowed(MANAGING, 400))],
    "hello.line_add": [("/hello/usivak/{gathering}/lines", allowed(MANAGING + ("host",), 400)),
                       ("/hello/usivak/{other_gathering}/lines", allowed(MANAGING, 400))],
    "hello_ballot": [("/hello/usivak/ballot", ALL_FORM)],
    "noticeboard.index": [("/noticeboard/usivak/", NO_POST)],
    "noticeboard.notice": [("/noticeboard/usivak/{notice}", NO_POST)],
    "noticeboard.poster": [("/noticeboard/usivak/{notice}/poster", NO_POST)],
    "noticeboard.preview": [("/noticeboard/usivak/{notice}/preview", NO_POST)],
    "noticeboard.image": [("/noticeboard/usivak/{notice}/image", NO_POST)],
    "noticeboard.image_edit": [("/noticeboard/usivak/{notice}/image/edit",
                                allowed(MANAGING, 400)),
                               ("/noticeboard/usivak/{draft_notice}/image/edit",
                                allowed(MANAGING + ("rep",), 400))],
    "noticeboard.atom": [("/noticeboard/usivak/atom.xml", NO_POST)],
    "noticeboard.json": [("/noticeboard/usivak/feed.json", NO_POST)],
    "noticeboard.manage": [("/noticeboard/usivak/manage", NO_POST)],
    "noticeboard.add": [("/noticeboard/usivak/add",
                         allowed(MANAGING + ("rep", "partner"), 400)),
                        ("/noticeboard/blazuj/add", allowed(ADMIN, 400))],
    "minutes.index": [("/minutes/usivak/", NO_POST)],
    "minutes.said": [("/minutes/usivak/you-said-we-did", NO_POST)],
    "minutes.manage": [("/minutes/usivak/manage", NO_POST)],
    "minutes.csv": [("/minutes/usivak/action-items.csv", NO_POST)],
    "minutes.record": [("/minutes/usivak/{meeting}", NO_POST)],
    "minutes.pdf": [("/minutes/usivak/{meeting}/minutes.pdf", NO_POST)],
    "minutes.add": [("/minutes/usivak/add", allowed(MANAGING + ("rep",), 400)),
                    ("/minutes/blazuj/add", allowed(ADMIN, 400))],
    "minutes.agenda_add": [("/minutes/usivak/{draft_meeting}/agenda",
                            allowed(MANAGING + ("rep",), 400))],
    "minutes.agenda_edit": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}",
                             allowed(MANAGING + ("rep",), 400))],
    "minutes.concern_add": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}/concern",
                             allowed(MANAGING + ("rep",), 400))],
    "minutes.decision_add": [("/minutes/usivak/{draft_meeting}/agenda/{agenda_item}/decision",
                              allowed(MANAGING + ("rep",), 400))],
    "minutes.action_add": [("/minutes/usivak/{draft_meeting}/actions",
                            allowed(MANAGING + ("rep",), 400))],
    "minutes.action_edit": [("/minutes/usivak/{draft_meeting}/actions/{action_item}",
                             allowed(MANAGING + ("rep",), 400))],
    "minutes.review": [("/minutes/usivak/{draft_meeting}/review/{action_item}",
                        allowed(MANAGING + ("rep",), 400))],
    # every count is optional: an empty form records nobody
    "minutes.attendance": [("/minutes/usivak/{draft_meeting}/attendance",
                            allowed(MANAGING + ("rep",), 303))],
    "minutes.secretary": [("/minutes/usivak/{draft_meeting}/secretary", allowed(MANAGING, 400))],
    "minutes.correct": [("/minutes/usivak/{meeting}/correct", allowed(MANAGING, 400))],
    "minutes.remove": [("/minutes/usivak/{draft_meeting}/remove/decision/{decision}",
                        allowed(MANAGING + ("rep",), 303))],
    "elections.index": [("/elections/usivak/", NO_POST)],
    "elections.add": [("/elections/usivak/add", allowed(MANAGING, 400)),
                      ("/elections/blazuj/add", allowed(ADMIN, 400))],
    "elections.roster": [("/elections/usivak/roster", NO_POST)],
    "elections.vacate": [("/elections/usivak/roster/vacate", allowed(MANAGING, 404))],
    "elections.election": [("/elections/usivak/{election}/", NO_POST)],
    "elections.edit": [("/elections/usivak/{election}/edit", allowed(MANAGING, 400))],
    "elections.officers": [("/elections/usivak/{election}/officers", allowed(MANAGING, 400))],
    "elections.officer_remove": [("/elections/usivak/{election}/officers/remove",
                                  allowed(MANAGING, 303))],
    "elections.contest_add": [("/elections/usivak/{election}/votes/add",
                               allowed(OFFICIATING, 400))],
    "elections.publish": [("/elections/usivak/{election}/publish", allowed(OFFICIATING, 303))],
    # anyone may try a code: an empty one is wrong (and the CSRF token is the voter's own)
    "elections.vote": [("/elections/usivak/vote/{contest}", ALL_FORM)],
    "elections.station": [("/elections/usivak/station/{contest}", ALL_FORM)],
    "elections.candidate_add": [("/elections/usivak/vote/{contest}/candidates/add",
                                 allowed(OFFICIATING, 400))],
    "elections.codes": [("/elections/usivak/vote/{contest}/codes", allowed(OFFICIATING, 400))],
    "elections.paper": [("/elections/usivak/vote/{contest}/paper", allowed(OFFICIATING, 400))],
    "elections.count": [("/elections/usivak/vote/{contest}/count", allowed(OFFICIATING, 303))],
    "elections.results": [("/elections/usivak/vote/{finished_contest}/results", NO_POST)],
    "elections.trackers": [("/elections/usivak/vote/{finished_contest}/trackers", NO_POST)],
    "elections.ballots_file": [("/elections/usivak/vote/{finished_contest}/ballots.blt",
                                NO_POST)],
    "elections.photo": [("/elections/usivak/candidate/{candidate}/photo", NO_POST)],
    # voting has started: a candidate can no longer withdraw
    "elections.candidate_withdraw": [("/elections/usivak/candidate/{candidate}/withdraw",
                                      allowed(OFFICIATING, 400))],
    "activities.week": [("/activities/usivak/", NO_POST)],
    "activities.month": [("/activities/usivak/month", NO_POST)],
    "activities.print": [("/activities/usivak/print", NO_POST)],
    "activities.ics": [("/activities/usivak/calendar.ics", NO_POST)],
    "activities.manage": [("/activities/usivak/manage", NO_POST)],
    "activities.add": [("/activities/usivak/add", allowed(MANAGING + ("partner",), 400)),
                       ("/activities/blazuj/add", allowed(ADMIN, 400))],
    "activities.import": [("/activities/usivak/import", allowed(MANAGING + ("partner",), 400))],
    # one optional check box: an empty form turns approval off
    "activities.settings": [("/activities/usivak/settings", allowed(MANAGING, 303))],
    "activities.edit": [("/activities/usivak/{activity}/edit",
                         allowed(MANAGING + ("partner",), 400)),
                        ("/activities/usivak/{other_activity}/edit", allowed(MANAGING, 400))],
    "activities.occurrence": [("/activities/usivak/{activity}/occurrence?start={activity_start}",
                               allowed(MANAGING + ("partner",), 400))],
    "activities.decide": [("/activities/usivak/{activity}/decide", allowed(MANAGING, 400))],
    # the reason is optional: a confirmed empty form withdraws
    "activities.withdraw": [("/activities/usivak/{activity}/withdraw",
                             allowed(MANAGING + ("partner",), 303)),
                            ("/activities/usivak/{other_activity}/withdraw",
                             allowed(MANAGING, 303))],
}

def routes(app):
    names = set()
    for item in app.registry.introspector.get_category("routes"):
        route = item["introspectable"]
        if not route["static"] and not route["name"].startswith("__"):
            names.add(route["name"])
    return names


def test_every_route_has_an_expectation(app):
    assert routes(app) - set(EXPECTED) == set()
    assert routes(app) - set(EXPECTED_POST) == set()


@pytest.fixture
def ids(dbsession, make_user):
    from portal_example import Gathering

    from plugins.elections.models import Election
    from plugins.elections.phases import RESULTS, VOTING, phase
    from plugins.activities.models import Activity
    from plugins.noticeboard.models import Notice, NoticeImage

    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    draft = Notice(centre=usivak, state="draft", source_language="en", owner=rep, revision=1)
    draft.set_text("en", title="Draft notice")
    dbsession.add(draft)
    withdrawn = Notice(centre=usivak, state="withdrawn", source_language="en", owner=rep,
                       revision=1)
    withdrawn.set_text("en", title="Withdrawn notice")
    dbsession.add(withdrawn)
    published = dbsession.scalars(select(Notice).where(
        Notice.centre_id == usivak.id, Notice.state == "published")).first()
    published.image = NoticeImage(data=b"", mime="image/png", width=1, height=1,
                                  source_language=published.source_language)
    published.image.set_text(published.source_language, alt="A picture")
    gatherings = []
    for title in ("Hosted gathering", "Other gathering"):
        gathering = Gathering(centre=usivak, state="draft", source_language="en", revision=1)
        gathering.set_text("en", title=title)
        dbsession.add(gathering)
        gatherings.append(gathering)
    from plugins.minutes.models import ActionItem, AgendaItem, Decision, Meeting

    meeting = dbsession.scalars(select(Meeting).where(
        Meeting.centre_id == usivak.id, Meeting.state == "published")).first()
    draft_meeting = Meeting(centre=usivak, state="draft", source_language="en", revision=1,
                            starts_at=meeting.starts_at, place="Hall")
    draft_meeting.set_text("en", title="Draft minutes")
    agenda_item = AgendaItem(meeting=draft_meeting, source_language="en")
    agenda_item.set_text("en", title="Food")
    decision = Decision(meeting=draft_meeting, agenda_item=agenda_item, source_language="en")
    decision.set_text("en", text="Warm dinner")
    action_item = ActionItem(meeting=draft_meeting, centre_id=usivak.id, source_language="en")
    action_item.set_text("en", what="Buy food warmers")
    dbsession.add_all([draft_meeting, agenda_item, decision, action_item])
    host = make_user("host-usivak")  # no role at all, only the local one below
    dbsession.flush()
    grant_local_role(dbsession, gatherings[0], host, "host")
    grant_local_role(dbsession, draft_meeting, rep, "secretary")
    elections = dbsession.scalars(select(Election).where(Election.centre_id == usivak.id)).all()
    voting = [e for e in elections if phase(e) == VOTING][0]
    finished = [e for e in elections if phase(e) == RESULTS][0]
    grant_local_role(dbsession, voting, host, "election_officer")
    dbsession.flush()
    activities = {a.organisation.slug: a for a in dbsession.scalars(
        select(Activity).where(Activity.centre_id == usivak.id, Activity.state == "confirmed")
        .order_by(Activity.id))}
    return {
        "election": voting.id, "contest": voting.contests[0].id,
        "candidate": voting.contests[0].candidates[0].id,
        "finished_election": finished.id, "finished_contest": finished.contests[0].id,
        "activity": activities["unhcr"].id,
        "activity_start": activities["unhcr"].start_local.isoformat(timespec="minutes"),
        "other_activity": activities["unicef"].id,
        "other_activity_start": activities["unicef"].start_local.isoformat(timespec="minutes"),
        "notice": published.id,
        "picture": published.id,
        "draft_notice": draft.id,
        "withdrawn_notice": withdrawn.id,
        "centre": usivak.id,
        "room": dbsession.scalars(select(Room.id).where(Room.centre_id == usivak.id)).first(),
        "page": dbsession.scalars(select(Page.id).where(Page.centre_id == usivak.id)).first(),
        "other_page": dbsession.scalars(select(Page.id).where(Page.centre_id == blazuj.id)).first(),
        "gathering": gatherings[0].id,
        "other_gathering": gatherings[1].id,
        "meeting": meeting.id,
        "draft_meeting": draft_meeting.id,
        "agenda_item": agenda_item.id,
        "decision": decision.id,
        "action_item": action_item.id,
    }


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(testapp, login_as, ids, role):
    if role != "anonymous":
        login_as(testapp, ACCOUNTS[role])
    wrong = []
    for cases in EXPECTED.values():
        for template, expected in cases:
            url = template.format(**ids)
            status = testapp.get(url, expect_errors=True).status_int
            if status != expected[role]:
                wrong.append(f"{url}: {status}, expected {expected[role]}")
    assert wrong == []


def answer(response):
    """The status, or LOGIN for a redirect to the login page."""
    if response.status_int == 303 and urlsplit(response.location).path == "/login":
        return LOGIN
    return response.status_int


@contextmanager
def undone(testapp, dbconnection):
    """Whatever the requests inside commit, and the cookies they set, are undone afterwards, so
    every cell of the matrix starts from the same state (a logout, a withdrawn page)."""
    cookies = list(testapp.cookiejar)
    savepoint = dbconnection.begin_nested()
    try:
        yield
    finally:
        savepoint.rollback()
        testapp.cookiejar.clear()
        for cookie in cookies:
            testapp.cookiejar.set_cookie(cookie)


LAST_AUDIT_ID = select(func.max(AuditEntry.id))


@pytest.mark.parametrize("role", ROLES)
def test_post_matrix(testapp, login_as, ids, dbconnection, role):
    """POST with the session's CSRF token and an empty form; without a token it is refused."""
    if role != "anonymous":
        login_as(testapp, ACCOUNTS[role])
    token = testapp.get("/login").forms["deform"]["csrf_token"].value
    wrong = []
    for name, cases in EXPECTED_POST.items():
        for template, expected in cases:
            url = template.format(**ids)
            with undone(testapp, dbconnection):
                status = answer(testapp.post(url, {"csrf_token": token}, expect_errors=True))
            if status != expected[role]:
                wrong.append(f"{url}: {status}, expected {expected[role]}")

            # refused: by the CSRF check (400), for want of permission, or as a page without POST
            refusals = (400, 403, LOGIN, 404) if status == 404 else (400, 403, LOGIN)
            with undone(testapp, dbconnection):
                before = dbconnection.scalar(LAST_AUDIT_ID)
                without_token = answer(testapp.post(url, {}, expect_errors=True))
                if without_token not in refusals:
                    wrong.append(f"{url} without a CSRF token: {without_token}")
                if dbconnection.scalar(LAST_AUDIT_ID) != before:
                    wrong.append(f"{url} without a CSRF token changed data")
    assert wrong == []
