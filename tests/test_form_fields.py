"""What every form tells its fields: limits visible before submitting, errors marked for
assistive technology as well as by colour, date and time pickers in the page's language."""
from datetime import datetime, timezone

import pytest
from sqlalchemy import select

from portal.models import ContentText, Page


def field(html, name, form="deform"):
    return html.select_one(f'#{form} [name="{name}"]')


def described_by(html, element):
    return [html.find(id=ident) for ident in element["aria-describedby"].split()]


def test_a_typed_field_shows_its_limit_before_submitting(testapp, login_as):
    login_as(testapp, "manager-usivak")
    html = testapp.get("/centres/usivak/pages/add?lang=ar").html
    title = field(html, "title")
    assert title["maxlength"] == "300"
    hints = [element for element in described_by(html, title)
             if "portal-limit" in element.get("class", [])]
    assert [hint.get_text(strip=True) for hint in hints] == ["300 حرف كحد أقصى"]
    assert field(html, "summary")["maxlength"] == "500"
    assert not field(html, "body").has_attr("maxlength")  # the body has no limit


def test_fields_in_error_are_marked_and_described_by_their_message(testapp, login_as):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/centres/usivak/pages/add?lang=ar").forms["deform"]
    form["title"] = "x"  # too short
    form["summary"] = "Kept as typed"
    form["position"] = "many"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    html = response.html
    invalid = html.select('#deform [aria-invalid="true"]')
    assert [element["name"] for element in invalid] == ["position", "title"]  # form order
    for element in invalid:
        assert "is-invalid" in element["class"]
        messages = [e for e in described_by(html, element)
                    if "invalid-feedback" in e.get("class", [])]
        assert messages and messages[0].get_text(strip=True)
    summary = field(html, "summary")
    assert not summary.has_attr("aria-invalid") and summary.get_text() == "Kept as typed"
    assert html.select_one('script[src$="/static/js/forms.js"]')  # it focuses the first one


def test_nothing_invalid_is_stored(testapp, login_as, dbsession):
    login_as(testapp, "manager-usivak")
    form = testapp.get("/centres/usivak/pages/add").forms["deform"]
    form["title"] = "Opening hours"
    form["position"] = "many"
    assert form.submit("save", expect_errors=True).status_int == 400
    assert dbsession.scalar(select(ContentText).where(ContentText.title == "Opening hours")) \
        is None


def test_a_refused_step_marks_its_reason_on_the_content_page(testapp, login_as, dbsession):
    from portal.models import Centre

    usivak = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=usivak, state="submitted", source_language="en", revision=1)
    page.set_text("en", title="Water", summary="", body="Drink water.")
    dbsession.add(page)
    dbsession.flush()
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/content/{page.id}").forms["transition-reject"]
    assert form.html.select_one('[name="comment"]')["maxlength"] == "1000"
    form["comment"] = " "
    response = form.submit(expect_errors=True)
    comment = response.html.select_one('#transition-reject [name="comment"]')
    assert comment["aria-invalid"] == "true"
    assert response.html.find(id=comment["aria-describedby"].split()[0]).get_text(strip=True)


@pytest.mark.parametrize("lang", ["ar", "bn", "en"])
def test_date_and_time_pickers_are_in_the_pages_language(testapp, login_as, lang):
    login_as(testapp, "manager-usivak")
    html = testapp.get(f"/noticeboard/usivak/add?lang={lang}").html
    pickers = html.select('#deform input[type="date"], #deform input[type="time"]')
    assert len(pickers) == 6  # from, until (day and time each), daily from and until
    assert {picker["lang"] for picker in pickers} == {lang}


def test_an_end_given_as_a_day_only_is_the_end_of_that_day(testapp, login_as, dbsession):
    """The end of a notice's window without a time: the notice shows all that day, in the
    centre's time zone (23:59 in Sarajevo is 21:59 UTC in summer)."""
    from plugins.noticeboard.models import Notice

    login_as(testapp, "manager-usivak")
    form = testapp.get("/noticeboard/usivak/add").forms["deform"]
    form["category"] = "food"
    form["title"] = "Breakfast later"
    form.set("date", "2026-07-03", index=1)
    response = form.submit("save")
    assert response.status_int == 303
    notice = dbsession.scalars(select(Notice).order_by(Notice.id.desc())).first()
    assert notice.valid_until == datetime(2026, 7, 3, 21, 59, tzinfo=timezone.utc)
    edit = testapp.get(f"/content/{notice.id}/edit").forms["deform"]
    assert (edit.get("date", index=1).value, edit.get("time", index=1).value) == \
        ("2026-07-03", "23:59")
