"""Per-language content: staleness, minor edits, fallbacks, the translation form, the workflow."""
from sqlalchemy import select

from portal.models import Centre, Page, User
from portal.testing import csrf_token


def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def new_page(dbsession, centre, state="published", language="en"):
    page = Page(centre=centre, state=state, source_language=language)
    page.set_text(language, title="Water", summary="Drinking water", body="Drink **water**.")
    dbsession.add(page)
    dbsession.flush()
    return page


def test_source_edit_outdates_translations_but_a_minor_edit_does_not(dbsession):
    page = new_page(dbsession, usivak(dbsession))
    page.set_text("ar", title="ماء", summary="", body="")
    assert not page.is_outdated("ar")
    page.set_text("en", title="Water!", minor=True)
    assert page.revision == 1 and not page.is_outdated("ar")
    page.set_text("en", title="Drinking water")
    assert page.revision == 2 and page.is_outdated("ar")
    assert not page.is_outdated("en")
    page.set_text("ar", title="مياه الشرب")
    assert not page.is_outdated("ar")


def test_fallback_chain_then_source(dbsession):
    page = new_page(dbsession, usivak(dbsession))
    page.set_text("fa", title="آب")
    assert page.text_for("fa_AF", ["fa"]) == (page.texts["fa"], True)
    assert page.text_for("fa", []) == (page.texts["fa"], False)
    assert page.text_for("bn", ["en"]) == (page.texts["en"], True)
    assert page.text_for("ps", ["fa", "en"])[0] is page.texts["fa"]


def test_fallback_text_carries_its_own_lang_and_dir_and_a_mark(testapp, dbsession):
    page = new_page(dbsession, usivak(dbsession))
    page.set_text("ar", title="ماء")
    html = testapp.get(f"/content/{page.id}?lang=fa_AF").html  # Dari -> Persian -> English
    title = html.select_one("h1 span[lang]")
    assert (title["lang"], title["dir"], title.text) == ("en", "ltr", "Water")
    assert html.select_one("html")["lang"] == "fa-AF" and html.select_one("html")["dir"] == "rtl"
    assert html.select_one(".portal-untranslated") is not None
    html = testapp.get(f"/content/{page.id}?lang=ar").html
    title = html.select_one("h1 span[lang]")
    assert (title["lang"], title["dir"], title.text) == ("ar", "rtl", "ماء")
    assert html.select_one(".portal-untranslated") is None


def test_markdown_is_rendered_and_sanitised(testapp, dbsession):
    page = new_page(dbsession, usivak(dbsession))
    page.set_text("en", title="Water", body="**Clean** <script>alert(1)</script> [x](javascript:alert(1))")
    body = testapp.get(f"/content/{page.id}").html.select_one(".portal-body")
    assert body.select_one("strong").text == "Clean"
    assert body.select_one("script") is None
    assert not [a for a in body.select("a[href]") if "javascript" in a["href"].lower()]


def test_translator_translates_side_by_side_with_the_source(testapp, login_as, dbsession):
    page = new_page(dbsession, usivak(dbsession))
    login_as(testapp, "translator")
    overview = testapp.get(f"/content/{page.id}/translations").html
    assert overview.select_one('tr[data-lang="ar"]')["data-status"] == "missing"
    response = testapp.get(f"/content/{page.id}/translate/ar")
    source = response.html.select_one(".portal-source")
    assert source["lang"] == "en" and "Drink **water**." in source.text
    assert response.html.select_one('input[name="title"]')["dir"] == "rtl"
    form = response.forms["deform"]
    form["title"], form["body"] = "ماء", "اشرب **الماء**."
    form.submit("save").follow()
    translator = dbsession.scalars(select(User).where(User.username == "translator")).one()
    assert page.texts["ar"].title == "ماء" and page.texts["ar"].translator_id == translator.id
    overview = testapp.get(f"/content/{page.id}/translations").html
    assert overview.select_one('tr[data-lang="ar"]')["data-status"] == "current"


def test_edit_with_and_without_minor_edit(testapp, login_as, dbsession):
    page = new_page(dbsession, usivak(dbsession))
    page.set_text("ar", title="ماء")
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/content/{page.id}/edit").forms["deform"]
    form["title"], form["minor"] = "Water.", True
    form.submit("save")
    assert not page.is_outdated("ar")
    form = testapp.get(f"/content/{page.id}/edit").forms["deform"]
    form["title"] = "Clean drinking water"
    form.submit("save")
    assert page.is_outdated("ar")
    rows = testapp.get(f"/content/{page.id}/translations").html
    assert rows.select_one('tr[data-lang="ar"]')["data-status"] == "outdated"


