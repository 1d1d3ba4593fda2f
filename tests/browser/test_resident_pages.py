"""Residents open a campaign and a project in Russian and Kazakh, on a phone, by keyboard, with and without
JavaScript; axe-core finds no serious or critical violations."""

import pytest

from wagtail_opengov.models import Stage

from ..factories import AreaFactory, CampaignPageFactory, CategoryFactory, ProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site_in_two_languages(home, locales):
    kk_home = home.copy_for_translation(locales["kk"])
    kk_home.save_revision().publish()
    built = {}
    for language, parent, names in (
        ("ru", home, {"roads": "Дороги", "parks": "Парки", "area": "Медеуский район", "title": "Бюджет участия",
                      "project": "Освещение двора"}),
        ("kk", kk_home, {"roads": "Жолдар", "parks": "Саябақтар", "area": "Медеу ауданы", "title": "Қатысу бюджеті",
                         "project": "Ауланы жарықтандыру"}),
    ):
        locale = locales[language]
        roads = CategoryFactory(name=names["roads"], slug="roads", locale=locale)
        parks = CategoryFactory(name=names["parks"], slug="parks", locale=locale)
        area = AreaFactory(name=names["area"], slug="medeu", locale=locale)
        campaign = CampaignPageFactory(parent=parent, title=names["title"], slug="budget")
        projects = []
        for i in range(14):
            project = ProjectPageFactory(
                parent=campaign, title=f"{names['project']} {i + 1}", category=roads if i % 2 else parks,
                area=area if i % 3 == 0 else None, estimated_cost=12_500_000 + i,
            )
            projects.append(project)
        projects[0].set_stage(Stage.UNDER_REVIEW)
        projects[0].set_stage(Stage.REJECTED, "Дубликат" if language == "ru" else "Қайталанған жоба")
        built[language] = {"campaign": campaign, "projects": projects}
    return built


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_campaign_and_project_pages_are_accessible(live_server, page, axe, site_in_two_languages, language):
    campaign = site_in_two_languages[language]["campaign"]
    page.goto(live_server.url + campaign.url)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".og-card").count() == 12
    serious, report = axe(page)
    assert not serious, report

    page.locator(".og-card__title a").first.click()
    page.wait_for_load_state()
    assert page.locator(".og-tracker").is_visible()
    serious, report = axe(page)
    assert not serious, report


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_filter_and_paginate_without_javascript(live_server, page_without_js, site_in_two_languages, language):
    page = page_without_js
    campaign = site_in_two_languages[language]["campaign"]
    page.goto(live_server.url + campaign.url)
    page.select_option("#id_category", "roads")
    page.locator(".og-filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "category=roads" in page.url
    assert page.locator(".og-card").count() == 7

    page.goto(live_server.url + campaign.url)
    first_page = page.locator(".og-card__title").all_inner_texts()
    page.locator("a[rel=next]").click()
    page.wait_for_load_state()
    second_page = page.locator(".og-card__title").all_inner_texts()
    assert len(first_page) == 12 and len(second_page) == 2
    assert not set(first_page) & set(second_page)


def test_keyboard_reaches_the_filters_and_a_project(live_server, page, site_in_two_languages):
    campaign = site_in_two_languages["ru"]["campaign"]
    page.goto(live_server.url + campaign.url)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "og-skip-link"
    page.keyboard.press("Enter")
    reached = []
    for _ in range(30):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if page.evaluate("document.activeElement.closest('.og-card') !== null"):
            break
    assert "id_category" in reached
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == title
    # Focus is visible: the focused link has an outline.
    page.go_back()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
