"""Pages of elections: the centre's list, an election, and what managers and officers do."""
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.response import Response
from pyramid.view import view_config
from sqlalchemy import select

from portal.api import (AddFormView, EditFormView, FormView, Refused, User,
                        grant_local_role, local_roles, revoke_local_role, utcnow)

from . import codes as voting_codes
from .display import candidate_card, election_summary, shown
from .i18n import _
from .models import Candidate, Contest, Election, Mandate, PaperEntry
from .phases import CLOSED, RESULTS, VOTING, announce_results, announce_timeline, phase
from .resources import MANAGE, OFFICER, OFFICIATE, bind
from .results import (count_contest, countback_candidates, elected_candidates, publish, roster,
                      vacate)
from .schemas import CandidateFields, CodesFields, ContestFields, ElectionFields, OfficerFields


def centre_elections(request, centre_id):
    return request.dbsession.scalars(
        select(Election).where(Election.centre_id == centre_id)
        .order_by(Election.voting_open.desc(), Election.id.desc())).all()


@view_config(route_name="elections.index", request_method="GET", permission="view",
             renderer="plugins.elections:templates/index.jinja2")
def index(context, request):
    elections = centre_elections(request, context.centre_id)
    items = []
    for election in elections:
        item = election_summary(request, election)
        item["results"] = [
            {"contest": c, "title": shown(request, c),
             "elected": [candidate_card(request, x) for x in elected_candidates(c)]}
            for c in election.contests] if item["phase"] == RESULTS else []
        items.append(item)
    return {"centre": context.centre, "elections": items,
            "can_add": request.has_permission(MANAGE, context)}


@view_config(route_name="elections.election", request_method="GET", permission="view",
             renderer="plugins.elections:templates/election.jinja2")
def election_view(context, request):
    election = context
    current = phase(election)
    officer = request.has_permission(OFFICIATE, election)
    contests = []
    for contest in election.contests:
        bind(request, contest, election.__parent__)
        contests.append({
            "contest": contest, "title": shown(request, contest),
            "candidates": [candidate_card(request, c) for c in contest.candidates
                           if not c.withdrawn],
            "codes": voting_codes.counts(request.dbsession, contest) if officer else None,
            "counted": contest.result_json is not None,
            "pending_paper": len(request.dbsession.scalars(select(PaperEntry.id).where(
                PaperEntry.contest_id == contest.id)).all()) if officer else 0,
        })
    return {"summary": election_summary(request, election), "contests": contests,
            "phase": current, "officer": officer, "manager": request.has_permission(MANAGE, election),
            "officers": [user for user, role in local_roles(request.dbsession, election)
                         if role == OFFICER] if officer else [],
            "can_edit_candidates": current not in (VOTING, CLOSED, RESULTS),
            "all_counted": all(c.result_json for c in election.contests) and election.contests,
            "VOTING": VOTING, "CLOSED": CLOSED, "RESULTS": RESULTS}


def election_url(request, election):
    return request.route_path("elections.election", centre=election.centre.slug, election=election.id)


@view_config(route_name="elections.add", permission=MANAGE)
class AddElection(AddFormView):
    schema_factory = ElectionFields
    title = _("New election")
    success_message = _("The election is set up. Add its votes and appoint its officers.")

    def add(self, appstruct):
        values = {k: v for k, v in appstruct.items() if k not in ("csrf_token", "title")}
        election = Election(centre_id=self.context.centre_id,
                            source_language=self.request.locale_name, **values)
        election.set_text(election.source_language, title=appstruct["title"],
                          translator=self.request.user)
        self.request.dbsession.add(election)
        self.request.dbsession.flush()
        election.centre = self.context.centre
        announce_timeline(self.request, election)
        return election

    def success_url(self, obj):
        return election_url(self.request, obj)


@view_config(route_name="elections.edit", permission=MANAGE)
class EditElection(EditFormView):
    schema_factory = ElectionFields
    title = _("Edit the election")

    def appstruct(self):
        values = {name: getattr(self.object, name) for name in self.field_names()
                  if name != "title"}
        values["title"] = self.object.source_text.title if self.object.source_text else ""
        return values

    def edit(self, appstruct):
        if phase(self.object) in (VOTING, CLOSED, RESULTS) and (
                appstruct["voting_open"] != self.object.voting_open):
            raise_refused(_("Voting has started: its opening cannot move."))
        for name, value in appstruct.items():
            if name not in ("csrf_token", "title"):
                setattr(self.object, name, value)
        if self.object.source_text is None or self.object.source_text.title != appstruct["title"]:
            self.object.set_text(self.object.source_language, title=appstruct["title"],
                                 translator=self.request.user)
        announce_timeline(self.request, self.object)

    def success_url(self):
        return election_url(self.request, self.object)


