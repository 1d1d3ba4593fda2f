"""Residents use the Roulette in a real browser: vote FOR, vote AGAINST with a reason, filter by category, by
keyboard only, and without JavaScript; in Russian and Kazakh; axe-core finds no serious or critical issue."""

import pytest

from sandbox.home.models import HomePage
from wagtail_opengov.models import RouletteSlot, Vote

from ..factories import CampaignPageFactory, CategoryFactory, admitted_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = {
    "ru": {"roads": "Дороги", "parks": "Парки", "campaign": "Бюджет участия", "project": "Ремонт тротуара",
           "for": "ЗА", "against": "ПРОТИВ", "show": "Показать проект"},
    "kk": {"roads": "Жолдар", "parks": "Саябақтар", "campaign": "Қатысу бюджеті", "project": "Тротуарды жөндеу",
           "for": "ЖАҚТАЙМЫН", "against": "ҚАРСЫМЫН", "show": "Жобаны көрсету"},
}


@pytest.fixture
def roulette_site(home, locales):
    """A home page per language with a Roulette block, over a campaign with projects in two categories."""
    sites = {}
    kk_root = home.copy_for_translation(locales["kk"])
    kk_root.save_revision().publish()
    for language, parent in (("ru", home), ("kk", kk_root)):
        names = NAMES[language]
        locale = locales[language]
        roads = CategoryFactory(name=names["roads"], slug="roads", locale=locale)
        parks = CategoryFactory(name=names["parks"], slug="parks", locale=locale)
        campaign = CampaignPageFactory(parent=parent, title=names["campaign"], slug="budget")
        projects = [admitted_project(campaign, title=f"{names['project']} {i}", category=roads if i % 2 else parks)
                    for i in range(6)]
        page = HomePage(title="OpenGov", slug="opengov")
        page.body = [{"type": "roulette", "value": {"campaign": campaign.pk, "heading": names["campaign"],
                                                     "intro": "", "categories": [roads.pk, parks.pk]}}]
        parent.add_child(instance=page)
        page.save_revision().publish()
        sites[language] = {"page": page, "campaign": campaign, "projects": projects, "roads": roads}
    return sites


def card_title(page):
    title = page.locator(".og-roulette-card__title")
    title.wait_for()
    # The "spin" has finished (colours are only measurable once the card is fully opaque).
    page.wait_for_selector(".og-roulette__stage--spinning", state="detached")
    return title.inner_text()


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_vote_for_then_against_with_a_reason(live_server, page, axe, roulette_site, language):
    site = roulette_site[language]
    page.goto(live_server.url + site["page"].url)
    first = card_title(page)  # drawn when the block came into view
    assert page.locator("html").get_attribute("lang") == language
    serious, report = axe(page)
    assert not serious, report
    page.wait_for_timeout(1100)  # a person reads the card; the server refuses votes faster than 1 s
    page.locator(".og-button--for").click()
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {first!r}")
    second = card_title(page)
    assert page.locator("[data-og-live]").inner_text() != ""
    page.locator(".og-roulette-card textarea").fill("Слишком дорого <img src=x onerror=alert(1)>")
    page.wait_for_timeout(1100)
    page.locator(".og-button--against").click()
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {second!r}")
    votes = {v.project.title: (v.choice, v.reason) for v in Vote.objects.select_related("project")}
    assert votes[first][0] == "for"
    assert votes[second][0] == "against" and "Слишком дорого" in votes[second][1] and "<img" not in votes[second][1]
    assert sum(RouletteSlot.objects.values_list("votes_for", flat=True)) == 1


def test_filter_by_category_draws_only_that_category(live_server, page, roulette_site):
    site = roulette_site["ru"]
    page.goto(live_server.url + site["page"].url)
    card_title(page)
    page.locator("input[name=category][value=roads]").check()
    page.locator("[data-og-spin]").click()
    road_titles = {p.title for p in site["projects"] if p.category_id == site["roads"].pk}
    seen = []
    for _ in range(4):
        page.wait_for_selector(".og-roulette-card__title, .og-empty")
        page.wait_for_selector(".og-roulette__stage--spinning", state="detached")
        if page.locator(".og-empty").count():
            break
        seen.append(card_title(page))
        page.locator("[data-og-skip]").click()
        page.wait_for_function(
            "(t) => { const e = document.querySelector('.og-roulette-card__title');"
            " return !e || e.textContent !== t; }", arg=seen[-1])
    # Every card after filtering is a road project; the three roads run out (one may have been seen before).
    assert len(seen) >= 2 and set(seen) <= road_titles
    assert page.locator(".og-empty").count() == 1


