import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from wagtail_opengov.models import CampaignPage, Stage

from .factories import AreaFactory, CampaignPageFactory, CategoryFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

CARD_RE = re.compile(r'<h3 class="og-card__title"><a href="[^"]+">([^<]+)</a>')


def titles(response):
    return CARD_RE.findall(response.content.decode())


@pytest.fixture
def many_projects(campaign, category):
    return [ProjectPageFactory(parent=campaign, title=f"Проект {i:02d}", category=category) for i in range(30)]


def all_pages(client, url, **params):
    first = client.get(url, params)
    assert first.status_code == 200
    seen = titles(first)
    seed = client.cookies["opengov_order"].value
    page = 2
    while True:
        response = client.get(url, {**params, "page": page, "order": seed})
        if response.status_code == 404:
            break
        assert response.status_code == 200
        seen += titles(response)
        page += 1
    return seen


def test_listing_shows_every_project_exactly_once_across_pages(client, campaign, many_projects):
    seen = all_pages(client, campaign.url)
    assert sorted(seen) == sorted(p.title for p in many_projects)


def test_order_is_stable_for_one_visitor_and_differs_between_visitors(client, campaign, many_projects):
    from django.test import Client

    first_visit = titles(client.get(campaign.url))
    again = titles(client.get(campaign.url))
    assert first_visit == again  # same visitor (cookie), same order
    orders = {tuple(titles(Client().get(campaign.url))) for _ in range(6)}
    assert len(orders) > 1  # 6 new visitors do not all get one order
    alphabetical = sorted(p.title for p in many_projects)[:12]
    assert first_visit != alphabetical


def test_order_survives_without_cookies_through_the_links(client, campaign, many_projects):
    response = client.get(campaign.url)
    html = response.content.decode()
    seed = client.cookies["opengov_order"].value
    assert f"order={seed}" in html  # pagination links carry the visitor's order


def test_filters_by_category_area_and_stage(client, campaign):
    roads, parks = CategoryFactory(slug="roads"), CategoryFactory(slug="parks")
    north = AreaFactory(slug="north")
    a = ProjectPageFactory(parent=campaign, title="Дорога А", category=roads, area=north)
    ProjectPageFactory(parent=campaign, title="Парк Б", category=parks)
    c = ProjectPageFactory(parent=campaign, title="Дорога В", category=roads)
    c.set_stage(Stage.UNDER_REVIEW)
    assert sorted(titles(client.get(campaign.url, {"category": "roads"}))) == ["Дорога А", "Дорога В"]
    assert titles(client.get(campaign.url, {"area": "north"})) == [a.title]
    assert titles(client.get(campaign.url, {"stage": "under_review"})) == [c.title]


def test_unknown_filter_value_gets_a_clear_message_and_a_400(client, campaign, many_projects):
    response = client.get(campaign.url, {"category": "no-such-thing"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "no-such-thing" in html and 'role="alert"' in html
    assert len(titles(response)) == 12  # still shows the (unfiltered) list


def test_unknown_filter_value_message_is_translated(client, campaign):
    response = client.get(campaign.url, {"stage": "bogus"}, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert "bogus" in response.content.decode()
    assert "is not a known choice" not in response.content.decode()


def test_malformed_page_number_is_a_400_and_too_far_is_a_404(client, campaign, many_projects):
    response = client.get(campaign.url, {"page": "abc"})
    assert response.status_code == 400
    assert len(titles(response)) == 12
    assert client.get(campaign.url, {"page": "99"}).status_code == 404


def test_drafts_are_not_listed(client, campaign, category):
    ProjectPageFactory(parent=campaign, title="Опубликован", category=category)
    ProjectPageFactory(parent=campaign, title="Черновик", category=category, live=False)
    assert titles(client.get(campaign.url)) == ["Опубликован"]


def test_initiator_contact_is_never_rendered(client, campaign, category):
    project = ProjectPageFactory(
        parent=campaign, category=category, initiator_contact_name="Айгерим Сапарова",
        initiator_contact="+7 701 555 12 34",
    )
    for url in (campaign.url, project.url):
        html = client.get(url).content.decode()
        assert "+7 701 555 12 34" not in html and "Айгерим Сапарова" not in html


@override_settings(OPENGOV={"PROJECTS_PER_PAGE": 5})
def test_page_size_setting_is_honoured(client, campaign, many_projects):
    assert len(titles(client.get(campaign.url))) == 5


def _campaign(**dates):
    return CampaignPage(title="x", slug="x", **dates)


def test_campaign_dates_are_validated():
    now = timezone.now()
    day = timedelta(days=1)
    cases = [
        ({"submission_start": now, "submission_end": now - day}, "submission_end"),
        ({"voting_start": now, "voting_end": now - day}, "voting_end"),
        ({"submission_start": now, "submission_end": now + day, "voting_start": now - day,
          "voting_end": now + 9 * day}, "voting_start"),
        ({"voting_start": now}, "voting_end"),
    ]
    for dates, field in cases:
        with pytest.raises(ValidationError) as excinfo:
            _campaign(**dates).clean()
        assert field in excinfo.value.message_dict, dates


def test_voting_window_state():
    now = timezone.now()
    open_campaign = _campaign(voting_start=now - timedelta(hours=1), voting_end=now + timedelta(hours=1))
    closed = _campaign(voting_start=now - timedelta(days=2), voting_end=now - timedelta(days=1))
    assert open_campaign.voting_open and not open_campaign.voting_closed
    assert closed.voting_closed and not closed.voting_open and closed.tallies_public
    assert not open_campaign.tallies_public


def test_campaign_and_project_pages_render_in_kazakh(client, home, locales, category):
    kk_home = home.copy_for_translation(locales["kk"])
    kk_home.save_revision().publish()
    campaign = CampaignPageFactory(parent=kk_home, title="Қатысу бюджеті", slug="budget")
    ProjectPageFactory(parent=campaign, title="Аула абаттандыру", category=category)
    response = client.get(campaign.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="kk">' in html
    assert "Аула абаттандыру" in html


def test_the_language_switcher_keeps_the_visitor_on_the_same_sub_page(client, home, locales):
    ru = CampaignPageFactory(parent=home, title="Бюджет участия", slug="budget")
    home.copy_for_translation(locales["kk"]).save_revision().publish()
    kk = ru.copy_for_translation(locales["kk"])
    kk.save_revision().publish()
    for route in ("objections/", "results/", "roulette/", "submit/"):
        html = client.get(ru.url + route).content.decode()
        assert f'href="{kk.url}{route}" lang="kk"' in html, route
    # On the campaign's own page, the switcher points at the translations' own pages.
    assert f'href="{kk.url}" lang="kk"' in client.get(ru.url).content.decode()
