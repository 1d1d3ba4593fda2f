"""Admin views: the Roulette's fairness report. Thin: figures come from roulette.stats."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import roles
from ..db import PAGE_ID_MAX
from ..localization import by_translation_key, one_per_translation
from ..models import CampaignPage, Category, RouletteSlot
from ..roulette import canonical, fairness


class StaffOnlyFairnessView(WagtailAdminTemplateMixin, TemplateView):
    # Impression counts are private while voting is open: staff only.
    page_title = _("Roulette fairness")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not roles.sees_private_figures(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class FairnessIndexView(StaffOnlyFairnessView):
    template_name = "wagtail_opengov/admin/fairness_index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaigns"] = one_per_translation(CampaignPage.objects.order_by("pk"))
        return context


class FairnessReportView(StaffOnlyFairnessView):
    template_name = "wagtail_opengov/admin/fairness_report.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtail_opengov_fairness_index"), "label": _("Roulette fairness")},
            {"url": "", "label": self.campaign.title},
        ]

    def get_context_data(self, **kwargs):
        if self.kwargs["campaign_id"] > PAGE_ID_MAX:  # no page has it, and SQLite cannot even look it up
            raise Http404
        self.campaign = canonical(get_object_or_404(CampaignPage, pk=self.kwargs["campaign_id"]))
        context = super().get_context_data(**kwargs)
        context.update(self.get_report_context())
        return context

    def get_report_context(self):
        campaign = self.campaign
        report = fairness(campaign.pk)
        titles = dict(
            RouletteSlot.objects.filter(campaign_id=campaign.pk).values_list("project_id", "project__title")
        )
        rows = sorted(
            ({"project_id": pk, "title": titles.get(pk, ""), **values} for pk, values in report["per_project"].items()),
            key=lambda row: (row["impressions"], row["title"]),
        )
        peak = max((row["impressions"] for row in rows), default=0) or 1
        for row in rows:
            row["width"] = round(100 * row["impressions"] / peak, 1)
        categories = by_translation_key(Category, report["filtered"])
        filtered = sorted(
            (
                {"name": categories[key].name if key in categories else "—", "figures": figures}
                for key, figures in report["filtered"].items()
            ),
            key=lambda row: row["name"],
        )
        return {"campaign": campaign, "report": report, "rows": rows, "peak": peak, "filtered": filtered}
