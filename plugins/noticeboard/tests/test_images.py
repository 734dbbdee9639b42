"""Pictures on notices: checked, re-encoded without metadata, described in every language."""
import io
import struct
import zlib

from PIL import Image
from sqlalchemy import select
from sqlalchemy.orm import Session
from webtest import Upload

from plugins.noticeboard.models import NoticeImage


def jpeg_with_gps(size=(3000, 2000)):
    picture = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (43.0, 51.0, 0.0)}  # GPSInfo: where the photo was taken
    exif[0x0110] = "Phone of a resident"  # camera model
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def upload(testapp, notice, data, filename="photo.jpg", **alts):
    page = testapp.get(f"/noticeboard/usivak/{notice.id}/image/edit")
    form = page.forms["picture-form"]
    form["picture"] = Upload(filename, data)
    for code, text in alts.items():
        form[f"alt_{code}"] = text
    return form.submit("save", expect_errors=True)


def test_picture_is_reencoded_without_metadata_and_resized(testapp, login_as, make_notice):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    response = upload(testapp, notice, jpeg_with_gps(), en="A nurse gives a vaccine",
                      ar="ممرضة تعطي لقاحًا")
    assert response.status_int == 303
    served = testapp.get(f"/noticeboard/usivak/{notice.id}/image")
    assert served.content_type == "image/jpeg"
    with Image.open(io.BytesIO(served.body)) as picture:
        assert max(picture.size) == 1600
        assert len(picture.getexif()) == 0
    assert b"Phone of a resident" not in served.body
    testapp.get(f"/noticeboard/usivak/{notice.id}/image",
                headers={"If-None-Match": served.headers["ETag"]}, status=304)


def test_alt_text_follows_the_readers_language(testapp, login_as, make_notice):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    upload(testapp, notice, jpeg_with_gps((400, 300)), en="A nurse", fa="یک پرستار")
    testapp.reset()
    image = testapp.get(f"/noticeboard/usivak/{notice.id}?lang=fa_AF").html.select_one(
        "img.nb-image")
    assert (image["alt"], image["lang"]) == ("یک پرستار", "fa")  # Dari falls back to Persian
    image = testapp.get(f"/noticeboard/usivak/{notice.id}?lang=bn").html.select_one(
        "img.nb-image")
    assert (image["alt"], image["lang"]) == ("A nurse", "en")


def test_wrong_files_are_rejected_with_a_reason_and_descriptions_kept(testapp, login_as,
                                                                      make_notice):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    response = upload(testapp, notice, b"%PDF-1.4 not a picture", "leaflet.pdf",
                      en="A leaflet", bs="Letak")
    assert response.status_int == 400
    assert "This file is not a picture we can read." in response.text
    assert response.forms["picture-form"]["alt_bs"].value == "Letak"
    big = b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 10)
    assert "larger than 5 MB" in upload(testapp, notice, big, en="x").text
    bmp = io.BytesIO()
    Image.new("RGB", (10, 10)).save(bmp, "BMP")
    assert "Use a JPEG, PNG or WebP picture." in upload(testapp, notice, bmp.getvalue(),
                                                        "a.bmp", en="x").text
    assert notice.image is None


def test_a_picture_needs_a_description(testapp, login_as, make_notice):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    response = upload(testapp, notice, jpeg_with_gps((100, 100)))
    assert response.status_int == 400
    assert "Describe the picture" in response.text


def test_a_picture_refused_for_want_of_a_description_is_not_stored(testapp, login_as,
                                                                  make_notice, dbconnection):
    """The view attaches the picture before it finds the description missing: the 400 answer
    must not commit it (tm.commit_veto)."""
    notice = make_notice("Vaccination")  # written in English
    login_as(testapp, "manager-usivak")
    response = upload(testapp, notice, jpeg_with_gps((100, 100)), ar="ممرضة")
    assert response.status_int == 400
    assert "Describe the picture" in response.text
    with Session(bind=dbconnection) as fresh:
        assert fresh.scalars(select(NoticeImage).where(
            NoticeImage.notice_id == notice.id)).all() == []
    assert testapp.get(f"/noticeboard/usivak/{notice.id}/image", expect_errors=True
                       ).status_int == 404
    assert testapp.get(f"/noticeboard/usivak/{notice.id}").html.select_one("img.nb-image") is None


def test_transparent_png_stays_png_and_can_be_removed(testapp, login_as, make_notice):
    notice = make_notice("Logo")
    png = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(png, "PNG")
    login_as(testapp, "manager-usivak")
    upload(testapp, notice, png.getvalue(), "logo.png", en="Logo")
    assert testapp.get(f"/noticeboard/usivak/{notice.id}/image").content_type == "image/png"
    page = testapp.get(f"/noticeboard/usivak/{notice.id}/image/edit")
    page.forms["picture-form"].submit("remove")
    assert testapp.get(f"/noticeboard/usivak/{notice.id}/image", expect_errors=True
                       ).status_int == 404


