"""After the vote: closing voting, the campaign's results, the commission's public decisions, implementation.

The vote informs the decision; the decision is the commission's, with a public reason. Every move is a stage
change (``ProjectPageMixin.set_stage``), so it lands in the project's dated, public stage history.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .stages import Stage

# Stages of a project that went to the vote: the results page lists these.
VOTED_STAGES = (
    Stage.ADMITTED,
    Stage.VOTING_CLOSED,
    Stage.APPROVED,
    Stage.NOT_APPROVED,
    Stage.IN_IMPLEMENTATION,
    Stage.IMPLEMENTED,
)

# The implementation steps the commission records after approval.
IMPLEMENTATION_STEPS = {
    Stage.APPROVED: Stage.IN_IMPLEMENTATION,
    Stage.IN_IMPLEMENTATION: Stage.IMPLEMENTED,
}


def _fresh(page):
    # The caller's instance may predate a stage change made elsewhere (a command, another request).
    from wagtail.models import Page

    return Page.objects.get(pk=page.pk).specific


class DecisionOutcome(models.TextChoices):
    APPROVED = Stage.APPROVED.value, _("Approved for implementation")
    NOT_APPROVED = Stage.NOT_APPROVED.value, _("Not approved")


class ProjectDecision(models.Model):
    """The commission's public decision on one project after the vote. One per project, final."""

    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="opengov_decisions", verbose_name=_("project")
    )
    outcome = models.CharField(_("decision"), max_length=20, choices=DecisionOutcome.choices)
    reason = models.TextField(
        _("public reason"), help_text=_("Shown on the results page and on the project page.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("commission decision")
        verbose_name_plural = _("commission decisions")
        ordering = ["-decided_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project"], name="opengov_one_decision_per_project")]
        permissions = [
            ("move_project_stage", _("Can close voting and record implementation stages")),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} #{self.project_id}"

    @classmethod
    def record(cls, project, outcome, reason, user=None):
        """Record the decision and move the project (voting closed → approved / not approved) in one go."""
        from ..roulette import canonical

        project = _fresh(canonical(project))
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError({"reason": _("Give a public reason for the decision.")})
        outcome = DecisionOutcome(outcome)
        if project.stage != Stage.VOTING_CLOSED:
            raise ValidationError(
                {"project": _("Only a project whose voting has closed can be decided on; this one is “%(stage)s”.")
                 % {"stage": Stage(project.stage).label}}
            )
        with transaction.atomic():
            decision = cls.objects.create(project_id=project.pk, outcome=outcome, reason=reason, decided_by=user)
            project.set_stage(Stage(outcome.value), reason)
        return decision


def advance_implementation(project, note="", at=None):
    """Approved → in implementation → implemented, each dated, with an optional public note."""
    from ..roulette import canonical

    project = _fresh(canonical(project))
    next_stage = IMPLEMENTATION_STEPS.get(Stage(project.stage))
    if next_stage is None:
        raise ValidationError(
            {"stage": _("Only an approved project or one in implementation can move to its next stage.")}
        )
    project.set_stage(next_stage, (note or "").strip(), at=at)
    return next_stage


def campaign_group(campaign):
    """The campaign and its translations."""
    from wagtail.models import Page

    return Page.objects.filter(translation_key=campaign.translation_key)


def close_voting(campaign):
    """Move every admitted project of ``campaign`` (in every language) to "voting closed". Idempotent.

    Refuses while the campaign's voting window is still open: the Roulette would go on showing a campaign whose
    projects it can no longer draw. Returns the number of projects moved."""
    from .project import ProjectPage

    campaign = campaign.specific
    if not campaign.voting_closed:
        raise ValidationError(_("Voting in this campaign has not ended yet."))
    moved = 0
    with transaction.atomic():
        for page in campaign_group(campaign):
            for project in ProjectPage.objects.child_of(page).filter(stage=Stage.ADMITTED).order_by("pk"):
                project.refresh_from_db(fields=["stage"])
                if project.stage == Stage.ADMITTED:  # a translation may have followed its source already
                    project.set_stage(Stage.VOTING_CLOSED)
                    moved += 1
    return moved


@dataclass
class ResultRow:
    project: object
    votes_for: int
    votes_against: int
    decision: object = None

    @property
    def net(self):
        return self.votes_for - self.votes_against


def campaign_results(campaign, projects=None):
    """Each voted project of ``campaign`` with FOR, AGAINST, net and the decision, best net first.

    ``projects`` defaults to the campaign's live, public children; tallies and decisions belong to the
    translation group, so each language's page shows the same figures."""
    from .participation import RouletteSlot

    if projects is None:
        projects = campaign.get_project_queryset()
    projects = list(projects.filter(stage__in=VOTED_STAGES).select_related("category", "area"))
    keys = {p.translation_key for p in projects}
    tallies = {
        row["project__translation_key"]: row
        for row in RouletteSlot.objects.filter(project__translation_key__in=keys).values(
            "project__translation_key", "votes_for", "votes_against"
        )
    }
    decisions = {
        d.project.translation_key: d
        for d in ProjectDecision.objects.filter(project__translation_key__in=keys).select_related("project")
    }
    rows = []
    for project in projects:
        tally = tallies.get(project.translation_key, {})
        rows.append(
            ResultRow(
                project=project,
                votes_for=tally.get("votes_for", 0),
                votes_against=tally.get("votes_against", 0),
                decision=decisions.get(project.translation_key),
            )
        )
    rows.sort(key=lambda r: (-r.net, -r.votes_for, r.project.title))
    return rows


def decision_for(project):
    """The commission's decision on this project (any translation of it), or None."""
    return (
        ProjectDecision.objects.filter(project__translation_key=project.translation_key)
        .order_by("pk")
        .first()
    )
