"""Community representative elections: secret ballots anyone can recount."""
from .i18n import _


def includeme(config):
    from portal.api import centre_factory

    from .models import Candidate, Contest, Election
    from .panels import elections_panel, kiosk_panel
    from .populate import populate_demo
    from .resources import MANAGE, candidate_factory, contest_factory, election_factory

    config.add_role_permissions("centre_manager", [MANAGE])
    config.add_translatable(Election, "elections.election", _("Election"))
    config.add_translatable(Contest, "elections.contest", _("Vote of an election"))
    config.add_translatable(Candidate, "elections.candidate", _("Candidate's statement"))

    def route(name, pattern, factory):
        config.add_route(f"elections.{name}", pattern, factory=factory)

    route("index", "/{centre}/", centre_factory)
    route("add", "/{centre}/add", centre_factory)
    route("roster", "/{centre}/roster", centre_factory)
    route("vacate", "/{centre}/roster/vacate", centre_factory)
    route("election", r"/{centre}/{election:\d+}/", election_factory)
    route("edit", r"/{centre}/{election:\d+}/edit", election_factory)
    route("officers", r"/{centre}/{election:\d+}/officers", election_factory)
    route("officer_remove", r"/{centre}/{election:\d+}/officers/remove", election_factory)
    route("contest_add", r"/{centre}/{election:\d+}/votes/add", election_factory)
    route("publish", r"/{centre}/{election:\d+}/publish", election_factory)
    route("vote", r"/{centre}/vote/{contest:\d+}", contest_factory)
    route("station", r"/{centre}/station/{contest:\d+}", contest_factory)
    route("candidate_add", r"/{centre}/vote/{contest:\d+}/candidates/add", contest_factory)
    route("codes", r"/{centre}/vote/{contest:\d+}/codes", contest_factory)
    route("paper", r"/{centre}/vote/{contest:\d+}/paper", contest_factory)
    route("count", r"/{centre}/vote/{contest:\d+}/count", contest_factory)
    route("results", r"/{centre}/vote/{contest:\d+}/results", contest_factory)
    route("trackers", r"/{centre}/vote/{contest:\d+}/trackers", contest_factory)
    route("ballots_file", r"/{centre}/vote/{contest:\d+}/ballots.{ext:(blt|csv)}",
          contest_factory)
    route("photo", r"/{centre}/candidate/{candidate:\d+}/photo", candidate_factory)
    route("candidate_withdraw", r"/{centre}/candidate/{candidate:\d+}/withdraw",
          candidate_factory)

    config.add_nav_item("elections", _("Elections"), route_name="elections.index", order=40,
                        centre_scoped=True)
    config.add_kiosk_panel("elections", _("Elections"), kiosk_panel,
                           "plugins.elections:templates/panel.jinja2", order=40)
    config.add_centre_panel("elections", _("Elections"), elections_panel,
                            "plugins.elections:templates/panel.jinja2", order=40)
    config.add_migrations("plugins.elections:migrations/versions", label="elections")
    config.add_static("static")
    config.add_translation_dirs("plugins.elections:locale")
    config.add_populator(populate_demo, order=40)
    config.scan(".views")
    config.scan(".vote")
    config.scan(".public")