@view_config(route_name="elections.officers", permission=MANAGE)
class Officers(FormView):
    """Appoint election officers: a local role on this election only."""

    schema_factory = OfficerFields
    title = _("Election officers")
    button_title = _("Appoint")
    template = "plugins.elections:templates/officers.jinja2"

    def officers(self):
        return [user for user, role in local_roles(self.request.dbsession, self.context)
                if role == OFFICER]

    def success(self, appstruct):
        user = self.request.dbsession.scalars(select(User).where(
            User.username == appstruct["username"].strip(), User.active.is_(True))).first()
        if user is None:
            raise_refused(_("No active account has this name."))
        grant_local_role(self.request.dbsession, self.context, user, OFFICER)
        return self.redirect(self.request.path, _("${name} is an officer of this election.",
                                                   mapping={"name": user.full_name}))


def raise_refused(message):
    raise Refused(message)


@view_config(route_name="elections.officer_remove", request_method="POST", permission=MANAGE)
def remove_officer(context, request):
    user = request.dbsession.get(User, int(request.POST.get("user", "0") or 0))
    if user is not None:
        revoke_local_role(request.dbsession, context, user, OFFICER)
    return HTTPSeeOther(request.route_path("elections.officers", centre=context.centre.slug,
                                           election=context.id))


@view_config(route_name="elections.contest_add", permission=OFFICIATE)
class AddContest(AddFormView):
    schema_factory = ContestFields
    title = _("Add a vote")

    def add(self, appstruct):
        if phase(self.context) in (VOTING, CLOSED, RESULTS):
            raise_refused(_("Voting has started: the votes cannot change now."))
        values = {k: v for k, v in appstruct.items() if k not in ("csrf_token", "title")}
        contest = Contest(election=self.context, source_language=self.request.locale_name,
                          **values)
        contest.set_text(contest.source_language, title=appstruct["title"],
                         translator=self.request.user)
        self.request.dbsession.add(contest)
        return contest

    def success_url(self, obj):
        return election_url(self.request, self.context)


@view_config(route_name="elections.candidate_add", permission=OFFICIATE)
class AddCandidate(AddFormView):
    """A nomination, by the candidate or by someone else, always with the candidate's consent."""

    schema_factory = CandidateFields
    title = _("Add a candidate")
    success_message = _("The candidate is on the ballot.")

    def add(self, appstruct):
        if phase(self.context.election) in (VOTING, CLOSED, RESULTS):
            raise_refused(_("Voting has started: the candidates cannot change now."))
        user = None
        if appstruct["username"].strip():
            user = self.request.dbsession.scalars(select(User).where(
                User.username == appstruct["username"].strip())).first()
            if user is None:
                raise_refused(_("No active account has this name."))
        candidate = Candidate(
            contest=self.context, source_language=self.request.locale_name,
            name=appstruct["name"].strip(), symbol=appstruct["symbol"],
            in_group=appstruct["in_group"], nominated_by_self=appstruct["nominated_by_self"],
            consent_given=utcnow().date(), photo_consent=appstruct["photo_consent"],
            photo=appstruct["photo"] if appstruct["photo_consent"] else None,
            user_id=user.id if user else None)
        candidate.set_text(candidate.source_language, statement=appstruct["statement"],
                           translator=self.request.user)
        self.request.dbsession.add(candidate)
        return candidate

    def success_url(self, obj):
        return election_url(self.request, self.context.election)


@view_config(route_name="elections.candidate_withdraw", request_method="POST",
             permission=OFFICIATE)
def withdraw_candidate(context, request):
    """A candidate who withdraws before voting stays on the record, off the ballot."""
    if phase(context.contest.election) in (VOTING, CLOSED, RESULTS):
        return HTTPBadRequest()
    context.withdrawn = True
    return HTTPSeeOther(election_url(request, context.contest.election))


@view_config(route_name="elections.photo", request_method="GET", permission="view")
def photo(context, request):
    if context.photo is None or not context.photo_consent:
        raise HTTPNotFound()
    return Response(body=context.photo, content_type="image/jpeg",
                    cache_control="public, max-age=3600")


@view_config(route_name="elections.codes", permission=OFFICIATE)
class Codes(FormView):
    """Voting codes for the contest's electorate, printed as slips and never kept in clear."""

    schema_factory = CodesFields
    title = _("Voting codes")
    button_title = _("Make the codes and print the slips")
    template = "plugins.elections:templates/codes.jinja2"

    def success(self, appstruct):
        if phase(self.context.election) in (CLOSED, RESULTS):
            raise_refused(_("Voting is closed."))
        from .slips import slips_pdf
        made = voting_codes.generate(self.request.dbsession, self.request.registry.settings,
                                     self.context, appstruct["number"])
        pdf = slips_pdf(self.request, self.context, made)
        return Response(body=pdf, content_type="application/pdf",
                        content_disposition=f'attachment; filename="voting-codes-{self.context.id}.pdf"',
                        cache_control="private, no-store")