def test_keyboard_only(live_server, page, roulette_site):
    site = roulette_site["ru"]
    page.goto(live_server.url + site["page"].url)
    first = card_title(page)
    # Tab through to the FOR button and press it, without the mouse.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('og-button--for')"):
            break
    else:
        pytest.fail("FOR button not reachable by keyboard")
    page.wait_for_timeout(1100)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {first!r}")
    # Focus moved to the new card's title, so a keyboard or screen-reader user continues from there.
    assert page.evaluate("document.activeElement.classList.contains('og-roulette-card__title')")
    assert Vote.objects.filter(choice="for").count() == 1


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_without_javascript(live_server, page_without_js, page, axe, roulette_site, language):
    checker, page = page, page_without_js
    site = roulette_site[language]
    page.goto(live_server.url + site["page"].url)
    assert Vote.objects.count() == 0 and sum(RouletteSlot.objects.values_list("impressions", flat=True)) == 0
    page.locator("[data-og-spin]").click()  # leads to the full-page Roulette
    page.wait_for_load_state()
    page.locator(".og-roulette__spin button").click()
    page.wait_for_load_state()
    title = page.locator(".og-roulette-card__title").inner_text()
    assert page.locator("html").get_attribute("lang") == language
    # axe needs JavaScript: check the very HTML this no-JS visitor got, in a second, JS-enabled tab.
    checker.set_content(page.content().replace("<head>", f'<head><base href="{live_server.url}/">', 1))
    checker.wait_for_load_state()
    serious, report = axe(checker)  # the full-page Roulette with its plain forms
    assert not serious, report
    page.wait_for_timeout(1100)
    page.locator("input[name=choice][value=against]").check()
    page.locator("#og-reason").fill("Нет тротуара для колясок")
    page.locator(".og-vote button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".og-notice").is_visible()
    vote = Vote.objects.select_related("project").get()
    assert vote.project.title == title and vote.choice == "against" and vote.reason == "Нет тротуара для колясок"
    assert page.locator(".og-roulette-card__title").inner_text() != title  # the next project is shown


def test_two_blocks_on_one_page_work_independently(live_server, page, axe, roulette_site):
    site = roulette_site["ru"]
    double = HomePage(title="Две рулетки", slug="two")
    block = {"campaign": site["campaign"].pk, "heading": "Рулетка", "intro": "", "categories": []}
    double.body = [{"type": "roulette", "value": block}, {"type": "roulette", "value": {**block, "heading": "Ещё"}}]
    site["page"].get_parent().add_child(instance=double)
    double.save_revision().publish()
    page.set_viewport_size({"width": 1200, "height": 2400})  # both blocks in view at once
    page.goto(live_server.url + double.url)
    blocks = page.locator("[data-og-roulette]")
    assert blocks.count() == 2
    for i in range(2):
        blocks.nth(i).locator(".og-roulette-card__title").wait_for()
    page.wait_for_selector(".og-roulette__stage--spinning", state="detached")
    titles = [blocks.nth(i).locator(".og-roulette-card__title").inner_text() for i in range(2)]
    assert titles[0] != titles[1]  # one session: the second block never repeats the first block's card
    serious, report = axe(page)
    assert not serious, report
    page.wait_for_timeout(1100)
    blocks.nth(1).locator(".og-button--against").click()
    page.wait_for_function(
        "(t) => document.querySelectorAll('[data-og-roulette]')[1]"
        ".querySelector('.og-roulette-card__title').textContent !== t", arg=titles[1])
    vote = Vote.objects.select_related("project").get()
    assert vote.project.title == titles[1] and vote.choice == "against"
    assert blocks.nth(0).locator(".og-roulette-card__title").inner_text() == titles[0]
