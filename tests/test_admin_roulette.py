
import pytest
from django.test import override_settings
from django.urls import reverse

from wagtail_opengov import voting
from wagtail_opengov.models import RouletteSlot, Vote, VoteStatus

from .factories import CategoryFactory, admitted_project, new_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editor", "e@example.kz", "pw"))
    return client


@pytest.fixture
def voted(campaign):
    category = CategoryFactory()
    projects = [admitted_project(campaign, category=category, title=f"Сквер {i}") for i in range(3)]
    participant = new_participant()
    with override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0}):
        card = voting.draw_card(participant=participant, campaigns=[campaign])
        vote = voting.cast_vote(participant=participant, ticket=card.ticket, choice="for")
    return {"projects": projects, "vote": vote}


def test_fairness_report_shows_figures_and_a_bar_per_project(editor, campaign, voted):
    index = editor.get(reverse("wagtail_opengov_fairness_index"))
    assert index.status_code == 200 and campaign.title in index.content.decode()
    report = editor.get(reverse("wagtail_opengov_fairness", args=[campaign.pk]))
    html = report.content.decode()
    assert report.status_code == 200
    assert html.count('class="og-fair-bar"') == 3
    assert "R = max / min" in html and "Сквер 0" in html


def test_fairness_is_staff_only(client, campaign, django_user_model):
    client.force_login(django_user_model.objects.create_user("resident"))
    assert client.get(reverse("wagtail_opengov_fairness", args=[campaign.pk])).status_code in (302, 403)
    api = client.get(f"/opengov/api/v1/campaigns/{campaign.pk}/fairness")
    assert api.status_code == 403 and api.json()["error"] == "staff_only"


def test_fairness_for_the_campaign_roles_without_is_staff(client, campaign, voted):
    from wagtail_opengov import roles

    from .factories import role_member

    client.force_login(role_member("commission", roles.COMMISSION))
    assert client.get(reverse("wagtail_opengov_fairness", args=[campaign.pk])).status_code == 200
    assert client.get(f"/opengov/api/v1/campaigns/{campaign.pk}/fairness").status_code == 200
    assert reverse("wagtail_opengov_fairness_index") in client.get("/admin/").content.decode()


def test_fairness_api_for_staff(editor, campaign, voted):
    body = editor.get(f"/opengov/api/v1/campaigns/{campaign.pk}/fairness").json()
    assert body["all"]["projects"] == 3 and body["all"]["draws"] == 1
    assert len(body["per_project"]) == 3


def test_moderator_quarantines_and_releases_a_vote_and_the_tally_follows(editor, voted):
    vote = voted["vote"]
    url = reverse("opengov_votes:edit", args=[vote.pk])
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"status": VoteStatus.QUARANTINED, "status_note": "Подозрительная серия"})
    assert response.status_code == 302
    assert RouletteSlot.objects.get(project_id=vote.project_id).votes_for == 0
    editor.post(url, {"status": VoteStatus.COUNTED, "status_note": "Проверено"})
    assert RouletteSlot.objects.get(project_id=vote.project_id).votes_for == 1
    assert Vote.objects.count() == 1


def test_votes_cannot_be_added_or_deleted_in_the_admin(editor, voted):
    vote = voted["vote"]
    assert editor.get(reverse("opengov_votes:index")).status_code == 200
    assert editor.get(reverse("opengov_votes:delete", args=[vote.pk])).status_code in (302, 403)
    editor.post(reverse("opengov_votes:delete", args=[vote.pk]))
    assert Vote.objects.filter(pk=vote.pk).exists()
    assert editor.get(reverse("opengov_votes:add")).status_code in (302, 403)
