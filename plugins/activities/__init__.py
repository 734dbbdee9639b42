"""Partner activity calendars: recurring activities in the centres' rooms without double
booking, week and month views, the kiosk, printable schedules and iCalendar feeds."""
from .i18n import _


def includeme(config):
    from portal.api import centre_factory

    from .models import Activity, OccurrenceChange
    from .panels import centre_panel, kiosk_panel
    from .populate import populate_demo
    from .security import activity_factory

    config.add_role_permissions("centre_manager", ["activities.book", "activities.manage"])
    config.add_role_permissions("partner", ["activities.book"])
    config.add_translatable(Activity, "activities.activity", _("Activity"))
    config.add_translatable(OccurrenceChange, "activities.change",
                            _("Reason for a cancelled or moved date"))

    config.add_route("activities.week", "/{centre}/", factory=centre_factory)
    config.add_route("activities.month", "/{centre}/month", factory=centre_factory)
    config.add_route("activities.print", "/{centre}/print", factory=centre_factory)
    config.add_route("activities.ics", "/{centre}/calendar.ics", factory=centre_factory)
    config.add_route("activities.manage", "/{centre}/manage", factory=centre_factory)
    config.add_route("activities.add", "/{centre}/add", factory=centre_factory)
    config.add_route("activities.import", "/{centre}/import", factory=centre_factory)
    config.add_route("activities.settings", "/{centre}/settings", factory=centre_factory)
    config.add_route("activities.edit", r"/{centre}/{id:\d+}/edit", factory=activity_factory)
    config.add_route("activities.occurrence", r"/{centre}/{id:\d+}/occurrence",
                     factory=activity_factory)
    config.add_route("activities.decide", r"/{centre}/{id:\d+}/decide", factory=activity_factory)
    config.add_route("activities.withdraw", r"/{centre}/{id:\d+}/withdraw",
                     factory=activity_factory)

    config.add_nav_item("activities", _("Activities"), route_name="activities.week", order=30,
                        centre_scoped=True)
    config.add_nav_item("activities.manage", _("Manage activities"),
                        route_name="activities.manage", order=31, centre_scoped=True,
                        permission="activities.book")
    config.add_kiosk_panel("activities", _("Activities today and tomorrow"), kiosk_panel,
                           "plugins.activities:templates/kiosk_panel.jinja2", order=20)
    config.add_centre_panel("activities", _("Activities"), centre_panel,
                            "plugins.activities:templates/centre_panel.jinja2", order=20)
    config.add_migrations("plugins.activities:migrations/versions", label="activities")
    config.add_static("static")
    config.add_translation_dirs("plugins.activities:locale")
    config.add_populator(populate_demo, order=30)
    config.scan(".views")
