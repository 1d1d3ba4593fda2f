"""Admin wiring only: viewsets and menus. Business rules live on the models."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import roles
from .models import Area, Category, StateBody
from .views.admin import FairnessIndexView, FairnessReportView
from .views.votes import VOTE_PERMISSION_POLICY, VoteViewSet, register_vote_permission_policy


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "description", "locale"]
    export_filename = "opengov-categories"
    ordering = ["name"]


class AreaViewSet(SnippetViewSet):
    model = Area
    icon = "site"
    menu_label = _("Areas")
    list_display = ["name", "slug", "locale"]
    list_filter = ["locale"]
    list_export = ["name", "slug", "locale"]
    export_filename = "opengov-areas"
    ordering = ["name"]


class StateBodyViewSet(SnippetViewSet):
    model = StateBody
    icon = "group"
    menu_label = _("State bodies")
    list_display = ["name", "short_name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]
    list_export = ["name", "short_name", "slug", "kind", "parent", "website", "public_email", "locale"]
    export_filename = "opengov-state-bodies"
    ordering = ["name"]


class OpenGovViewSetGroup(SnippetViewSetGroup):
    items = (CategoryViewSet, AreaViewSet, StateBodyViewSet)
    menu_icon = "list-ul"
    menu_label = _("OpenGov")
    menu_name = "opengov"


register_snippet(OpenGovViewSetGroup)


@hooks.register("register_admin_urls")
def register_fairness_urls():
    return [
        path("opengov/fairness/", FairnessIndexView.as_view(), name="wagtail_opengov_fairness_index"),
        path("opengov/fairness/<int:campaign_id>/", FairnessReportView.as_view(), name="wagtail_opengov_fairness"),
    ]


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.sees_private_figures(request.user)


@hooks.register("register_reports_menu_item")
def register_fairness_menu_item():
    return StaffMenuItem(
        _("Roulette fairness"), reverse("wagtail_opengov_fairness_index"), icon_name="resubmit", order=900
    )


register_vote_permission_policy()


@hooks.register("register_admin_viewset")
def register_vote_viewset():
    return VoteViewSet("opengov_votes")


class VotesMenuItem(MenuItem):
    def is_shown(self, request):
        return VOTE_PERMISSION_POLICY.user_has_any_permission(request.user, ["change", "view"])


@hooks.register("register_reports_menu_item")
def register_votes_menu_item():
    return VotesMenuItem(_("Votes"), reverse("opengov_votes:index"), icon_name="tick", order=901)


# -- resident submissions: the commission's message threads ---------------------------------------------------
from wagtail.admin.widgets import Button  # noqa: E402

from .views.submission_admin import SubmissionIndexView, SubmissionThreadView, can_see_submissions  # noqa: E402


@hooks.register("register_admin_urls")
def register_submission_urls():
    return [
        path("opengov/submissions/", SubmissionIndexView.as_view(), name="wagtail_opengov_submissions"),
        path(
            "opengov/submissions/<int:page_id>/",
            SubmissionThreadView.as_view(),
            name="wagtail_opengov_submission_thread",
        ),
    ]


class SubmissionsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_submissions(request.user)


@hooks.register("register_admin_menu_item")
def register_submissions_menu_item():
    return SubmissionsMenuItem(
        _("Resident submissions"), reverse("wagtail_opengov_submissions"), icon_name="mail", order=250
    )


@hooks.register("register_page_header_buttons")
def submission_thread_button(page, user, view_name=None, next_url=None, **kwargs):
    from .models.submissions import Submission

    if Submission.objects.filter(project_id=page.pk).exists() and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Messages with the initiator"),
            reverse("wagtail_opengov_submission_thread", args=[page.pk]),
            icon_name="mail",
            priority=66,
        )

# -- results, decisions and implementation stages (after the vote) ---------------------------------------------------
@hooks.register("register_admin_urls")
def register_results_urls():
    from .views import results_admin as v

    return [
        path("opengov/results/", v.ResultsIndexView.as_view(), name="wagtail_opengov_results_index"),
        path("opengov/results/<int:campaign_id>/", v.CampaignResultsView.as_view(), name="wagtail_opengov_results"),
        path("opengov/results/<int:campaign_id>/close/", v.CloseVotingView.as_view(),
             name="wagtail_opengov_results_close"),
        path("opengov/results/project/<int:project_id>/decide/", v.RecordDecisionView.as_view(),
             name="wagtail_opengov_results_decide"),
        path("opengov/results/project/<int:project_id>/advance/", v.AdvanceStageView.as_view(),
             name="wagtail_opengov_results_advance"),
    ]


class ResultsMenuItem(MenuItem):
    def is_shown(self, request):
        from .views.results_admin import can_view_results

        return can_view_results(request.user)


@hooks.register("register_admin_menu_item")
def register_results_menu_item():
    return ResultsMenuItem(
        _("Results and decisions"), reverse("wagtail_opengov_results_index"), icon_name="list-ol", order=310
    )


# -- the control checkpoint's decision records (read-only) ------------------------------------------------------------
from .views.checkpoint_admin import (  # noqa: E402
    CHECKPOINT_PERMISSION_POLICY,
    CheckpointDecisionViewSet,
    register_checkpoint_permission_policy,
)

register_checkpoint_permission_policy()


@hooks.register("register_admin_viewset")
def register_checkpoint_viewset():
    return CheckpointDecisionViewSet("opengov_checkpoint_decisions")


class CheckpointDecisionsMenuItem(MenuItem):
    def is_shown(self, request):
        return CHECKPOINT_PERMISSION_POLICY.user_has_any_permission(request.user, ["view"])


@hooks.register("register_reports_menu_item")
def register_checkpoint_menu_item():
    return CheckpointDecisionsMenuItem(
        _("Checkpoint decisions"), reverse("opengov_checkpoint_decisions:index"), icon_name="clipboard-list", order=902
    )

# -- comments and objections ---------------------------------------------------------------------------------
from .views.objections_admin import (  # noqa: E402
    COMMENT_PERMISSION_POLICY,
    OBJECTION_PERMISSION_POLICY,
    CommentViewSet,
    ObjectionStatsView,
    ObjectionViewSet,
    register_permission_policies,
)

register_permission_policies()


@hooks.register("register_admin_viewset")
def register_objection_viewsets():
    return [ObjectionViewSet("opengov_objections"), CommentViewSet("opengov_comments")]


@hooks.register("register_admin_urls")
def register_objection_stats_url():
    return [path("opengov/objections/stats/", ObjectionStatsView.as_view(), name="wagtail_opengov_objection_stats")]


class PolicyMenuItem(MenuItem):
    def __init__(self, *args, policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy

    def is_shown(self, request):
        return self.policy.user_has_any_permission(request.user, ["change", "view"])


@hooks.register("register_reports_menu_item")
def register_objections_menu_item():
    return PolicyMenuItem(_("Objections"), reverse("opengov_objections:index"), icon_name="warning", order=902,
                          policy=OBJECTION_PERMISSION_POLICY)


@hooks.register("register_reports_menu_item")
def register_objection_stats_menu_item():
    return PolicyMenuItem(_("Objections by state body"), reverse("wagtail_opengov_objection_stats"),
                          icon_name="warning", order=903, policy=OBJECTION_PERMISSION_POLICY)


@hooks.register("register_reports_menu_item")
def register_comments_menu_item():
    return PolicyMenuItem(_("Comments"), reverse("opengov_comments:index"), icon_name="comment", order=904,
                          policy=COMMENT_PERMISSION_POLICY)
