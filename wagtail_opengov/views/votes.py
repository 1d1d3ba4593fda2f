"""Moderating votes in the admin: list, filter, export, and change a vote's status (never delete it)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from .. import voting
from ..models import Vote
from .inspect import LocalTimeInspectView
from .policies import ResidentRecordPolicy, register_policy

# Votes arrive only from residents and are never deleted: nobody adds or deletes one in the admin.
VotePermissionPolicy = ResidentRecordPolicy


class StatusHistoryMixin:
    """Both the inspect and the edit view show the vote's status history, read-only, oldest first."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["status_changes"] = self.object.status_changes.select_related("user")
        return context


class VoteInspectView(StatusHistoryMixin, LocalTimeInspectView):
    pass


class VoteEditView(StatusHistoryMixin, EditView):
    def save_instance(self):
        # Through the voting rules, so the tally and the history follow the status in the same transaction.
        vote = voting.set_vote_status(
            self.object, self.form.cleaned_data["status"], self.form.cleaned_data.get("status_note", ""),
            user=self.request.user,
        )
        change = vote.status_change
        if change is not None:
            log(
                instance=vote, action="wagtail.edit", user=self.request.user,
                data={"old_status": change.old_status, "new_status": change.new_status, "note": change.note},
            )
        return vote


class VoteViewSet(ModelViewSet):
    model = Vote
    icon = "tick"
    menu_label = _("Votes")
    add_to_admin_menu = False
    edit_view_class = VoteEditView
    inspect_view_class = VoteInspectView
    edit_template_name = "wagtail_opengov/admin/votes/edit.html"
    inspect_template_name = "wagtail_opengov/admin/votes/inspect.html"
    copy_view_enabled = False
    # Votes reference only pages; indexing each one would add several writes to every vote.
    add_to_reference_index = False
    inspect_view_enabled = True
    form_fields = ["status", "status_note"]
    list_display = ["created_at", "project", "choice", "status", "verification_level", "status_note"]
    list_filter = ["status", "choice", "verification_level"]
    list_export = ["created_at", "project_id", "campaign_id", "choice", "reason", "status", "status_note",
                   "verification_level"]
    export_filename = "opengov-votes"
    ordering = ["-created_at"]
    inspect_view_fields = ["created_at", "project", "campaign", "choice", "reason", "status", "status_note",
                           "verification_level"]


VOTE_PERMISSION_POLICY = VotePermissionPolicy(Vote)


def register_vote_permission_policy():
    register_policy(Vote, VOTE_PERMISSION_POLICY, VoteViewSet)
