"""Offline translation: a language's queue out as XLIFF 2.0 or PO and back, with placeholders,
source revisions and later edits checked, through the committing client."""
from xml.etree import ElementTree as ET

import pytest
from babel.messages.pofile import read_po, write_po
from sqlalchemy import select
from webtest import Upload

from portal.models import Centre, Page
from portal.translation_files import OURS, XLIFF

NS = {"x": XLIFF}


@pytest.fixture
def page(dbsession):
    centre = dbsession.scalars(select(Centre).where(Centre.slug == "usivak")).one()
    page = Page(centre=centre, state="published", source_language="en")
    page.set_text("en", title="Water at ${time}", summary="Drink {count} bottles",
                  body="Bring **your** bottle.")
    page.set_text("fr", title="Eau", summary="", body="")
    page.set_text("en", title="Water at ${time}", summary="Drink {count} bottles",
                  body="Bring **your own** bottle.")  # the French is now outdated
    dbsession.add(page)
    dbsession.flush()
    return page


def export(testapp, fmt, language="fr", source="en"):
    response = testapp.get("/translations/export",
                           {"language": language, "source": source, "format": fmt})
    assert response.status_int == 200
    assert "attachment" in response.headers["Content-Disposition"]
    return response.body


def upload(testapp, data, filename, status=200):
    form = testapp.get("/translations/import").forms["deform"]
    form["upload"] = Upload(filename, data)
    return form.submit("save", status=status)


def translate_xliff(data, unit_id, targets):
    root = ET.fromstring(data)
    unit = root.find(f".//x:unit[@id='{unit_id}']", NS)
    for segment in unit.findall("x:segment", NS):
        if segment.get("id") in targets:
            target = segment.find("x:target", NS)
            if target is None:
                target = ET.SubElement(segment, f"{{{XLIFF}}}target")
            target.text = targets[segment.get("id")]
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def translate_po(data, context_start, targets):
    import io

    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context and message.context.startswith(context_start):
            field = message.context.split("/")[2].split("@")[0]
            if field in targets:
                message.string = targets[field]
    out = io.BytesIO()
    write_po(out, catalog)
    return out.getvalue()


def section(report, name):
    return [li["data-item"] for li in report.html.select(f"#import-{name} li")]


def test_xliff_round_trip_applies_the_translation(testapp, login_as, page, dbsession):
    login_as(testapp, "translator")
    data = export(testapp, "xliff")
    root = ET.fromstring(data)
    assert root.get("version") == "2.0" and root.get("srcLang") == "en"
    assert root.get("trgLang") == "fr"
    unit = root.find(f".//x:unit[@id='content/{page.id}']", NS)
    assert unit.get(f"{{{OURS}}}revision") == str(page.revision)
    sources = {s.get("id"): s.find("x:source", NS).text for s in unit.findall("x:segment", NS)}
    assert sources == {"title": "Water at ${time}", "summary": "Drink {count} bottles",
                       "body": "Bring **your own** bottle."}
    assert unit.find("x:segment[@id='title']/x:target", NS).text == "Eau"

    data = translate_xliff(data, f"content/{page.id}", {
        "title": "L'eau à ${time}", "summary": "Buvez {count} bouteilles",
        "body": "Apportez **votre propre** bouteille."})
    report = upload(testapp, data, "fr.xlf")
    assert section(report, "applied") == [f"content/{page.id}"]
    text = page.texts["fr"]
    assert (text.title, text.body) == ("L'eau à ${time}", "Apportez **votre propre** bouteille.")
    assert not page.is_outdated("fr") and text.translator.username == "translator"

    again = upload(testapp, data, "fr.xlf")  # the same file twice changes nothing
    assert f"content/{page.id}" in section(again, "unchanged")
    assert not section(again, "applied")


def test_po_round_trip_reports_a_translation_edited_after_the_export(testapp, login_as, page,
                                                                     dbsession):
    login_as(testapp, "translator")
    data = export(testapp, "po")
    # meanwhile someone else translates the page on the site
    other = testapp.__class__(testapp.app)
    login_as(other, "admin")
    form = other.get(f"/translations/content/{page.id}/fr").forms["deform"]
    form["title"] = "Eau (à jour)"
    form.submit("save", status=303)

    data = translate_po(data, f"content/{page.id}/", {"title": "L'eau à ${time}"})
    report = upload(testapp, data, "fr.po")
    assert section(report, "conflicts") == [f"content/{page.id}"]
    assert "after the file was made" in report.text
    assert report.html.select_one("#import-conflicts a")["href"] == \
        f"/translations/content/{page.id}/fr"
    dbsession.expire_all()
    assert page.texts["fr"].title == "Eau (à jour)"  # never overwritten silently


