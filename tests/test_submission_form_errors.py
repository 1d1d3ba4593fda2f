"""Every error the submission form can show is our own translatable message, in the language of the page.

Django's Kazakh catalogue lacks several of its form messages (max_digits, decimal_places, max_length…); Django then
falls back to the default language's catalogue, so a Kazakh page showed them in Russian."""

import re
from html import unescape

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from wagtail_opengov.submissions.forms import SubmissionForm

from .submission_helpers import _media, campaigns, form_data, png_bytes, stored_counts  # noqa: F401  (fixtures)


def _png(name="yard.png", content=None):
    return SimpleUploadedFile(name, png_bytes() if content is None else content, content_type="image/png")


# (case id, field, what is posted, files, Django's stock field and value that give the same error, our English)
CASES = [
    ("title-required", "title", {"title": "  "}, None,
     (forms.CharField(), ""), "Enter a title for your project."),
    ("title-too-long", "title", {"title": "д" * 201}, None,
     (forms.CharField(max_length=200), "д" * 201), "Shorten this text to at most 200 characters (now: 201)."),
    ("title-null-character", "title", {"title": "Двор\x00"}, None,
     (forms.CharField(), "Двор\x00"), "Remove the invisible control characters from this text."),
    ("summary-required", "summary", {"summary": ""}, None,
     (forms.CharField(), ""), "Describe your project: what should be done, where, and why."),
    ("summary-too-long", "summary", {"summary": "я" * 601}, None,
     (forms.CharField(max_length=600), "я" * 601), "Shorten this text to at most 600 characters (now: 601)."),
    ("category-required", "category", {"category": ""}, None,
     (forms.ChoiceField(), ""), "Choose a category from the list."),
    ("category-unknown", "category", {"category": "unknown"}, None,
     (forms.ChoiceField(choices=[("roads", "Roads")]), "unknown"), "Choose a category from the list."),
    ("area-unknown", "area", {"area": "nowhere"}, None,
     (forms.ChoiceField(choices=[("a", "A")]), "nowhere"), "Choose an area from the list."),
    ("cost-not-a-number", "estimated_cost", {"estimated_cost": "полтора миллиона"}, None,
     (forms.DecimalField(), "x"), "Enter the cost as a number of tenge, for example 1500000."),
    ("cost-not-finite", "estimated_cost", {"estimated_cost": "NaN"}, None,
     (forms.DecimalField(), "NaN"), "Enter the cost as a number of tenge, for example 1500000."),
    ("cost-negative", "estimated_cost", {"estimated_cost": "-5"}, None,
     (forms.DecimalField(min_value=0), "-5"), "The cost cannot be negative."),
    ("cost-decimals", "estimated_cost", {"estimated_cost": "1500000.5"}, None,
     (forms.DecimalField(max_digits=15, decimal_places=0), "1500000.5"),
     "Enter the cost in whole tenge, without a decimal part."),
    ("cost-too-many-digits", "estimated_cost", {"estimated_cost": "1" * 16}, None,
     (forms.DecimalField(max_digits=15, decimal_places=0), "1" * 16), "The cost can have at most 15 digits."),
    ("photo-not-an-image", "photo", {}, {"photo": _png(content=b"not an image")},
     (forms.ImageField(), _png(content=b"not an image")), "The photo must be a JPEG, PNG, WebP or GIF image."),
    ("photo-wrong-extension", "photo", {}, {"photo": _png("yard.exe")},
     (forms.ImageField(), _png("yard.exe")), "The photo must be a JPEG, PNG, WebP or GIF image."),
    ("photo-empty", "photo", {}, {"photo": _png(content=b"")},
     (forms.ImageField(required=False), _png(content=b"")), "The chosen photo file is empty. Choose another image."),
    ("contact-required", "contact", {"contact": ""}, None,
     (forms.CharField(), ""), "Enter your email or phone number, so that the commission can reach you."),
    ("contact-too-long", "contact", {"contact": "a" * 250 + "@example.kz"}, None,
     (forms.CharField(max_length=255), "a" * 250 + "@example.kz"),
     "Shorten this text to at most 255 characters (now: 261)."),
    ("contact-name-too-long", "contact_name", {"contact_name": "А" * 256}, None,
     (forms.CharField(max_length=255), "А" * 256), "Shorten this text to at most 255 characters (now: 256)."),
]
IDS = [case[0] for case in CASES]


def _post(client, campaign, data, files):
    if files:
        for upload in files.values():
            upload.seek(0)
    return client.post(campaign.submit_url, {**form_data(**data), **(files or {})})


def _error_text(content, field):
    match = re.search(rf'<p class="og-error" id="id_{field}_error">(.*?)</p>', content, re.S)
    assert match, f"no error element for {field}"
    return unescape(match.group(1)).strip()


def _stock_message(field, value, language):
    """The message Django's own field gives for the same input, in ``language``."""
    if hasattr(value, "seek"):
        value.seek(0)
    with translation.override(language):
        try:
            field.clean(value)
        except ValidationError as error:
            return " ".join(error.messages)
    raise AssertionError("the stock field accepted the value")


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_on_an_english_page_each_error_is_our_own_message(client, campaigns, case):
    _id, field, data, files, _stock, english = case
    before = stored_counts()
    response = _post(client, campaigns["en"], data, files)
    assert response.status_code == 400
    assert stored_counts() == before
    content = response.content.decode()
    assert _error_text(content, field) == english
    assert re.search(rf'aria-describedby="[^"]*id_{field}_error', content)


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_each_error_is_shown_in_the_language_of_the_page(client, campaigns, case, language):
    _id, field, data, files, (stock_field, stock_value), _english = case
    response = _post(client, campaigns[language], data, files)
    assert response.status_code == 400
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    shown = _error_text(content, field)
    # The message is ours, passed through gettext in the page's language…
    form = SubmissionForm(
        {**form_data(**data)}, {k: v for k, v in (files or {}).items()}, campaign=campaigns[language]
    )
    for upload in (files or {}).values():
        upload.seek(0)
    with translation.override(language):
        form.is_valid()
        assert shown == " ".join(str(message) for message in form.errors[field])
    # …and never Django's own, which on a Kazakh page came out in Russian.
    assert _stock_message(stock_field, stock_value, "ru") not in content


def test_the_reply_form_on_the_tracking_page_has_our_messages_in_the_projects_language(client, campaigns):
    from .submission_helpers import token_from

    token = token_from(_post(client, campaigns["en"], {}, None))
    response = client.post(f"/opengov/track/{token}/", {"body": "я" * 4001})
    assert response.status_code == 400
    content = response.content.decode()
    assert _error_text(content, "body") == "Shorten this text to at most 4000 characters (now: 4001)."
    assert _stock_message(forms.CharField(max_length=4000), "я" * 4001, "ru") not in content
