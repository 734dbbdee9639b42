"""The timeline of an election, and how residents hear of each phase.

Phases follow from the election's dates (and the officers' publishing of the results), so a
vote can never be cast outside its window whatever a page shows. Each phase is announced through
the core's ``Announcement`` (the notice board, when enabled, shows it at its time on the board and
at the kiosks), in every shipped language; announcing again after an edit updates it.
"""
from portal.api import LANGUAGES, Announcement, localizer_for, utcnow

from .i18n import _

UPCOMING, NOMINATIONS, CAMPAIGN, VOTING, CLOSED, RESULTS = (
    "upcoming", "nominations", "campaign", "voting", "closed", "results")

PHASE_TITLES = {
    UPCOMING: _("Not started yet"),
    NOMINATIONS: _("Nominations are open"),
    CAMPAIGN: _("Nominations are closed; voting opens soon"),
    VOTING: _("Voting is open"),
    CLOSED: _("Voting is closed; results come soon"),
    RESULTS: _("Results are published"),
}


def phase(election, now=None):
    now = now or utcnow()
    if election.results_published is not None:
        return RESULTS
    if now < election.nominations_open:
        return UPCOMING
    if now < election.nominations_close:
        return NOMINATIONS
    if now < election.voting_open:
        return CAMPAIGN
    if now < election.voting_close:
        return VOTING
    return CLOSED


def voting_open(election, now=None):
    return phase(election, now) == VOTING


def next_change(election, now=None):
    """When the phase next changes by itself (None once voting has closed)."""
    now = now or utcnow()
    moments = [election.nominations_open, election.nominations_close, election.voting_open,
               election.voting_close]
    return min((m for m in moments if m > now), default=None)


ANNOUNCED = [
    # key, title, summary, from, until
    ("nominations", _("Nominations are open: ${election}"),
     _("You can stand as a candidate, or propose someone who agrees. Ask the election officers."),
     "nominations_open", "nominations_close"),
    ("voting", _("Voting is open: ${election}"),
     _("Bring your voting code to the kiosk, or scan it with your phone. Your vote is secret."),
     "voting_open", "voting_close"),
]


def _texts(request, election, title, summary):
    texts = {}
    for lang in LANGUAGES:
        localizer = localizer_for(request, lang)
        name = election.texts.get(lang) or election.source_text
        mapping = {"election": name.title}
        texts[lang] = {"title": localizer.translate(_(title, mapping=mapping)),
                       "summary": localizer.translate(summary), "body": ""}
    return texts


def announce_timeline(request, election):
    """Announce nominations and voting, each shown during its own phase."""
    for key, title, summary, start, end in ANNOUNCED:
        request.registry.notify(Announcement(
            request=request, key=f"elections:{election.id}:{key}", centre_id=election.centre_id,
            texts=_texts(request, election, title, summary), source_language="en",
            category="general", valid_from=getattr(election, start),
            valid_until=getattr(election, end)))


def announce_results(request, election):
    request.registry.notify(Announcement(
        request=request, key=f"elections:{election.id}:results", centre_id=election.centre_id,
        texts=_texts(request, election, _("Results: ${election}"),
                     _("See who was elected on the results page and at the kiosk.")),
        source_language="en", category="general", valid_from=utcnow()))
