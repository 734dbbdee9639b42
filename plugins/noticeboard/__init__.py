"""Notice boards: notices per centre and language, on the web, in feeds and at the kiosks."""
from .i18n import _


def includeme(config):
    from portal.api import Announcement, add_content_view, centre_factory

    from .announcements import post_announcement
    from .kiosk import (current_notices_panel, decisions_tile, notices_panel, pending_tile,
                        propose_tile)
    from .models import Notice, NoticeImage
    from .populate import populate_demo
    from .schemas import NoticeFields
    from .views import notice_details, notice_factory

    config.add_content_type(Notice, "notice", _("Notice"), add_permission="notice.add",
                            workflow="publication", edit_schema=NoticeFields,
                            details=notice_details,
                            details_template="plugins.noticeboard:templates/details.jinja2")
    for role in ("centre_manager", "community_rep", "partner"):
        config.add_role_permissions(role, ["notice.add", "notice.manage"])
    config.add_role_permissions("protection_officer", ["notice.manage"])
    config.add_translatable(NoticeImage, "noticeboard.picture", _("Picture description"))

    config.add_route("noticeboard.manage", "/{centre}/manage", factory=centre_factory)
    config.add_route("noticeboard.add", "/{centre}/add", factory=centre_factory)
    config.add_route("noticeboard.atom", "/{centre}/atom.xml", factory=centre_factory)
    config.add_route("noticeboard.json", "/{centre}/feed.json", factory=centre_factory)
    config.add_route("noticeboard.index", "/{centre}/", factory=centre_factory)
    config.add_route("noticeboard.notice", r"/{centre}/{id:\d+}", factory=notice_factory)
    config.add_route("noticeboard.poster", r"/{centre}/{id:\d+}/poster", factory=notice_factory)
    config.add_route("noticeboard.image", r"/{centre}/{id:\d+}/image", factory=notice_factory)
    config.add_route("noticeboard.preview", r"/{centre}/{id:\d+}/preview",
                     factory=notice_factory)
    config.add_route("noticeboard.image_edit", r"/{centre}/{id:\d+}/image/edit",
                     factory=notice_factory)
    config.add_view(add_content_view("notice"), route_name="noticeboard.add",
                    permission="notice.add")

    config.add_nav_item("noticeboard", _("Notices"), route_name="noticeboard.index", order=10,
                        centre_scoped=True)
    config.add_nav_item("noticeboard.manage", _("Manage notices"),
                        route_name="noticeboard.manage", order=11, centre_scoped=True,
                        permission="notice.manage")
    config.add_dashboard_tile("noticeboard.pending", _("Notices waiting for a decision"),
                              pending_tile, "plugins.noticeboard:templates/tile.jinja2",
                              order=20, permission="manage_centre")
    config.add_dashboard_tile("noticeboard.decisions", _("Notices waiting for a decision"),
                              decisions_tile, "plugins.noticeboard:templates/decisions_tile.jinja2",
                              order=20, permission="manage_centre", dashboard=True)
    config.add_dashboard_tile("noticeboard.propose", _("Propose a notice"), propose_tile,
                              "plugins.noticeboard:templates/propose_tile.jinja2", order=15,
                              permission="notice.add", dashboard=True)
    config.add_kiosk_panel("noticeboard.notices", _("Notices"), notices_panel,
                           "plugins.noticeboard:templates/panel.jinja2", order=10)
    config.add_centre_panel("noticeboard.current", _("Current notices"), current_notices_panel,
                            "plugins.noticeboard:templates/centre_panel.jinja2", order=10)
    config.add_migrations("plugins.noticeboard:migrations/versions", label="noticeboard")
    config.add_static("static")
    config.add_translation_dirs("plugins.noticeboard:locale")
    config.add_subscriber(post_announcement, Announcement)
    config.add_populator(populate_demo, order=20)
    config.scan(".views")
