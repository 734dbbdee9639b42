"""The minutes as a PDF in any language (Urdu text shaped and extractable), and the centre's
action items as CSV with a byte order mark and the columns a report needs."""
import csv
import io

from pypdf import PdfReader

URDU_DECISION = "رات کا کھانا 18:00 سے گرم دیا جائے گا"


def pdf_text_and_fonts(body):
    reader = PdfReader(io.BytesIO(body))
    text = "".join(page.extract_text() for page in reader.pages)
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    return text, fonts


def base_names(fonts):
    """The fonts' names without the subset prefix (``/ABCDEF+``)."""
    return {name.split("+")[-1] for name in fonts}


#: per language: texts of a record, set in regular and in bold (the title, the agenda items)
SCRIPTS = {
    "ur": ("کمیونٹی مکالمہ", "صحت مرکز سے خاتون ڈاکٹر مانگیں",
           "ہفتے کے آخر میں کلینک میں کوئی ڈاکٹر نہیں ہوتا"),
    "ar": ("حوار المجتمع", "سيأتي طبيب يوم السبت من 10:00 إلى 14:00",
           "الاتفاق مع المركز الصحي على مناوبة يوم السبت"),
    "fa": ("گفتگو با جامعه", "فهرست کودکان در سن مدرسه به مدرسه داده شود",
           "از شرکت اتوبوسرانی یک اتوبوس دوم درخواست شود"),
    "ps": ("له ټولنې سره خبرې اترې", "د ماښام ډوډۍ ناوخته راځي او ډېری وخت سړه وي",
           "د ښوونځي د عمر لرونکو ماشومانو لست"),
}


def test_arabic_script_pdfs_read_back_every_letter_in_regular_and_bold(testapp, make_meeting):
    """Titles and agenda items are bold: both weights are real fonts (none synthesised), and
    the text layer gives back the very letters written, word for word."""
    for lang, (title, decision, item) in SCRIPTS.items():
        meeting = make_meeting(state="published")
        meeting.set_text(lang, title=title, summary=decision)
        meeting.agenda[0].set_text(lang, title=item, summary=decision)
        meeting.agenda[0].decisions[0].set_text(lang, text=decision)
        body = testapp.get(f"/minutes/usivak/{meeting.id}/minutes.pdf?lang={lang}").body
        text, fonts = pdf_text_and_fonts(body)
        for word in " ".join((title, decision, item)).split():
            assert word in text, (lang, word)
        # both weights are the real fonts, none synthesised
        assert {"Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Bold"} <= base_names(fonts), fonts


def test_bengali_pdf_is_set_in_real_regular_and_bold(testapp, make_meeting):
    meeting = make_meeting(state="published")
    meeting.set_text("bn", title="কমিউনিটি সংলাপ", summary="খাবার গরম রাখার যন্ত্র কিনতে হবে")
    body = testapp.get(f"/minutes/usivak/{meeting.id}/minutes.pdf?lang=bn").body
    text, fonts = pdf_text_and_fonts(body)
    # the title reads back; body text in Bengali may not: see README (vowel signs drawn
    # before their consonant share glyphs across clusters)
    assert "কমিউনিটি সংলাপ" in text
    assert {"Noto-Sans-Bengali", "Noto-Sans-Bengali-Bold"} <= base_names(fonts)


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