@view_config(route_name="elections.count", request_method="POST", permission=OFFICIATE)
def count_view(context, request):
    """Seal the ballots and count them, once voting has closed."""
    election = context.election
    if phase(election) != CLOSED:
        request.flash(_("The count starts after voting has closed."), "error")
    elif request.dbsession.scalars(select(PaperEntry.id).where(
            PaperEntry.contest_id == context.id)).first() is not None:
        request.flash(_("Paper ballots still wait for a second officer."), "error")
    else:
        count_contest(request.dbsession, context)
        request.flash(_("Counted. Check the report, then publish the results."))
    return HTTPSeeOther(election_url(request, election))


@view_config(route_name="elections.publish", request_method="POST", permission=OFFICIATE)
def publish_view(context, request):
    if phase(context) != CLOSED or not context.contests or \
            not all(c.result_json for c in context.contests):
        request.flash(_("Count every vote before publishing."), "error")
    else:
        publish(request.dbsession, context)
        announce_results(request, context)
        request.flash(_("The results are published."))
    return HTTPSeeOther(election_url(request, context))


@view_config(route_name="elections.roster", request_method="GET", permission="view",
             renderer="plugins.elections:templates/roster.jinja2")
def roster_view(context, request):
    current, past = roster(request.dbsession, context.centre_id)
    can_vacate = request.has_permission(MANAGE, context)
    standing = {}
    if can_vacate:
        for m in current:
            if m.contest.vacancy_rule == "countback" and m.contest.ranked and \
                    m.contest_id not in standing:
                standing[m.contest_id] = countback_candidates(request.dbsession, m.contest)
    return {"centre": context.centre, "current": current, "past": past,
            "can_vacate": can_vacate, "countback": standing,
            "shown": lambda obj: shown(request, obj)}


@view_config(route_name="elections.vacate", request_method="POST", permission=MANAGE)
def vacate_view(context, request):
    mandate = request.dbsession.get(Mandate, int(request.POST.get("mandate", "0") or 0))
    if mandate is None or mandate.contest.election.centre_id != context.centre_id or \
            mandate.vacated is not None:
        raise HTTPNotFound()
    filled = vacate(request.dbsession, mandate, consenting=[
        int(i) for i in request.POST.getall("consent") if i.isdigit()])
    if isinstance(filled, Candidate):
        request.flash(_("The seat goes to ${name}.", mapping={"name": filled.name}))
    elif isinstance(filled, Election):
        request.dbsession.flush()
        request.flash(_("A by-election is set up: check its dates."))
        return HTTPSeeOther(request.route_path("elections.edit", centre=context.centre.slug,
                                               election=filled.id))
    else:
        request.flash(_("Nobody is left in the count to take the seat."), "error")
    return HTTPSeeOther(request.route_path("elections.roster", centre=context.centre.slug))



@view_config(route_name="elections.paper", permission=OFFICIATE,
             renderer="plugins.elections:templates/paper.jinja2")
def paper_view(context, request):
    """Paper ballots: one officer types a ballot, a second officer confirms it; only then is it
    a ballot like the others (random key and tracker, the day only)."""
    from .ballots import cast
    from .vote import Ballot
    contest, user = context, request.user
    current = phase(contest.election)
    allowed = current in (VOTING, CLOSED) and contest.result_json is None
    error = None
    if request.method == "POST" and allowed:
        action = request.POST.get("action")
        entry = request.dbsession.get(PaperEntry, request.POST.get("entry", ""))
        if action == "enter":
            ballot = Ballot(contest, request.POST)
            if ballot.error:
                error = ballot.error
            else:
                request.dbsession.add(PaperEntry(contest_id=contest.id, entered_by=user.id,
                                                 marks=",".join(map(str, ballot.marks))))
                request.flash(_("Entered. A second officer must confirm this ballot."))
                return HTTPSeeOther(request.path)
        elif entry is not None and entry.contest_id == contest.id and action == "confirm":
            if entry.entered_by == user.id:
                request.flash(_("Another officer must confirm the ballot you entered."), "error")
            else:
                cast(request.dbsession, contest, [int(i) for i in entry.marks.split(",")],
                     paper=True)
                request.dbsession.delete(entry)
                request.flash(_("Confirmed: the ballot is counted."))
            return HTTPSeeOther(request.path)
        elif entry is not None and entry.contest_id == contest.id and action == "reject":
            request.dbsession.delete(entry)
            request.flash(_("The entry is removed."))
            return HTTPSeeOther(request.path)
        else:
            error = _("This ballot is no longer waiting.")
    names = {c.id: c for c in contest.candidates}
    entries = request.dbsession.scalars(select(PaperEntry).where(
        PaperEntry.contest_id == contest.id).order_by(PaperEntry.id)).all()
    if error:
        request.response.status_int = 400
    return {"contest": contest, "contest_title": shown(request, contest), "allowed": allowed,
            "error": error, "chosen": {},
            "cards": [candidate_card(request, c) for c in contest.candidates if not c.withdrawn],
            "entries": [{"entry": e, "mine": e.entered_by == user.id,
                         "choices": [names[int(i)] for i in e.marks.split(",") if i]}
                        for e in entries],
            "election_url": election_url(request, contest.election)}
