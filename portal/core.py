"""The core's own registrations, through the same directives the plugins use."""
import os

from pyramid.security import NO_PERMISSION_REQUIRED

from .i18n import _
from .models import Content, Page
from .populate import populate_core
from .principals import (local_role_principals, organisation_principals, owner_principals,
                         role_principals)
from .resources import Root, centre_factory, content_factory, translatable_factory
from .workflow import State, Transition, Workflow

PUBLICATION = Workflow(
    "publication",
    initial="draft",
    states=[
        State("draft", _("Draft"), {
            "owner": ("view", "edit", "translate", "transition.submit"),
            "role:centre_manager": ("view", "edit", "translate", "delete", "transition.publish"),
            "role:translator": ("view", "translate"),
            "role:protection_officer": ("view",),
        }),
        State("submitted", _("Submitted"), {
            "owner": ("view", "transition.retract"),
            "role:centre_manager": ("view", "edit", "translate", "delete", "transition.publish",
                                    "transition.reject"),
            "role:translator": ("view", "translate"),
            "role:protection_officer": ("view",),
        }),
        State("published", _("Published"), {
            "system.Everyone": ("view",),
            "role:centre_manager": ("edit", "translate", "delete", "transition.withdraw"),
            "role:translator": ("translate",),
        }),
        State("withdrawn", _("Withdrawn"), {
            "owner": ("view",),
            "role:centre_manager": ("view", "edit", "translate", "delete", "transition.publish"),
            "role:protection_officer": ("view",),
        }),
    ],
    transitions=[
        Transition("submit", _("Submit for publication"), ("draft",), "submitted"),
        Transition("publish", _("Publish"), ("draft", "submitted", "withdrawn"), "published"),
        Transition("reject", _("Return with a reason"), ("submitted",), "draft",
                   needs_comment=True),
        Transition("retract", _("Withdraw my proposal"), ("submitted",), "draft"),
        Transition("withdraw", _("Withdraw"), ("published",), "withdrawn"),
    ],
)

CATEGORIES = [
    # the shared vocabulary; pictograms in static/pictograms/<name>.svg
    ("food", _("Food")),
    ("health", _("Health")),
    ("legal", _("Legal help")),
    ("asylum", _("Asylum procedure")),
    ("transport", _("Transport")),
    ("education", _("Education")),
    ("child_protection", _("Child protection")),
    ("safety", _("Safety")),
    ("activities", _("Activities")),
    ("general", _("General")),
]

ROLES = [
    # name, title, permissions on every context of their scope, centre-scoped
    ("admin", _("Administrator"), (), False),
    ("centre_manager", _("Centre manager"), ("staff", "manage_centre", "audit.view", "page.add"), True),
    ("community_rep", _("Community representative"), ("staff", "propose"), True),
    ("partner", _("Partner"), ("staff", "propose"), True),
    ("protection_officer", _("Protection officer"), ("staff",), True),
    ("translator", _("Translator"), ("staff", "translate.list"), False),
]