def test_a_file_made_from_an_older_source_is_reported_not_applied(testapp, login_as, page,
                                                                 dbsession):
    login_as(testapp, "translator")
    data = export(testapp, "xliff")
    page.set_text("en", title="Water at ${time} (changed)", summary="Drink {count} bottles",
                  body="Bring your bottle.")
    dbsession.flush()
    data = translate_xliff(data, f"content/{page.id}", {"title": "L'eau à ${time}"})
    report = upload(testapp, data, "fr.xlf")
    assert section(report, "conflicts") == [f"content/{page.id}"]
    assert "source text changed" in report.text
    dbsession.expire_all()
    assert page.texts["fr"].title == "Eau"


@pytest.mark.parametrize("title", ["L'eau à ${heure}", "L'eau", "L'eau à ${time} {count}"])
def test_a_translation_whose_placeholders_differ_is_an_error(testapp, login_as, page,
                                                             dbsession, title):
    login_as(testapp, "translator")
    data = translate_po(export(testapp, "po"), f"content/{page.id}/", {"title": title})
    report = upload(testapp, data, "fr.po")
    assert section(report, "errors") == [f"content/{page.id}"]
    assert "placeholders" in report.text
    dbsession.expire_all()
    assert page.texts["fr"].title == "Eau"


@pytest.mark.parametrize("data", [
    b"<xliff version='2.0'><file>",  # not well-formed
    b"<?xml version='1.0'?><xliff xmlns='urn:oasis:names:tc:xliff:document:1.2' version='1.2'/>",
    b"<!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;</x>",
    b'msgid "a"\nmsgstr "b"\nmsgid',  # broken PO
    "\u0627\u0644\u0633\u0644\u0627\u0645".encode("utf-16"),
])
def test_a_malformed_file_is_refused_and_nothing_is_imported(testapp, login_as, page, dbsession,
                                                             data):
    login_as(testapp, "translator")
    before = {code: text.title for code, text in page.texts.items()}
    response = upload(testapp, data, "broken.xlf", status=400)
    assert "cannot be read" in response.text and "Nothing was imported" in response.text
    dbsession.expire_all()
    assert {code: text.title for code, text in page.texts.items()} == before


def test_a_malformed_file_is_refused_in_the_readers_language(testapp, login_as, page):
    login_as(testapp, "translator")
    form = testapp.get("/translations/import?lang=fr").forms["deform"]
    form["upload"] = Upload("broken.po", b"msgid")
    response = form.submit("save", status=400)
    assert "Rien n’a été importé." in response.text and "Nothing was imported" not in response.text


def test_a_file_half_broken_changes_nothing(testapp, login_as, page, dbsession):
    """One unreadable unit refuses the whole file, the good units included."""
    login_as(testapp, "translator")
    data = translate_xliff(export(testapp, "xliff"), f"content/{page.id}",
                           {"title": "L'eau à ${time}"})
    data = data.replace(b"</file>", b"<unit id='nonsense'><segment id='x'/></unit></file>")
    upload(testapp, data, "fr.xlf", status=400)
    dbsession.expire_all()
    assert page.texts["fr"].title == "Eau"


def test_the_export_leaves_out_what_the_viewer_may_not_translate(testapp, login_as, page,
                                                                 dbsession):
    page.state = "withdrawn"
    dbsession.flush()
    login_as(testapp, "translator")
    assert f"content/{page.id}".encode() not in export(testapp, "xliff")
    assert f"content/{page.id}/".encode() not in export(testapp, "po")


def test_an_outdated_translation_sent_back_untouched_stays_outdated(testapp, login_as, page,
                                                                  dbsession):
    login_as(testapp, "translator")
    report = upload(testapp, export(testapp, "xliff"), "fr.xlf")
    assert f"content/{page.id}" in section(report, "unchanged")
    assert not section(report, "applied")
    dbsession.expire_all()
    assert page.is_outdated("fr")


def test_items_that_are_gone_or_not_the_readers_to_translate_are_errors(testapp, login_as, page,
                                                                       dbsession):
    login_as(testapp, "translator")
    data = translate_xliff(export(testapp, "xliff"), f"content/{page.id}",
                           {"title": "L'eau à ${time}"})
    page.state = "withdrawn"  # translators may not translate withdrawn content
    dbsession.flush()
    data = data.replace(b"</file>", b"<unit id='nosuch.kind/1' pp:revision='1' pp:base=''>"
                        b"<segment id='x'><source>a</source><target>b</target></segment>"
                        b"</unit></file>")
    report = upload(testapp, data, "fr.xlf")
    assert set(section(report, "errors")) == {f"content/{page.id}", "nosuch.kind/1"}
    dbsession.expire_all()
    assert page.texts["fr"].title == "Eau"
