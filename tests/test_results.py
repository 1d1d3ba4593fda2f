"""After the vote: closing voting, the public results page, the commission's decisions, implementation stages."""

from datetime import timedelta

import pytest
from django.utils import translation
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone, translation

from wagtail_opengov import roles, roulette
from wagtail_opengov.models import CampaignPage, ProjectDecision, ProjectPage, RouletteSlot, Stage

from .factories import admitted_project, new_participant

pytestmark = pytest.mark.django_db


def end_voting(campaign):
    now = timezone.now()
    CampaignPage.objects.filter(pk=campaign.pk).update(
        voting_start=now - timedelta(days=15), voting_end=now - timedelta(hours=1)
    )
    return CampaignPage.objects.get(pk=campaign.pk)


def tally(project, votes_for, votes_against):
    RouletteSlot.objects.filter(project=project).update(votes_for=votes_for, votes_against=votes_against)


@pytest.fixture
def voted(campaign, category):
    """Three admitted projects with their tallies."""
    projects = {
        "lights": admitted_project(campaign, category=category, title="Освещение двора"),
        "benches": admitted_project(campaign, category=category, title="Скамейки"),
        "fence": admitted_project(campaign, category=category, title="Забор"),
    }
    tally(projects["lights"], 120, 20)  # net 100
    tally(projects["benches"], 60, 70)  # net -10
    tally(projects["fence"], 40, 5)  # net 35
    return projects


@pytest.fixture
def commission(client, django_user_model, campaign):
    roles.setup()
    user = django_user_model.objects.create_user("commissioner", "c@example.kz", "pw")
    user.groups.add(Group.objects.get(name=roles.COMMISSION))
    client.force_login(user)
    return user


def results_html(client, campaign):
    response = client.get(campaign.url + "results/")
    assert response.status_code == 200
    return response.content.decode()


def test_results_wait_for_the_end_of_voting_and_say_when(client, campaign, voted):
    html = results_html(client, campaign)
    assert 'id="og-results-pending"' in html
    assert "Освещение двора" not in html and ">120<" not in html
    # The campaign page links to it.
    assert campaign.url + "results/" in client.get(campaign.url).content.decode()


def test_results_list_every_voted_project_with_for_against_and_net_best_first(client, campaign, voted, category):
    draft = ProjectPage.objects.get(pk=voted["fence"].pk)
    rejected = admitted_project(campaign, category=category, title="Отклонённый")
    rejected.set_stage(Stage.REJECTED, "Ошибка проверки")
    campaign = end_voting(campaign)
    with translation.override("en"):
        html = results_html(client, campaign)
    assert "og-results-pending" not in html
    order = [html.index(title) for title in ("Освещение двора", "Забор", "Скамейки")]
    assert order == sorted(order)
    assert '<td class="og-results__for">120</td>' in html
    assert '<td class="og-results__against">70</td>' in html
    assert '<td class="og-results__net">-10</td>' in html
    assert "Отклонённый" not in html
    assert draft.title in html


def test_live_tallies_campaign_shows_provisional_results(client, campaign, voted):
    CampaignPage.objects.filter(pk=campaign.pk).update(show_live_tallies=True)
    with translation.override("en"):
        html = results_html(client, CampaignPage.objects.get(pk=campaign.pk))
    with translation.override("ru"):
        provisional = translation.gettext("Voting is still open: these figures are provisional.")
    assert provisional in html and '<td class="og-results__for">120</td>' in html


def test_close_voting_command_is_idempotent_and_takes_projects_out_of_the_roulette(campaign, voted):
    with pytest.raises(CommandError):
        call_command("opengov_close_voting", campaign=campaign.pk)
    assert ProjectPage.objects.get(pk=voted["lights"].pk).stage == Stage.ADMITTED

    end_voting(campaign)
    call_command("opengov_close_voting")
    call_command("opengov_close_voting")
    for project in voted.values():
        project = ProjectPage.objects.get(pk=project.pk)
        assert project.stage == Stage.VOTING_CLOSED
        assert [c.to_stage for c in project.stage_history()][-1] == Stage.VOTING_CLOSED
        assert project.stage_history().filter(to_stage=Stage.VOTING_CLOSED).count() == 1
    assert roulette.draw(participant_id=new_participant().pk, campaign_ids=[campaign.pk]) is None


def test_commission_closes_voting_from_the_admin(client, commission, campaign, voted):
    url = reverse("wagtail_opengov_results_close", args=[campaign.pk])
    client.post(url)
    assert ProjectPage.objects.get(pk=voted["lights"].pk).stage == Stage.ADMITTED  # voting still open
    end_voting(campaign)
    response = client.post(url)
    assert response.status_code == 302
    assert ProjectPage.objects.get(pk=voted["lights"].pk).stage == Stage.VOTING_CLOSED


