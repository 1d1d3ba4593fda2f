"""A resident's photo is redrawn before it is stored, because Wagtail serves the stored file as it is.

A phone photo carries EXIF (often the GPS position of the resident's home, the phone's make and serial, the
owner's name), PNG text chunks or XMP, and a file name such as ``IMG_20260412_Aigul.jpg``. Only the pixels are
kept: the orientation is applied first (dropping its tag would turn portrait photos on their side), then the
pixels are copied into a new image with no metadata, saved as JPEG (photos) or PNG (drawings, transparency)
under a random name."""

import io
import secrets

from django.core.files.images import ImageFile
from PIL import Image, ImageOps

JPEG_QUALITY = 88
# Formats that keep every pixel: re-encoding them as JPEG would blur drawings and plans.
LOSSLESS = {"PNG", "GIF"}


def _has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info


def reencoded(upload):
    """Return the photo as a new ``ImageFile`` named ``project-<random>.jpg`` or ``.png``, without metadata.

    ``upload`` is an image the form has already checked (format and pixel count)."""
    upload.seek(0)
    with Image.open(upload) as original:
        source_format = original.format
        upright = ImageOps.exif_transpose(original)  # the first frame of an animation, turned upright
    alpha = _has_alpha(upright)
    as_png = source_format in LOSSLESS or alpha
    pixels = upright.convert("RGBA" if alpha else "RGB")
    del upright  # a large photo: keep at most two bitmaps in memory
    clean = Image.new(pixels.mode, pixels.size)
    clean.paste(pixels)  # pixels only: ``info``, EXIF, ICC and text chunks stay behind with ``pixels``
    del pixels
    buffer = io.BytesIO()
    if as_png:
        clean.save(buffer, format="PNG", optimize=True)
    else:
        clean.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    buffer.seek(0)
    extension = "png" if as_png else "jpg"
    return ImageFile(buffer, name=f"project-{secrets.token_hex(8)}.{extension}")
