from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from wagtail_opengov.models import InvalidStageTransition, ProjectPage, Stage, check_transition

from .factories import ProjectPageFactory, admit

pytestmark = pytest.mark.django_db


def test_main_path_is_legal_and_every_change_is_dated_history(campaign):
    project = ProjectPageFactory(parent=campaign)
    start = timezone.now()
    path = [Stage.UNDER_REVIEW, Stage.ADMITTED, Stage.VOTING_CLOSED, Stage.APPROVED,
            Stage.IN_IMPLEMENTATION, Stage.IMPLEMENTED]
    for offset, stage in enumerate(path, start=1):
        if stage == Stage.ADMITTED:
            admit(project, at=start + timedelta(days=offset))
        else:
            project.set_stage(stage, at=start + timedelta(days=offset))
    project.refresh_from_db()
    assert project.stage == Stage.IMPLEMENTED
    history = list(project.stage_history())
    assert [h.to_stage for h in history] == [Stage.SUBMITTED] + path
    assert [h.changed_at.date() for h in history[1:]] == [
        (start + timedelta(days=i)).date() for i in range(1, len(path) + 1)
    ]


def test_illegal_transition_is_refused_with_a_clear_message_and_nothing_changes(campaign):
    project = ProjectPageFactory(parent=campaign)
    with pytest.raises(InvalidStageTransition) as excinfo, translation.override("en"):
        project.set_stage(Stage.APPROVED)
    message = excinfo.value.message_dict["stage"][0]
    assert "Submitted" in message and "Approved" in message and "Under review" in message
    project.refresh_from_db()
    assert project.stage == Stage.SUBMITTED
    assert project.stage_history().count() == 1


def test_any_save_path_refuses_an_illegal_transition(campaign):
    project = ProjectPageFactory(parent=campaign)
    project.stage = Stage.IMPLEMENTED
    with pytest.raises(ValidationError):
        project.save()
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_rejection_needs_a_public_reason_which_the_page_shows(campaign, client):
    project = ProjectPageFactory(parent=campaign)
    with pytest.raises(InvalidStageTransition) as excinfo:
        project.set_stage(Stage.REJECTED, "  ")
    assert "stage_reason" in excinfo.value.message_dict
    project.set_stage(Stage.REJECTED, "Не относится к компетенции акимата.")
    response = client.get(project.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Не относится к компетенции акимата." in html
    assert 'aria-current="step"' in html


def test_final_stages_have_no_way_out(campaign):
    with pytest.raises(InvalidStageTransition) as excinfo, translation.override("en"):
        check_transition(Stage.IMPLEMENTED, Stage.SUBMITTED)
    assert "final stage" in excinfo.value.message_dict["stage"][0]
    with pytest.raises(InvalidStageTransition) as excinfo, translation.override("kk"):
        check_transition(Stage.IMPLEMENTED, Stage.SUBMITTED)
    assert "Іске асырылды" in excinfo.value.message_dict["stage"][0]


def test_new_project_cannot_start_at_a_late_stage():
    with pytest.raises(InvalidStageTransition):
        check_transition(None, Stage.APPROVED)
    check_transition(None, Stage.SUBMITTED)


def test_stage_tracker_marks_done_current_and_todo(campaign):
    project = admit(ProjectPageFactory(parent=campaign))
    states = {step["stage"]: step["state"] for step in project.stage_tracker()}
    assert states[Stage.SUBMITTED] == "done"
    assert states[Stage.ADMITTED] == "current"
    assert states[Stage.IMPLEMENTED] == "todo"


def test_withdrawn_project_tracker_ends_with_withdrawal(campaign):
    project = ProjectPageFactory(parent=campaign)
    project.set_stage(Stage.UNDER_REVIEW)
    project.set_stage(Stage.WITHDRAWN, "Инициатор отозвал проект.")
    steps = project.stage_tracker()
    assert [s["stage"] for s in steps] == [Stage.SUBMITTED, Stage.UNDER_REVIEW, Stage.WITHDRAWN]
    assert steps[-1]["state"] == "current"


def test_set_stage_survives_a_later_publish_from_the_admin(campaign):
    project = ProjectPageFactory(parent=campaign)
    project.set_stage(Stage.UNDER_REVIEW)
    # An editor later publishes the latest revision (e.g. after fixing a typo).
    revision = ProjectPage.objects.get(pk=project.pk).latest_revision
    revision.publish()
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.UNDER_REVIEW


def test_translations_share_one_stage_and_history(campaign, locales):
    project = ProjectPageFactory(parent=campaign, title="Освещение")
    project.set_stage(Stage.UNDER_REVIEW)
    kk_campaign = campaign.copy_for_translation(locales["kk"], copy_parents=True)
    kk_campaign.save_revision().publish()
    kk_project = project.copy_for_translation(locales["kk"])
    kk_project.save_revision().publish()
    assert [c.to_stage for c in kk_project.stage_history()] == [Stage.SUBMITTED, Stage.UNDER_REVIEW]

    project.set_stage(Stage.REJECTED, "Дубликат проекта № 12")
    kk_project = ProjectPage.objects.get(pk=kk_project.pk)
    assert kk_project.stage == Stage.REJECTED
    assert kk_project.stage_history().last().reason == "Дубликат проекта № 12"
    assert kk_project.latest_revision.as_object().stage == Stage.REJECTED
