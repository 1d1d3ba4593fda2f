"""What the submission tests share: a valid form's data, a small image, the submitting client, the stored counts."""

import io
import re
import time

import pytest
from django.core import signing
from PIL import Image as PILImage
from wagtail.images import get_image_model

from wagtail_opengov.models import ProjectPage, ProjectPageImage, Submission
from wagtail_opengov.submissions.forms import STARTED_SALT

CONTACT = "aigul.private@example.kz"
PHONE = "+7 701 234 56 78"


def stamp(seconds_ago=30):
    return signing.dumps(time.time() - seconds_ago, salt=STARTED_SALT)


def form_data(**overrides):
    data = {
        "title": "Освещение двора на Абая 10",
        "summary": "Поставить шесть фонарей во дворе, где вечером темно.",
        "category": "roads",
        "area": "",
        "estimated_cost": "1500000",
        "contact_name": "Айгуль Private-Name",
        "contact": CONTACT,
        "website": "",
        "started": stamp(),
    }
    data.update(overrides)
    return data


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def stored_counts():
    return (
        ProjectPage.objects.count(),
        Submission.objects.count(),
        get_image_model().objects.count(),
        ProjectPageImage.objects.count(),
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def submit(client, campaign, category):
    def post(**overrides):
        files = overrides.pop("files", {})
        return client.post(campaign.submit_url, {**form_data(**overrides), **files})

    return post


def token_from(response):
    assert response.status_code == 303, response.content[:2000]
    match = re.match(r"^/opengov/track/([^/]+)/\?submitted=1$", response["Location"])
    assert match, response["Location"]
    return match.group(1)


@pytest.fixture
def campaigns(home, locales, category):
    """The same campaign in Russian (the default), Kazakh and English."""
    from .factories import CampaignPageFactory

    found = {"ru": CampaignPageFactory(parent=home, title="Бюджет участия", slug="budget")}
    for language in ("kk", "en"):
        translated_home = home.copy_for_translation(locales[language])
        translated_home.save_revision().publish()
        found[language] = CampaignPageFactory(parent=translated_home, title=f"Budget {language}", slug="budget")
    return found
