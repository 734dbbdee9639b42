"""Public pages after the close: results with the count report and its chart, trackers, the
anonymised ballots, and the centre's roster of representatives."""
from pyramid.httpexceptions import HTTPNotFound
from pyramid.response import Response
from pyramid.view import view_config

from .ballots import ballots_of, blt, chain, csv_text, find_tracker
from .chart import stage_chart
from .i18n import _
from .display import candidate_card, election_summary, shown
from .phases import RESULTS, phase
from .report import report
from .results import result_of


def published(contest):
    if phase(contest.election) != RESULTS or contest.result_json is None:
        raise HTTPNotFound()


@view_config(route_name="elections.results", request_method="GET", permission="view",
             renderer="plugins.elections:templates/results.jinja2")
def results_view(context, request):
    published(context)
    data = report(request, context, result_of(context))
    return {"contest": context, "contest_title": shown(request, context),
            "summary": election_summary(request, context.election), "report": data,
            "cards": {c.id: candidate_card(request, c) for c in context.candidates},
            "chart": stage_chart(request, data, request.localizer.translate(
                _("Votes of each candidate at the first and the last stage")))}


@view_config(route_name="elections.trackers", request_method="GET", permission="view",
             renderer="plugins.elections:templates/trackers.jinja2")
def trackers_view(context, request):
    published(context)
    rows, head = chain(context.id, ballots_of(request.dbsession, context))
    typed = request.params.get("tracker", "").strip()
    found = find_tracker(request.dbsession, [context.id], typed) if typed else None
    names = {str(c.id): c.name for c in context.candidates}
    return {"contest": context, "contest_title": shown(request, context),
            "summary": election_summary(request, context.election),
            "rows": [(t, [names.get(m, m) for m in marks.split(",") if m], link)
                     for t, marks, link in rows],
            "head": head, "sealed": context.chain_head, "typed": typed, "found": found}


@view_config(route_name="elections.ballots_file", request_method="GET", permission="view")
def ballots_file(context, request):
    published(context)
    ballots = ballots_of(request.dbsession, context)
    title = context.source_text.title if context.source_text else str(context.id)
    if request.matchdict["ext"] == "blt" and context.ranked:
        body, kind = blt(context, ballots, title), "text/plain"
    elif request.matchdict["ext"] == "csv" and not context.ranked:
        body, kind = csv_text(context, ballots), "text/csv"
    else:
        raise HTTPNotFound()
    return Response(body=body.encode(), content_type=kind, charset="utf-8",
                    content_disposition=f'attachment; filename="contest-{context.id}.{request.matchdict["ext"]}"')