def test_a_picture_description_is_translated_like_any_text(testapp, login_as, make_notice,
                                                           dbsession):
    """Descriptions use the core's text per language: staleness, fallbacks, the translation
    form and the translation desk, with the notice's centre."""
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    assert upload(testapp, notice, jpeg_with_gps((400, 300)),
                  en="A nurse gives a vaccine", fr="Une infirmière vaccine").status_int == 303
    dbsession.flush()
    picture = notice.image
    assert picture.texts["fr"].alt == "Une infirmière vaccine" and not picture.is_outdated("fr")
    # the translator finds it on the desk, with its centre, and translates it into Arabic
    login_as(testapp, "translator")
    desk = testapp.get("/translations").html
    link = desk.find("a", string="Vaccination", href=f"/translations/noticeboard.picture/{notice.id}")
    assert link is not None
    assert "TRC Ušivak" in link.find_parent("tr").get_text()
    form = testapp.get(f"/translations/noticeboard.picture/{notice.id}/ar").forms["deform"]
    assert form["alt"].attrs["dir"] == "rtl" and form["alt"].attrs["maxlength"] == "300"
    form["alt"] = "ممرضة تعطي لقاحًا"
    assert form.submit("save").status_int == 303
    assert 'alt="ممرضة تعطي لقاحًا"' in testapp.get("/noticeboard/usivak/?lang=ar").text
    # the manager changes the English description: the translations are now outdated
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/noticeboard/usivak/{notice.id}/image/edit").forms["picture-form"]
    form["alt_en"] = "A nurse vaccinates a child"
    form["alt_ar"], form["alt_fr"] = "ممرضة تعطي لقاحًا", "Une infirmière vaccine"
    assert form.submit("save").status_int == 303
    dbsession.flush()
    assert picture.is_outdated("ar") and picture.is_outdated("fr")
    overview = testapp.get(f"/translations/noticeboard.picture/{notice.id}").html
    assert overview.select_one('tr[data-lang="ar"]')["data-status"] == "outdated"


def test_a_too_long_description_stores_nothing(testapp, login_as, make_notice, dbsession):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    response = upload(testapp, notice, jpeg_with_gps((400, 300)), en="x" * 301)
    assert response.status_int == 400
    assert "at most 300 characters" in response.text
    assert response.forms["picture-form"]["alt_en"].value == "x" * 301  # nothing typed is lost
    dbsession.flush()
    assert notice.image is None


def test_a_refused_picture_is_explained_beside_its_field_in_the_readers_language(
        testapp, login_as, make_notice, dbsession):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    testapp.get("/?lang=ar")
    response = upload(testapp, notice, b"%PDF-1.4 not a picture", "leaflet.pdf",
                      en="A leaflet", ar="نشرة")
    assert response.status_int == 400
    field = response.html.select_one('input[name="picture"]')
    assert "is-invalid" in field["class"]
    assert field.find_next_sibling(class_="invalid-feedback").get_text(strip=True) == (
        "هذا الملف ليس صورة نستطيع قراءتها.")
    form = response.forms["picture-form"]
    assert (form["alt_en"].value, form["alt_ar"].value) == ("A leaflet", "نشرة")
    # the description missing in the notice's language is shown beside that field
    response = upload(testapp, notice, jpeg_with_gps((100, 100)), ar="نشرة")
    source = response.html.select_one('input[name="alt_en"]')
    assert source.find_next_sibling(class_="invalid-feedback") is not None
    dbsession.flush()
    assert notice.image is None


def test_a_picture_without_the_csrf_token_is_refused(testapp, login_as, make_notice, dbsession):
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    response = testapp.post(f"/noticeboard/usivak/{notice.id}/image/edit",
                            {"alt_en": "A nurse", "save": "save"},
                            upload_files=[("picture", "photo.jpg", jpeg_with_gps((100, 100)))],
                            expect_errors=True)
    assert response.status_int == 400
    dbsession.flush()
    assert notice.image is None


def png_bomb(side=20000):
    """A valid PNG of ``side`` x ``side`` black pixels (1 bit each) that compresses to a few KB."""
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff))

    row = b"\0" * (1 + (side + 7) // 8)  # the filter byte, then the bits of one row
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


def test_a_decompression_bomb_is_refused_with_a_clear_reason(testapp, login_as, make_notice):
    bomb = png_bomb()
    assert len(bomb) < 200_000  # 400 million pixels in a small file
    notice = make_notice("Vaccination")
    login_as(testapp, "manager-usivak")
    form = testapp.get(f"/noticeboard/usivak/{notice.id}/image/edit?lang=bs").forms["picture-form"]
    form["picture"] = Upload("bomb.png", bomb)
    form["alt_en"] = "A black square"
    response = form.submit("save", expect_errors=True)
    assert response.status_int == 400
    assert "Slika ima previše piksela." in response.text
    assert Image.MAX_IMAGE_PIXELS <= 50_000_000  # Pillow itself refuses more, whoever opens it
