"""The Roulette's fairness figures: open waits count, and each category's filtered deck has its own figures."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from wagtail_opengov import roulette
from wagtail_opengov.models import Impression, ProjectPage, ProjectStageChange, RouletteSlot
from wagtail_opengov.roulette import stats

from .factories import CategoryFactory, admitted_project, new_participant

pytestmark = pytest.mark.django_db


def test_a_gap_still_open_counts_as_a_wait():
    # B was shown once, at the start, and never again: it has waited 5 draws, not 0.
    assert stats.longest_wait(["B", "A", "A", "A", "A"]) == 1  # closed gaps only
    assert stats.longest_wait(["B", "A", "A", "A", "A"], {"A": 0, "B": 0}) == 5
    # C joined before the first draw and was never shown: it has waited for every draw, and the next.
    assert stats.longest_wait(["A", "B", "A"], {"A": 0, "B": 0, "C": 0}) == 4
    # D joined after the first two draws: it waits from then on.
    assert stats.longest_wait(["A", "B", "A"], {"A": 0, "B": 0, "D": 2}) == 2
    assert stats.longest_wait([], {"A": 0}) == 1


def show(participant, project, campaign, at, filtered=False):
    Impression.objects.create(participant=participant, project_id=project.pk, campaign_id=campaign.pk,
                              created_at=at, filtered=filtered)


def admitted_an_hour_ago(campaign, category, start):
    project = admitted_project(campaign, category=category)
    ProjectStageChange.objects.filter(project_id=project.pk).update(changed_at=start - timedelta(minutes=1))
    ProjectPage.objects.filter(pk=project.pk).update(first_published_at=start - timedelta(minutes=1))
    return project


def test_longest_wait_counts_the_wait_since_the_last_impression(campaign):
    category = CategoryFactory()
    start = timezone.now() - timedelta(hours=1)
    a, b, c = (admitted_an_hour_ago(campaign, category, start) for _ in range(3))
    participant = new_participant()
    for i, project in enumerate([a, b, c, a, b, a, b, a, b, a]):  # c shown once, at draw 2 of 10
        show(participant, project, campaign, start + timedelta(minutes=i))
    report = stats.fairness_report(campaign.pk)
    # 8 draws without c so far (closed gaps alone said 3: c's wait was 0).
    assert report["all"]["longest_wait"] == 8 and report["unfiltered"]["longest_wait"] == 8
    assert report["all"]["longest_wait_per_project"] == 8 / 3


def test_a_project_never_shown_waits_from_its_admission(campaign):
    category = CategoryFactory()
    start = timezone.now() - timedelta(hours=1)
    a, b = (admitted_an_hour_ago(campaign, category, start) for _ in range(2))
    participant = new_participant()
    for i in range(10):
        show(participant, [a, b][i % 2], campaign, start + timedelta(minutes=i))
    newcomer = admitted_project(campaign, category=category)  # joins now, after those 10 draws
    never = admitted_an_hour_ago(campaign, category, start)  # in the deck all along, never shown
    for i in range(2):
        show(participant, [a, b][i % 2], campaign, timezone.now() + timedelta(minutes=1 + i))
    report = stats.fairness_report(campaign.pk)
    assert report["all"]["longest_wait"] == 13  # the one never shown: every draw, and the next
    never.unpublish()  # out of the deck: no longer waiting
    report = stats.fairness_report(campaign.pk)
    # The newcomer has waited the 2 draws since it joined (and the next), not all 12.
    assert report["all"]["longest_wait"] == 3
    assert RouletteSlot.objects.get(project_id=newcomer.pk).eligible


def test_each_categorys_filtered_deck_has_its_own_figures(campaign, client, django_user_model):
    roads, parks = CategoryFactory(slug="roads", name="Дороги"), CategoryFactory(slug="parks", name="Парки")
    road_projects = [admitted_project(campaign, category=roads) for _ in range(3)]
    park_projects = [admitted_project(campaign, category=parks) for _ in range(2)]
    participant = new_participant()
    for i in range(9):  # three rounds of the road deck
        roulette.draw(participant_id=participant.pk, campaign_ids=[campaign.pk],
                      category_keys=[roads.translation_key], session=f"r{i}")
    for i in range(5):
        roulette.draw(participant_id=participant.pk, campaign_ids=[campaign.pk], session=f"u{i}")
    report = stats.fairness_report(campaign.pk)
    road = report["filtered"][roads.translation_key]
    assert (road["projects"], road["draws"], road["min"], road["max"]) == (3, 9, 3, 3)
    assert road["ratio"] == 1.0 and road["gini"] == 0.0
    assert road["longest_wait"] <= 2 * 3 and road["longest_wait_per_project"] == road["longest_wait"] / 3
    park = report["filtered"][parks.translation_key]
    # Nobody filtered on parks: no draws, and both parks have waited since they joined (one draw: the next).
    assert (park["projects"], park["draws"], park["min"], park["max"], park["ratio"]) == (2, 0, 0, 0, None)
    assert report["unfiltered"]["draws"] == 5 and report["all"]["draws"] == 14

    staff = django_user_model.objects.create_superuser("staff", "s@example.kz", "pw")
    client.force_login(staff)
    body = client.get(f"/opengov/api/v1/campaigns/{campaign.pk}/fairness").json()
    assert {"per_project", "all", "unfiltered"} <= set(body)  # the existing fields stay
    filtered = {row["category"]["slug"]: row for row in body["filtered"]}
    assert filtered["roads"]["category"] == {"slug": "roads", "name": "Дороги"}
    assert filtered["roads"]["draws"] == 9 and filtered["roads"]["projects"] == 3
    assert filtered["parks"]["draws"] == 0

    html = client.get(reverse("wagtail_opengov_fairness", args=[campaign.pk]), HTTP_ACCEPT_LANGUAGE="en")
    text = html.content.decode()
    assert "Filtered draws, by category" in text
    assert "<h3>Дороги</h3>" in text and "<h3>Парки</h3>" in text
    assert len(RouletteSlot.objects.filter(campaign=campaign)) == len(road_projects) + len(park_projects)


def test_the_admin_report_of_an_id_no_page_can_have_is_a_404(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("staff", "s@example.kz", "pw"))
    # Not found (which LocaleMiddleware may turn into a redirect to the prefixed URL), never SQLite's OverflowError.
    assert client.get(reverse("wagtail_opengov_fairness", args=[10**30])).status_code in (302, 404)
    assert client.get(reverse("wagtail_opengov_fairness", args=[10**30]), follow=True).status_code == 404
