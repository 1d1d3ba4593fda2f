"""The control checkpoint: a Wagtail workflow task every project passes before it reaches the Roulette.

Approving needs the checklist (lawful, within the akimat's competence, cost plausible, not a duplicate, a responsible
state body); rejecting needs a public reason. Each decision is kept as a :class:`CheckpointDecision` row.
Approval moves the project to "admitted"; the workflow then publishes it, and publication of an admitted project
puts it in the Roulette through the engine (``ProjectPageMixin.save`` → ``roulette.sync_project``).

:func:`admit_project` is the only way into "admitted": the project's save refuses that stage unless the latest
decision of its translation group admits it, whoever publishes and however (page editor, API, shell, an old
revision). Demo data and test factories go through it too.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import AbstractGroupApprovalTask, Revision

from .project import ProjectPageMixin
from .stages import Stage, allowed_next

# Stages from which the checkpoint can admit a project ("admitted" itself: an admitted project edited and
# submitted again passes the checkpoint again).
REVIEWABLE_STAGES = frozenset({Stage.SUBMITTED, Stage.UNDER_REVIEW, Stage.ADMITTED})


class CheckpointOutcome(models.TextChoices):
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")


class ControlCheckpointTask(AbstractGroupApprovalTask):
    """Members of the chosen groups (the Commission) admit or reject projects against the checklist.

    Pages that are not projects (a campaign page under the same workflow) get Wagtail's ordinary group approval.
    They cannot simply pass: Wagtail publishes at the end of a workflow with the rights of whoever finished it,
    and a web editor has no publish permission."""

    class Meta:
        verbose_name = _("OpenGov control checkpoint")
        verbose_name_plural = _("OpenGov control checkpoints")

    @classmethod
    def get_description(cls):
        return _(
            "Members of the chosen groups check each project (lawful, within competence, cost plausible, not a "
            "duplicate, responsible body assigned) before it is admitted to the Roulette, or reject it with a "
            "public reason."
        )

    @staticmethod
    def project_for(obj):
        obj = getattr(obj, "specific", obj)
        return obj if isinstance(obj, ProjectPageMixin) else None

    # -- life cycle ---------------------------------------------------------------------------------------
    def start(self, workflow_state, user=None):
        project = self.project_for(workflow_state.content_object)
        task_state = super().start(workflow_state, user=user)
        if project is not None and project.stage == Stage.SUBMITTED:
            project.set_stage(Stage.UNDER_REVIEW)
        return task_state

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        project = self.project_for(obj)
        if project is None:
            # Not "approve": Wagtail picks the action's form by its name alone, and "approve" needs the checklist.
            return [
                ("request_changes", _("Request changes"), True),
                ("approve_page", _("Approve"), False),
                ("approve_page", _("Approve with comment"), True),
            ]
        actions = []
        if Stage(project.stage) in REVIEWABLE_STAGES:
            actions.append(("approve", _("Admit (checklist)"), True))
            if project.stage != Stage.ADMITTED:
                actions.append(("request_changes", _("Return to the initiator for changes"), True))
        if Stage.REJECTED in allowed_next(project.stage):
            actions.append(("reject", _("Reject with a public reason"), True))
        return actions

    def get_form_for_action(self, action):
        from .. import checkpoint_forms

        return {
            "approve": checkpoint_forms.CheckpointApproveForm,
            "reject": checkpoint_forms.CheckpointRejectForm,
            "request_changes": checkpoint_forms.CheckpointRequestChangesForm,
            "approve_page": TaskStateCommentForm,
        }.get(action, super().get_form_for_action(action))

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.workflow_state.content_object
        if action_name not in {name for name, *_ in self.get_actions(obj, user)}:
            raise PermissionDenied
        form = self.get_form_for_action(action_name)(data=kwargs)
        if not form.is_valid():
            # The admin's modal validates first; only a request that skipped it lands here.
            raise PermissionDenied(_("The checkpoint decision is incomplete."))
        data = form.cleaned_data
        project = self.project_for(obj)
        if project is None:
            # on_action's return value is a redirect URL for the admin: return nothing.
            if action_name == "approve_page":
                task_state.approve(user=user, comment=data.get("comment", ""))
            else:
                task_state.reject(user=user, comment=data.get("comment", ""))
            return None
        if action_name == "approve":
            return self._admit(project, task_state, user, data)
        if action_name == "reject":
            return self._reject(project, task_state, user, data)
        return self._request_changes(project, task_state, user, data)

    def _admit(self, project, task_state, user, data):
        admit_project(
            project, responsible_body_id=data["responsible_body"], decided_by=user, task_state=task_state,
            comment=data["comment"],
        )
        # Completing the workflow publishes the latest revision, which now carries stage and body: a published,
        # admitted project joins the Roulette at the campaign's current minimum.
        task_state.approve(user=user, comment=data["comment"])

    def _reject(self, project, task_state, user, data):
        CheckpointDecision.objects.create(
            project_id=project.pk,
            task_state=task_state,
            outcome=CheckpointOutcome.REJECTED,
            duplicate_of_id=data["duplicate_of"],
            reason=data["reason"],
            decided_by=user,
        )
        project.set_stage(Stage.REJECTED, data["reason"])
        task_state.reject(user=user, comment=data["reason"])
        if data["publish"]:
            revision = project.get_latest_revision()
            if revision is not None:
                # Publishing also closes the workflow: a rejection is final.
                revision.publish(user=user)

    def _request_changes(self, project, task_state, user, data):
        CheckpointDecision.objects.create(
            project_id=project.pk,
            task_state=task_state,
            outcome=CheckpointOutcome.CHANGES_REQUESTED,
            comment=data["comment"],
            decided_by=user,
        )
        if project.stage == Stage.UNDER_REVIEW:
            project.set_stage(Stage.SUBMITTED)
        # Wagtail's "needs changes": resubmitting the workflow starts the checkpoint again.
        task_state.reject(user=user, comment=data["comment"])


@transaction.atomic
def admit_project(project, *, responsible_body_id=None, decided_by=None, task_state=None, comment="", at=None):
    """Admit ``project`` at the checkpoint: record the decision (checklist confirmed), make the chosen state body
    (its translation in the project's language) responsible, and move the project to "admitted".

    The one way into that stage. ``responsible_body_id`` None keeps the project's own body; ``at`` dates the
    decision and the stage change (demo data)."""
    from .snippets import StateBody

    if responsible_body_id is not None:
        body = StateBody.objects.get(pk=responsible_body_id)
        body = body.get_translation_or_none(project.locale) or body
        responsible_body_id = body.pk
        type(project).objects.filter(pk=project.pk).update(responsible_body_id=body.pk)
        project.responsible_body_id = body.pk
        _stamp_latest_revision(project, {"responsible_body": body.pk})
    decision = CheckpointDecision.objects.create(
        project_id=project.pk,
        task_state=task_state,
        outcome=CheckpointOutcome.ADMITTED,
        lawful=True,
        within_competence=True,
        cost_plausible=True,
        not_duplicate=True,
        responsible_body_id=project.responsible_body_id,
        comment=comment,
        decided_by=decided_by,
        decided_at=at or timezone.now(),
    )
    if project.stage == Stage.SUBMITTED:
        project.set_stage(Stage.UNDER_REVIEW, at=at)
    project.set_stage(Stage.ADMITTED, at=at)
    return decision


def admitting_decision(page):
    """The checkpoint decision that admits ``page``'s project (any page of its translation group), or None.

    Only the latest decision counts: a project returned for changes after an admission is no longer admitted."""
    from wagtail.models import Page

    if page.translation_key is None:
        return None
    group = Page.objects.filter(translation_key=page.translation_key).values("pk")
    latest = CheckpointDecision.objects.filter(project_id__in=group).order_by("-pk").first()
    return latest if latest is not None and latest.outcome == CheckpointOutcome.ADMITTED else None


def _stamp_latest_revision(page, values):
    # The workflow publishes the latest revision; without this a publish would write the old values back.
    revision = Revision.objects.filter(pk=page.latest_revision_id).only("content").first()
    if revision is not None:
        revision.content.update(values)
        revision.save(update_fields=["content"])


class CheckpointDecision(models.Model):
    """Who decided what at the checkpoint, when, with the checklist answers. Internal: never shown publicly
    except through the project's stage (and its public reason) and the duplicate link."""

    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="checkpoint_decisions", verbose_name=_("project")
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("task state"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckpointOutcome.choices)
    lawful = models.BooleanField(_("lawful"), default=False)
    within_competence = models.BooleanField(_("within the akimat's competence"), default=False)
    cost_plausible = models.BooleanField(_("cost plausible"), default=False)
    not_duplicate = models.BooleanField(_("not a duplicate"), default=False)
    duplicate_of = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("duplicate of"),
    )
    responsible_body = models.ForeignKey(
        "wagtail_opengov.StateBody", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsible state body"),
    )
    reason = models.TextField(_("public reason"), blank=True)
    comment = models.TextField(_("internal comment"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("checkpoint decision")
        verbose_name_plural = _("checkpoint decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["project", "decided_at"], name="opengov_checkpoint_proj_idx")]

    def __str__(self):
        return f"{self.get_outcome_display()} #{self.project_id}"
