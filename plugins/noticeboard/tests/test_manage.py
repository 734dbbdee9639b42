"""The staff list of notices shows each viewer only the notices they may open."""
from sqlalchemy import select

from portal.api import User


def listed(testapp):
    page = testapp.get("/noticeboard/usivak/manage")
    return {row.select_one("td a").text: row["data-notice"]
            for row in page.html.select("tr[data-notice]")}


def test_a_representative_sees_only_notices_they_may_open(testapp, login_as, make_notice,
                                                          make_user, dbsession):
    other = make_user("rep-two", "community_rep", "usivak")
    rep = dbsession.scalars(select(User).where(User.username == "rep-usivak")).one()
    make_notice("Draft of another representative", state="draft", owner=other)
    make_notice("Proposal of another representative", state="submitted", owner=other)
    make_notice("My own draft", state="draft", owner=rep)
    make_notice("Published for everyone")
    login_as(testapp, "rep-usivak")
    rows = listed(testapp)
    assert "My own draft" in rows and "Published for everyone" in rows
    assert "Draft of another representative" not in rows
    assert "Proposal of another representative" not in rows
    for notice_id in rows.values():  # everything listed opens
        assert testapp.get(f"/content/{notice_id}").status_int == 200
    login_as(testapp, "manager-usivak")
    assert {"Draft of another representative", "Proposal of another representative",
            "My own draft"} <= set(listed(testapp))
