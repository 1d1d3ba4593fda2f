"""Forms of the control checkpoint's workflow actions.

Wagtail passes ``cleaned_data`` through JSON when a moderator acts from the page editor, so ``clean()`` returns
plain values (primary keys, not model instances). The task validates the same data again in ``on_action``: a
crafted request that skips the modal cannot skip the checklist.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import plain_text


def _default_locale():
    from wagtail.models import Locale

    return Locale.get_default()


def _project_choices():
    from .models import ProjectPage

    # One entry per project: its page in the site's default language.
    return ProjectPage.objects.filter(locale=_default_locale()).order_by("title")


class CheckpointApproveForm(forms.Form):
    lawful = forms.BooleanField(
        label=_("The project is lawful"),
        help_text=_("It complies with the laws and norms in force."),
        error_messages={"required": _("Confirm that the project is lawful, or reject it.")},
    )
    within_competence = forms.BooleanField(
        label=_("It is within the akimat's competence"),
        error_messages={"required": _("Confirm that the project is within the akimat's competence, or reject it.")},
    )
    cost_plausible = forms.BooleanField(
        label=_("The estimated cost is plausible"),
        error_messages={"required": _("Confirm that the cost is plausible, or reject the project.")},
    )
    not_duplicate = forms.BooleanField(
        label=_("It is not a duplicate of another project"),
        help_text=_("If it is, reject it and link the original project."),
        error_messages={"required": _("Confirm that the project is not a duplicate, or reject it.")},
    )
    responsible_body = forms.ModelChoiceField(
        label=_("Responsible state body"),
        queryset=None,
        error_messages={"required": _("Choose the state body responsible for the project.")},
    )
    comment = forms.CharField(
        label=_("Internal comment"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("Seen by the commission and the editors only."),
    )

    def __init__(self, *args, **kwargs):
        from .models import StateBody

        super().__init__(*args, **kwargs)
        # One entry per body (its default-language row); the task picks the project's own translation.
        self.fields["responsible_body"].queryset = StateBody.objects.filter(locale=_default_locale()).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        return {
            "lawful": True,
            "within_competence": True,
            "cost_plausible": True,
            "not_duplicate": True,
            "responsible_body": cleaned["responsible_body"].pk,
            "comment": plain_text(cleaned.get("comment")),
        }


class CheckpointRejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Public reason for the rejection"),
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Shown on the project page and to the initiator."),
        error_messages={"required": _("Give a public reason for the rejection.")},
    )
    duplicate_of = forms.ModelChoiceField(
        label=_("Duplicate of"),
        queryset=None,
        required=False,
        help_text=_("If the project repeats another one, choose the original: the project page links to it."),
    )
    publish = forms.BooleanField(
        label=_("Publish the project with its rejection reason"),
        required=False,
        initial=True,
        help_text=_("Untick only for spam or unlawful content, which must not be shown."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate_of"].queryset = _project_choices()

    def clean(self):
        cleaned = super().clean()
        if "reason" in cleaned and not plain_text(cleaned["reason"]):
            self.add_error("reason", _("Give a public reason for the rejection."))
        if self.errors:
            return cleaned
        duplicate = cleaned.get("duplicate_of")
        return {
            "reason": plain_text(cleaned["reason"]),
            "duplicate_of": duplicate.pk if duplicate else None,
            "publish": bool(cleaned.get("publish")),
        }


class CheckpointRequestChangesForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the initiator change?"),
        max_length=2000,
        widget=forms.Textarea({"rows": 3}),
        error_messages={"required": _("Say what should change.")},
    )

    def clean(self):
        cleaned = super().clean()
        if "comment" in cleaned and not plain_text(cleaned["comment"]):
            self.add_error("comment", _("Say what should change."))
        if self.errors:
            return cleaned
        return {"comment": plain_text(cleaned["comment"])}
