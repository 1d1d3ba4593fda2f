"""A resident comments and complains in Russian and Kazakh, the monitoring group answers, the answer appears on the
project page and in the campaign's register; axe-core finds no serious or critical violations."""

import pytest

from wagtail_opengov import objections
from wagtail_opengov.models import Comment, Objection

from ..factories import CampaignPageFactory, CategoryFactory, StateBodyFactory, admitted_project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = {
    "ru": {"campaign": "Бюджет участия", "project": "Освещение двора", "comment": "Против: фонари уже стоят",
           "complaint": "Смета завышена вдвое", "answer": "Старые фонари не работают, их заменят."},
    "kk": {"campaign": "Қатысу бюджеті", "project": "Ауланы жарықтандыру", "comment": "Қарсымын: шамдар бар",
           "complaint": "Смета екі есе асырылған", "answer": "Ескі шамдар істемейді, олар ауыстырылады."},
}


@pytest.fixture
def project_in(home, locales):
    def build(language):
        parent = home
        if language != "ru":
            parent = home.copy_for_translation(locales[language])
            parent.save_revision().publish()
        locale = locales[language]
        category = CategoryFactory(name="Жарық" if language == "kk" else "Освещение", slug="light", locale=locale)
        body = StateBodyFactory(name="Энергетика", slug="energy", locale=locale)
        campaign = CampaignPageFactory(parent=parent, title=TEXTS[language]["campaign"], slug="budget")
        return admitted_project(campaign, title=TEXTS[language]["project"], category=category,
                                responsible_body=body)

    return build


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_comment_complain_answer(live_server, page, axe, project_in, language):
    texts = TEXTS[language]
    project = project_in(language)
    page.goto(live_server.url + project.url)
    assert page.locator("html").get_attribute("lang") == language

    # Comment, marked as an objection, with a private address for the answer.
    page.fill("#og-comment-text", texts["comment"])
    page.fill("#og-comment-contact_email", "resident@example.kz")
    page.check("#og-comment-is_objection")
    page.locator(".og-comment-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".og-notice").is_visible()
    assert page.locator(".og-comment__text").first.inner_text() == texts["comment"]
    assert "resident@example.kz" not in page.content()

    # Complain about the project.
    page.locator(".og-complaint > summary").click()
    page.fill("#og-complaint-reason", texts["complaint"])
    page.locator(".og-complaint button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".og-notice").is_visible()
    assert Objection.objects.count() == 2 and Comment.objects.count() == 1

    # The monitoring group answers both.
    for objection in Objection.objects.all():
        objections.answer(objection, texts["answer"], text_public=True)  # the texts hold no personal data

    page.goto(live_server.url + project.url)
    answers = page.locator(".og-answer")
    assert answers.count() == 2
    assert texts["answer"] in answers.first.inner_text()
    assert texts["answer"] in page.locator(".og-comment__answer").inner_text()
    serious, report = axe(page)
    assert not serious, report

    page.locator(".og-comments a[href$='objections/']").click()
    page.wait_for_load_state()
    assert page.locator(".og-register__item").count() == 2
    assert texts["complaint"] in page.locator(".og-register").inner_text()
    serious, report = axe(page)
    assert not serious, report


def test_comment_with_an_error_keeps_the_text_without_javascript(live_server, page_without_js, project_in):
    project = project_in("ru")
    page = page_without_js
    page.goto(live_server.url + project.url)
    page.fill("#og-comment-text", "Мой текст")
    page.fill("#og-comment-contact_email", "не почта")
    page.locator(".og-comment-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#og-comment-text").input_value() == "Мой текст"
    assert page.locator("#og-comment-contact_email").get_attribute("aria-describedby") == "og-comment-contact_email_error"
    assert page.locator("#og-comment-contact_email_error").is_visible()
    assert not Comment.objects.exists()
