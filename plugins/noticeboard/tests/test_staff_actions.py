"""Staff act from Manage notices: each row offers what the viewer may do with that notice (and
nothing else), workflow steps are CSRF-protected POST forms that come back to the list, the
decision page shows what a manager decides on, and a preview in another language leaves the
staff member's own language alone."""
import io
from datetime import datetime, timezone

from PIL import Image
from sqlalchemy import select

from portal.api import User

MANAGE = "/noticeboard/usivak/manage"


def row(page, notice):
    return page.html.select_one(f'tr[data-notice="{notice.id}"]')


def actions_of(page, notice):
    """``(links, steps)`` offered on the row of ``notice``."""
    cells = row(page, notice)
    return ({a["data-action"] for a in cells.select("[data-action]")},
            {form["data-step"] for form in cells.select("form[data-step]")})


def user(dbsession, username):
    return dbsession.scalars(select(User).where(User.username == username)).one()


def test_each_row_offers_what_the_viewer_may_do_with_that_notice(testapp, login_as,
                                                                 make_notice, dbsession):
    rep = user(dbsession, "rep-usivak")
    own_draft = make_notice("My own draft", state="draft", owner=rep)
    proposal = make_notice("A proposal", state="submitted", owner=rep)
    published = make_notice("Published")
    login_as(testapp, "manager-usivak")
    page = testapp.get(MANAGE)
    assert actions_of(page, proposal) == ({"edit", "translate", "delete", "picture"},
                                          {"publish", "reject"})
    assert actions_of(page, published) == ({"edit", "translate", "delete", "picture"},
                                           {"withdraw"})
    assert actions_of(page, own_draft)[1] == {"publish"}
    # the step that needs a reason asks for it, and every step carries the session's token
    reject = row(page, proposal).select_one('form[data-step="reject"]')
    assert reject.select_one('input[name="comment"]').has_attr("required")
    assert reject.select_one('input[name="csrf_token"]')["value"]
    assert reject["method"] == "post"

    login_as(testapp, "rep-usivak")
    page = testapp.get(MANAGE)
    assert actions_of(page, own_draft) == ({"edit", "translate", "picture"}, {"submit"})
    assert actions_of(page, proposal) == (set(), {"retract"})  # submitted: theirs to take back
    assert actions_of(page, published) == (set(), set())


def test_a_manager_publishes_and_rejects_from_the_list_and_comes_back_to_it(
        testapp, login_as, make_notice, dbsession):
    rep = user(dbsession, "rep-usivak")
    first = make_notice("First proposal", state="submitted", owner=rep)
    second = make_notice("Second proposal", state="submitted", owner=rep)
    login_as(testapp, "manager-usivak")
    url = f"{MANAGE}?state=submitted"
    page = testapp.get(url)
    response = page.forms[_form_index(page, first, "publish")].submit()
    assert response.status_int == 303
    assert response.location.endswith(url)
    assert first.state == "published"
    page = response.follow()
    assert row(page, first) is None  # filtered out now: it is published
    form = page.forms[_form_index(page, second, "reject")]
    form["comment"] = "Say which bus"
    assert form.submit().status_int == 303
    assert second.state == "draft"


def test_a_step_from_the_list_goes_back_only_to_this_site(testapp, login_as, make_notice,
                                                          dbsession):
    notice = make_notice("Proposal", state="submitted", owner=user(dbsession, "rep-usivak"))
    login_as(testapp, "manager-usivak")
    page = testapp.get(MANAGE)
    token = row(page, notice).select_one('input[name="csrf_token"]')["value"]
    for elsewhere in ("//elsewhere.example/", "/\\elsewhere.example/", "/\t/elsewhere.example/",
                      "https://elsewhere.example/"):
        notice.state = "submitted"
        response = testapp.post(f"/content/{notice.id}/transition/publish",
                                {"csrf_token": token, "came_from": elsewhere})
        assert response.status_int == 303
        assert response.location == f"http://localhost/content/{notice.id}"
        assert notice.state == "published"


def test_a_step_from_the_list_is_checked_on_the_notice_itself(testapp, login_as, make_notice,
                                                              dbsession, app):
    rep = user(dbsession, "rep-usivak")
    notice = make_notice("Proposal", state="submitted", owner=rep)
    login_as(testapp, "manager-usivak")
    token = testapp.get(MANAGE).html.select_one('input[name="csrf_token"]')["value"]
    login_as(testapp, "rep-usivak")  # the proposer may not publish their own proposal
    token = testapp.get(MANAGE).html.select_one('input[name="csrf_token"]')
    response = testapp.post(f"/content/{notice.id}/transition/publish",
                            {"csrf_token": token["value"] if token else "", "came_from": MANAGE},
                            expect_errors=True)
    assert response.status_int in (400, 403)
    assert notice.state == "submitted"
    # without the token, nothing either
    login_as(testapp, "manager-usivak")
    assert testapp.post(f"/content/{notice.id}/transition/publish", {"came_from": MANAGE},
                        expect_errors=True).status_int == 400
    assert notice.state == "submitted"


