"""Residents use the Roulette in a real browser: vote FOR, vote AGAINST with a reason, filter by category, by
keyboard only, and without JavaScript; in Russian and Kazakh; axe-core finds no serious or critical issue. Also:
reduced motion, impressions only in view, errors that are not JSON, older browsers, focus after the last vote."""

import pytest

from sandbox.home.models import HomePage
from wagtail_opengov.models import Impression, RouletteSlot, Vote

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
    # "Vote recorded" and "new project" in one announcement: neither cuts the other off.
    recorded = page.locator("[data-og-roulette]").get_attribute("data-msg-for")
    page.wait_for_function("(t) => document.querySelector('[data-og-live]').textContent.includes(t)", arg=second)
    assert recorded and recorded in page.locator("[data-og-live]").inner_text()
    page.locator(".og-roulette-card textarea").fill("Слишком дорого <img src=x onerror=alert(1)>")
    page.wait_for_timeout(1100)
    page.locator(".og-button--against").click()
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {second!r}")
    votes = {v.project.title: (v.choice, v.reason) for v in Vote.objects.select_related("project")}
    assert votes[first][0] == "for"
    assert votes[second][0] == "against" and "Слишком дорого" in votes[second][1] and "<img" not in votes[second][1]
    assert sum(RouletteSlot.objects.values_list("votes_for", flat=True)) == 1


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_filter_by_category_draws_only_that_category(live_server, page, axe, roulette_site, language):
    site = roulette_site[language]
    page.goto(live_server.url + site["page"].url)
    card_title(page)
    assert page.locator("html").get_attribute("lang") == language
    page.locator("input[name=category][value=roads]").check()
    serious, report = axe(page)  # the category filter with one box checked
    assert not serious, report
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
    serious, report = axe(page)  # the "seen everything" message
    assert not serious, report


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_keyboard_only(live_server, page, axe, roulette_site, language):
    site = roulette_site[language]
    page.goto(live_server.url + site["page"].url)
    first = card_title(page)
    assert page.locator("html").get_attribute("lang") == language
    # Tab through to the FOR button and press it, without the mouse.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('og-button--for')"):
            break
    else:
        pytest.fail("FOR button not reachable by keyboard")
    serious, report = axe(page)  # with the focus ring on the FOR button
    assert not serious, report
    page.wait_for_timeout(1100)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {first!r}")
    # Focus moved to the new card's title, so a keyboard or screen-reader user continues from there.
    assert page.evaluate("document.activeElement.classList.contains('og-roulette-card__title')")
    assert Vote.objects.filter(choice="for").count() == 1
    card_title(page)  # the new card has finished its spin (colours are measured at full opacity)
    serious, report = axe(page)
    assert not serious, report


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


def roulette_page(parent, campaign, slug, *, above=()):
    """A page with one Roulette block on ``campaign``, after the paragraphs ``above``."""
    page = HomePage(title=slug, slug=slug)
    page.body = [*({"type": "paragraph", "value": f"<p>{text}</p>"} for text in above),
                 {"type": "roulette", "value": {"campaign": campaign.pk, "heading": "Рулетка", "intro": "",
                                                "categories": []}}]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Counts every time the stage is given the "spinning" class, from before the page's own script runs.
SPIN_WATCH = """
window.ogSpins = 0;
new MutationObserver((records) => {
  if (records.some((r) => r.target.classList.contains('og-roulette__stage--spinning'))) { window.ogSpins++; }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['class']});
"""


def test_reduced_motion_turns_the_spin_off(live_server, browser, roulette_site):
    site = roulette_site["ru"]
    seen = {}
    for motion in ("reduce", "no-preference"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, reduced_motion=motion)
        try:
            page = context.new_page()
            page.add_init_script(SPIN_WATCH)
            page.goto(live_server.url + site["page"].url)
            first = card_title(page)
            page.locator("[data-og-skip]").click()
            page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {first!r}")
            card_title(page)
            # How many spins ran, then the card's own animation with the spinning class forced on.
            seen[motion] = page.evaluate("""() => {
                const spins = window.ogSpins, stage = document.querySelector('[data-og-stage]');
                stage.classList.add('og-roulette__stage--spinning');
                const style = getComputedStyle(stage.querySelector('.og-roulette-card'));
                return [spins, style.animationName];
            }""")
        finally:
            context.close()
    assert seen["reduce"] == [0, "none"]
    assert seen["no-preference"][0] >= 2 and seen["no-preference"][1] == "og-spin-in"  # the test can tell


