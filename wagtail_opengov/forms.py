"""Admin and public forms. Rules live on the models and in ``models.stages``; forms only apply them."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm


def _page_locale(form):
    instance = form.instance
    if instance.pk and instance.locale_id:
        return instance.locale
    parent = getattr(form, "parent_page", None)
    return parent.locale if parent is not None else None


class CampaignPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Snippets exist once per language; offer only those in the campaign's own language.
        locale = _page_locale(self)
        if locale is not None:
            for name in ("categories", "areas"):
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(locale=locale)


class ProjectPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = _page_locale(self)
        if locale is not None:
            for name in ("category", "area", "responsible_body", "initiator_body"):
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(locale=locale)

    def clean(self):
        from .models.stages import check_transition

        cleaned = super().clean()
        if self.instance.pk is None and "stage" in cleaned:
            try:
                check_transition(None, cleaned["stage"], cleaned.get("stage_reason", ""))
            except ValidationError as error:
                self._add_error_dict(error)
        category = cleaned.get("category")
        allowed = self._campaign_categories()
        if category is not None and allowed is not None:
            if category.translation_key not in allowed:
                self.add_error(
                    "category",
                    _("This campaign does not accept projects in the category “%(category)s”.")
                    % {"category": category},
                )
        return cleaned

    def _add_error_dict(self, error):
        for field, messages in error.message_dict.items():
            self.add_error(field if field in self.fields else None, messages)

    def _campaign_categories(self):
        parent = getattr(self, "parent_page", None)
        if parent is None:
            parent = self.instance.get_parent() if self.instance.pk else None
        campaign = parent.specific if parent is not None else None
        categories = getattr(campaign, "categories", None)
        if categories is None:
            return None
        keys = {c.translation_key for c in categories.all()}
        return keys or None


class ProjectFilterForm(forms.Form):
    """The campaign listing's filters. Choices come from the campaign, so unknown values are refused."""

    category = forms.ChoiceField(label=_("Category"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    stage = forms.ChoiceField(label=pgettext_lazy("project stage", "Stage"), required=False)

    def __init__(self, data, *, categories, areas, stages):
        super().__init__(data)
        everything = ("", _("All"))
        self.fields["category"].choices = [everything] + [(c.slug, c.name) for c in categories]
        self.fields["area"].choices = [everything] + [(a.slug, a.name) for a in areas]
        self.fields["stage"].choices = [everything] + [(s.value, s.label) for s in stages]
        for name, field in self.fields.items():
            field.error_messages["invalid_choice"] = _(
                "“%(value)s” is not a known choice for this filter; showing all projects instead."
            )
