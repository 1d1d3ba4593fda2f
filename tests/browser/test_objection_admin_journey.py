"""The monitoring group works an objection in the Wagtail admin: a member set up by ``opengov_setup`` filters the
queue, opens the objection an AGAINST vote's reason opened, assigns it, answers it in public and closes it; a
resident then reads the answer on the project page and in the campaign's register, in Russian and in Kazakh.
axe-core finds no serious or critical violation on the resident pages."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail_opengov import commenting, roles
from wagtail_opengov.models import Objection, ObjectionSource, ObjectionStatus

from ..factories import CampaignPageFactory, StateBodyFactory, admitted_project, new_participant
from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Фонари во дворе уже стоят, смета завышена"
ANSWER = "Старые фонари не работают; их заменят в мае. / Ескі шамдар істемейді; оларды мамырда ауыстырады."
TITLES = {"ru": ("Бюджет участия", "Освещение двора"), "kk": ("Қатысу бюджеті", "Ауланы жарықтандыру")}


def translate(page, locale, title):
    translated = page.copy_for_translation(locale)
    translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def queue(home, locales, settings, django_user_model):
    """Two campaigns; in the first, an AGAINST reason and an overdue complaint; in the second, a complaint."""
    settings.OPENGOV = {"TICKET_MIN_SECONDS": 0}
    call_command("opengov_setup", stdout=open("/dev/null", "w"))
    body = StateBodyFactory(name="Управление энергетики", slug="energy")
    campaign = CampaignPageFactory(parent=home, title=TITLES["ru"][0], slug="budget")
    project = admitted_project(campaign, title=TITLES["ru"][1], responsible_body=body)
    kk_home = translate(home, locales["kk"], home.title)
    kk_campaign = translate(campaign, locales["kk"], TITLES["kk"][0])
    kk_project = translate(project, locales["kk"], TITLES["kk"][1])
    other = CampaignPageFactory(parent=home, title="Бюджет 2026", slug="budget-2026")
    other_project = admitted_project(other, title="Скамейки в парке", responsible_body=body)

    # A resident votes AGAINST with a reason, through the public API, as the Roulette's script does.
    client = Client()
    api = "/opengov/api/v1"
    card = client.post(f"{api}/roulette/draw", json.dumps({"campaign": campaign.pk}),
                       content_type="application/json").json()
    response = client.post(f"{api}/votes", json.dumps({"ticket": card["ticket"], "choice": "against",
                                                       "reason": REASON}), content_type="application/json")
    assert response.status_code == 201, response.content

    commenting.complain(page=project, reason="Подрядчик не указан", participant=new_participant())
    overdue = Objection.objects.get(source_type=ObjectionSource.COMPLAINT)
    Objection.objects.filter(pk=overdue.pk).update(deadline=timezone.localdate() - timedelta(days=3))
    commenting.complain(page=other_project, reason="Скамейки уже есть", participant=new_participant())

    monitoring = Group.objects.get(name=roles.MONITORING)
    members = {}
    for username in ("monitor", "aigerim"):
        user = django_user_model.objects.create_user(username, f"{username}@example.kz", f"pw-{username}")
        user.groups.add(monitoring)
        members[username] = user
    assert not any(user.is_staff for user in members.values())  # Wagtail never sets it
    return {"campaign": campaign, "kk_campaign": kk_campaign, "project": project, "kk_project": kk_project,
            "kk_home": kk_home, "other": other, "members": members, "overdue": overdue,
            "vote_objection": Objection.objects.get(source_type=ObjectionSource.VOTE)}


def rows(page):
    return page.locator("table.listing tbody tr")


def apply_filter(page, name, value):
    """Open Wagtail's filter drawer, pick ``value`` for filter ``name``; the results are swapped in place."""
    toggle = page.locator(".w-dropdown--drilldown > button[data-w-dropdown-target=toggle]")
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    drilldown = page.locator(f".w-drilldown__toggle[aria-controls='drilldown-id_{name}']")
    if drilldown.get_attribute("aria-expanded") != "true":
        drilldown.click()
    page.select_option(f"#id_{name}", value)
    page.wait_for_url(f"**{name}={value}**")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Escape")


def save(page):
    page.locator("#w-editor-form button.button-longrunning[type=submit]").click()
    page.wait_for_load_state()


