"""The elections on a centre's kiosk and centre page: each election from nominations until a
month after its results, its phase and, once published, who was elected."""
from datetime import timedelta

from sqlalchemy import select

from portal.api import utcnow

from .display import candidate_card, election_summary
from .models import Election
from .phases import RESULTS, VOTING
from .results import elected_candidates


def elections_panel(request, centre, links=True):
    now = utcnow()
    elections = request.dbsession.scalars(
        select(Election).where(Election.centre_id == centre.id,
                               Election.nominations_open <= now + timedelta(days=14))
        .order_by(Election.voting_open.desc())).all()
    items, changes = [], []
    for election in elections:
        if election.results_published and election.results_published < now - timedelta(days=30):
            continue
        summary = election_summary(request, election, now)
        if summary["next_change"]:
            changes.append(summary["next_change"])
        summary["elected"] = [candidate_card(request, c) for contest in election.contests
                              for c in elected_candidates(contest)] \
            if summary["phase"] == RESULTS else []
        summary["url"] = request.route_path("elections.election", centre=centre.slug,
                                            election=election.id) if links else None
        items.append(summary)
    if not items:
        return None
    return {"elections": items, "next_change_at": min(changes, default=None)}


def kiosk_panel(request, centre):
    """The kiosk's panel: no links out of the kiosk, but while voting is open a large button per
    vote opens the polling station in the reader's language."""
    data = elections_panel(request, centre, links=False)
    if data is None:
        return None
    for item in data["elections"]:
        item["stations"] = [
            {"title": contest["title"],
             "url": request.route_path("elections.station", centre=centre.slug,
                                       contest=contest["contest"].id,
                                       _query={"lang": request.locale_name})}
            for contest in item["contests"]] if item["phase"] == VOTING else []
    return data
