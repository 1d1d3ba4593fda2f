"""The whole road of a resident's project, across the parts that different modules build: submitted through the
public form → the campaign's checkpoint workflow → admitted by the commission → drawn by the Roulette and voted
on; or rejected → never drawn, with its public reason on the tracking link."""

import json
import re
import time

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import TaskState

from wagtail_opengov import roles
from wagtail_opengov.models import Objection, ProjectPage, RouletteSlot, Stage
from wagtail_opengov.submissions.forms import STARTED_SALT

from .factories import StateBodyFactory

pytestmark = pytest.mark.django_db
API = "/opengov/api/v1"
CHECKLIST = {"lawful": "on", "within_competence": "on", "cost_plausible": "on", "not_duplicate": "on"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def commissioner(campaign, django_user_model):
    roles.setup()
    user = django_user_model.objects.create_user("commissioner", "c@example.kz", "pw")
    user.groups.add(Group.objects.get(name=roles.COMMISSION))
    return user


def resident_submits(campaign, title):
    resident = Client()
    response = resident.post(campaign.submit_url, {
        "title": title, "summary": "Шесть фонарей во дворе, где вечером темно.", "category": "roads", "area": "",
        "estimated_cost": "1500000", "contact_name": "Айгуль", "contact": "aigul@example.kz", "website": "",
        "started": signing.dumps(time.time() - 30, salt=STARTED_SALT),
    })
    assert response.status_code == 303, response.content[:1000]
    tracking = re.match(r"^(/opengov/track/[^/]+/)", response["Location"]).group(1)
    return resident, tracking, ProjectPage.objects.get(title=title)


def decide(commissioner, project, action, data):
    staff = Client()
    staff.force_login(commissioner)
    task_state = TaskState.objects.get(workflow_state__object_id=str(project.pk), status="in_progress")
    url = reverse("wagtailadmin_pages:workflow_action", args=[project.pk, action, task_state.pk])
    response = staff.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200 and json.loads(response.content)["step"] == "success", response.content
    return ProjectPage.objects.get(pk=project.pk)


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0})
def test_a_residents_project_is_admitted_by_the_checkpoint_then_drawn_and_voted_on(campaign, category, commissioner):
    resident, tracking, project = resident_submits(campaign, "Освещение двора на Абая 10")
    assert not project.live and project.stage == Stage.UNDER_REVIEW  # the checkpoint started on its own
    assert post_json(Client(), "/roulette/draw", {"campaign": campaign.pk}).status_code == 204

    body = StateBodyFactory(name="Управление энергетики", slug="energy")
    project = decide(commissioner, project, "approve", {**CHECKLIST, "responsible_body": body.pk})
    assert project.live and project.stage == Stage.ADMITTED and project.responsible_body == body
    assert RouletteSlot.objects.get(project=project).eligible

    voter = Client()
    card = post_json(voter, "/roulette/draw", {"campaign": campaign.pk}).json()
    assert card["project"]["id"] == project.pk and card["project"]["title"] == "Освещение двора на Абая 10"
    vote = post_json(voter, "/votes", {"ticket": card["ticket"], "choice": "against", "reason": "Лучше у школы"})
    assert vote.status_code == 201
    # The AGAINST reason reaches the monitoring group as an objection on this project.
    objection = Objection.objects.get()
    assert objection.project_id == project.pk and "Лучше у школы" in objection.text

    page = resident.get(tracking)
    assert page.status_code == 200
    assert str(Stage.ADMITTED.label) in page.content.decode()


def test_a_rejected_project_is_never_drawn_and_its_reason_is_public(campaign, category, commissioner):
    resident, tracking, project = resident_submits(campaign, "Фонтан из золота")
    reason = "Стоимость в сто раз выше бюджета кампании."
    project = decide(commissioner, project, "reject", {"reason": reason, "publish": "on"})
    assert project.stage == Stage.REJECTED
    assert post_json(Client(), "/roulette/draw", {"campaign": campaign.pk}).status_code == 204
    assert reason in resident.get(tracking).content.decode()
    assert reason in Client().get(project.url).content.decode()


def post_json(client, path, data):
    return client.post(API + path, json.dumps(data), content_type="application/json")
