"""Roles and the default workflow: what ``manage.py opengov_setup`` creates. Idempotent: safe to run again.

- the web editor (Wagtail's own "Editors" group) configures: campaigns, projects, snippets; cannot publish
  projects or pass the checkpoint;
- the "Commission" runs the control checkpoint, records decisions and implementation stages, moderates;
- the "Monitoring group" works the objections; it can view decisions but not edit or publish pages;
- residents see only public pages and the public API.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

APP_LABEL = "wagtail_opengov"
WORKFLOW_NAME = "OpenGov control checkpoint"
TASK_NAME = "Control checkpoint"
COMMISSION = "Commission"
MONITORING = "Monitoring group"
EDITORS = "Editors"  # Wagtail's default group, created by its migrations

# =====================================================================================================================
# PERMISSIONS PER ROLE — the one place to edit.
# Codenames of wagtail_opengov models. A codename whose model does not exist (yet) is skipped, so these lists can
# name the models other branches add (submissions, comments, complaints, objections); after merging, check the
# names against `Permission.objects.filter(content_type__app_label="wagtail_opengov")` and run opengov_setup again.
# =====================================================================================================================
ROLE_PERMISSIONS = {
    COMMISSION: [
        # the checkpoint's records and the decisions after the vote
        "view_checkpointdecision",
        "add_projectdecision",
        "view_projectdecision",
        "move_project_stage",
        # refining submissions with their initiators (issue 4 item 1)
        "view_submission", "change_submission",
        "view_submissionmessage", "add_submissionmessage",
        # moderating comments and complaints (item 3); answering residents as the akimat
        "view_comment", "change_comment", "add_comment", "post_official_answer",
        "view_complaint", "change_complaint",
        # seeing the objections register
        "view_objection",
    ],
    MONITORING: [
        "view_projectdecision",
        # working the objections (item 4): assigned, answered and closed by whoever has change_objection
        "view_objection", "change_objection",
        "view_complaint",
        "view_comment", "post_official_answer",
    ],
    EDITORS: [
        "add_category", "change_category", "delete_category", "view_category",
        "add_area", "change_area", "delete_area", "view_area",
        "add_statebody", "change_statebody", "delete_statebody", "view_statebody",
    ],
}

# Page permissions per role, granted on every campaign page (and so on its projects).
# The commission edits projects to refine them; it needs "publish" because Wagtail publishes a page at the end of
# a workflow with the approver's own rights. Its members publish through the checkpoint, which records the
# checklist; web editors (no publish permission) can only submit to it. The monitoring group gets no page
# permission at all.
ROLE_PAGE_PERMISSIONS = {
    COMMISSION: ["change_page", "publish_page", "lock_page"],
}

# Every role works in the Wagtail admin.
ADMIN_ACCESS = ("wagtailadmin", "access_admin")


def sees_private_figures(user):
    """Live tallies and impression counts, private while voting is open, are shown to the people who run the
    campaign: anyone who may use the Wagtail admin (every role opengov_setup creates) and superusers. Not Django's
    ``is_staff``, which Wagtail never sets."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.has_perm("%s.%s" % ADMIN_ACCESS)


def grant_role_permissions(group, codenames):
    """Give ``group`` the wagtail_opengov permissions named in ``codenames`` that exist. Returns what was missing."""
    found = Permission.objects.filter(content_type__app_label=APP_LABEL, codename__in=codenames)
    group.permissions.add(*found)
    return sorted(set(codenames) - set(found.values_list("codename", flat=True)))


def _admin_access():
    app_label, codename = ADMIN_ACCESS
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def campaign_models():
    from django.apps import apps
    from wagtail.models import Page

    from .models import CampaignPageMixin

    return [
        m for m in apps.get_models()
        if issubclass(m, CampaignPageMixin) and issubclass(m, Page) and not m._meta.abstract
    ]


def on_campaign_created(sender, instance, created, raw=False, **kwargs):
    """New campaigns join the checkpoint workflow and the roles' page permissions, once opengov_setup has run."""
    from .models import CampaignPageMixin

    if not created or raw or not isinstance(instance, CampaignPageMixin):
        return
    assign_workflow(instance)
    grant_campaign_page_permissions(instance)


def default_workflow():
    from wagtail.models import Workflow

    return Workflow.objects.filter(name=WORKFLOW_NAME).first()


def assign_workflow(campaign, workflow=None):
    """Put ``campaign`` (and so every project under it) under the checkpoint workflow, unless it has one."""
    from wagtail.models import WorkflowPage

    workflow = workflow or default_workflow()
    if workflow is None or not workflow.active:
        return False
    _, created = WorkflowPage.objects.get_or_create(page=campaign, defaults={"workflow": workflow})
    return created


def grant_campaign_page_permissions(campaign):
    from wagtail.models import GroupPagePermission

    for group_name, codenames in ROLE_PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames):
            GroupPagePermission.objects.get_or_create(group=group, page=campaign, permission=permission)


@transaction.atomic
def setup(stdout=None):
    """Create or update the groups, the checkpoint task and workflow, and assign it to every campaign."""
    from wagtail.models import Page, WorkflowTask

    from .models import ControlCheckpointTask

    def say(message):
        if stdout is not None:
            stdout.write(str(message))

    access = _admin_access()
    groups = {}
    for name, codenames in ROLE_PERMISSIONS.items():
        group, created = Group.objects.get_or_create(name=name)
        groups[name] = group
        if access is not None:
            group.permissions.add(access)
        missing = grant_role_permissions(group, codenames)
        say(_("Group “%(group)s”: %(state)s.") % {"group": name, "state": _("created") if created else _("updated")})
        if missing:
            say(_("  not yet available (models not installed): %(names)s") % {"names": ", ".join(missing)})

    task = ControlCheckpointTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ControlCheckpointTask.objects.create(name=TASK_NAME)
    task.groups.add(groups[COMMISSION])

    from wagtail.models import Workflow

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    state = _("created") if created else _("updated")
    say(_("Workflow “%(workflow)s”: %(state)s.") % {"workflow": WORKFLOW_NAME, "state": state})

    for campaign in Page.objects.type(*campaign_models()).order_by("path"):
        if assign_workflow(campaign, workflow):
            say(_("  assigned to “%(title)s”") % {"title": campaign.title})
        grant_campaign_page_permissions(campaign)
    return workflow
