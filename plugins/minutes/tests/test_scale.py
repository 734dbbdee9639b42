"""Residents' pages cost no more queries however many meetings, concerns and action items a
centre has (no query per row)."""
import difflib

from portal.testing import statements_run


def test_pages_cost_the_same_queries_with_more_meetings(app, testapp, make_meeting):
    first = make_meeting(title="First", state="published", days=-10, secretary=None).id

    def fetch(lang):
        # a language not asked for before: rendered, not served from the page cache
        def get():
            for url in ("/minutes/usivak/you-said-we-did", "/minutes/usivak/",
                        f"/minutes/usivak/{first}", "/kiosk/usivak/feed.json"):
                testapp.get(url, {"lang": lang})
        return get

    few = statements_run(app, fetch("fa"))
    for number in range(8):
        make_meeting(title=f"More {number}", state="published", days=-20 - number,
                     secretary=None)
    many = statements_run(app, fetch("bn"))
    # (the first round may look up a room or an organisation the second finds loaded)
    assert len(many) <= len(few), "\n".join(difflib.unified_diff(
        [q[:90] for q in few], [q[:90] for q in many], lineterm=""))
