"""Admin views after the vote: each campaign's results, closing voting, the commission's decisions and the
implementation stages. Thin: the rules live in ``models.results``."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from ..checkpoint_forms import plain_text
from ..localization import one_per_translation
from ..models.results import (
    IMPLEMENTATION_STEPS,
    DecisionOutcome,
    ProjectDecision,
    advance_implementation,
    campaign_results,
    close_voting,
)
from ..models.stages import Stage
from ..roles import campaign_models
from ..roulette import canonical

PERM_VIEW = "wagtail_opengov.view_projectdecision"
PERM_DECIDE = "wagtail_opengov.add_projectdecision"
PERM_MOVE = "wagtail_opengov.move_project_stage"


def can_view_results(user):
    return user.is_active and (user.has_perm(PERM_VIEW) or user.has_perm(PERM_DECIDE) or user.has_perm(PERM_MOVE))


class PermissionMixin:
    required_permission = None

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        allowed = user.has_perm(self.required_permission) if self.required_permission else can_view_results(user)
        if not (user.is_active and allowed):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _campaigns():
    return one_per_translation(Page.objects.type(*campaign_models()).specific().order_by("pk"))


def _campaign(campaign_id):
    page = get_object_or_404(Page.objects.type(*campaign_models()), pk=campaign_id)
    return canonical(page).specific


def _results_url(campaign):
    return reverse("wagtail_opengov_results", args=[campaign.pk])


class ResultsIndexView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Results and decisions")
    header_icon = "list-ol"
    template_name = "wagtail_opengov/admin/results/index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = _campaigns()
        return context


class CampaignResultsView(PermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    page_title = _("Results and decisions")
    header_icon = "list-ol"
    template_name = "wagtail_opengov/admin/results/campaign.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_opengov_results_index"), "label": _("Results and decisions")},
            {"url": "", "label": self.campaign.title},
        ]

    def get_context_data(self, **kwargs):
        self.campaign = _campaign(self.kwargs["campaign_id"])
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # The commission sees the figures before they are public: it needs them to prepare its decisions.
        rows = campaign_results(self.campaign, projects=_all_projects(self.campaign))
        can_decide, can_move = user.has_perm(PERM_DECIDE), user.has_perm(PERM_MOVE)
        for row in rows:
            row.can_decide = can_decide and row.project.stage == Stage.VOTING_CLOSED and row.decision is None
            row.can_advance = can_move and Stage(row.project.stage) in IMPLEMENTATION_STEPS
        context.update(
            campaign=self.campaign,
            rows=rows,
            can_close=can_move and self.campaign.voting_closed
            and any(r.project.stage == Stage.ADMITTED for r in rows),
            voting_ended=self.campaign.voting_closed,
        )
        return context


def _all_projects(campaign):
    """Published or not: the commission also decides on projects whose page was unpublished meanwhile."""
    from django.apps import apps

    model = apps.get_model(campaign.project_page_model)
    return model.objects.child_of(campaign)


class CloseVotingView(PermissionMixin, View):
    required_permission = PERM_MOVE

    def post(self, request, campaign_id):
        campaign = _campaign(campaign_id)
        try:
            moved = close_voting(campaign)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = ngettext(
                "Voting closed: %(count)s project moved to “Voting closed”.",
                "Voting closed: %(count)s projects moved to “Voting closed”.",
                moved,
            )
            messages.success(request, message % {"count": moved})
        return redirect(_results_url(campaign))

    def get(self, request, campaign_id):
        return HttpResponseNotAllowed(["POST"])


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=DecisionOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Choose approved or not approved.")},
    )
    reason = forms.CharField(
        label=_("Public reason"), max_length=4000, widget=forms.Textarea({"rows": 4}),
        help_text=_("Published on the results page and the project page. The vote informs it; the decision is yours."),
        error_messages={"required": _("Give a public reason for the decision.")},
    )

    def clean_reason(self):
        reason = plain_text(self.cleaned_data["reason"])
        if not reason:
            raise ValidationError(_("Give a public reason for the decision."))
        return reason


class StageForm(forms.Form):
    note = forms.CharField(
        label=_("Public note"), required=False, max_length=2000, widget=forms.Textarea({"rows": 3}),
        help_text=_("Shown with the date in the project's stage history, e.g. the contractor or what was done."),
    )
    date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for today."),
    )

    def clean_note(self):
        return plain_text(self.cleaned_data.get("note"))

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return date


class ProjectFormView(PermissionMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_opengov/admin/results/form.html"
    header_icon = "list-ol"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.project = canonical(get_object_or_404(Page, pk=kwargs["project_id"])).specific
        self.campaign = canonical(self.project.get_parent()).specific

    def get_page_subtitle(self):
        return self.project.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_opengov_results_index"), "label": _("Results and decisions")},
            {"url": _results_url(self.campaign), "label": self.campaign.title},
            {"url": "", "label": self.project.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(project=self.project, campaign=self.campaign, cancel_url=_results_url(self.campaign))
        return context

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class RecordDecisionView(ProjectFormView):
    required_permission = PERM_DECIDE
    form_class = DecisionForm
    page_title = _("Record the commission's decision")

    def form_valid(self, form):
        try:
            ProjectDecision.record(self.project, form.cleaned_data["outcome"], form.cleaned_data["reason"],
                                   user=self.request.user)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        except IntegrityError:
            form.add_error(None, _("A decision on this project has already been recorded."))
            return self.form_invalid(form)
        messages.success(self.request, _("Decision recorded and published."))
        return redirect(_results_url(self.campaign))


class AdvanceStageView(ProjectFormView):
    required_permission = PERM_MOVE
    form_class = StageForm
    page_title = _("Record the next implementation stage")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        next_stage = IMPLEMENTATION_STEPS.get(Stage(self.project.stage))
        context["next_stage"] = next_stage.label if next_stage else ""
        return context

    def form_valid(self, form):
        date = form.cleaned_data.get("date")
        at = None
        if date and date != timezone.localdate():
            # Midday, so the date reads the same in every time zone the site is shown in.
            at = timezone.make_aware(datetime.datetime.combine(date, datetime.time(12)))
        try:
            stage = advance_implementation(self.project, form.cleaned_data["note"], at=at)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        messages.success(self.request, _("The project is now “%(stage)s”.") % {"stage": stage.label})
        return redirect(_results_url(self.campaign))
