"""Casting a ballot, on a phone (``elections.vote``) or at a kiosk's polling station
(``elections.station``, opened from the kiosk's elections panel).

Three steps, each a POST carrying the code (nothing is kept between them on the server): the
code, the ballot, the review; casting spends the code and stores the ballot in one transaction
and shows the receipt with the ballot's tracker. Pages are never cached (``no-store``), forms
carry the reader's own CSRF token, and nothing here is logged.

A polling station serves voter after voter on one browser: its pages never keep the reader's
language (the kiosk's next reader starts from the language picker), and its receipt renews the
CSRF token, so nothing the last voter's pages held works for the next one.
"""
from pyramid.csrf import get_csrf_token, new_csrf_token
from pyramid.renderers import render_to_response
from pyramid.view import view_config

from portal.api import forget_language, throttle_failure, throttle_locked_seconds

from . import codes as voting_codes
from .ballots import cast_with_code
from .display import candidate_card, election_summary, shown
from .i18n import _
from .phases import phase, voting_open

TEMPLATE = "plugins.elections:templates/vote.jinja2"
STATION_TEMPLATE = "plugins.elections:templates/station.jinja2"
STATION_ROUTE = "elections.station"
SCOPE = "vote"


def limits(settings):
    return (int(settings.get("elections.code_max_failures", 10)),
            int(settings.get("elections.code_lockout_seconds", 300)))


class Ballot:
    """The marks of one voter, read from the form and checked against the contest."""

    def __init__(self, contest, post):
        self.contest = contest
        candidates = {c.id: c for c in contest.candidates if not c.withdrawn}
        self.error = None
        self.typed = {}  # what the voter typed, shown again with an error
        if contest.ranked:
            ranks = {}
            for cid in candidates:
                value = (post.get(f"rank-{cid}") or "").strip()
                if value:
                    if not value.isdigit():
                        self.error = _("Use numbers 1, 2, 3... for your order.")
                        break
                    ranks[cid] = int(value)
            order = sorted(ranks, key=ranks.get)
            self.typed = ranks
            if not self.error and sorted(ranks.values()) != list(range(1, len(ranks) + 1)):
                self.error = _("Number your choices 1, 2, 3... without gaps or repeats.")
            self.marks = order
        else:
            chosen = [int(v) for v in post.getall("choice") if v.isdigit()]
            self.marks = [cid for cid in candidates if cid in chosen]
            if len(self.marks) > contest.max_marks:
                self.error = _("Choose at most ${number}.", mapping={"number": contest.max_marks})
        if not self.error and not self.marks:
            self.error = _("Choose at least one candidate.")
        self.candidates = [candidates[cid] for cid in self.marks if cid in candidates]


def station_settings(settings):
    """How long a receipt stays, and a ballot left untouched, at a polling station (seconds)."""
    return {"receipt_seconds": int(settings.get("elections.station_receipt_seconds", 20)),
            "idle": int(settings.get("portal.kiosk_idle_seconds", 90))}


def page(request, contest, step, **values):
    station = request.matched_route.name == STATION_ROUTE
    election = contest.election
    slug = election.centre.slug
    if station:
        forget_language(request)
        if step == "receipt":
            new_csrf_token(request)  # the next voter's forms need a token of their own
    query = {"lang": request.locale_name} if station else {}
    response = render_to_response(STATION_TEMPLATE if station else TEMPLATE, {
        "step": step, "contest": contest, "contest_title": shown(request, contest),
        "summary": election_summary(request, election),
        "station": station_settings(request.registry.settings) if station else None,
        "kiosk_url": request.route_path("kiosk.shell", centre=slug),
        "csrf_token": get_csrf_token(request),
        "cards": [candidate_card(request, c) for c in contest.candidates if not c.withdrawn],
        "action": request.route_path(request.matched_route.name, centre=slug,
                                     contest=contest.id, _query=query),
        "phase": phase(election), **values}, request=request)
    if values.get("error"):
        response.status_int = 400  # nothing of an answer in error is committed
    response.cache_control = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


@view_config(route_name="elections.vote", request_method="GET", permission="view")
@view_config(route_name=STATION_ROUTE, request_method="GET", permission="view")
def vote_start(context, request):
    return page(request, context, "code" if voting_open(context.election) else "closed")


@view_config(route_name="elections.vote", request_method="POST", permission="view")
@view_config(route_name=STATION_ROUTE, request_method="POST", permission="view")
def vote_step(context, request):
    contest, settings = context, request.registry.settings
    if not voting_open(contest.election):
        return page(request, contest, "closed")
    code = request.POST.get("code", "")
    step = request.POST.get("step")
    address = request.remote_addr or ""
    if step == "code":
        locked = throttle_locked_seconds(request, [(SCOPE, address)])
        if locked:
            minutes = max(1, int(locked + 59) // 60)
            return page(request, contest, "code", code=code, error=_(
                "Too many wrong codes from this device. Try again in ${minutes} minutes.",
                mapping={"minutes": minutes}))
    state = voting_codes.check(request.dbsession, settings, contest, code)
    if state != voting_codes.VALID:
        if step == "code" and state in (voting_codes.UNKNOWN, voting_codes.OTHER_CONTEST):
            throttle_failure(request, SCOPE, address, *limits(settings))
        message = {voting_codes.UNKNOWN: _("This code is not right. Check it and type it again."),
                   voting_codes.USED: _("This code was already used. Each code votes once."),
                   voting_codes.OTHER_CONTEST: _("This code is for another vote.")}[state]
        return page(request, contest, "code", code=code, error=message)
    if step == "code":
        return page(request, contest, "ballot", code=code, chosen={})
    ballot = Ballot(contest, request.POST)
    chosen = ballot.typed or {cid: position for position, cid in enumerate(ballot.marks, 1)}
    if step == "change":
        return page(request, contest, "ballot", code=code, chosen=chosen)
    if ballot.error:
        return page(request, contest, "ballot", code=code, chosen=chosen, error=ballot.error)
    if step == "review":
        return page(request, contest, "review", code=code, chosen=chosen,
                    choices=[candidate_card(request, c) for c in ballot.candidates])
    if step == "cast":
        tracker = cast_with_code(request, contest, code, ballot.marks)
        if tracker is None:
            return page(request, contest, "code", error=_(
                "This code was already used. Each code votes once."))
        return page(request, contest, "receipt", tracker=tracker)
    return page(request, contest, "code")
