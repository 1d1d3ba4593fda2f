"""The project page, its one stage field and its public, dated stage history."""

from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, Revision
from wagtail.search import index

from .. import conf
from ..forms import ProjectPageForm
from .comments import CommentRoutesMixin
from .stages import MAIN_PATH, STAGES_NEEDING_REASON, InvalidStageTransition, Stage, check_transition


class InitiatorKind(models.TextChoices):
    STATE_BODY = "state_body", _("State body")
    CITIZEN = "citizen", _("Resident")


class ProjectPageMixin(CommentRoutesMixin, models.Model):
    """Project behaviour, to combine with a site's own base page."""

    # Never rendered in a template, an API response or a public export: the initiator's contact
    # exists only so the commission can refine the project with them.
    PRIVATE_FIELDS = ("initiator_contact_name", "initiator_contact")

    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences shown on cards and in the Roulette.")
    )
    body = RichTextField(_("description"), blank=True)
    category = models.ForeignKey(
        "wagtail_opengov.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    area = models.ForeignKey(
        "wagtail_opengov.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty for a project that concerns the whole territory."),
    )
    responsible_body = models.ForeignKey(
        "wagtail_opengov.StateBody",
        verbose_name=_("responsible state body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiator_kind = models.CharField(
        _("initiated by"), max_length=20, choices=InitiatorKind.choices, default=InitiatorKind.CITIZEN
    )
    initiator_body = models.ForeignKey(
        "wagtail_opengov.StateBody",
        verbose_name=_("initiating state body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiator_contact_name = models.CharField(
        _("initiator's name (private)"), max_length=255, blank=True
    )
    initiator_contact = models.CharField(
        _("initiator's email or phone (private)"),
        max_length=255,
        blank=True,
        help_text=_("Never shown publicly. Used only to refine the project with its initiator."),
    )
    estimated_cost = models.DecimalField(
        _("estimated cost"),
        max_digits=15,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.SUBMITTED, db_index=True
    )
    stage_reason = models.TextField(
        _("public note on the stage"),
        blank=True,
        help_text=_("Required when a project is rejected or withdrawn; shown publicly in the stage history."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("area"),
                FieldPanel("responsible_body"),
                FieldPanel("estimated_cost"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel([FieldPanel("stage"), FieldPanel("stage_reason")], heading=_("Stage")),
        MultiFieldPanel(
            [
                FieldPanel("initiator_kind"),
                FieldPanel("initiator_body"),
                FieldPanel("initiator_contact_name"),
                FieldPanel("initiator_contact"),
            ],
            heading=_("Initiator"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("stage"),
    ]

    # A copy is a new project: it starts at "submitted" and passes the checkpoint itself (its original's decision
    # does not admit it). A copy for translation takes its project's stage in ``save``.
    exclude_fields_in_copy = ["stage", "stage_reason"]

    class Meta:
        abstract = True

    # -- stages ---------------------------------------------------------------------------------------
    def _stored_stage(self):
        if self.pk is None:
            return None
        return type(self).objects.filter(pk=self.pk).values_list("stage", flat=True).first()

    def clean(self):
        super().clean()
        # A draft or a page being published in the admin is checked against the live stage.
        old = self._stored_stage()
        if old is not None:
            check_transition(old, self.stage, self.stage_reason)
        elif self.stage in STAGES_NEEDING_REASON:
            check_transition(None, self.stage, self.stage_reason)
        self._check_admission(old)

    def save(self, *args, **kwargs):
        if self.pk is None:
            self._follow_translations()
        update_fields = kwargs.get("update_fields")
        tracked = update_fields is None or "stage" in update_fields
        old = self._stored_stage() if tracked else None
        if tracked and old is not None and old != self.stage:
            # Whatever path saves the page (admin, API, shell, a publish of an old draft), an illegal
            # transition never reaches the database.
            check_transition(old, self.stage, self.stage_reason)
        if tracked:
            self._check_admission(old)
        with transaction.atomic():
            result = super().save(*args, **kwargs)
            if tracked and old != self.stage:
                when = getattr(self, "_stage_changed_at", None) or timezone.now()
                if old is not None:
                    _record_stage_change(self.pk, old, self.stage, self.stage_reason, when)
                    self._propagate_stage(when)
                elif not self._adopt_translation_history():
                    _record_stage_change(self.pk, "", self.stage, self.stage_reason, when)
            if update_fields is None or {"live", "stage", "category"} & set(update_fields):
                self._sync_roulette()
        return result

    def admitted_at_checkpoint(self):
        from .checkpoint import admitting_decision

        return admitting_decision(self) is not None

    def _check_admission(self, old, new=None):
        """Entering "admitted" takes the checkpoint's decision (``checkpoint.admit_project``): a user who may
        publish cannot set the stage by hand and so skip the checklist."""
        new = self.stage if new is None else new
        if new != Stage.ADMITTED or old == Stage.ADMITTED or self.admitted_at_checkpoint():
            return
        raise InvalidStageTransition(
            {
                "stage": _(
                    "Only the control checkpoint admits a project to voting. Keep the current stage and submit "
                    "the project for review: the commission admits it with the checklist."
                )
            }
        )

    def _sync_roulette(self):
        from ..roulette import canonical, remove, sync_project
        from ..roulette.cards import forget_cards

        project = canonical(self)
        if project.stage == Stage.ADMITTED and not project.admitted_at_checkpoint():
            # Admitted with no checkpoint decision (stored before the rule, or written around the model): it
            # stays out of the deck until the commission admits it.
            remove(project)
            forget_cards(project)
            return
        # Admission (stage "admitted" and published) puts the project in the Roulette; anything else takes it
        # out. Through the engine, so a newcomer joins at the campaign's minimum.
        sync_project(self)

    def _follow_translations(self):
        # One project, one stage: a new translation is at its project's stage, whatever the copy carried.
        source = self._translations().order_by("pk").values("stage", "stage_reason").first()
        if source is not None:
            self.stage, self.stage_reason = source["stage"], source["stage_reason"]

    def _translations(self):
        return type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def _adopt_translation_history(self):
        """A new translation of an existing project shares its stage, so it takes over that project's history
        instead of starting one that claims the project was created today at its current stage."""
        source = self._translations().filter(stage=self.stage).order_by("pk").first()
        if source is None:
            return False
        entries = [
            ProjectStageChange(
                project_id=self.pk, from_stage=e.from_stage, to_stage=e.to_stage, reason=e.reason,
                changed_at=e.changed_at,
            )
            for e in ProjectStageChange.objects.filter(project_id=source.pk)
        ]
        ProjectStageChange.objects.bulk_create(entries)
        return bool(entries)

    def _propagate_stage(self, when):
        """One project, one stage: its translations follow, each with the same dated history entry."""
        for translation in self._translations().exclude(stage=self.stage).only("pk", "stage", "latest_revision"):
            type(self).objects.filter(pk=translation.pk).update(stage=self.stage, stage_reason=self.stage_reason)
            _record_stage_change(translation.pk, translation.stage, self.stage, self.stage_reason, when)
            _stamp_revision(translation.latest_revision_id, self.stage, self.stage_reason)

    def set_stage(self, stage, reason="", *, at=None):
        """Move the project (and its translations) to ``stage`` now; raises InvalidStageTransition if illegal.

        The latest revision is updated too, so a later publish from the admin does not write the old stage back.
        """
        old = self._stored_stage()
        check_transition(old, stage, reason)
        self._check_admission(old, stage)
        self.stage = Stage(stage)
        self.stage_reason = reason
        self._stage_changed_at = at
        try:
            with transaction.atomic():
                self.save(update_fields=["stage", "stage_reason"])
                _stamp_revision(self.latest_revision_id, self.stage, reason)
        finally:
            self._stage_changed_at = None

    @property
    def stage_label(self):
        return Stage(self.stage).label

    def stage_history(self):
        return self.stage_changes.order_by("changed_at", "pk")

    def stage_tracker(self):
        """The main path with each step's state and date, plus an early ending if there is one."""
        reached = {}
        for change in self.stage_history():
            reached[change.to_stage] = change
        current = Stage(self.stage)
        if current in MAIN_PATH:
            current_index = MAIN_PATH.index(current)
            path = MAIN_PATH
        elif current == Stage.NOT_APPROVED:
            path = MAIN_PATH[:4] + (Stage.NOT_APPROVED,)
            current_index = len(path) - 1
        else:
            # Rejected or withdrawn: show the steps actually reached, then the ending.
            last = max(
                (MAIN_PATH.index(s) for s in reached if s in MAIN_PATH), default=0
            )
            path = MAIN_PATH[: last + 1] + (current,)
            current_index = len(path) - 1
        steps = []
        for index, stage in enumerate(path):
            change = reached.get(stage)
            steps.append(
                {
                    "stage": stage,
                    "label": stage.label,
                    "state": "done" if index < current_index else "current" if index == current_index else "todo",
                    "date": change.changed_at if change and index <= current_index else None,
                }
            )
        return steps

    @property
    def currency(self):
        return conf.get_setting("CURRENCY")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["opengov_base_template"] = conf.get_setting("BASE_TEMPLATE")
        context["tally"] = self.public_tally(request)
        return context

    def public_tally(self, request):
        """FOR/AGAINST counts if this visitor may see them: once voting closes (or with live tallies), or to the campaign's admin users."""
        from .. import roles
        from ..models.participation import RouletteSlot
        from ..roulette import canonical

        project = canonical(self)
        campaign = canonical(project.get_parent()).specific
        user = getattr(request, "user", None)
        if not (getattr(campaign, "tallies_public", False) or roles.sees_private_figures(user)):
            return None
        return RouletteSlot.objects.filter(project_id=project.pk).values("votes_for", "votes_against").first()


def _record_stage_change(page_id, old, new, reason, when):
    ProjectStageChange.objects.create(
        project_id=page_id, from_stage=old or "", to_stage=new, reason=reason, changed_at=when
    )


def _stamp_revision(revision_id, stage, reason):
    if not revision_id:
        return
    revision = Revision.objects.filter(pk=revision_id).only("content").first()
    if revision is not None and revision.content.get("stage") != stage:
        revision.content["stage"] = str(stage)
        revision.content["stage_reason"] = reason
        revision.save(update_fields=["content"])


class ProjectPage(ProjectPageMixin, Page):
    template = "wagtail_opengov/project_page.html"
    base_form_class = ProjectPageForm
    parent_page_types = ["wagtail_opengov.CampaignPage"]
    subpage_types = []

    content_panels = ProjectPageMixin.content_panels[:3] + [
        InlinePanel("gallery_images", label=_("Images"))
    ] + ProjectPageMixin.content_panels[3:]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @property
    def campaign(self):
        return self.get_parent().specific


class ProjectPageImage(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    alt_text = models.CharField(
        _("alternative text"), max_length=255, blank=True, help_text=_("Describe the image for screen readers.")
    )

    panels = [FieldPanel("image"), FieldPanel("caption"), FieldPanel("alt_text")]


class ProjectStageChange(models.Model):
    """A dated, public, append-only record of a project's stage change."""

    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("project")
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Stage.choices)
    reason = models.TextField(_("public note"), blank=True)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["project", "changed_at"], name="opengov_stagechange_proj_idx")]

    def __str__(self):
        return f"{self.project_id}: {self.from_stage or '∅'} → {self.to_stage}"

    @property
    def to_stage_label(self):
        return Stage(self.to_stage).label
