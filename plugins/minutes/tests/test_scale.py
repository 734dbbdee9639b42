"""Residents' pages cost no more queries however many meetings, concerns and action items a
centre has (no query per row)."""
import difflib

from sqlalchemy import event


def count_queries(app, fetch):
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    engine = app.registry["dbengine"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        fetch()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_pages_cost_the_same_queries_with_more_meetings(app, testapp, make_meeting):
    first = make_meeting(title="First", state="published", days=-10, secretary=None).id

    def fetch(lang):
        # a language not asked for before: rendered, not served from the page cache
        def get():
            for url in ("/minutes/usivak/you-said-we-did", "/minutes/usivak/",
                        f"/minutes/usivak/{first}", "/kiosk/usivak/feed.json"):
                testapp.get(url, {"lang": lang})
        return get

    few = count_queries(app, fetch("fa"))
    for number in range(8):
        make_meeting(title=f"More {number}", state="published", days=-20 - number,
                     secretary=None)
    many = count_queries(app, fetch("bn"))
    # (the first round may look up a room or an organisation the second finds loaded)
    assert len(many) <= len(few), "\n".join(difflib.unified_diff(
        [q[:90] for q in few], [q[:90] for q in many], lineterm=""))
