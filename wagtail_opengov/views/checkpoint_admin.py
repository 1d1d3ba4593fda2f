"""The checkpoint's decision records in the admin: read-only (decisions are made in the workflow), exportable."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import CheckpointDecision


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    # Rows are written by the workflow task only; nobody adds, edits or deletes one by hand.
    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class CheckpointDecisionViewSet(ModelViewSet):
    model = CheckpointDecision
    icon = "clipboard-list"
    menu_label = _("Checkpoint decisions")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["comment"]  # required by ModelViewSet; the edit view is never reachable
    list_display = ["decided_at", "project", "outcome", "responsible_body", "decided_by"]
    list_filter = ["outcome"]
    list_export = ["decided_at", "project_id", "outcome", "lawful", "within_competence", "cost_plausible",
                   "not_duplicate", "duplicate_of_id", "responsible_body", "reason", "comment", "decided_by"]
    export_filename = "opengov-checkpoint-decisions"
    ordering = ["-decided_at"]
    inspect_view_fields = ["decided_at", "project", "outcome", "lawful", "within_competence", "cost_plausible",
                           "not_duplicate", "duplicate_of", "responsible_body", "reason", "comment", "decided_by"]


CHECKPOINT_PERMISSION_POLICY = ReadOnlyPermissionPolicy(CheckpointDecision)


def register_checkpoint_permission_policy():
    try:
        from wagtail.permissions import register_permission_policy
    except ImportError:  # Wagtail 7.4 reads the policy from the viewset
        CheckpointDecisionViewSet.permission_policy = CHECKPOINT_PERMISSION_POLICY
    else:
        register_permission_policy(CheckpointDecision, CHECKPOINT_PERMISSION_POLICY)
