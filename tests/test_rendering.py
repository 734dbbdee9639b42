"""Markdown as people type it in notices and pages, and what never gets through."""
from html import unescape

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from portal.rendering import linkify, render_markdown


def html(text):
    return BeautifulSoup(render_markdown(text), "html.parser")


@pytest.mark.parametrize("marker", ["-", "*", "1."])
def test_a_list_right_after_a_line_of_text_is_a_list(marker):
    page = html(f"Laundry hours:\n{marker} Monday 9-12\n{marker} Thursday 14-17")
    assert page.select_one("p").text == "Laundry hours:"
    assert [li.text for li in page.select("li")] == ["Monday 9-12", "Thursday 14-17"]


def test_headings_emphasis_and_links_render():
    page = html("## Doctor\n\n*Tuesday* and **Friday**, see [the clinic](https://example.org/clinic"
                ' "Clinic").\n\n### Bring\n\nYour card.')
    assert [h.name for h in page.select("h2, h3")] == ["h2", "h3"]
    assert page.select_one("em").text == "Tuesday" and page.select_one("strong").text == "Friday"
    link = page.select_one("a")
    assert (link["href"], link["title"], link.text) == ("https://example.org/clinic", "Clinic",
                                                         "the clinic")
    assert link["rel"] == ["noopener", "noreferrer"]


def test_a_bare_web_address_becomes_a_link():
    link = html("Apply at https://example.org/apply before Friday.").select_one("a")
    assert link["href"] == "https://example.org/apply"
    assert link["rel"] == ["noopener", "noreferrer"]


def test_mail_and_phone_links_are_kept():
    page = html("[Call us](tel:+38733000000) or [write](mailto:help@example.org)")
    assert [a["href"] for a in page.select("a")] == ["tel:+38733000000",
                                                    "mailto:help@example.org"]


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](java&#09;script:alert(1))",
    "<javascript:alert(1)>",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x]\n\n[x]: javascript:alert(1)",
])
def test_scripts_and_script_links_never_survive(text):
    page = html(text)
    assert page.select("script, img, [onerror]") == []
    for element in page.find_all(True):
        for value in element.attrs.values():
            assert not str(value).lower().replace("\t", "").startswith(
                ("javascript:", "vbscript:", "data:")), element


def test_raw_html_is_shown_as_text():
    assert html("<b>bold</b>").text.strip() == "<b>bold</b>"


def test_empty_body_renders_nothing():
    assert render_markdown(None) == "" and render_markdown("") == ""


def test_markdown_is_rendered_when_written_never_when_read(testapp, login_as, dbsession,
                                                          monkeypatch):
    """Pages and feeds show the HTML stored with each text revision."""
    from plugins.noticeboard.models import Notice
    from portal import rendering

    login_as(testapp, "manager-usivak")
    form = testapp.get("/noticeboard/usivak/add").forms["deform"]
    form["category"], form["priority"], form["source_language"] = "food", "normal", "en"
    form["title"], form["summary"] = "Breakfast moves", "From Monday"
    form["body"] = "Breakfast is **from 8:00**.\n\n- tea\n- bread"
    form.submit("save")
    notice = dbsession.scalars(select(Notice).order_by(Notice.id.desc())).first()
    testapp.get(f"/content/{notice.id}").forms["transition-publish"].submit()
    assert notice.texts["en"].body_html.startswith("<p>Breakfast is <strong>from 8:00</strong>")

    def refuse(*args, **kwargs):
        raise AssertionError("Markdown rendered while reading")

    monkeypatch.setattr(rendering.PARSER, "render", refuse)
    reader = testapp.__class__(testapp.app, extra_environ=testapp.extra_environ)
    for url in (f"/noticeboard/usivak/{notice.id}?lang=en", "/kiosk/usivak/feed.json?lang=en",
                "/noticeboard/usivak/feed.json?lang=en", "/noticeboard/usivak/atom.xml"):
        assert "<li>bread</li>" in unescape(reader.get(url).text)  # (Atom escapes its HTML)


# -- plain text (summaries): the linkify filter ----------------------------------------------

def plain(text):
    return BeautifulSoup(linkify(text), "html.parser")


def test_bare_web_and_mail_addresses_in_plain_text_become_links():
    page = plain("Apply at https://example.org/apply?step=1&lang=ar, www.unhcr.org/ba "
                 "or help@example.org.")
    assert [(a["href"], a.text) for a in page.select("a")] == [
        ("https://example.org/apply?step=1&lang=ar", "https://example.org/apply?step=1&lang=ar"),
        ("http://www.unhcr.org/ba", "www.unhcr.org/ba"),
        ("mailto:help@example.org", "help@example.org")]
    assert all(a["rel"] == ["noopener", "noreferrer"] for a in page.select("a"))
    assert page.text == ("Apply at https://example.org/apply?step=1&lang=ar, www.unhcr.org/ba "
                         "or help@example.org.")


def test_an_address_inside_right_to_left_text_is_a_link():
    link = plain("سجّلوا على https://example.org/تسجيل قبل الجمعة").select_one("a")
    assert link["href"] == "https://example.org/تسجيل"


def test_plain_text_stays_text():
    text = '<script>alert(1)</script> <a href="javascript:alert(1)">x</a> javascript:alert(1)'
    page = plain(text)
    assert page.select("script, a") == [] and page.text == text
    assert plain("").text == "" and plain(None).text == ""


def test_only_the_schemes_markdown_allows_become_links():
    assert plain("ftp://example.org/file").select("a") == []
    assert linkify("A & B < C") == "A &amp; B &lt; C"
