"""A resident's photo is re-encoded before it is stored: no camera metadata (GPS!), no original file name."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, PngImagePlugin
from PIL import Image as PILImage

from wagtail_opengov.models import ProjectPage

from .submission_helpers import _media, submit, token_from  # noqa: F401  (fixtures)

ORIGINAL_NAME = "IMG_20260412_Aigul_Abaya10_home"
GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (43.0, 14.0, 20.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (76.0, 53.0, 40.25),
}


def camera_jpeg(size=(40, 30), orientation=6):
    """A phone photo: EXIF with the camera, the owner, the place (GPS) and "rotate 90° to view"."""
    exif = PILImage.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Artist] = "Aigul Private"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    image = PILImage.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue, to see the rotation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    data = buffer.getvalue()
    # The fixture itself carries what we must remove.
    assert PILImage.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return data


def stored_image(campaign):
    image = ProjectPage.objects.child_of(campaign).get().gallery_images.get().image
    image.file.open("rb")
    try:
        data = image.file.read()
    finally:
        image.file.close()
    return image, data


def assert_no_metadata(data):
    opened = PILImage.open(io.BytesIO(data))
    exif = opened.getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
    assert not dict(exif), dict(exif)
    assert b"PhoneMaker" not in data and b"Aigul" not in data
    return opened


def test_a_phone_photo_is_stored_without_exif_or_gps_under_a_neutral_name(submit, campaign):
    upload = SimpleUploadedFile(f"{ORIGINAL_NAME}.jpg", camera_jpeg(), content_type="image/jpeg")
    token_from(submit(files={"photo": upload}))
    image, data = stored_image(campaign)
    assert ORIGINAL_NAME not in image.file.name and "IMG_" not in image.file.name
    assert re.fullmatch(r"original_images/project-[0-9a-f]{16}\.jpg", image.file.name), image.file.name
    opened = assert_no_metadata(data)
    assert opened.format == "JPEG"
    # The orientation was applied to the pixels before its tag was dropped: the photo still stands upright.
    assert opened.size == (30, 40) and (image.width, image.height) == (30, 40)
    top_left = opened.convert("RGB").getpixel((2, 2))
    assert top_left[2] > 150 and top_left[0] < 100, top_left  # the blue half is now on top


def test_a_png_keeps_its_transparency_but_loses_its_text_chunks(submit, campaign):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Aigul Private")
    info.add_text("Comment", "PhoneMaker, Abaya 10")
    image = PILImage.new("RGBA", (20, 10), (0, 128, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=info)
    token_from(submit(files={"photo": SimpleUploadedFile(f"{ORIGINAL_NAME}.png", buffer.getvalue())}))
    stored, data = stored_image(campaign)
    assert re.fullmatch(r"original_images/project-[0-9a-f]{16}\.png", stored.file.name), stored.file.name
    opened = assert_no_metadata(data)
    assert not opened.text
    assert opened.convert("RGBA").getpixel((0, 0))[3] == 0


@pytest.mark.parametrize("source, stored_format", [("WEBP", "JPEG"), ("GIF", "PNG")])
def test_other_formats_are_stored_as_jpeg_or_png(submit, campaign, source, stored_format):
    buffer = io.BytesIO()
    PILImage.new("RGB", (24, 12), (10, 200, 10)).save(buffer, format=source)
    token_from(submit(files={"photo": SimpleUploadedFile(f"{ORIGINAL_NAME}.{source.lower()}", buffer.getvalue())}))
    stored, data = stored_image(campaign)
    assert ORIGINAL_NAME not in stored.file.name
    assert PILImage.open(io.BytesIO(data)).format == stored_format
    assert (stored.width, stored.height) == (24, 12)
