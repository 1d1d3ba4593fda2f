"""A resident who gave an email address gets their tracking link by mail, then word of each commission message."""

import logging
from types import SimpleNamespace

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from django_tasks.signals import task_enqueued

from wagtail_opengov import tasks
from wagtail_opengov.models import Submission
from wagtail_opengov.submissions import post_message

from .submission_helpers import CONTACT, PHONE, _media, campaigns, form_data, token_from  # noqa: F401  (fixtures)

TITLE = "Освещение двора на Абая 10"


@pytest.fixture
def enqueued():
    seen = []

    def on_enqueued(sender, task_result, **kwargs):
        if task_result.task.module_path.startswith("wagtail_opengov."):  # not Wagtail's own (search index…)
            seen.append((task_result.task.name, task_result.args))

    task_enqueued.connect(on_enqueued)
    yield seen
    task_enqueued.disconnect(on_enqueued)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """Submit to a campaign, running what happens after the commit (the notifications) as in production."""

    def post(campaign, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(campaign.submit_url, form_data(**overrides))
        return token_from(response)

    return post


@pytest.mark.parametrize(
    "language, thanks", [("ru", "Спасибо, ваш проект подан."), ("kk", "Рақмет, жобаңыз жіберілді."),
                         ("en", "Thank you, your project has been submitted.")],
    ids=["ru", "kk", "en"],
)
def test_an_email_contact_gets_the_tracking_link_by_mail_in_the_campaigns_language(
    client, campaigns, send, enqueued, language, thanks
):
    token = send(campaigns[language])
    submission = Submission.objects.get()
    link = f"http://localhost/opengov/track/{token}/"
    assert enqueued == [("send_submission_tracking_link", [submission.pk, link])]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [CONTACT]
    with translation.override(language):
        assert email.subject == gettext("Your project “%(title)s” has been submitted") % {"title": TITLE}
    assert email.body.startswith(thanks)
    assert link in email.body
    # The link in the mail is the resident's key to the thread.
    assert client.get(link.removeprefix("http://localhost")).status_code == 200


def test_the_tracking_link_email_is_in_english_for_an_english_campaign(campaigns, send):
    send(campaigns["en"], title="Lights for the yard at 10 Abay Street")
    assert mail.outbox[0].subject == "Your project “Lights for the yard at 10 Abay Street” has been submitted"
    assert "Your private tracking link:\nhttp://localhost/opengov/track/" in mail.outbox[0].body


def test_a_phone_contact_queues_nothing_and_the_page_says_to_save_the_link(client, campaigns, send, enqueued):
    token = send(campaigns["ru"], contact=PHONE)
    assert enqueued == [] and mail.outbox == []
    content = client.get(f"/opengov/track/{token}/?submitted=1").content.decode()
    with translation.override("ru"):
        assert escape(gettext(
            "You gave a phone number, and we cannot send links by SMS: only an email address gets the link by "
            "mail. Save the link now: without it you cannot come back to this page."
        )) in content
        assert escape(gettext("We will also send this link to the email address you gave.")) not in content


def test_an_email_contact_is_promised_the_link_on_the_tracking_page(client, campaigns, send):
    token = send(campaigns["ru"])
    content = client.get(f"/opengov/track/{token}/?submitted=1").content.decode()
    with translation.override("ru"):
        assert escape(gettext("We will also send this link to the email address you gave.")) in content
        assert "SMS" not in content


def test_a_commission_message_is_announced_by_mail_without_the_link(
    client, campaigns, send, enqueued, admin_user, django_capture_on_commit_callbacks
):
    token = send(campaigns["kk"])
    mail.outbox.clear()
    enqueued.clear()
    # The resident's own reply tells the resident nothing.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/opengov/track/{token}/", {"body": "Фото пришлю завтра."})
    assert enqueued == [] and mail.outbox == []

    client.force_login(admin_user)
    project = Submission.objects.get().project
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtail_opengov_submission_thread", args=[project.pk]),
                               {"body": "Уточните адрес двора."})
    assert response.status_code == 302
    message = Submission.objects.get().messages.get(sender="commission")
    assert enqueued == [("send_submission_message_notice", [message.pk])]
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [CONTACT]
    with translation.override("kk"):
        assert email.subject == gettext("New message from the commission about “%(title)s”") % {"title": TITLE}
        assert TITLE in email.body
    assert token not in email.body and "/opengov/track/" not in email.body
    assert "Уточните адрес двора." not in email.body


def test_a_commission_message_to_a_phone_contact_queues_nothing(campaigns, send, enqueued, admin_user,
                                                                django_capture_on_commit_callbacks):
    send(campaigns["ru"], contact=PHONE)
    assert enqueued == [] and all(m.to == [admin_user.email] for m in mail.outbox)
    mail.outbox.clear()  # Wagtail's own mail to moderators (the admin) about the new draft
    with django_capture_on_commit_callbacks(execute=True):
        post_message(Submission.objects.get(), "Перезвоните нам, пожалуйста.", user=admin_user)
    assert enqueued == [] and mail.outbox == []


def test_the_tracking_link_is_never_logged(campaigns, send, caplog):
    with caplog.at_level(logging.DEBUG):
        token = send(campaigns["ru"])
    assert len(mail.outbox) == 1
    assert token not in caplog.text


def test_a_broken_task_backend_neither_fails_nor_loses_the_submission(campaigns, send, monkeypatch, caplog):
    def broken(*args):
        raise ConnectionError(f"queue down while sending {args}")

    monkeypatch.setattr(tasks, "send_submission_tracking_link", SimpleNamespace(enqueue=broken))
    with caplog.at_level(logging.ERROR):
        token = send(campaigns["ru"])  # a 303 to the tracking page, as usual
    assert Submission.objects.count() == 1 and mail.outbox == []
    assert "tracking-link" in caplog.text and token not in caplog.text
