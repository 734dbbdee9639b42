"""Dialogue meetings: minutes with structured decisions, action items followed from meeting to
meeting, and "You said, we did" for residents."""
from .i18n import _


def includeme(config):
    from portal.api import ContentAdded, ContentModified, ContentTransitioned

    from .editing import AddMeeting
    from .models import (ActionItem, ActionUpdate, AgendaItem, Concern, CorrectionNote,
                         Decision, Meeting)
    from .panels import centre_panel, decided_panel, links_tile, overdue_tile
    from .populate import populate_demo
    from .resources import meeting_factory
    from .schemas import MeetingFields
    from .subscribers import on_added, on_modified, on_transitioned
    from .workflow import MEETING

    from portal.api import centre_factory

    config.add_workflow(MEETING)
    # the secretary's rights end with their role in the centre (a term ended, a role removed)
    config.add_centre_bound_local_role("secretary")
    config.add_content_type(Meeting, "meeting", _("Dialogue meeting"),
                            add_permission="minutes.add", workflow="minutes.meeting",
                            edit_schema=MeetingFields)
    # representatives write only for their own centre: their roles are held per centre
    for role in ("centre_manager", "community_rep"):
        config.add_role_permissions(role, ["minutes.add"])
    for role in ("centre_manager", "community_rep", "partner", "protection_officer"):
        config.add_role_permissions(role, ["minutes.manage"])
    for role in ("centre_manager", "partner", "protection_officer"):
        config.add_role_permissions(role, ["minutes.report"])
    for model, name, title in (
            (AgendaItem, "minutes.agenda_item", _("Agenda item")),
            (Concern, "minutes.concern", _("Concern")),
            (Decision, "minutes.decision", _("Decision")),
            (ActionItem, "minutes.action_item", _("Action item")),
            (ActionUpdate, "minutes.action_update", _("Action item update")),
            (CorrectionNote, "minutes.correction", _("Correction note"))):
        config.add_translatable(model, name, title)

    centre_routes = [("minutes.index", "/{centre}/"),
                     ("minutes.said", "/{centre}/you-said-we-did"),
                     ("minutes.manage", "/{centre}/manage"),
                     ("minutes.add", "/{centre}/add"),
                     ("minutes.csv", "/{centre}/action-items.csv")]
    for name, pattern in centre_routes:
        config.add_route(name, pattern, factory=centre_factory)
    meeting_routes = [
        ("minutes.record", r"/{centre}/{id:\d+}"),
        ("minutes.pdf", r"/{centre}/{id:\d+}/minutes.pdf"),
        ("minutes.agenda_add", r"/{centre}/{id:\d+}/agenda"),
        ("minutes.agenda_edit", r"/{centre}/{id:\d+}/agenda/{item:\d+}"),
        ("minutes.concern_add", r"/{centre}/{id:\d+}/agenda/{item:\d+}/concern"),
        ("minutes.decision_add", r"/{centre}/{id:\d+}/agenda/{item:\d+}/decision"),
        ("minutes.action_add", r"/{centre}/{id:\d+}/actions"),
        ("minutes.action_edit", r"/{centre}/{id:\d+}/actions/{action:\d+}"),
        ("minutes.review", r"/{centre}/{id:\d+}/review/{action:\d+}"),
        ("minutes.attendance", r"/{centre}/{id:\d+}/attendance"),
        ("minutes.secretary", r"/{centre}/{id:\d+}/secretary"),
        ("minutes.correct", r"/{centre}/{id:\d+}/correct"),
        ("minutes.remove", r"/{centre}/{id:\d+}/remove/{kind}/{item:\d+}"),
    ]
    for name, pattern in meeting_routes:
        config.add_route(name, pattern, factory=meeting_factory)
    config.add_view(AddMeeting, route_name="minutes.add", permission="minutes.add")

    config.add_nav_item("minutes", _("Meetings"), route_name="minutes.index", order=30,
                        centre_scoped=True)
    config.add_nav_item("minutes.said", _("You said, we did"), route_name="minutes.said",
                        order=31, centre_scoped=True)
    config.add_nav_item("minutes.manage", _("Manage meetings"), route_name="minutes.manage",
                        order=32, centre_scoped=True, permission="minutes.manage")
    config.add_dashboard_tile("minutes.overdue", _("Overdue action items"), overdue_tile,
                              "plugins.minutes:templates/overdue_tile.jinja2", order=40,
                              permission="manage_centre", dashboard=True)
    config.add_dashboard_tile("minutes.links", _("Meeting records"), links_tile,
                              "plugins.minutes:templates/links_tile.jinja2", order=35)
    config.add_kiosk_panel("minutes.decided", _("What was decided"), decided_panel,
                           "plugins.minutes:templates/kiosk_panel.jinja2", order=30)
    config.add_centre_panel("minutes.meetings", _("Dialogue meetings"), centre_panel,
                            "plugins.minutes:templates/centre_panel.jinja2", order=30)
    config.add_subscriber(on_added, ContentAdded)
    config.add_subscriber(on_modified, ContentModified)
    config.add_subscriber(on_transitioned, ContentTransitioned)
    config.add_migrations("plugins.minutes:migrations/versions", label="minutes")
    config.add_static("static")
    config.add_translation_dirs("plugins.minutes:locale")
    config.add_populator(populate_demo, order=30)
    config.scan(".views")
    config.scan(".editing")
    config.scan(".exports")
