"""The monitoring group's desk: the objections queue (filter, assign, answer publicly, close), comment moderation,
and the per-state-body statistics report."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from .. import objections
from ..localization import one_per_translation
from ..models import (
    CampaignPage,
    Comment,
    Objection,
    ObjectionStatus,
    ProjectPage,
    StateBody,
)
from ..models.objections import UNANSWERED, WAITING
from ..voting import Refused
from .inspect import LocalTimeInspectView
from .policies import ResidentRecordPolicy, register_policy

OBJECTION_PERMISSION_POLICY = ResidentRecordPolicy(Objection)
COMMENT_PERMISSION_POLICY = ResidentRecordPolicy(Comment)


# The largest id any supported database stores (SQLite and bigint columns); a larger one is no row at all, and
# SQLite raises OverflowError instead of finding nothing.
MAX_ID = 2**63 - 1


def parse_id(value):
    """A primary key from a query string, or None when it cannot be one (not a positive integer, too large)."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


class IdModelChoiceField(django_filters.fields.ModelChoiceField):
    def to_python(self, value):
        if value not in self.empty_values and parse_id(str(value)) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdModelChoiceFilter(django_filters.ModelChoiceFilter):
    # An unknown or impossible id makes the filter form invalid: the list shows everything, the form says why.
    field_class = IdModelChoiceField


class ObjectionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ObjectionStatus.choices)
    campaign = IdModelChoiceFilter(
        label=_("Campaign"), queryset=CampaignPage.objects.order_by("title"), field_name="campaign"
    )
    project = IdModelChoiceFilter(
        label=_("Project"), queryset=ProjectPage.objects.order_by("title"), field_name="project"
    )
    state_body = IdModelChoiceFilter(label=_("State body"), queryset=StateBody.objects.all())
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Objection
        fields = ["status", "campaign", "project", "state_body"]

    def filter_overdue(self, queryset, name, value):
        overdue = WAITING & Q(deadline__lt=timezone.localdate())
        if value is None:
            return queryset
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ObjectionForm(forms.ModelForm):
    objection_text = forms.CharField(
        label=_("What was objected"), required=False, disabled=True, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Not the model field as such: the view applies it through objections.answer / show_text. Missing from a
    # post (an older form): the decision stays as it was.
    text_public = forms.TypedChoiceField(
        label=_("Show the objected text publicly?"),
        choices=[
            ("1", _("Yes: show it with the answer")),
            ("0", _("No: withhold it (personal data, insults…); only the answer and the dates are shown")),
        ],
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Vote reasons and complaints are not moderated: show them only if they contain no personal data. "
            "A comment's text is shown only while the comment itself is published."
        ),
    )

    class Meta:
        model = Objection
        fields = ["assignee", "answer", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = objections.assignable_users()
        self.fields["objection_text"].initial = self.instance.text
        self.fields["text_public"].initial = "1" if self.instance.text_public_default() else "0"
        self.fields["answer"].help_text = _("Shown publicly on the project page and in the objections register.")
        self.order_fields(["objection_text", "assignee", "answer", "text_public", "status"])

    def clean(self):
        cleaned = super().clean()
        answer = (cleaned.get("answer") or "").strip() or self.instance.answer.strip()
        if cleaned.get("status") == ObjectionStatus.ANSWERED and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write the public answer."))
        elif cleaned.get("status") == ObjectionStatus.CLOSED and not answer:
            self.add_error("answer", _("Write the public answer before closing the objection."))
        return cleaned


class ObjectionEditView(EditView):
    @transaction.atomic
    def save_instance(self):
        # Through the objection rules, so notifications and dates follow; the form's instance is not saved as is.
        # One transaction: a refused step (closing without an answer) leaves nothing half changed.
        data = self.form.cleaned_data
        stored = Objection.objects.get(pk=self.object.pk)
        result = stored
        if data["assignee"] != stored.assignee and stored.status in UNANSWERED:
            result = objections.assign(stored, data["assignee"])
        elif data["assignee"] != stored.assignee:
            Objection.objects.filter(pk=stored.pk).update(assignee=data["assignee"])
        answer = (data.get("answer") or "").strip()
        text_public = data.get("text_public")
        if answer and (answer != stored.answer or stored.answered_at is None):
            result = objections.answer(result, answer, text_public=text_public)
        elif text_public is not None and text_public != stored.text_public:
            result = objections.show_text(result, text_public)
        if data["status"] == ObjectionStatus.CLOSED:
            result = objections.close(result)
        result.refresh_from_db()
        log(instance=result, action="wagtail.edit", user=self.request.user)
        return result

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Refused as refusal:
            form.add_error(None, str(refusal.message))
            return self.form_invalid(form)


class ObjectionViewSet(ModelViewSet):
    model = Objection
    icon = "warning"
    menu_label = _("Objections")
    add_to_admin_menu = False
    edit_view_class = ObjectionEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LocalTimeInspectView
    add_to_reference_index = False
    filterset_class = ObjectionFilterSet
    list_display = ["__str__", "source_type", "project", "state_body", "status", "assignee", "deadline_display"]
    list_export = ["pk", "source_type", "project_id", "campaign_id", "state_body", "status", "text", "answer",
                   "created_at", "answered_at", "deadline"]
    export_filename = "opengov-objections"
    ordering = ["deadline", "pk"]
    inspect_view_fields = ["source_type", "project", "campaign", "state_body", "text", "text_public", "status",
                           "assignee", "answer", "created_at", "assigned_at", "answered_at", "deadline"]

    def get_form_class(self, for_update=False):
        return ObjectionForm


class CommentViewSet(ModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = _("Comments")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LocalTimeInspectView
    add_to_reference_index = False
    # Official answers are marked only when someone with "post_official_answer" posts them; a resident's words are
    # never relabelled.
    form_fields = ["status"]
    list_display = ["__str__", "created_at", "project", "status", "is_official", "is_objection"]
    list_filter = ["status", "is_official", "is_objection"]
    ordering = ["-created_at"]
    inspect_view_fields = ["project", "parent", "author_name", "text", "status", "is_official", "is_objection",
                           "created_at"]


def register_permission_policies():
    register_policy(Objection, OBJECTION_PERMISSION_POLICY, ObjectionViewSet)
    register_policy(Comment, COMMENT_PERMISSION_POLICY, CommentViewSet)


class ObjectionStatsView(WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Objections by state body")
    header_icon = "warning"
    template_name = "wagtail_opengov/admin/objections/stats.html"

    def dispatch(self, request, *args, **kwargs):
        if not OBJECTION_PERMISSION_POLICY.user_has_any_permission(request.user, ["view", "change"]):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaigns = one_per_translation(CampaignPage.objects.order_by("pk"))
        chosen = self.request.GET.get("campaign", "")
        campaign_id = parse_id(chosen)
        if chosen and campaign_id not in {c.pk for c in campaigns}:
            messages.warning(self.request, _("Unknown campaign: showing all campaigns."))
            campaign_id = None
        context.update({"campaigns": campaigns, "chosen": campaign_id, "rows": objections.stats(campaign_id)})
        return context
