"""The checkpoint's decision records in the admin: read-only (decisions are made in the workflow), exportable."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import CheckpointDecision
from .inspect import LocalTimeInspectView
from .policies import ReadOnlyPolicy, register_policy


class CheckpointDecisionViewSet(ModelViewSet):
    model = CheckpointDecision
    icon = "clipboard-list"
    menu_label = _("Checkpoint decisions")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = LocalTimeInspectView
    form_fields = ["comment"]  # required by ModelViewSet; the edit view is never reachable
    list_display = ["decided_at", "project", "outcome", "responsible_body", "decided_by"]
    list_filter = ["outcome"]
    list_export = ["decided_at", "project_id", "outcome", "lawful", "within_competence", "cost_plausible",
                   "not_duplicate", "duplicate_of_id", "responsible_body", "reason", "comment", "decided_by"]
    export_filename = "opengov-checkpoint-decisions"
    ordering = ["-decided_at"]
    inspect_view_fields = ["decided_at", "project", "outcome", "lawful", "within_competence", "cost_plausible",
                           "not_duplicate", "duplicate_of", "responsible_body", "reason", "comment", "decided_by"]


CHECKPOINT_PERMISSION_POLICY = ReadOnlyPolicy(CheckpointDecision)


def register_checkpoint_permission_policy():
    register_policy(CheckpointDecision, CHECKPOINT_PERMISSION_POLICY, CheckpointDecisionViewSet)