def test_monitoring_group_answers_an_against_reason_in_the_admin(live_server, desktop_page, page, axe, queue):
    admin = desktop_page
    objection = queue["vote_objection"]
    aigerim = queue["members"]["aigerim"]
    admin_login(admin, live_server.url, "monitor", "pw-monitor")

    # The Reports menu holds the queue: all three objections, earliest deadline first.
    menu_item = admin.locator("#wagtail-sidebar a[href='/admin/opengov_objections/']")
    assert menu_item.count() == 1
    admin.goto(live_server.url + menu_item.get_attribute("href"))
    assert rows(admin).count() == 3

    apply_filter(admin, "campaign", str(queue["campaign"].pk))
    assert rows(admin).count() == 2
    assert "Скамейки" not in admin.locator("table.listing").inner_text()
    apply_filter(admin, "overdue", "true")
    assert rows(admin).count() == 1
    assert admin.locator("table.listing .og-overdue").count() == 1
    apply_filter(admin, "overdue", "false")
    assert rows(admin).count() == 1
    assert REASON[:20] in rows(admin).first.inner_text()
    assert admin.locator("table.listing .og-overdue").count() == 0

    rows(admin).first.locator(f"a[href$='/edit/{objection.pk}/']").first.click()
    admin.wait_for_load_state()
    assert admin.input_value("#id_objection_text") == REASON

    # Assign it to a colleague of the group.
    admin.select_option("#id_assignee", str(aigerim.pk))
    save(admin)
    assert admin.locator(".messages .success, .messages li.success").count() == 1
    objection.refresh_from_db()
    assert objection.assignee_id == aigerim.pk and objection.status == ObjectionStatus.ASSIGNED

    # An answer is required before the objection counts as answered: the form says so and keeps the assignee.
    admin.goto(live_server.url + f"/admin/opengov_objections/edit/{objection.pk}/")
    admin.select_option("#id_status", ObjectionStatus.ANSWERED)
    save(admin)
    assert admin.locator("#id_answer").get_attribute("aria-invalid") == "true" or admin.locator(
        ".error-message, .w-field__errors"
    ).count() >= 1
    assert admin.input_value("#id_assignee") == str(aigerim.pk)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ASSIGNED and not objection.answer

    admin.fill("#id_answer", ANSWER)
    # A vote reason is withheld unless the monitoring group shows it; this one holds no personal data.
    assert admin.locator("input[name='text_public'][value='0']").is_checked() or admin.input_value(
        "[name='text_public']"
    ) == "0"
    _choose_text_public(admin)
    admin.select_option("#id_status", ObjectionStatus.ANSWERED)
    save(admin)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ANSWERED and objection.answer == ANSWER

    # Close it; the queue shows it closed.
    admin.goto(live_server.url + f"/admin/opengov_objections/edit/{objection.pk}/")
    assert admin.input_value("#id_answer") == ANSWER
    admin.select_option("#id_status", ObjectionStatus.CLOSED)
    save(admin)
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.CLOSED and objection.answered_at is not None

    # The resident's side, in Russian and in Kazakh.
    for language, project in (("ru", queue["project"]), ("kk", queue["kk_project"])):
        page.goto(live_server.url + project.url)
        assert page.locator("html").get_attribute("lang") == language
        answers = page.locator(".og-answer")
        assert answers.count() == 1
        assert REASON in answers.inner_text() and ANSWER in answers.inner_text()
        serious, report = axe(page)
        assert not serious, report

        page.locator(".og-comments a[href$='objections/']").click()
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == language
        register = page.locator(".og-register")
        assert page.locator(".og-register__item").count() == 1
        assert ANSWER in register.inner_text() and REASON in register.inner_text()
        assert page.locator(".og-register__project a").inner_text() == TITLES[language][1]
        # The overdue complaint is still waiting, and the register says so.
        with translation.override(language):
            waiting = gettext("Awaiting an answer: %(waiting)s, of which past the deadline: %(overdue)s.")
        assert waiting % {"waiting": 1, "overdue": 1} in " ".join(register.inner_text().split())
        assert "Скамейки" not in register.inner_text()
        serious, report = axe(page)
        assert not serious, report


def _choose_text_public(admin):
    radio = admin.locator("input[name='text_public'][value='1']")
    if radio.count():
        radio.check()
    else:
        admin.select_option("[name='text_public']", "1")
