"""Pictures on notices: checked, then re-encoded, so that nothing but pixels is kept.

Re-encoding drops every piece of metadata a phone camera writes (GPS position, device,
owner), turns the picture upright, and bounds its size for kiosks on slow networks.

Decoding is bounded in memory: the dimensions are read from the header (``Image.open`` decodes
nothing) and checked first, so a small file that unpacks into gigabytes (a decompression bomb)
is refused before any pixel is decoded; JPEG photos are decoded at a reduced scale.
"""
import io

from PIL import Image, ImageOps, UnidentifiedImageError

from .i18n import _

ACCEPTED = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600

# Pillow itself refuses to open a picture of more than twice this, wherever it is opened
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def reencode(stream, max_bytes=MAX_BYTES):
    """``(data, mime, width, height)`` of a clean copy of the uploaded picture."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise ImageRejected(_("The picture is larger than ${mb} MB.",
                              mapping={"mb": max_bytes // (1024 * 1024)}))
    too_many_pixels = ImageRejected(_("The picture has too many pixels."))
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            kind = probe.format
            if kind not in ACCEPTED:
                raise ImageRejected(_("Use a JPEG, PNG or WebP picture."))
            if probe.width * probe.height > MAX_PIXELS:
                raise too_many_pixels
            probe.verify()
        with Image.open(io.BytesIO(raw)) as picture:
            picture.draft(None, (MAX_SIDE, MAX_SIDE))  # JPEG: decoded at 1/2, 1/4 or 1/8 size
            picture.load()
            picture = ImageOps.exif_transpose(picture)
    except ImageRejected:
        raise
    except Image.DecompressionBombError:
        raise too_many_pixels from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ImageRejected(_("This file is not a picture we can read.")) from None
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if has_alpha:
        picture.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        picture.save(out, "JPEG", quality=85, optimize=True, progressive=True)
        mime = "image/jpeg"
    return out.getvalue(), mime, picture.width, picture.height