def includeme(config):
    from .views.pages import PageFields

    config.set_root_factory(Root)
    config.add_static_view("static", config.get_settings()["portal.static_dir"],
                           permission=NO_PERMISSION_REQUIRED, cache_max_age=86400)

    for order, (name, title, permissions, scoped) in enumerate(ROLES):
        config.add_role(name, title, permissions=permissions, centre_scoped=scoped, order=order)
    config.add_workflow(PUBLICATION)
    pictograms = os.path.join(config.get_settings()["portal.static_dir"], "pictograms")
    for order, (name, title) in enumerate(CATEGORIES):
        config.add_category(name, title, os.path.join(pictograms, f"{name}.svg"), order=order * 10)
    config.add_content_type(Page, "page", _("Information page"), add_permission="page.add",
                            workflow="publication", edit_schema=PageFields)
    config.add_translatable(Content, "content", _("Content"))
    config.add_kiosk_panel("portal.pages", _("Information pages"), "portal.kiosk.pages_panel",
                           "portal:templates/kiosk/pages_panel.jinja2", order=90)
    config.add_centre_panel("portal.pages", _("Information pages"), "portal.kiosk.pages_panel",
                            "portal:templates/panels/pages.jinja2", order=90)
    config.add_principal_provider(organisation_principals, order=10, name="portal.organisation")
    config.add_principal_provider(role_principals, order=20, name="portal.roles")
    config.add_principal_provider(local_role_principals, order=30, name="portal.local_roles")
    config.add_principal_provider(owner_principals, order=40, name="portal.owner")
    config.add_migrations("portal:migrations/versions", label="portal")
    config.add_populator(populate_core, order=0, name="portal")

    config.add_route("home", "/")
    config.add_route("login", "/login")
    config.add_route("logout", "/logout")
    config.add_route("profile", "/profile")
    config.add_route("dashboard", "/dashboard")
    config.add_route("inbox", "/inbox")
    config.add_route("inbox.read_all", "/inbox/read-all")
    config.add_route("inbox.open", r"/inbox/{id:\d+}")
    config.add_route("centre", "/centres/{centre}", factory=centre_factory)
    config.add_route("centre.settings", "/centres/{centre}/settings", factory=centre_factory)
    config.add_route("centre.rooms", "/centres/{centre}/rooms", factory=centre_factory)
    config.add_route("centre.room_edit", "/centres/{centre}/rooms/{room}", factory=centre_factory)
    config.add_route("centre.audit", "/centres/{centre}/audit", factory=centre_factory)
    config.add_route("page.add", "/centres/{centre}/pages/add", factory=centre_factory)
    config.add_route("centre.pages", "/centres/{centre}/pages", factory=centre_factory)
    config.add_route("content.view", "/content/{id}", factory=content_factory)
    config.add_route("content.edit", "/content/{id}/edit", factory=content_factory)
    config.add_route("content.preview", "/content/{id}/preview", factory=content_factory)
    config.add_route("content.translations", "/content/{id}/translations",
                     factory=content_factory)
    config.add_route("content.translate", "/content/{id}/translate/{lang}",
                     factory=content_factory)
    config.add_route("content.delete", "/content/{id}/delete", factory=content_factory)
    config.add_route("content.transition", "/content/{id}/transition/{name}",
                     factory=content_factory)
    config.add_route("translations", "/translations")
    config.add_route("translations.export", "/translations/export")
    config.add_route("translations.import", "/translations/import")
    config.add_route("translation.overview", "/translations/{kind}/{id}",
                     factory=translatable_factory)
    config.add_route("translation.edit", "/translations/{kind}/{id}/{lang}",
                     factory=translatable_factory)
    config.add_route("kiosk.index", "/kiosk/")
    config.add_route("kiosk.worker", "/kiosk/sw.js")
    config.add_route("kiosk.shell", "/kiosk/{centre}", factory=centre_factory)
    config.add_route("kiosk.feed", "/kiosk/{centre}/feed.json", factory=centre_factory)
    config.add_route("admin", "/admin")
    config.add_route("admin.plugins", "/admin/plugins")
    config.add_route("admin.audit", "/admin/audit")
    config.add_route("admin.centres", "/admin/centres")
    config.add_route("admin.centre_add", "/admin/centres/add")
    config.add_route("admin.centre_edit", "/admin/centres/{id}")
    config.add_route("admin.organisations", "/admin/organisations")
    config.add_route("admin.organisation_add", "/admin/organisations/add")
    config.add_route("admin.organisation_edit", "/admin/organisations/{id}")
    config.add_route("admin.users", "/admin/users")
    config.add_route("admin.user_add", "/admin/users/add")
    config.add_route("admin.user_edit", "/admin/users/{id}")
    config.add_route("admin.user_roles", "/admin/users/{id}/roles")

    config.add_nav_item("home", _("Home"), route_name="home", order=0)
    config.add_nav_item("centre", _("Centre"), route_name="centre", order=1, centre_scoped=True)
    config.add_nav_item("kiosks", _("Kiosks"), route_name="kiosk.index", order=5)
    config.add_nav_item("translations", _("Translations"), route_name="translations", order=80,
                        permission="translate.list")
    config.add_nav_item("centre.settings", _("Centre settings"), route_name="centre.settings",
                        order=85, permission="manage_centre", centre_scoped=True)
    config.add_nav_item("admin", _("Administration"), route_name="admin", order=90,
                        permission="admin")
    config.add_dashboard_tile("portal.pages", _("Information pages"),
                              "portal.views.dashboard.pages_tile",
                              "portal:templates/tiles/pages.jinja2", order=50)
    config.add_dashboard_tile("portal.translations", _("Translations to do"),
                              "portal.views.dashboard.translation_queue_tile",
                              "portal:templates/tiles/translation_queue.jinja2", order=60,
                              permission="translate.list")
    config.add_dashboard_tile("portal.audit", _("Recent changes"),
                              "portal.views.dashboard.audit_tile",
                              "portal:templates/tiles/audit.jinja2", order=90,
                              permission="audit.view")
    # the dashboard each user lands on after login
    config.add_dashboard_tile("portal.my_proposals", _("My proposals"),
                              "portal.views.dashboard.proposals_tile",
                              "portal:templates/tiles/proposals.jinja2", order=10,
                              permission="propose", dashboard=True)
    config.add_dashboard_tile("portal.decisions", _("Waiting for a decision"),
                              "portal.views.dashboard.decisions_tile",
                              "portal:templates/tiles/decisions.jinja2", order=10,
                              permission="manage_centre", dashboard=True)
    config.add_dashboard_tile("portal.organisation", _("My organisation"),
                              "portal.views.dashboard.organisation_tile",
                              "portal:templates/tiles/organisation.jinja2", order=30,
                              dashboard=True)
    config.add_dashboard_tile("portal.translation_queue", _("Translations to do"),
                              "portal.views.dashboard.translation_queue_tile",
                              "portal:templates/tiles/translation_queue.jinja2", order=40,
                              permission="translate.list", dashboard=True)
    config.add_dashboard_tile("portal.health", _("Health of the installation"),
                              "portal.views.dashboard.health_tile",
                              "portal:templates/tiles/health.jinja2", order=90,
                              permission="admin", dashboard=True)
    config.scan(".views")
    config.scan(".kiosk")
