"""Pictures on notices: checked, re-encoded without metadata, described in every language."""
import io
import struct
import zlib

from PIL import Image
from webtest import Upload


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