def test_an_impression_counts_only_once_the_block_is_scrolled_into_view(live_server, page, roulette_site):
    site = roulette_site["ru"]
    above = ["Акимат города приглашает жителей выбрать проекты бюджета участия на следующий год."] * 14
    long = roulette_page(site["page"].get_parent(), site["campaign"], "long", above=above)
    page.goto(live_server.url + long.url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(800)
    block = page.locator("[data-og-roulette]")
    assert block.evaluate("(e) => e.getBoundingClientRect().top") > 844  # below the fold of this phone
    assert Impression.objects.count() == 0 and page.locator(".og-roulette-card").count() == 0
    block.scroll_into_view_if_needed()
    card_title(page)
    assert Impression.objects.count() == 1


BAD_GATEWAY = "<!doctype html><html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>"


def test_errors_that_are_not_json_show_our_message_and_can_be_retried(live_server, page, axe, roulette_site):
    site = roulette_site["ru"]
    page.route("**/roulette/draw", lambda route: route.fulfill(status=502, content_type="text/html",
                                                                body=BAD_GATEWAY))
    page.goto(live_server.url + site["page"].url)
    block = page.locator("[data-og-roulette]")
    alert = page.locator("[data-og-stage] .og-alert")
    alert.wait_for()
    assert alert.locator("p").inner_text() == block.get_attribute("data-msg-server")
    assert "Unexpected token" not in alert.inner_text() and "JSON" not in alert.inner_text()
    serious, report = axe(page)
    assert not serious, report
    page.unroute("**/roulette/draw")
    alert.locator("button").click()  # "try again"
    title = card_title(page)
    assert page.evaluate("document.activeElement.classList.contains('og-roulette-card__title')")

    # The API's own JSON refusal keeps its translated message (voting sooner than a second after the draw).
    error = page.locator("[data-og-error]")
    page.locator(".og-button--for").click()
    error.wait_for()
    assert error.inner_text() == "Пожалуйста, прочитайте описание проекта перед голосованием."

    # The network fails: our message, the card and the typed reason stay, the buttons work again.
    page.route("**/votes", lambda route: route.abort("internetdisconnected"))
    page.locator(".og-roulette-card textarea").fill("Слишком дорого")
    page.wait_for_timeout(1100)
    page.locator(".og-button--against").click()
    page.wait_for_function("(t) => document.querySelector('[data-og-error]').textContent === t",
                           arg=block.get_attribute("data-msg-network"))
    assert "Failed to fetch" not in error.inner_text()
    assert page.locator(".og-roulette-card__title").inner_text() == title
    assert page.locator(".og-roulette-card textarea").input_value() == "Слишком дорого"
    assert not Vote.objects.exists()
    page.unroute("**/votes")
    page.locator(".og-button--against").click()  # the retry is the same button
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {title!r}")
    vote = Vote.objects.get()
    assert vote.choice == "against" and vote.reason == "Слишком дорого"


# Safari before 15.4: a submit event without `submitter`.
NO_SUBMITTER = "Object.defineProperty(SubmitEvent.prototype, 'submitter', {get() { return null; }});"


def test_against_is_sent_as_against_in_a_browser_without_event_submitter(live_server, page, roulette_site):
    site = roulette_site["ru"]
    page.add_init_script(NO_SUBMITTER)
    page.goto(live_server.url + site["page"].url)
    first = card_title(page)
    page.wait_for_timeout(1100)
    page.locator(".og-button--against").click()
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {first!r}")
    second = card_title(page)
    page.wait_for_timeout(1100)
    page.locator(".og-button--for").focus()
    page.keyboard.press("Enter")  # by keyboard too
    page.wait_for_function(f"document.querySelector('.og-roulette-card__title').textContent !== {second!r}")
    votes = {v.project.title: v.choice for v in Vote.objects.select_related("project")}
    assert votes == {first: "against", second: "for"}


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_after_the_last_vote_focus_is_on_the_closing_message(live_server, page, axe, home, locales, language):
    parent = home if language == "ru" else home.copy_for_translation(locales["kk"])
    parent.save_revision().publish()
    campaign = CampaignPageFactory(parent=parent, title=NAMES[language]["campaign"], slug="small")
    category = CategoryFactory(name=NAMES[language]["roads"], slug="roads", locale=locales[language])
    admitted_project(campaign, title=NAMES[language]["project"], category=category)
    block_page = roulette_page(parent, campaign, "small-roulette")
    page.goto(live_server.url + block_page.url)
    card_title(page)
    assert page.locator("html").get_attribute("lang") == language
    page.wait_for_timeout(1100)
    page.locator(".og-button--against").focus()
    page.keyboard.press("Enter")
    page.locator(".og-empty").wait_for()
    # The card and its focused button are gone: focus is on the message that replaced them, not on <body>.
    assert page.evaluate("document.activeElement.classList.contains('og-empty')")
    block = page.locator("[data-og-roulette]")
    page.wait_for_function("(t) => document.querySelector('[data-og-live]').textContent.includes(t)",
                           arg=block.get_attribute("data-msg-empty"))
    assert block.get_attribute("data-msg-against") in page.locator("[data-og-live]").inner_text()
    assert Vote.objects.get().choice == "against"
    serious, report = axe(page)
    assert not serious, report
