"""What each role can and cannot do: web editor, Commission, Monitoring group, anonymous resident."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_opengov import roles
from wagtail_opengov.models import CampaignPage, Category, ProjectDecision, ProjectPage, Stage

from .factories import ProjectPageFactory, StateBodyFactory, admitted_project
from .test_checkpoint import CHECKLIST, act, submit_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(django_user_model, campaign):
    roles.setup()

    def make(name, *groups):
        user = django_user_model.objects.create_user(name, f"{name}@example.kz", "pw")
        for group in groups:
            user.groups.add(Group.objects.get(name=group))
        return user

    return {
        "editor": make("editor", roles.EDITORS),
        "editor_in_commission": make("editor2", roles.EDITORS, roles.COMMISSION),
        "commission": make("commission", roles.COMMISSION),
        "monitoring": make("monitoring", roles.MONITORING),
    }


@pytest.fixture
def closed_project(campaign, category):
    project = admitted_project(campaign, category=category, title="Фонари")
    now = timezone.now()
    CampaignPage.objects.filter(pk=campaign.pk).update(
        voting_start=now - timedelta(days=15), voting_end=now - timedelta(hours=1)
    )
    project.set_stage(Stage.VOTING_CLOSED)
    return project


def refused(response):
    # Wagtail's admin answers a refused admin view by sending the user back to the dashboard with a message.
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def decide(client, user, project):
    client.force_login(user)
    return client.post(
        reverse("wagtail_opengov_results_decide", args=[project.pk]), {"outcome": "approved", "reason": "Решено"}
    )


def test_web_editor_configures_campaigns_and_snippets(client, users, campaign):
    client.force_login(users["editor"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[campaign.pk])).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_wagtail_opengov_category:add"),
        {"name": "Парки", "slug": "parks", "description": "", "locale": campaign.locale_id},
    )
    assert response.status_code == 302
    assert Category.objects.filter(slug="parks").exists()


def test_web_editor_cannot_pass_the_checkpoint_or_decide(client, users, campaign, category, closed_project):
    project = submit_project(client, users["editor"], campaign, category)
    body = StateBodyFactory()
    response = act(client, users["editor"], project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    assert response.status_code == 403
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.UNDER_REVIEW and not project.live
    assert refused(decide(client, users["editor"], closed_project))
    assert not ProjectDecision.objects.exists()
    assert refused(client.get(reverse("wagtail_opengov_results_index")))


def test_web_editor_cannot_publish_a_project_directly(client, users, campaign, category):
    client.force_login(users["editor"])
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "projectpage", campaign.pk])
    client.post(url, nested_form_data({
        "title": "В обход", "slug": "v-obhod", "summary": "Кратко", "body": rich_text(""),
        "category": category.pk, "area": "", "responsible_body": "", "estimated_cost": "",
        "gallery_images": inline_formset([]), "stage": Stage.ADMITTED, "stage_reason": "",
        "initiator_kind": "state_body", "initiator_body": "", "initiator_contact_name": "", "initiator_contact": "",
        "action-publish": "publish",
    }))
    project = ProjectPage.objects.filter(slug="v-obhod").first()
    assert project is None or not project.live


def test_editor_in_the_commission_can_approve(client, users, campaign, category):
    project = submit_project(client, users["editor"], campaign, category)
    body = StateBodyFactory()
    response = act(client, users["editor_in_commission"], project, "approve",
                   {**CHECKLIST, "responsible_body": body.pk})
    assert response.status_code == 200
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.ADMITTED


def test_commission_rejects_and_records_decisions(client, users, campaign, category, closed_project):
    project = submit_project(client, users["editor"], campaign, category)
    act(client, users["commission"], project, "reject", {"reason": "Вне компетенции акимата."})
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.REJECTED
    assert decide(client, users["commission"], closed_project).status_code == 302
    assert ProjectPage.objects.get(pk=closed_project.pk).stage == Stage.APPROVED


def test_monitoring_group_cannot_publish_approve_or_decide(client, users, campaign, category, closed_project):
    project = submit_project(client, users["editor"], campaign, category)
    monitoring = users["monitoring"]
    response = act(client, monitoring, project, "approve", {**CHECKLIST, "responsible_body": StateBodyFactory().pk})
    assert response.status_code == 403
    client.force_login(monitoring)
    draft = ProjectPageFactory(parent=campaign, category=category, title="Черновик", live=False)
    assert refused(client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action-publish": "publish"}))
    assert not ProjectPage.objects.get(pk=draft.pk).live
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])))
    assert refused(decide(client, monitoring, closed_project))
    assert ProjectPage.objects.get(pk=closed_project.pk).stage == Stage.VOTING_CLOSED
    # It does see the results and decisions.
    assert client.get(reverse("wagtail_opengov_results", args=[campaign.pk])).status_code == 200


def test_residents_see_only_public_data(client, users, campaign, category):
    project = submit_project(client, users["editor"], campaign, category)
    ProjectPage.objects.filter(pk=project.pk).update(initiator_contact="+7 701 000 00 00")
    draft_url = f"/ru/{campaign.slug}/{project.slug}/"
    assert client.get(draft_url).status_code == 404
    act(client, users["commission"], project, "approve",
        {**CHECKLIST, "responsible_body": StateBodyFactory().pk, "comment": "Внутренняя заметка комиссии"})
    client.logout()
    project = ProjectPage.objects.get(pk=project.pk)
    html = client.get(project.url).content.decode()
    assert project.title in html
    assert "+7 701 000 00 00" not in html
    assert "Внутренняя заметка комиссии" not in html
    results = client.get(campaign.url + "results/").content.decode()
    assert "Внутренняя заметка комиссии" not in results
    for url in (reverse("wagtail_opengov_results_index"), reverse("wagtail_opengov_results", args=[campaign.pk])):
        assert client.get(url).status_code == 302  # to the admin login



def test_only_the_commission_sees_the_checkpoint_actions_in_the_page_editor(client, users, campaign, category):
    project = submit_project(client, users["editor"], campaign, category)
    edit = reverse("wagtailadmin_pages:edit", args=[project.pk])
    client.force_login(users["commission"])
    html = client.get(edit).content.decode()
    for action in ("approve", "reject", "request_changes"):
        assert f'data-workflow-action-name="{action}"' in html
    client.force_login(users["editor"])
    response = client.get(edit)
    assert response.status_code == 200
    assert 'data-workflow-action-name="approve"' not in response.content.decode()


def test_campaign_changes_by_the_web_editor_are_approved_by_the_commission(client, users, campaign):
    client.force_login(users["editor"])
    edit = reverse("wagtailadmin_pages:edit", args=[campaign.pk])
    data = nested_form_data({
        "title": "Бюджет участия 2027 (уточнён)", "slug": campaign.slug, "intro": rich_text("<p>Новое</p>"),
        "submission_start": "", "submission_end": "", "voting_start": "", "voting_end": "",
        "comment_moderation": "post", "objection_deadline_days": "10",
        "action-submit": "submit",
    })
    assert client.post(edit, data).status_code == 302
    assert CampaignPage.objects.get(pk=campaign.pk).title == "Бюджет участия 2027"  # not published yet
    state = campaign.workflow_states.get(status="in_progress")
    client.force_login(users["commission"])
    url = reverse("wagtailadmin_pages:workflow_action", args=[campaign.pk, "approve_page", state.current_task_state.pk])
    assert client.post(url, {"comment": ""}).status_code == 302
    assert CampaignPage.objects.get(pk=campaign.pk).title == "Бюджет участия 2027 (уточнён)"


# -- what each role CAN do, with only the groups opengov_setup creates (nobody has is_staff) ----------------------
def complaint_objection(client, project, reason="Смета завышена"):
    from wagtail_opengov.models import Objection

    client.logout()
    assert client.post(project.url + "complain/", {"reason": reason}).status_code == 302
    return Objection.objects.get(text=reason)


def test_monitoring_group_assigns_answers_and_closes_objections(client, users, campaign, category,
                                                                django_user_model):
    from wagtail_opengov.models import Objection, ObjectionStatus

    colleague = django_user_model.objects.create_user("monitoring2", "m2@example.kz", "pw")
    colleague.groups.add(Group.objects.get(name=roles.MONITORING))
    project = admitted_project(campaign, category=category, title="Фонари во дворе")
    objection = complaint_objection(client, project)
    edit = reverse("opengov_objections:edit", args=[objection.pk])
    client.force_login(users["monitoring"])
    form = client.get(edit)
    assert form.status_code == 200
    assignees = {user.username for user in form.context["form"].fields["assignee"].queryset}
    assert assignees == {"monitoring", "monitoring2"}  # not the editor, not the commission (view only)

    assert client.post(edit, {"assignee": colleague.pk, "answer": "", "status": "open"}).status_code == 302
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ASSIGNED and objection.assignee == colleague
    client.force_login(colleague)
    assert client.post(edit, {"assignee": colleague.pk, "answer": "Смета проверена.", "text_public": "1",
                              "status": "answered"}).status_code == 302
    assert client.post(edit, {"assignee": colleague.pk, "answer": "Смета проверена.",
                              "status": "closed"}).status_code == 302
    objection = Objection.objects.get(pk=objection.pk)
    assert objection.status == ObjectionStatus.CLOSED and objection.answer == "Смета проверена."
    client.logout()
    register = client.get(campaign.url + "objections/").content.decode()
    assert "Смета проверена." in register and "Смета завышена" in register


@pytest.mark.parametrize("role", ["commission", "monitoring"])
def test_commission_and_monitoring_post_official_answers(client, users, campaign, category, role):
    from wagtail_opengov.models import Comment

    project = admitted_project(campaign, category=category, title="Скамейки")
    client.force_login(users[role])
    assert 'name="official"' in client.get(project.url).content.decode()
    response = client.post(project.url + "comment/", {"text": "Ответ акимата", "official": "on"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.is_official and comment.user == users[role]
    client.logout()
    assert "og-badge--official" in client.get(project.url).content.decode()


def test_web_editor_comments_like_a_resident(client, users, campaign, category):
    from wagtail_opengov.models import Comment

    project = admitted_project(campaign, category=category, title="Скамейки")
    client.force_login(users["editor"])
    assert 'name="official"' not in client.get(project.url).content.decode()
    client.post(project.url + "comment/", {"text": "Мнение", "official": "on"})
    assert not Comment.objects.get().is_official


def test_commission_admits_at_the_checkpoint_and_moderates_comments(client, users, campaign, category):
    from wagtail_opengov.models import CheckpointDecision, Comment, CommentStatus

    project = submit_project(client, users["editor"], campaign, category)
    body = StateBodyFactory()
    response = act(client, users["commission"], project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    assert response.status_code == 200
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live and project.stage == Stage.ADMITTED
    assert CheckpointDecision.objects.get(project=project).decided_by == users["commission"]

    client.logout()
    client.post(project.url + "comment/", {"text": "Грубость"})
    comment = Comment.objects.get()
    client.force_login(users["commission"])
    edit = reverse("opengov_comments:edit", args=[comment.pk])
    assert client.post(edit, {"status": "hidden"}).status_code == 302
    assert Comment.objects.get().status == CommentStatus.HIDDEN
