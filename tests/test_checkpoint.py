"""The control checkpoint end to end: an editor's project → workflow → commission decision → Roulette or not."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_opengov import roles, roulette
from wagtail_opengov.models import CheckpointDecision, CheckpointOutcome, ProjectPage, RouletteSlot, Stage

from .factories import (
    CampaignPageFactory,
    ProjectPageFactory,
    StateBodyFactory,
    admit,
    admitted_project,
    new_participant,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(campaign):
    return roles.setup()


def make_user(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.kz", "pw")
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def editor(django_user_model, setup):
    return make_user(django_user_model, "web-editor", roles.EDITORS)


@pytest.fixture
def commissioner(django_user_model, setup):
    return make_user(django_user_model, "commissioner", roles.COMMISSION)


@pytest.fixture
def body(db):
    return StateBodyFactory(name="Управление благоустройства", slug="blag")


def submit_project(client, user, campaign, category, title="Скамейки во дворе", slug="skameyki"):
    """The web editor creates a project in the admin and submits it to the checkpoint."""
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "projectpage", campaign.pk])
    data = nested_form_data({
        "title": title, "slug": slug, "summary": "Пять скамеек у подъездов", "body": rich_text("<p>Описание</p>"),
        "category": category.pk, "area": "", "responsible_body": "", "estimated_cost": "1500000",
        "gallery_images": inline_formset([]), "stage": Stage.SUBMITTED, "stage_reason": "",
        "initiator_kind": "state_body", "initiator_body": "", "initiator_contact_name": "",
        "initiator_contact": "", "action-submit": "submit",
    })
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return ProjectPage.objects.get(slug=slug)


def task_state_of(project):
    return TaskState.objects.filter(workflow_state__object_id=str(project.pk), status="in_progress").get()


def act(client, user, project, action, data, ajax=True):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, action, task_state_of(project).pk])
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    return client.post(url, data, **headers)


CHECKLIST = {"lawful": "on", "within_competence": "on", "cost_plausible": "on", "not_duplicate": "on"}


def test_setup_is_idempotent_and_assigns_the_workflow_to_campaigns(campaign):
    workflow = roles.setup()
    roles.setup()
    assert workflow.name == roles.WORKFLOW_NAME
    assert campaign.get_workflow() == workflow
    assert [t.specific.__class__.__name__ for t in workflow.tasks] == ["ControlCheckpointTask"]
    assert list(workflow.tasks[0].specific.groups.values_list("name", flat=True)) == [roles.COMMISSION]
    assert Group.objects.filter(name__in=[roles.COMMISSION, roles.MONITORING]).count() == 2
    # A campaign created afterwards joins the workflow on its own.
    later = CampaignPageFactory(parent=campaign.get_parent(), title="Бюджет 2028", slug="budget-2028")
    assert later.get_workflow() == workflow


def test_editor_project_goes_through_the_checkpoint_and_is_then_drawn(
    client, editor, commissioner, campaign, category, body
):
    project = submit_project(client, editor, campaign, category)
    assert not project.live
    assert project.stage == Stage.UNDER_REVIEW  # the checkpoint started
    assert not RouletteSlot.objects.filter(project=project, eligible=True).exists()

    response = act(client, commissioner, project, "approve", {**CHECKLIST, "responsible_body": body.pk,
                                                              "comment": "Всё в порядке"})
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "success"

    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live
    assert project.stage == Stage.ADMITTED
    assert project.responsible_body == body
    assert [c.to_stage for c in project.stage_history()] == [Stage.SUBMITTED, Stage.UNDER_REVIEW, Stage.ADMITTED]
    decision = CheckpointDecision.objects.get(project=project)
    assert decision.outcome == CheckpointOutcome.ADMITTED and decision.decided_by == commissioner
    assert decision.lawful and decision.within_competence and decision.cost_plausible and decision.not_duplicate
    assert decision.responsible_body == body
    assert not WorkflowState.objects.filter(object_id=str(project.pk), status="in_progress").exists()

    result = roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk])
    assert result is not None and result.project_id == project.pk


def test_a_newcomer_joins_the_roulette_at_the_current_minimum(
    client, editor, commissioner, campaign, category, body
):
    others = [admitted_project(campaign, category=category) for _ in range(2)]
    RouletteSlot.objects.filter(project__in=others).update(impressions=7, draw_key=7.5)
    project = submit_project(client, editor, campaign, category)
    act(client, commissioner, project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    assert RouletteSlot.objects.get(project=project).impressions == 7


def test_approval_without_the_checklist_is_refused_with_form_errors(
    client, editor, commissioner, campaign, category
):
    project = submit_project(client, editor, campaign, category)
    response = act(client, commissioner, project, "approve", {"lawful": "on"})
    payload = json.loads(response.content)
    assert payload["step"] == "action"  # the modal comes back with the errors
    with translation.override("en"):
        response = act(client, commissioner, project, "approve", {"lawful": "on"})
    html = json.loads(response.content)["html"]
    from django.utils.html import escape

    with translation.override("ru"):  # the admin speaks the site's language (ru) to this user
        expected = [translation.gettext("Confirm that the project is within the akimat's competence, or reject it."),
                    translation.gettext("Choose the state body responsible for the project.")]
    assert all(escape(message) in html for message in expected), expected
    project = ProjectPage.objects.get(pk=project.pk)
    assert not project.live and project.stage == Stage.UNDER_REVIEW
    assert not CheckpointDecision.objects.exists()
    assert task_state_of(project).status == "in_progress"


def test_a_forged_request_cannot_skip_the_checklist(client, editor, commissioner, campaign, category):
    # The page editor's own "approve" path passes the modal's data as JSON, unchecked by Wagtail.
    project = submit_project(client, editor, campaign, category)
    task = task_state_of(project).task.specific
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        task.on_action(task_state_of(project), commissioner, "approve", lawful=True)
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW


def test_rejection_needs_a_public_reason_is_never_drawn_and_the_page_shows_it(
    client, editor, commissioner, campaign, category
):
    original = admitted_project(campaign, category=category, title="Скамейки у школы")
    project = submit_project(client, editor, campaign, category)

    response = act(client, commissioner, project, "reject", {"reason": "  ", "publish": "on"})
    assert json.loads(response.content)["step"] == "action"
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW

    reason = "Повторяет проект «Скамейки у школы»."
    response = act(client, commissioner, project, "reject",
                   {"reason": reason, "duplicate_of": original.pk, "publish": "on"})
    assert json.loads(response.content)["step"] == "success"
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.REJECTED and project.stage_reason == reason
    assert project.live  # published with its reason, so the rejection is public
    assert CheckpointDecision.objects.get(project=project).duplicate_of_id == original.pk
    # The workflow is over: a rejection is final.
    open_states = WorkflowState.objects.filter(object_id=str(project.pk), status__in=["in_progress", "needs_changes"])
    assert not open_states.exists()

    participant = new_participant()
    drawn = set()
    while (result := roulette.draw(participant_id=participant.pk, campaign_ids=[campaign.pk])) is not None:
        drawn.add(result.project_id)
    assert drawn == {original.pk}

    client.logout()
    html = client.get(project.url).content.decode()
    assert reason in html
    assert original.url in html  # the duplicate links its original
    assert "Всё в порядке" not in html


def test_rejection_of_spam_can_stay_unpublished(client, editor, commissioner, campaign, category):
    project = submit_project(client, editor, campaign, category)
    act(client, commissioner, project, "reject", {"reason": "Реклама, не проект."})
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.REJECTED and not project.live
    assert client.get(f"/ru/{campaign.slug}/{project.slug}/").status_code == 404


def test_request_changes_returns_the_project_and_resubmission_restarts_the_checkpoint(
    client, editor, commissioner, campaign, category, body
):
    project = submit_project(client, editor, campaign, category)
    act(client, commissioner, project, "request_changes", {"comment": "Уточните адреса."})
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.SUBMITTED
    state = WorkflowState.objects.get(object_id=str(project.pk))
    assert state.status == "needs_changes"
    state.resume(user=editor)
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW
    act(client, commissioner, project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.ADMITTED


def test_unpublished_admitted_project_is_never_drawn(campaign, category):
    project = admit(ProjectPageFactory(parent=campaign, category=category, live=False))
    assert project.stage == Stage.ADMITTED and not project.live
    assert roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk]) is None


def test_the_page_editor_path_carries_the_checklist_as_json(client, editor, commissioner, campaign, category, body):
    # From the page editor, Wagtail validates the modal, sends its cleaned data back as JSON, then posts it
    # with the edit form: the data must survive JSON, and the task must accept it.
    project = submit_project(client, editor, campaign, category)
    client.force_login(commissioner)
    url = reverse("wagtailadmin_pages:collect_workflow_action_data",
                  args=[project.pk, "approve", task_state_of(project).pk])
    payload = json.loads(client.post(url, {**CHECKLIST, "responsible_body": body.pk},
                                     HTTP_X_REQUESTED_WITH="XMLHttpRequest").content)
    assert payload["step"] == "success"
    data = json.loads(json.dumps(payload["cleaned_data"]))
    assert data["responsible_body"] == body.pk
    task_state_of(project).task.specific.on_action(task_state_of(project), commissioner, "approve", **data)
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live and project.stage == Stage.ADMITTED


def test_checkpoint_decisions_are_listed_read_only_for_the_commission(
    client, editor, commissioner, campaign, category, body
):
    project = submit_project(client, editor, campaign, category)
    act(client, commissioner, project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    response = client.get(reverse("opengov_checkpoint_decisions:index"))
    assert response.status_code == 200 and project.title in response.content.decode()
    decision = CheckpointDecision.objects.get()
    assert client.get(reverse("opengov_checkpoint_decisions:edit", args=[decision.pk])).status_code != 200
    client.force_login(editor)
    assert client.get(reverse("opengov_checkpoint_decisions:index")).status_code != 200


# -- "admitted" only through the checkpoint ----------------------------------------------------------------------
def edit_data(project, category, **changes):
    return nested_form_data({
        "title": project.title, "slug": project.slug, "summary": project.summary, "body": rich_text("<p>Описание</p>"),
        "category": category.pk, "area": "", "responsible_body": "", "estimated_cost": "1500000",
        "gallery_images": inline_formset([]), "stage": project.stage, "stage_reason": "",
        "initiator_kind": "state_body", "initiator_body": "", "initiator_contact_name": "",
        "initiator_contact": "", **changes,
    })


def test_a_commission_member_cannot_publish_a_project_as_admitted_by_hand(
    client, editor, commissioner, campaign, category
):
    project = submit_project(client, editor, campaign, category)
    client.force_login(commissioner)
    edit = reverse("wagtailadmin_pages:edit", args=[project.pk])
    with translation.override("en"):
        response = client.post(edit, edit_data(project, category, stage=Stage.ADMITTED, **{"action-publish": "1"}),
                               HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # the editor again, with the message on the stage field
    assert "Only the control checkpoint admits a project to voting" in response.content.decode()
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.UNDER_REVIEW and not project.live
    assert not CheckpointDecision.objects.exists()
    assert not RouletteSlot.objects.filter(eligible=True).exists()
    # Saving a draft at "admitted" is refused the same way; publishing at the current stage still works.
    response = client.post(edit, edit_data(project, category, stage=Stage.ADMITTED))
    assert response.status_code == 200 and ProjectPage.objects.get(pk=project.pk).latest_revision.as_object().stage \
        == Stage.UNDER_REVIEW
    assert client.post(edit, edit_data(project, category, **{"action-publish": "1"})).status_code == 302
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.live and project.stage == Stage.UNDER_REVIEW
    assert roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk]) is None


def test_every_path_into_admitted_needs_the_checkpoint_decision(campaign, category, locales):
    from django.core.exceptions import ValidationError

    project = ProjectPageFactory(parent=campaign, category=category)
    project.set_stage(Stage.UNDER_REVIEW)
    with pytest.raises(ValidationError):
        project.set_stage(Stage.ADMITTED)
    # An old revision carrying "admitted", published from the shell or a scheduled publish.
    revision = project.save_revision()
    revision.content["stage"] = Stage.ADMITTED
    revision.save(update_fields=["content"])
    with pytest.raises(ValidationError):
        revision.publish()
    with pytest.raises(ValidationError):
        ProjectPageFactory(parent=campaign, category=category, stage=Stage.ADMITTED)
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW
    assert not RouletteSlot.objects.filter(eligible=True).exists()

    # Through the checkpoint's function: admitted, in the deck, and its translations may follow.
    admit(project)
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.ADMITTED
    assert CheckpointDecision.objects.get().outcome == CheckpointOutcome.ADMITTED
    assert roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk]).project_id == project.pk
    campaign.copy_for_translation(locales["kk"], copy_parents=True).save_revision().publish()
    kk_project = project.copy_for_translation(locales["kk"])
    kk_project.save_revision().publish()
    assert ProjectPage.objects.get(pk=kk_project.pk).stage == Stage.ADMITTED


def test_an_admitted_project_without_a_decision_stays_out_of_the_roulette(campaign, category):
    # Stored before the rule existed, or written around the model: publishing it does not put it in the deck.
    project = ProjectPageFactory(parent=campaign, category=category)
    ProjectPage.objects.filter(pk=project.pk).update(stage=Stage.ADMITTED)
    project = ProjectPage.objects.get(pk=project.pk)
    project.save_revision().publish()
    assert not RouletteSlot.objects.filter(project_id=project.pk, eligible=True).exists()
    assert roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk]) is None


def test_a_copy_of_an_admitted_project_starts_again_at_submitted(campaign, category):
    from wagtail.actions.copy_page import CopyPageAction

    original = admitted_project(campaign, category=category, title="Оригинал")
    copy = CopyPageAction(original, update_attrs={"slug": "kopiya", "title": "Копия"}, keep_live=True).execute()
    copy = ProjectPage.objects.get(pk=copy.pk)
    assert copy.stage == Stage.SUBMITTED and copy.latest_revision.as_object().stage == Stage.SUBMITTED
    assert not RouletteSlot.objects.filter(project_id=copy.pk, eligible=True).exists()
    assert ProjectPage.objects.get(pk=original.pk).stage == Stage.ADMITTED
