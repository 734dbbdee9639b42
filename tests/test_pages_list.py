"""The information pages of a centre for staff: drafts included, each row with what the viewer
may do with that page; a preview in another language that leaves the staff member's own
language alone; the decision page of a page."""
import pytest
from sqlalchemy import select

from portal.models import Centre, Page, User

LIST = "/centres/usivak/pages"


@pytest.fixture
def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


@pytest.fixture
def make_page(dbsession, usivak):
    def make(title, state="published", owner=None, **texts):
        page = Page(centre=usivak, state=state, source_language="en", revision=1, owner=owner,
                    position=1)
        page.set_text("en", title=title, summary=f"{title} in short", body=f"All of {title}.")
        for lang, text in texts.items():
            page.set_text(lang, title=text, summary=text, body=text)
        dbsession.add(page)
        dbsession.flush()
        return page

    return make


def user(dbsession, username):
    return dbsession.scalars(select(User).where(User.username == username)).one()


def actions_of(html, page):
    cells = html.select_one(f'tr[data-page="{page.id}"]')
    if cells is None:
        return None
    return ({a["data-action"] for a in cells.select("a[data-action]")},
            {form["data-step"] for form in cells.select("form[data-step]")})


def test_staff_see_the_pages_they_may_open_with_their_actions(testapp, login_as, make_page,
                                                              dbsession):
    rep = user(dbsession, "rep-usivak")
    draft = make_page("House rules (draft)", state="draft", owner=rep)
    submitted = make_page("Clinic hours", state="submitted", owner=rep)
    published = make_page("Laundry")
    withdrawn = make_page("Old bus times", state="withdrawn")
    login_as(testapp, "manager-usivak")
    html = testapp.get(LIST).html
    assert actions_of(html, draft) == ({"edit", "translate", "delete"}, {"publish"})
    assert actions_of(html, submitted) == ({"edit", "translate", "delete"},
                                           {"publish", "reject"})
    assert actions_of(html, published) == ({"edit", "translate", "delete"}, {"withdraw"})
    assert actions_of(html, withdrawn) == ({"edit", "translate", "delete"}, {"publish"})

    login_as(testapp, "rep-usivak")
    html = testapp.get(LIST).html
    assert actions_of(html, draft) == ({"edit", "translate"}, {"submit"})
    # while it waits, the proposer may only take it back
    assert actions_of(html, submitted) == (set(), {"retract"})
    assert actions_of(html, withdrawn) is None  # nobody's draft: only managers open it

    login_as(testapp, "partner-unhcr")
    html = testapp.get(LIST).html
    assert actions_of(html, draft) is None  # not theirs: not listed
    assert actions_of(html, published) == (set(), set())


def test_a_manager_withdraws_a_page_from_the_list(testapp, login_as, make_page):
    laundry = make_page("Laundry")
    login_as(testapp, "manager-usivak")
    page = testapp.get(LIST)
    index = next(i for i, form in page.forms.items() if isinstance(i, int) and
                 form.action == f"/content/{laundry.id}/transition/withdraw")
    response = page.forms[index].submit()
    assert response.status_int == 303 and response.location.endswith(LIST)
    assert laundry.state == "withdrawn"
    assert actions_of(response.follow().html, laundry)[1] == {"publish"}


def test_a_preview_of_a_page_keeps_the_staff_language(testapp, login_as, make_page):
    laundry = make_page("Laundry", ar="المغسلة")
    login_as(testapp, "manager-usivak")
    testapp.get("/?lang=bs")
    response = testapp.get(f"/content/{laundry.id}/preview", {"language": "ar"})
    assert "Set-Cookie" not in response.headers
    html = response.html
    assert (html.html["lang"], html.html["dir"]) == ("bs", "ltr")
    shown = html.select_one(".portal-preview")
    assert (shown["lang"], shown["dir"]) == ("ar", "rtl")
    assert shown.select_one("h1 span").get_text() == "المغسلة"
    assert testapp.cookies["portal_lang"] == "bs"
    # a language without a text says so, in the staff member's language
    html = testapp.get(f"/content/{laundry.id}/preview", {"language": "ur"}).html
    assert html.select_one(".portal-preview .portal-untranslated")


def test_the_decision_page_of_a_page(testapp, login_as, make_page, dbsession):
    rep = user(dbsession, "rep-usivak")
    rules = make_page("House rules", state="submitted", owner=rep, fr="Règlement")
    login_as(testapp, "manager-usivak")
    html = testapp.get(f"/content/{rules.id}?lang=en").html
    facts = {dt.get_text(strip=True): dd.get_text(" ", strip=True)
             for dt, dd in zip(html.select(".portal-facts dt"), html.select(".portal-facts dd"))}
    assert facts["Display order"] == "1"
    assert facts["Summary"] == "House rules in short"
    assert facts["Author"] == rep.full_name
    assert [span["data-lang"] for span in
            html.select(".portal-languages-present [data-lang]")] == ["fr", "en"]
    preview = html.select_one(".portal-facts form.portal-preview-form")
    assert preview["action"] == f"/content/{rules.id}/preview"