def test_invalid_form_keeps_every_value(testapp, login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/centres/usivak/pages/add").forms["deform"]
    form["title"], form["body"], form["position"] = "X", "A long body text", "abc"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    again = response.forms["deform"]
    assert (again["title"].value, again["body"].value, again["position"].value) == (
        "X", "A long body text", "abc")
    assert len(response.html.select(".invalid-feedback")) == 2


def test_workflow_draft_to_published_and_back(testapp, login_as, dbsession, make_user):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/centres/usivak/pages/add").forms["deform"]
    form["title"], form["body"], form["source_language"] = "Doctor hours", "Mon 9-12", "en"
    page_url = form.submit("save").location
    page = dbsession.scalars(select(Page).order_by(Page.id.desc())).first()
    assert page.state == "draft" and page.owner.username == "manager-usivak"
    # drafts are not public
    anonymous = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    assert anonymous.get(page_url, expect_errors=True).status_int == 303
    testapp.get(page_url).forms["transition-publish"].submit().follow()
    assert page.state == "published"
    assert anonymous.get(page_url).status_int == 200
    testapp.get(page_url).forms["transition-withdraw"].submit()
    assert page.state == "withdrawn"
    assert anonymous.get(page_url, expect_errors=True).status_int == 303


def test_rejection_needs_a_reason_and_only_managers_publish(testapp, login_as, dbsession):
    page = new_page(dbsession, usivak(dbsession), state="submitted")
    login_as(testapp, "rep-usivak")
    assert testapp.post(f"/content/{page.id}/transition/publish",
                        {"csrf_token": csrf_token(testapp)},
                        expect_errors=True).status_int == 403
    login_as(testapp, "manager-usivak")
    token = csrf_token(testapp)
    assert testapp.post(f"/content/{page.id}/transition/reject", {"csrf_token": token},
                        expect_errors=True).status_int == 400
    testapp.post(f"/content/{page.id}/transition/reject",
                 {"csrf_token": token, "comment": "Wrong opening hours"})
    assert page.state == "draft"


def test_other_centres_manager_cannot_edit(testapp, login_as, dbsession):
    blazuj = dbsession.scalars(select(Centre).where(Centre.slug == "blazuj")).one()
    page = new_page(dbsession, blazuj)
    login_as(testapp, "manager-usivak")
    assert testapp.get(f"/content/{page.id}/edit", expect_errors=True).status_int == 403


def test_a_manager_deletes_content_after_confirming_and_subscribers_hear_it(
        app, testapp, login_as, dbsession):
    from portal.api import ContentRemoved

    heard = []

    def listen(event):
        heard.append(event.content.id)

    app.registry.registerHandler(listen, (ContentRemoved,))
    try:
        page = Page(centre=usivak(dbsession), state="published", source_language="en")
        page.set_text("en", title="Old opening hours")
        dbsession.add(page)
        dbsession.flush()
        page_id = page.id
        login_as(testapp, "manager-usivak")
        confirm = testapp.get(f"/content/{page_id}").click("Delete")
        assert "Old opening hours" in confirm.text
        response = confirm.forms["deform"].submit("save")
        assert response.status_int == 303 and heard == [page_id]
        dbsession.expunge_all()
        assert dbsession.get(Page, page_id) is None
        assert testapp.get(f"/content/{page_id}", expect_errors=True).status_int == 404
    finally:
        app.registry.unregisterHandler(listen, (ContentRemoved,))


def test_translators_list_only_what_they_may_translate(testapp, login_as, dbsession):
    withdrawn = new_page(dbsession, usivak(dbsession), state="withdrawn")
    withdrawn.set_text("en", title="Withdrawn rules")
    draft = new_page(dbsession, usivak(dbsession), state="draft")
    draft.set_text("en", title="Draft rules")
    dbsession.flush()
    login_as(testapp, "translator")
    queue, url = "", "/translations"
    while url:  # drafts come after what residents see: walk every page
        page = testapp.get(url)
        queue += page.text
        link = page.html.select_one('a[rel="next"]')
        url = link["href"] if link else None
    assert "Draft rules" in queue
    assert "Withdrawn rules" not in queue  # its translations page would answer 403


def test_adding_and_editing_content_publish_events(app, testapp, login_as, dbsession):
    from portal.api import ContentAdded, ContentModified

    heard = []

    def listen(event):
        heard.append((type(event).__name__, event.content.id, getattr(event, "minor", None)))

    app.registry.registerHandler(listen, (ContentAdded,))
    app.registry.registerHandler(listen, (ContentModified,))
    try:
        login_as(testapp, "manager-usivak")
        form = testapp.get("/centres/usivak/pages/add").forms["deform"]
        form["title"], form["source_language"] = "Laundry hours", "en"
        page_url = form.submit("save").location
        page_id = int(page_url.rstrip("/").rsplit("/", 1)[1])
        form = testapp.get(f"/content/{page_id}/edit").forms["deform"]
        form["title"], form["minor"] = "Laundry opening hours", True
        form.submit("save")
        assert heard == [("ContentAdded", page_id, None), ("ContentModified", page_id, True)]
    finally:
        app.registry.unregisterHandler(listen, (ContentAdded,))
        app.registry.unregisterHandler(listen, (ContentModified,))
