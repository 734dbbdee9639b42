"""The minutes as a PDF in any language (Urdu text shaped and extractable), and the centre's
action items as CSV with a byte order mark and the columns a report needs."""
import csv
import io

from pypdf import PdfReader

URDU_DECISION = "رات کا کھانا 18:00 سے گرم دیا جائے گا"


def test_the_pdf_in_urdu_contains_the_urdu_text(testapp, make_meeting):
    meeting = make_meeting(state="published")
    meeting.agenda[0].decisions[0].set_text("ur", text=URDU_DECISION)
    meeting.set_text("ur", title="کمیونٹی مکالمہ", summary="کیا طے ہوا")
    response = testapp.get(f"/minutes/usivak/{meeting.id}/minutes.pdf?lang=ur")
    assert response.content_type == "application/pdf"

    reader = PdfReader(io.BytesIO(response.body))
    text = "".join(page.extract_text() for page in reader.pages)
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()
             for font in [font.get_object()]}
    # the Urdu words read back from the shaped glyphs, set in the portal's Noto Naskh Arabic
    for word in ("کھانا", "مکالمہ", "کمیونٹی"):
        assert word in text
    assert "18:00" in text  # digits inside Urdu come from Noto Sans, not garbled
    assert any("Naskh" in name for name in fonts), fonts
    # an English text without an Urdu translation is marked as such, in Urdu
    assert "Buy food warmers" in text


def test_csv_of_action_items_has_a_bom_and_the_report_columns(testapp, login_as, make_meeting):
    make_meeting(state="published")
    login_as(testapp, "manager-usivak")
    response = testapp.get("/minutes/usivak/action-items.csv?lang=en")
    assert response.body.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows[0] == ["Number", "Meeting date", "Meeting", "What will be done",
                       "Responsible party", "Due date", "Status", "Overdue", "Closed on",
                       "Concern category", "Last note"]
    mine = [row for row in rows if row[3] == "Buy food warmers"]
    assert mine and mine[0][4] == "Centre management" and mine[0][6] == "Open"
    assert mine[0][9] == "Food"


def test_csv_in_arabic_keeps_arabic_script(testapp, login_as, make_meeting):
    meeting = make_meeting(state="published")
    meeting.actions[0].set_text("ar", what="شراء أجهزة لتسخين الطعام")
    login_as(testapp, "manager-usivak")
    body = testapp.get("/minutes/usivak/action-items.csv?lang=ar").body.decode("utf-8-sig")
    assert "شراء أجهزة لتسخين الطعام" in body


def test_representatives_get_no_csv(testapp, login_as):
    login_as(testapp, "rep-usivak")
    testapp.get("/minutes/usivak/action-items.csv", status=403)


def test_drawing_a_pdf_leaves_the_translation_desks_xliff_as_it_was(testapp, login_as,
                                                                    make_meeting):
    """WeasyPrint registers XML prefixes when imported; the desk's XLIFF keeps its own."""
    meeting = make_meeting(state="published")
    testapp.get(f"/minutes/usivak/{meeting.id}/minutes.pdf?lang=fr")
    login_as(testapp, "translator")
    xliff = testapp.get("/translations/export",
                        {"language": "fr", "source": "en", "format": "xliff"}).body
    assert b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"' in xliff
    assert b"</file>" in xliff