def _form_index(page, notice, step):
    """webtest's index of the form of ``step`` on the row of ``notice``."""
    action = f"/content/{notice.id}/transition/{step}"
    for index, form in page.forms.items():
        if isinstance(index, int) and form.action == action:
            return index
    raise AssertionError(f"no {step} form for notice {notice.id}")


def png(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_decision_page_shows_what_a_manager_decides_on(testapp, login_as, make_notice,
                                                           dbsession):
    rep = user(dbsession, "rep-usivak")
    notice = make_notice("Bus to the clinic", state="submitted", owner=rep, category="health",
                         priority="urgent", texts={"ar": "حافلة", "fr": "Bus"})
    notice.valid_from = datetime(2026, 7, 1, 6, 0, tzinfo=timezone.utc)  # 08:00 in Sarajevo
    notice.valid_until = datetime(2026, 7, 3, 21, 59, tzinfo=timezone.utc)
    login_as(testapp, "manager-usivak")
    page = testapp.get(f"/noticeboard/usivak/{notice.id}/image/edit").forms["picture-form"]
    page["picture"] = ("bus.png", png())
    page["alt_en"] = "An orange bus"
    page.submit("save")
    html = testapp.get(f"/content/{notice.id}?lang=en").html
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(html.select(".portal-facts dt"), html.select(".portal-facts dd"))}
    assert facts["Category"] == "Health"
    assert facts["Priority"] == "Urgent"
    assert facts["Show from"] == "Wednesday, July 1, 2026, 8:00\u202fAM"
    assert facts["Show until"] == "Friday, July 3, 2026, 11:59\u202fPM"
    assert facts["Summary"] == "Bus to the clinic (summary)"
    assert facts["Author"] == rep.full_name
    assert [s["data-lang"] for s in html.select(".portal-languages-present [data-lang]")] == \
        ["ar", "fr", "en"]
    assert "fa" in [s["data-lang"] for s in html.select(".portal-languages-missing [data-lang]")]
    assert "Europe/Sarajevo" in html.select_one(".portal-facts").get_text()
    image = html.select_one(".nb-decision-picture")
    assert image["alt"] == "An orange bus"
    assert testapp.get(image["src"]).content_type.startswith("image/")
    # "Preview in" goes to the notice's own preview, the card residents read
    preview = html.select_one(".portal-facts form.portal-preview-form")
    assert preview["action"] == f"/noticeboard/usivak/{notice.id}/preview"
    assert {f["id"] for f in html.select("form[id^=transition-]")} == {
        "transition-publish", "transition-reject"}


def test_residents_never_see_the_decision_facts(testapp, make_notice, dbsession):
    notice = make_notice("Published", owner=user(dbsession, "rep-usivak"))
    html = testapp.get(f"/content/{notice.id}").html
    assert html.select_one(".portal-facts") is None
    assert "Rep-Usivak" not in html.get_text()


def test_a_preview_in_another_language_keeps_the_staff_language(testapp, login_as,
                                                                 make_notice, dbsession):
    notice = make_notice("Bus to the clinic", category="health",
                         texts={"ar": "حافلة إلى العيادة"})
    login_as(testapp, "manager-usivak")
    testapp.get("/?lang=fr")  # the manager reads the portal in French
    before = testapp.cookies.get("portal_lang")
    page = testapp.get(MANAGE)
    preview = row(page, notice).select_one("form.portal-preview-form")
    assert preview.select_one("select")["name"] == "language"  # not ``lang``
    response = testapp.get(preview["action"], {"language": "ar"})
    assert "portal_lang" not in response.headers.get("Set-Cookie", "")
    assert testapp.cookies.get("portal_lang") == before == "fr"
    html = response.html
    assert html.html["lang"] == "fr" and html.html["dir"] == "ltr"  # the chrome stays French
    shown = html.select_one(".nb-preview")
    assert (shown["lang"], shown["dir"]) == ("ar", "rtl")
    assert shown.select_one(".nb-title span").get_text() == "حافلة إلى العيادة"
    assert shown.select_one(".nb-category").get_text(" ", strip=True) == "الصحة"  # labels too
    # the next page is French still
    assert testapp.get(MANAGE).html.html["lang"] == "fr"


def test_a_preview_of_a_draft_is_for_those_who_may_open_it(testapp, login_as, make_notice,
                                                           dbsession, make_user):
    draft = make_notice("Draft", state="draft", owner=user(dbsession, "rep-usivak"))
    url = f"/noticeboard/usivak/{draft.id}/preview?language=ar"
    assert testapp.get(url, expect_errors=True).status_int in (403, 303, 302)
    make_user("rep-two", "community_rep", "usivak")
    login_as(testapp, "rep-two")
    assert testapp.get(url, expect_errors=True).status_int == 403
    login_as(testapp, "manager-usivak")
    assert testapp.get(url).status_int == 200