def test_decision_is_recorded_with_its_reason_and_shown_publicly(client, commission, campaign, voted):
    campaign = end_voting(campaign)
    call_command("opengov_close_voting")
    lights, benches = voted["lights"], voted["benches"]
    admin_list = client.get(reverse("wagtail_opengov_results", args=[campaign.pk])).content.decode()
    assert reverse("wagtail_opengov_results_decide", args=[lights.pk]) in admin_list

    decide = reverse("wagtail_opengov_results_decide", args=[lights.pk])
    response = client.post(decide, {"outcome": "approved", "reason": "   "})
    assert response.status_code == 400
    assert not ProjectDecision.objects.exists()
    assert ProjectPage.objects.get(pk=lights.pk).stage == Stage.VOTING_CLOSED

    reason = "Большинство «за», бюджет позволяет."
    response = client.post(decide, {"outcome": "approved", "reason": reason + "<script>alert(1)</script>"})
    assert response.status_code == 302
    decision = ProjectDecision.objects.get(project=lights)
    assert decision.decided_by == commission and decision.reason == reason + "alert(1)"
    assert ProjectPage.objects.get(pk=lights.pk).stage == Stage.APPROVED

    client.post(reverse("wagtail_opengov_results_decide", args=[benches.pk]),
                {"outcome": "not_approved", "reason": "Больше голосов «против»."})
    assert ProjectPage.objects.get(pk=benches.pk).stage == Stage.NOT_APPROVED

    # A second decision on the same project is refused.
    response = client.post(decide, {"outcome": "not_approved", "reason": "Передумали"})
    assert response.status_code == 400
    assert ProjectDecision.objects.filter(project=lights).count() == 1

    client.logout()
    html = results_html(client, campaign)
    assert reason + "alert(1)" in html and "<script>alert(1)" not in html
    assert "Больше голосов «против»." in html
    page_html = client.get(ProjectPage.objects.get(pk=lights.pk).url).content.decode()
    assert 'id="og-decision-heading"' in page_html and reason in page_html


def test_implementation_stages_are_dated_on_the_project_page(client, commission, campaign, voted):
    end_voting(campaign)
    call_command("opengov_close_voting")
    lights = voted["lights"]
    ProjectDecision.record(lights, "approved", "Одобрено", user=commission)
    advance = reverse("wagtail_opengov_results_advance", args=[lights.pk])
    started = timezone.localdate() - timedelta(days=3)
    response = client.post(advance, {"note": "Подрядчик: ТОО «Свет»", "date": started.isoformat()})
    assert response.status_code == 302
    response = client.post(advance, {"note": "Установлено 12 фонарей", "date": ""})
    assert response.status_code == 302
    project = ProjectPage.objects.get(pk=lights.pk)
    assert project.stage == Stage.IMPLEMENTED
    history = {c.to_stage: c for c in project.stage_history()}
    assert timezone.localtime(history[Stage.IN_IMPLEMENTATION].changed_at).date() == started
    assert timezone.localtime(history[Stage.IMPLEMENTED].changed_at).date() == timezone.localdate()

    # Nothing further: implemented is final.
    assert client.post(advance, {"note": "", "date": ""}).status_code == 400
    client.logout()
    html = client.get(project.url).content.decode()
    assert "Подрядчик: ТОО «Свет»" in html and "Установлено 12 фонарей" in html
    # The back-dated step carries its own date in the tracker and the history.
    assert html.count(f'datetime="{started.isoformat()}T12:00:00') == 2


def test_a_future_implementation_date_is_refused(client, commission, campaign, voted):
    end_voting(campaign)
    call_command("opengov_close_voting")
    ProjectDecision.record(voted["fence"], "approved", "Одобрено")
    advance = reverse("wagtail_opengov_results_advance", args=[voted["fence"].pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(advance, {"note": "Скоро", "date": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "Скоро" in response.content.decode()
    assert ProjectPage.objects.get(pk=voted["fence"].pk).stage == Stage.APPROVED


def test_each_language_shows_the_same_results_and_decision(client, commission, campaign, voted, locales):
    lights = voted["lights"]
    kk_campaign = campaign.copy_for_translation(locales["kk"], copy_parents=True)
    kk_campaign.save_revision().publish()
    kk_lights = lights.copy_for_translation(locales["kk"])
    kk_lights.title = "Аула жарығы"
    kk_lights.save_revision().publish()
    end_voting(campaign)
    CampaignPage.objects.filter(pk=kk_campaign.pk).update(
        voting_start=timezone.now() - timedelta(days=15), voting_end=timezone.now() - timedelta(hours=1)
    )
    call_command("opengov_close_voting")
    ProjectDecision.record(kk_lights, "approved", "Жеңімпаздардың бірі")
    assert ProjectPage.objects.get(pk=kk_lights.pk).stage == Stage.APPROVED
    client.logout()
    html = results_html(client, CampaignPage.objects.get(pk=kk_campaign.pk))
    assert "Аула жарығы" in html and '<td class="og-results__for">120</td>' in html
    assert "Жеңімпаздардың бірі" in html
    assert "Жеңімпаздардың бірі" in client.get(ProjectPage.objects.get(pk=lights.pk).url).content.decode()
