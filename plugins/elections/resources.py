"""Route contexts: centre -> election -> contest -> candidate, each with its ACL.

Centre managers (``elections.manage``, a centre role's permission) set elections up and appoint
the officers; the officers (``election_officer``, a local role granted on one election) run it:
candidates, voting codes, paper ballots, the count and the results. Administrators may do all.
Everyone may view an election and its public pages; what they show depends on the phase.
"""
from pyramid.authorization import Allow
from pyramid.httpexceptions import HTTPNotFound

from portal.api import centre_factory

from .models import Candidate, Contest, Election

OFFICER = "election_officer"
OFFICIATE = "elections.officiate"
MANAGE = "elections.manage"


def election_acl(election):
    return [(Allow, f"role:{OFFICER}", (OFFICIATE, "translate")),
            (Allow, "role:centre_manager", (OFFICIATE, "translate")),
            (Allow, "role:translator", ("translate",))]


def bind(request, obj, centre_context=None):
    """Give ``obj`` (an election, contest or candidate) its place in the resource tree."""
    if isinstance(obj, Candidate):
        parent = bind(request, obj.contest, centre_context)
    elif isinstance(obj, Contest):
        parent = bind(request, obj.election, centre_context)
    else:
        if centre_context is None:  # outside the plugin's routes (the translation desk)
            centre_context = centre_of(request, obj.centre)
        parent = centre_context
        obj.__acl__ = election_acl(obj)
    if not isinstance(obj, Election):
        obj.__acl__ = []
    obj.__parent__ = parent
    obj.__name__ = str(obj.id)
    return obj


def centre_of(request, centre):
    """The centre's context (as its routes make it), once per request and centre."""
    known = request.environ.setdefault("elections.centres", {})
    if centre.id not in known:
        saved = request.matchdict
        request.matchdict = dict(saved or {}, centre=centre.slug)
        try:
            known[centre.id] = centre_factory(request)
        finally:
            request.matchdict = saved
    return known[centre.id]


def _lookup(request, model, key):
    centre = centre_factory(request)
    try:
        ident = int(request.matchdict[key])
    except (KeyError, ValueError):
        raise HTTPNotFound() from None
    obj = request.dbsession.get(model, ident)
    election = {Election: lambda o: o, Contest: lambda o: o.election,
                Candidate: lambda o: o.contest.election}[model](obj) if obj else None
    if obj is None or election.centre_id != centre.centre_id:
        raise HTTPNotFound()
    return bind(request, obj, centre)


def election_factory(request):
    return _lookup(request, Election, "election")


def contest_factory(request):
    return _lookup(request, Contest, "contest")


def candidate_factory(request):
    return _lookup(request, Candidate, "candidate")
