"""Objection rules the monitoring group and residents notice: closing needs an answer, what the public lists show,
bad filters in the admin, and the back-fill of AGAINST votes whose objection was lost."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from wagtail_opengov import roles

from .factories import admitted_project

pytestmark = pytest.mark.django_db
HUGE = str(10**30)


@pytest.fixture
def monitor(client, django_user_model, campaign):
    from django.contrib.auth.models import Group

    roles.setup()
    user = django_user_model.objects.create_user("monitor", "monitor@example.kz", "pw")
    user.groups.add(Group.objects.get(name=roles.MONITORING))
    client.force_login(user)
    return user


@pytest.fixture
def project(campaign):
    return admitted_project(campaign, title="Освещение двора")


def test_huge_ids_in_the_admin_filters_are_ignored_with_a_message(client, monitor, campaign, project):
    client.post(project.url + "complain/", {"reason": "Смета"})
    stats = client.get(reverse("wagtail_opengov_objection_stats"), {"campaign": HUGE}, HTTP_ACCEPT_LANGUAGE="en")
    assert stats.status_code == 200
    assert "Unknown campaign: showing all campaigns." in stats.content.decode()
    for name in ("project", "campaign", "state_body"):
        for value in (HUGE, "-1", "x"):
            queue = client.get(reverse("opengov_objections:index"), {name: value}, HTTP_ACCEPT_LANGUAGE="en")
            assert queue.status_code == 200, (name, value)
            html = queue.content.decode()
            assert "Смета" in html  # the invalid filter is ignored…
            assert "Select a valid choice" in html  # …and the filter form says so


def edit_url(objection):
    return reverse("opengov_objections:edit", args=[objection.pk])


def complaint(client, project, reason):
    from wagtail_opengov.models import Objection

    assert client.post(project.url + "complain/", {"reason": reason}).status_code == 302
    return Objection.objects.get(text=reason)


# -- closing needs a public answer ------------------------------------------------------------------------------
def test_an_objection_cannot_be_closed_without_a_public_answer(client, monitor, project):
    from wagtail_opengov import objections
    from wagtail_opengov.models import Objection, ObjectionStatus
    from wagtail_opengov.voting import Refused

    objection = complaint(client, project, "Смета завышена")
    response = client.post(edit_url(objection), {"assignee": monitor.pk, "answer": "", "status": "closed"},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Write the public answer before closing the objection." in response.content.decode()
    stored = Objection.objects.get()
    assert stored.status == ObjectionStatus.OPEN and stored.assignee is None  # nothing changed
    with pytest.raises(Refused) as refusal:
        objections.close(stored)
    assert refusal.value.status == 400 and Objection.objects.get().status == ObjectionStatus.OPEN

    # With the answer, in the same post, it closes.
    client.post(edit_url(objection), {"assignee": "", "answer": "Смета проверена.", "status": "closed"})
    stored = Objection.objects.get()
    assert stored.status == ObjectionStatus.CLOSED and stored.answer == "Смета проверена."


def test_the_register_counts_every_unanswered_objection_as_waiting(client, monitor, campaign, project):
    from wagtail_opengov import objections
    from wagtail_opengov.models import Objection

    waiting = complaint(client, project, "Первая")
    closed_unanswered = complaint(client, project, "Вторая")
    answered = complaint(client, project, "Третья")
    # Closed with no answer before closing needed one.
    Objection.objects.filter(pk=closed_unanswered.pk).update(status="closed")
    objections.answer(answered, "Ответ")
    html = client.get(campaign.url + "objections/").content.decode()
    with translation.override("ru"):  # the campaign's language
        assert ngettext("%(counter)s objection answered.", "%(counter)s objections answered.", 1) % {"counter": 1} \
            in html
        assert gettext("Awaiting an answer: %(waiting)s, of which past the deadline: %(overdue)s.") % {
            "waiting": 2, "overdue": 0} in html
    assert waiting.pk in set(objections.waiting_objections().values_list("pk", flat=True))


# -- what the public lists show -----------------------------------------------------------------------------------
PHONE = "+7 701 123 45 67"
WITHHELD_MSGID = "The objection's text is not published (moderated)."


def withheld():
    # The pages below are served in Russian.
    with translation.override("ru"):
        return gettext(WITHHELD_MSGID)


def public_pages(client, campaign, project):
    client.logout()
    return [client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
            for url in (project.url, campaign.url + "objections/")]


def test_a_hidden_comment_never_reaches_the_public_through_its_objection(client, monitor, campaign, project):
    from wagtail_opengov.models import Comment, CommentStatus, Objection

    client.logout()
    client.post(project.url + "comment/", {"text": f"Против! Звоните {PHONE}", "is_objection": "on"})
    Comment.objects.update(status=CommentStatus.HIDDEN)
    client.force_login(monitor)
    # Even if the monitoring group ticks "show", a hidden comment's text stays hidden.
    client.post(edit_url(Objection.objects.get()), {"assignee": "", "answer": "Ответ группы мониторинга",
                                                    "text_public": "1", "status": "answered"})
    for html in public_pages(client, campaign, project):
        assert PHONE not in html
        assert "Ответ группы мониторинга" in html and withheld() in html


def test_a_published_comment_s_text_is_shown_with_its_answer(client, monitor, campaign, project):
    from wagtail_opengov.models import Objection

    client.logout()
    client.post(project.url + "comment/", {"text": "Против: деревья вырубят", "is_objection": "on"})
    objection = Objection.objects.get()
    client.force_login(monitor)
    assert client.get(edit_url(objection)).context["form"]["text_public"].initial == "1"  # shown by default
    client.post(edit_url(objection), {"assignee": "", "answer": "Деревья пересадят.", "status": "answered"})
    for html in public_pages(client, campaign, project):
        assert "Против: деревья вырубят" in html and "Деревья пересадят." in html and withheld() not in html


def test_complaint_and_vote_reason_texts_are_withheld_unless_the_monitoring_group_shows_them(
    client, monitor, campaign, project
):
    from wagtail_opengov.models import Objection

    objection = complaint(client, project, f"Позвоните мне {PHONE}")
    form = client.get(edit_url(objection)).context["form"]
    assert form["text_public"].initial == "0"  # unmoderated text: withheld unless shown
    client.post(edit_url(objection), {"assignee": "", "answer": "Ответ без текста", "text_public": "0",
                                      "status": "answered"})
    for html in public_pages(client, campaign, project):
        assert PHONE not in html and "Ответ без текста" in html and withheld() in html
    # Answered from code, with no decision: withheld too.
    client.force_login(monitor)
    other = complaint(client, project, "Смета завышена вдвое")
    from wagtail_opengov import objections

    objections.answer(other, "Смета проверена")
    assert "Смета завышена вдвое" not in public_pages(client, campaign, project)[1]
    # The monitoring group shows a clean one later, without changing its answer.
    client.force_login(monitor)
    client.post(edit_url(other), {"assignee": "", "answer": "Смета проверена", "text_public": "1",
                                  "status": "answered"})
    assert Objection.objects.get(pk=other.pk).text_public is True
    assert "Смета завышена вдвое" in public_pages(client, campaign, project)[1]


def test_the_register_leaves_out_objections_of_unpublished_projects(client, monitor, campaign, project):
    from wagtail_opengov import objections

    hidden = admitted_project(campaign, title="Снятый с публикации проект")
    objection = complaint(client, hidden, "Жалоба на снятый")
    objections.answer(objection, "Ответ по снятому", text_public=True)
    hidden.unpublish()
    client.logout()
    response = client.get(campaign.url + "objections/")
    html = response.content.decode()
    assert "Снятый с публикации проект" not in html and "Ответ по снятому" not in html
    assert response.context["answered_count"] == 0


def test_the_campaign_page_links_to_its_objections_register(client, campaign):
    # Also after voting, when no project page of the campaign has to be opened to find the answers.
    with translation.override("ru"):
        label = gettext("All objections of this campaign and their answers")
    html = client.get(campaign.url, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert f'href="{campaign.url}objections/"' in html and label in html


# -- back-fill of AGAINST votes whose objection was lost ----------------------------------------------------------
def make_vote(project, choice, reason, status="counted"):
    from wagtail_opengov.models import Impression, Vote

    from .factories import new_participant

    participant = new_participant()
    campaign_id = project.get_parent().pk
    impression = Impression.objects.create(participant=participant, project_id=project.pk, campaign_id=campaign_id)
    return Vote.objects.create(participant=participant, project_id=project.pk, campaign_id=campaign_id,
                               impression=impression, choice=choice, reason=reason, status=status)


def test_reconcile_opens_the_objections_of_against_votes_that_lost_them(project):
    from django.core.management import CommandError, call_command

    from wagtail_opengov.models import Objection

    counted = make_vote(project, "against", "Дорого")
    quarantined = make_vote(project, "against", "Не нужно", status="quarantined")
    kept = make_vote(project, "against", "Уже есть")
    make_vote(project, "against", "Бот", status="invalidated")
    make_vote(project, "against", "   ")
    make_vote(project, "for", "Нужно")
    # The objections opening after the vote failed (PostgreSQL path): lost for two votes.
    Objection.objects.exclude(vote=kept).delete()
    assert Objection.objects.count() == 1

    from io import StringIO

    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command("opengov_reconcile_objections", "--dry-run", stdout=out)
    assert error.value.returncode == 1 and Objection.objects.count() == 1
    with pytest.raises(CommandError) as error:
        call_command("opengov_reconcile_objections", stdout=out)
    assert error.value.returncode == 1
    listed = out.getvalue()
    assert f"vote {counted.pk} " in listed and f"vote {quarantined.pk} " in listed
    assert sorted(Objection.objects.values_list("vote_id", "text")) == sorted(
        [(counted.pk, "Дорого"), (quarantined.pk, "Не нужно"), (kept.pk, "Уже есть")]
    )
    assert Objection.objects.get(vote=counted).state_body_id == project.responsible_body_id
    # Nothing left: exit 0.
    out = StringIO()
    call_command("opengov_reconcile_objections", stdout=out)
    assert "Every AGAINST vote with a reason has its objection." in out.getvalue()
