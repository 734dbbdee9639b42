"""The inbox: workflow steps reach the people they concern, each in their own language; the
proposer withdraws and edits, and reads why a manager returned their proposal."""
from pyramid.i18n import TranslationString
from sqlalchemy import select

from portal.models import Centre, Notification, Page, User
from portal.notifications import localizer_for, notify, translate, unread_count


def user(dbsession, username):
    return dbsession.scalars(select(User).where(User.username == username)).one()


def usivak(dbsession):
    return dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()


def proposal(dbsession, owner, state="draft"):
    page = Page(centre=usivak(dbsession), state=state, source_language="en", owner=owner)
    page.set_text("en", title="Football on Sunday", summary="", body="On the field.")
    dbsession.add(page)
    dbsession.flush()
    return page


def notes(dbsession, username):
    return dbsession.scalars(select(Notification).where(
        Notification.user_id == user(dbsession, username).id)
        .order_by(Notification.id)).all()


def plain(text):
    """Without the bidi isolates around the values people typed."""
    return text.replace("\u2068", "").replace("\u2069", "")


def unread_badge(response):
    badge = response.html.select_one(".portal-inbox-link .badge")
    return badge.contents[0].strip() if badge is not None else None


def test_a_returned_proposal_reaches_its_proposer_in_their_language_with_the_reason(
        testapp, login_as, dbsession):
    rep = user(dbsession, "rep-usivak")
    rep.language = "ar"
    page = proposal(dbsession, rep)
    login_as(testapp, "rep-usivak")
    testapp.get(f"/content/{page.id}").forms["transition-submit"].submit().follow()
    assert page.state == "submitted"

    manager_view = testapp.__class__(testapp.app)
    response = login_as(manager_view, "manager-usivak")
    assert unread_badge(response) == "1"
    [note] = notes(dbsession, "manager-usivak")
    assert note.url == f"/content/{page.id}"
    inbox = manager_view.get("/inbox?lang=en")
    assert "proposed “Football on Sunday”: it waits for your decision." in plain(inbox.text)
    form = manager_view.get(f"/content/{page.id}").forms["transition-reject"]
    form["comment"] = "Say which field, please."
    form.submit().follow()
    assert page.state == "draft"

    [returned] = notes(dbsession, "rep-usivak")
    assert returned.read_at is None and returned.domain == "portal"
    home = testapp.get("/dashboard")
    assert unread_badge(home) == "1" and home.html.html["lang"] == "ar"  # their profile's
    inbox = testapp.get("/inbox")
    assert "أُعيد إليك" in plain(inbox.text) and "Say which field, please." in plain(inbox.text)
    item = testapp.get(inbox.html.select_one(".portal-inbox a")["href"])
    assert item.status_int == 303 and item.location.endswith(f"/content/{page.id}")
    page_html = item.follow()
    assert "Say which field, please." in page_html.html.select_one(".portal-returned").text
    assert unread_badge(page_html) is None and returned.read_at is not None
    tile = testapp.get("/dashboard").html.select_one('[data-tile="portal.my_proposals"]')
    assert "Say which field, please." in tile.select_one(f'[data-content="{page.id}"]').text

    # the proposer edits the draft and submits it again: the reason is gone
    form = testapp.get(f"/content/{page.id}/edit").forms["deform"]
    form["body"] = "On the field behind the canteen."
    form.submit("save").follow()
    testapp.get(f"/content/{page.id}").forms["transition-submit"].submit().follow()
    assert page.state == "submitted"
    assert testapp.get(f"/content/{page.id}").html.select_one(".portal-returned") is None
    assert len(notes(dbsession, "manager-usivak")) == 2

    manager_view.get(f"/content/{page.id}").forms["transition-publish"].submit().follow()
    published = notes(dbsession, "rep-usivak")[-1]
    assert plain(translate(localizer_for(testapp.app.registry, "en"),
                           published.translation_string)) == "“Football on Sunday” was published."


def test_the_proposer_withdraws_their_own_submission_and_managers_hear_it(
        testapp, login_as, dbsession):
    page = proposal(dbsession, user(dbsession, "rep-usivak"), state="submitted")
    login_as(testapp, "rep-usivak")
    testapp.get(f"/content/{page.id}").forms["transition-retract"].submit().follow()
    assert page.state == "draft"
    [note] = notes(dbsession, "manager-usivak")
    assert note.message == "${user} withdrew the proposal “${title}”."
    # the draft is theirs to edit again; nobody else's step is offered to them
    forms = testapp.get(f"/content/{page.id}").forms
    assert "transition-submit" in forms and "transition-publish" not in forms
    assert testapp.get(f"/content/{page.id}/edit").status_int == 200


def test_notify_keeps_a_translation_string_each_recipient_reads_in_their_language(
        app, dbsession, dummy_request):
    from portal.i18n import _

    recipients = [user(dbsession, "rep-usivak"), user(dbsession, "manager-usivak")]
    dummy_request.dbsession = dbsession
    notify(dummy_request, recipients + recipients[:1], _("“${title}”: ${step}."),
           url="/content/1", mapping={"title": "Water", "step": _("Publish")})
    dbsession.flush()
    rep_notes, manager_notes = notes(dbsession, "rep-usivak"), notes(dbsession, "manager-usivak")
    assert len(rep_notes) == len(manager_notes) == 1  # once per person
    message = rep_notes[0].translation_string
    assert isinstance(message, TranslationString) and message.domain == "portal"
    assert translate(localizer_for(app.registry, "fr"), message) == \
        "« \u2068Water\u2069 » : Publier."  # a typed value keeps its own direction
    assert plain(translate(localizer_for(app.registry, "en"), message)) == "“Water”: Publish."


def test_mark_all_read_and_nobody_opens_another_users_notification(
        testapp, login_as, dbsession, dummy_request):
    from portal.i18n import _

    dummy_request.dbsession = dbsession
    rep = user(dbsession, "rep-usivak")
    first, second = (notify(dummy_request, rep, _("“${title}” was published."),
                            mapping={"title": title})[0] for title in ("A", "B"))
    dbsession.flush()
    other = testapp.__class__(testapp.app)
    login_as(other, "partner-unhcr")
    assert other.get(f"/inbox/{first.id}", expect_errors=True).status_int == 404
    assert first.read_at is None
    login_as(testapp, "rep-usivak")
    inbox = testapp.get("/inbox")
    assert unread_badge(inbox) == "2"
    inbox.forms["mark-all-read"].submit().follow()
    assert first.read_at is not None and second.read_at is not None
    assert unread_badge(testapp.get("/inbox")) is None


def test_the_inbox_is_paged(testapp, login_as, dbsession, dummy_request):
    from portal.i18n import _

    dummy_request.dbsession = dbsession
    rep = user(dbsession, "rep-usivak")
    for number in range(30):
        notify(dummy_request, rep, _("“${title}” was published."), mapping={"title": number})
    dbsession.flush()
    login_as(testapp, "rep-usivak")
    first = testapp.get("/inbox?lang=en")
    assert len(first.html.select(".portal-inbox li")) == 25
    assert "“29” was published." in plain(first.text)  # the newest first
    second = testapp.get(first.html.select_one('a[rel="next"]')["href"])
    assert len(second.html.select(".portal-inbox li")) == 5
    assert unread_count(type("R", (), {"user": rep, "dbsession": dbsession})()) == 30
