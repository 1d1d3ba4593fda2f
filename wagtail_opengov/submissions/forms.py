"""The resident's submission form and the tracking thread's reply form."""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .. import conf
from ..form_messages import text_errors
from ..localization import in_play
from ..models.snippets import Area, Category

STARTED_SALT = "wagtail_opengov.submission-started"
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
PHONE_SEPARATORS = re.compile(r"[\s\-().]")
PHONE = re.compile(r"\+?\d{10,15}")


COST_DIGITS = ngettext_lazy(
    "The cost can have at most %(max)s digit.", "The cost can have at most %(max)s digits.", "max"
)
NOT_AN_IMAGE = _("The photo must be a JPEG, PNG, WebP or GIF image.")
PHOTO_NOT_RECEIVED = _("The photo could not be received. Choose the file again.")


TOO_MANY_PIXELS = _("The photo has too many pixels. Choose a smaller image.")


class PhotoField(forms.ImageField):
    """Pillow refuses to open a bitmap past twice its MAX_IMAGE_PIXELS (a decompression bomb), and Django reports
    every failure to open as "not an image": a resident's huge PNG would be told it is not a PNG."""

    def to_python(self, data):
        from PIL import Image

        try:
            return super().to_python(data)
        except ValidationError as error:
            if isinstance(error.__cause__, Image.DecompressionBombError):
                raise ValidationError(TOO_MANY_PIXELS, code="too_many_pixels") from error
            raise


def choice_errors(message):
    # The posted value is not echoed: it is whatever a bot or a stale page sent.
    return {"required": message, "invalid_choice": message}


COST_ERRORS = {
    "invalid": _("Enter the cost as a number of tenge, for example 1500000."),
    "min_value": _("The cost cannot be negative."),
    "max_digits": COST_DIGITS,
    "max_whole_digits": COST_DIGITS,
    "max_decimal_places": _("Enter the cost in whole tenge, without a decimal part."),
}
PHOTO_ERRORS = {
    "invalid_image": NOT_AN_IMAGE,
    "invalid_extension": NOT_AN_IMAGE,
    "invalid": PHOTO_NOT_RECEIVED,
    "missing": PHOTO_NOT_RECEIVED,
    "contradiction": PHOTO_NOT_RECEIVED,
    "empty": _("The chosen photo file is empty. Choose another image."),
}


def started_stamp():
    """A signed "form shown at" time for the hidden field: a bot that posts at once is recognised."""
    return signing.dumps(time.time(), salt=STARTED_SALT)


