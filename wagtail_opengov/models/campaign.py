"""The campaign page: one participation campaign = one reporting period."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .. import conf
from ..forms import CampaignPageForm
from .comments import ModerationMode


class CampaignPageMixin(RoutablePageMixin, models.Model):
    """Campaign behaviour, to combine with a site's own base page (``class X(CampaignPageMixin, MyPage)``)."""

    intro = RichTextField(_("introduction"), blank=True)
    submission_start = models.DateTimeField(_("submissions open"), null=True, blank=True)
    submission_end = models.DateTimeField(_("submissions close"), null=True, blank=True)
    voting_start = models.DateTimeField(_("voting opens"), null=True, blank=True)
    voting_end = models.DateTimeField(_("voting closes"), null=True, blank=True)
    categories = ParentalManyToManyField(
        "wagtail_opengov.Category",
        verbose_name=_("categories in play"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to allow every category."),
    )
    areas = ParentalManyToManyField(
        "wagtail_opengov.Area",
        verbose_name=_("areas in play"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to allow every area."),
    )
    show_live_tallies = models.BooleanField(
        _("show live tallies while voting is open"),
        default=False,
        help_text=_(
            "Off by default: visible running totals push voters towards the leaders (the bandwagon effect). "
            "Tallies are always published once voting closes."
        ),
    )
    comment_moderation = models.CharField(
        _("comment moderation"),
        max_length=4,
        choices=ModerationMode.choices,
        default=ModerationMode.POST,
    )
    objection_deadline_days = models.PositiveSmallIntegerField(
        _("days to answer an objection"),
        default=10,
        help_text=_("Working days (Saturdays, Sundays and configured holidays are skipped)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("submission_start"), FieldPanel("submission_end")]),
                FieldRowPanel([FieldPanel("voting_start"), FieldPanel("voting_end")]),
                FieldPanel("show_live_tallies"),
            ],
            heading=_("Schedule"),
        ),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("areas", widget=forms.CheckboxSelectMultiple)],
            heading=_("Scope"),
        ),
        MultiFieldPanel(
            [FieldPanel("comment_moderation"), FieldPanel("objection_deadline_days")],
            heading=_("Comments and objections"),
        ),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    # -- validation ---------------------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        # Whole sentences per window: fragments such as "the end of %(window)s" cannot be declined in Russian
        # or Kazakh.
        windows = (
            ("submission_start", "submission_end",
             _("Give both the opening and the closing date of submissions, or neither."),
             _("Submissions must close after they open.")),
            ("voting_start", "voting_end",
             _("Give both the opening and the closing date of voting, or neither."),
             _("Voting must close after it opens.")),
        )
        for start, end, incomplete, reversed_window in windows:
            start_value, end_value = getattr(self, start), getattr(self, end)
            if bool(start_value) != bool(end_value):
                errors[end if start_value else start] = incomplete
            elif start_value and end_value <= start_value:
                errors[end] = reversed_window
        if self.voting_start and self.submission_start and self.voting_start < self.submission_start:
            errors.setdefault(
                "voting_start", _("Voting cannot open before submissions open.")
            )
        if errors:
            raise ValidationError(errors)

    # -- state ----------------------------------------------------------------------------------------
    @staticmethod
    def _window_open(start, end, now=None):
        if not (start and end):
            return False
        now = now or timezone.now()
        return start <= now < end

    @property
    def submission_open(self):
        return self._window_open(self.submission_start, self.submission_end)

    @property
    def voting_open(self):
        return self._window_open(self.voting_start, self.voting_end)

    @property
    def voting_closed(self):
        return bool(self.voting_end) and timezone.now() >= self.voting_end

    @property
    def tallies_public(self):
        return self.voting_closed or self.show_live_tallies

    # -- listing --------------------------------------------------------------------------------------
    project_page_model = "wagtail_opengov.ProjectPage"

    def get_project_queryset(self):
        from django.apps import apps

        model = apps.get_model(self.project_page_model)
        return model.objects.child_of(self).live().public()

    @path("")
    def listing_view(self, request):
        from ..listing import ProjectListing

        listing = ProjectListing(self, request)
        response = self.render(request, context_overrides={"listing": listing})
        listing.finish_response(response)
        return response

    @path("roulette/", name="roulette")
    def roulette_route(self, request):
        from ..views.roulette import roulette_view

        return roulette_view(request, campaign=self)

    @path("objections/", name="objections")
    def objections_route(self, request):
        from ..views.comments import objections_register

        return objections_register(request, campaign=self)

    @property
    def objections_url(self):
        return self.url + self.reverse_subpage("objections") if self.url else ""

    @property
    def roulette_url(self):
        return self.url + self.reverse_subpage("roulette") if self.url else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["opengov_base_template"] = conf.get_setting("BASE_TEMPLATE")
        return context

    # -- resident submissions -------------------------------------------------------------------------
    @path("submit/", name="submit")
    def submit_route(self, request):
        from ..views.submissions import submit_view

        return submit_view(request, campaign=self)

    @property
    def submit_url(self):
        return self.url + self.reverse_subpage("submit") if self.url else ""

    @path("results/", name="results")
    def results_route(self, request):
        from ..views.results import results_view

        return results_view(request, campaign=self)

    @property
    def results_url(self):
        return self.url + self.reverse_subpage("results") if self.url else ""


class CampaignPage(CampaignPageMixin, Page):
    template = "wagtail_opengov/campaign_page.html"
    base_form_class = CampaignPageForm
    subpage_types = ["wagtail_opengov.ProjectPage"]

    class Meta:
        verbose_name = _("participation campaign")
        verbose_name_plural = _("participation campaigns")
