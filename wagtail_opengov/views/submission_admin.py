"""The commission's side of a submission: the list of resident submissions and each private message thread.

Whoever may edit the project page may read and answer its thread; their messages are marked as the commission's.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..db import PAGE_ID_MAX
from ..models.submissions import Submission
from ..submissions import post_message
from ..submissions.notifications import is_email_contact
from ..voting import Refused

PAGE_POLICY = PagePermissionPolicy(Page)
# The commission should know whether the initiator will hear of its message or must come and look.
EMAILED = _("Message sent. The initiator gets an email asking them to open their tracking link.")
NOT_EMAILED = _(
    "Message sent. The initiator left no email address: they will see it when they next open their tracking link."
)


def can_see_submissions(user):
    return user.is_active and PAGE_POLICY.user_has_any_permission(user, ["change", "publish"])


class CommissionMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message to the initiator"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("The initiator reads it on their private tracking page. Signed as the commission."),
    )


class SubmissionIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_opengov/admin/submission_index.html"
    page_title = _("Resident submissions")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_submissions(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editable = PAGE_POLICY.instances_user_has_any_permission_for(self.request.user, ["change", "publish"])
        submissions = list(
            Submission.objects.filter(project__in=editable.values("pk"))
            .select_related("project")
            .annotate(message_count=Count("messages"))[:500]
        )
        # One query per page type for the stages, not one per row.
        projects = {p.pk: p for p in Page.objects.filter(pk__in=[s.project_id for s in submissions]).specific()}
        for submission in submissions:
            submission.stage_label = getattr(projects.get(submission.project_id), "stage_label", "")
        context["submissions"] = submissions
        return context


class SubmissionThreadView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_opengov/admin/submission_thread.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["page_id"] > PAGE_ID_MAX:  # no page has it, and SQLite cannot even look it up (OverflowError)
            raise Http404
        self.submission = get_object_or_404(Submission.objects.select_related("project"), project_id=kwargs["page_id"])
        self.project = self.submission.project.specific
        if not self.project.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.form = CommissionMessageForm(request.POST or None)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Messages with the initiator")

    def get_page_subtitle(self):
        return self.project.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_opengov_submissions"), "label": _("Resident submissions")},
            {"url": "", "label": self.project.get_admin_display_title()},
        ]

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            try:
                post_message(self.submission, self.form.cleaned_data["body"], user=request.user)
            except Refused as refusal:
                self.form.add_error("body", refusal.message)
            else:
                messages.success(request, EMAILED if is_email_contact(self.project.initiator_contact) else NOT_EMAILED)
                return redirect("wagtail_opengov_submission_thread", page_id=self.project.pk)
        return self.render_to_response(self.get_context_data(), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "submission": self.submission,
                "project": self.project,
                "thread": self.submission.thread(),
                "form": self.form,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[self.project.pk]),
            }
        )
        return context