class AccessibleErrorsMixin:
    """Tie each field's error and help text to its input (aria-describedby), so screen readers announce them."""

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_helptext")
            if name in self.errors:
                described.append(f"{bound.auto_id}_error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)


class SubmissionForm(AccessibleErrorsMixin, forms.Form):
    title = forms.CharField(
        label=_("Project title"), max_length=200, error_messages=text_errors(_("Enter a title for your project."))
    )
    summary = forms.CharField(
        label=_("Description"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should be done, where, and why it matters to residents (up to 600 characters)."),
        error_messages=text_errors(_("Describe your project: what should be done, where, and why.")),
    )
    category = forms.ChoiceField(
        label=_("Category"), error_messages=choice_errors(_("Choose a category from the list."))
    )
    area = forms.ChoiceField(
        label=_("Area"), required=False, error_messages=choice_errors(_("Choose an area from the list."))
    )
    estimated_cost = forms.DecimalField(
        label=_("Estimated cost (optional)"),
        required=False,
        min_value=0,
        max_digits=15,
        decimal_places=0,
        help_text=_("An estimate in whole tenge is enough; the commission checks it."),
        error_messages=COST_ERRORS,
    )
    photo = PhotoField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("A JPEG, PNG, WebP or GIF image of the place, up to %(size)s MB."),
        error_messages=PHOTO_ERRORS,
    )
    contact_name = forms.CharField(
        label=_("Your name (optional)"), max_length=255, required=False, error_messages=text_errors()
    )
    contact = forms.CharField(
        label=_("Your email or phone number"),
        max_length=255,
        help_text=format_lazy(
            "{} {}",
            _("Never published. The commission uses it only to refine your project with you."),
            _("With an email address you also get your private tracking link by mail; a phone number gets no message."),
        ),
        error_messages=text_errors(_("Enter your email or phone number, so that the commission can reach you.")),
    )
    # The honeypot: hidden from people (and from screen readers), filled in by form-filling bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False, error_messages=text_errors())

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.categories = {c.slug: c for c in in_play(campaign, Category, "categories")}
        self.areas = {a.slug: a for a in in_play(campaign, Area, "areas")}
        self.fields["category"].choices = [("", _("Choose a category"))] + [
            (slug, c.name) for slug, c in self.categories.items()
        ]
        self.fields["area"].choices = [("", _("The whole territory"))] + [
            (slug, a.name) for slug, a in self.areas.items()
        ]
        megabytes = conf.get_setting("SUBMISSION_MAX_PHOTO_BYTES") / (1024 * 1024)
        self.fields["photo"].help_text = self.fields["photo"].help_text % {"size": f"{megabytes:g}"}
        self.fields["photo"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        self.fields["contact"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"

    def _words(self, name):
        from . import plain_text

        text = plain_text(self.cleaned_data[name])
        if not text:
            raise ValidationError(_("Write this in words; markup and code are removed."))
        return text

    def clean_title(self):
        return self._words("title")

    def clean_summary(self):
        return self._words("summary")

    def _in_campaign_locale(self, model, chosen):
        # The project lives in the campaign's language; its snippets should too.
        return model.objects.filter(slug=chosen.slug, locale_id=self.campaign.locale_id).first() or chosen

    def clean_category(self):
        return self._in_campaign_locale(Category, self.categories[self.cleaned_data["category"]])

    def clean_area(self):
        slug = self.cleaned_data.get("area")
        return self._in_campaign_locale(Area, self.areas[slug]) if slug else None

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        if photo.size > conf.get_setting("SUBMISSION_MAX_PHOTO_BYTES"):
            raise ValidationError(
                _("The photo is too large. Choose an image of at most %(size)s MB."),
                params={"size": f"{conf.get_setting('SUBMISSION_MAX_PHOTO_BYTES') / (1024 * 1024):g}"},
            )
        image = getattr(photo, "image", None)
        if image is None or image.format not in PHOTO_FORMATS:
            raise ValidationError(NOT_AN_IMAGE)
        # A small file can still unpack into a huge bitmap that would exhaust memory when resized.
        if image.width * image.height > getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", 128_000_000):
            raise ValidationError(TOO_MANY_PIXELS)
        return photo

    def clean_contact(self):
        value = self.cleaned_data["contact"].strip()
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(_("Enter a valid email address, for example name@example.kz.")) from None
            return value
        digits = PHONE_SEPARATORS.sub("", value)
        if not PHONE.fullmatch(digits):
            raise ValidationError(
                _("Enter an email address or a phone number with 10 to 15 digits, for example +7 701 234 56 78.")
            )
        return digits

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):
            raise ValidationError(_("We could not accept this form. Please check it and send it again."), code="spam")
        try:
            started = signing.loads(
                self.data.get("started", ""), salt=STARTED_SALT, max_age=conf.get_setting("SUBMISSION_MAX_AGE")
            )
        except (signing.BadSignature, TypeError, ValueError):
            raise ValidationError(
                _("This form has expired. Please check it and send it again."), code="expired"
            ) from None
        if time.time() - float(started) < conf.get_setting("SUBMISSION_MIN_SECONDS"):
            raise ValidationError(
                _("The form was sent too quickly. Please check it and send it again."), code="too_fast"
            )
        return cleaned


class MessageForm(AccessibleErrorsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply to the commission"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages=text_errors(_("Write a message before sending.")),
    )
