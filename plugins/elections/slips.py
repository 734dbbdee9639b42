"""Voting-code slips: eight per A4 page, each with its code and a QR code of the voting page.

The QR code carries the code after ``#``: a phone opens the voting page with the code filled in
(by ``static/vote.js``), and the code never reaches the server in an address (nor its logs).
The PDF is made by WeasyPrint from HTML with the Noto fonts the portal ships (``static/fonts``,
each face limited to its script by ``unicode-range``), reading no file outside the portal's
static folders and nothing from the network; it is sent once: the codes exist in clear only in
it.
"""
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from pyramid.renderers import render

from .display import shown


HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def pdf_engine():
    """WeasyPrint, imported when the first slips are printed: a worker serving pages never
    needs its some 40 MiB."""
    import weasyprint

    return weasyprint


def local_files_only(static_dir):
    """A fetcher for WeasyPrint that reads only the portal's fonts, this plugin's styles and the
    QR codes (``data:`` addresses)."""
    allowed = [Path(static_dir).resolve(), (HERE / "static").resolve()]

    class LocalFiles(pdf_engine().urls.URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
            if path is None or not any(path.is_relative_to(root) for root in allowed):
                raise ValueError(f"not fetched in a PDF: {url}")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols=("file", "data"))


def slips_pdf(request, contest, codes):
    election = contest.election
    url = request.route_url("elections.vote", centre=election.centre.slug, contest=contest.id)
    slips = [{"code": code, "qr": segno.make(f"{url}#{code}", error="m").png_data_uri(scale=8)}
             for code in codes]
    static_dir = request.registry.settings["portal.static_dir"]
    html = render("plugins.elections:templates/slips.jinja2", {
        "slips": slips, "url": url, "election_title": shown(request, election),
        "contest_title": shown(request, contest), "centre": election.centre,
        "fonts": Path(static_dir, "fonts").resolve().as_uri(),
        "css": (HERE / "static" / "slips.css").resolve().as_uri(),
    }, request=request)
    return pdf_engine().HTML(string=html, base_url=str(HERE),
                             url_fetcher=local_files_only(static_dir)).write_pdf()
