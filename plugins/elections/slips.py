"""Voting-code slips: eight per A4 page, each with its code and a QR code of the voting page.

The QR code carries the code after ``#``: a phone opens the voting page with the code filled in
(by ``static/vote.js``), and the code never reaches the server in an address (nor its logs).
The PDF is made by WeasyPrint from HTML with the Noto fonts of Debian's `fonts-noto-core` (the
portal's woff2 subsets, split by unicode range, print wrong glyphs there), and is sent once: the
codes exist in clear only in it.
"""
import os

import segno
from pyramid.renderers import render

from .display import shown


def slips_pdf(request, contest, codes):
    from weasyprint import HTML
    election = contest.election
    url = request.route_url("elections.vote", centre=election.centre.slug, contest=contest.id)
    slips = [{"code": code, "qr": segno.make(f"{url}#{code}", error="m").svg_data_uri(scale=4)}
             for code in codes]
    html = render("plugins.elections:templates/slips.jinja2", {
        "slips": slips, "url": url, "election_title": shown(request, election),
        "contest_title": shown(request, contest), "centre": election.centre,
        "css": os.path.join(os.path.dirname(__file__), "static", "slips.css"),
    }, request=request)
    static_dir = request.registry.settings["portal.static_dir"]
    return HTML(string=html, base_url=static_dir.rstrip("/") + "/").write_pdf()
