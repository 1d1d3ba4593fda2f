"""Comments and complaints on project pages: no-JS forms, replies, moderation modes, official answers, rate limits,
closed projects and the complaint reason."""

import pytest
from django.test import override_settings

from wagtail_opengov.models import Comment, CommentStatus, Complaint, Objection, Participant, Stage

from .factories import admitted_project, role_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(campaign):
    return admitted_project(campaign, title="Освещение двора")


def comment_url(project):
    return project.url + "comment/"


def complain_url(project):
    return project.url + "complain/"


def test_resident_without_account_comments_and_sees_it(client, project):
    response = client.post(comment_url(project), {"text": "Хорошая идея, см. https://example.org/plan"})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{project.url}#og-comment-{comment.pk}"
    assert comment.status == CommentStatus.PUBLISHED and comment.participant is not None
    assert "opengov_device" in response.cookies  # the same device identity as voting

    page = client.get(project.url).content.decode()
    assert f'id="og-comment-{comment.pk}"' in page
    assert 'href="https://example.org/plan" rel="nofollow ugc noopener"' in page
    assert 'class="og-notice"' in page  # the success message

    # A second comment from the same browser keeps the same participant.
    client.post(comment_url(project), {"text": "Ещё одно"})
    assert Participant.objects.count() == 1


def test_one_level_of_replies(client, project):
    client.post(comment_url(project), {"text": "Вопрос"})
    top = Comment.objects.get()
    client.post(comment_url(project), {"text": "Ответ", "parent": top.pk})
    reply = Comment.objects.get(text="Ответ")
    client.post(comment_url(project), {"text": "Ответ на ответ", "parent": reply.pk})
    nested = Comment.objects.get(text="Ответ на ответ")
    assert reply.parent_id == top.pk and nested.parent_id == top.pk

    page = client.get(project.url).content.decode()
    replies_block = page.split('class="og-comments__replies"', 1)[1]
    assert f'id="og-comment-{reply.pk}"' in replies_block and f'id="og-comment-{nested.pk}"' in replies_block

    response = client.post(comment_url(project), {"text": "Куда?", "parent": 999999})
    assert response.status_code == 400
    assert "Куда?</textarea>" in response.content.decode()


def test_pre_moderation_holds_comments_until_approved(client, campaign, project):
    campaign.comment_moderation = "pre"
    campaign.save_revision().publish()
    client.post(comment_url(project), {"text": "Ждёт модерации"})
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert "Ждёт модерации" not in client.get(project.url).content.decode()

    comment.status = CommentStatus.PUBLISHED
    comment.save()
    assert "Ждёт модерации" in client.get(project.url).content.decode()


def test_post_moderation_hidden_comment_disappears(client, project):
    client.post(comment_url(project), {"text": "Нарушает правила"})
    Comment.objects.update(status=CommentStatus.HIDDEN)
    assert "Нарушает правила" not in client.get(project.url).content.decode()


def member(django_user_model, username, group):
    return role_member(username, group)


def test_official_answer_only_for_the_commission_and_monitoring(client, campaign, project, django_user_model):
    from wagtail_opengov import roles

    campaign.comment_moderation = "pre"
    campaign.save_revision().publish()
    client.post(comment_url(project), {"text": "Я не сотрудник", "official": "on"})
    assert not Comment.objects.get().is_official
    # A web editor (admin access, no answering permission) is a resident here.
    client.force_login(member(django_user_model, "editor", roles.EDITORS))
    assert 'name="official"' not in client.get(project.url).content.decode()
    client.post(comment_url(project), {"text": "Я редактор", "official": "on"})
    assert not Comment.objects.get(text="Я редактор").is_official

    staff = member(django_user_model, "akimat", roles.COMMISSION)
    client.force_login(staff)
    assert 'name="official"' in client.get(project.url).content.decode()
    client.post(comment_url(project), {"text": "Ответ акимата", "official": "on"})
    official = Comment.objects.get(text="Ответ акимата")
    # Official answers skip pre-moderation and are marked as such.
    assert official.is_official and official.status == CommentStatus.PUBLISHED and official.user == staff
    page = client.get(project.url).content.decode()
    assert f'id="og-comment-{official.pk}"' in page
    assert page.count("og-comment--official") == 1 and "og-badge--official" in page


@override_settings(OPENGOV={"COMMENT_LIMITS": {"participant": [(60, 2)]}})
def test_rate_limit_refuses_with_429_and_keeps_the_text(client, project):
    for n in range(2):
        assert client.post(comment_url(project), {"text": f"Комментарий {n}"}).status_code == 302
    response = client.post(comment_url(project), {"text": "Слишком быстро"})
    assert response.status_code == 429
    body = response.content.decode()
    assert 'role="alert"' in body and "Слишком быстро</textarea>" in body
    assert Comment.objects.count() == 2


@override_settings(OPENGOV={"COMMENT_MAX_LENGTH": 20})
def test_a_too_long_comment_is_refused_and_given_back_whole(client, project):
    text = "Очень длинный комментарий, который не помещается"
    response = client.post(comment_url(project), {"text": text})
    assert response.status_code == 400 and not Comment.objects.exists()
    body = response.content.decode()
    assert 'role="alert"' in body and f"{text}</textarea>" in body


def test_a_too_long_name_gets_our_own_message_in_the_page_s_language(client, project):
    # Django's Kazakh catalogue lacks its max_length message; ours is translated into every language.
    from django.utils import translation
    from django.utils.translation import ngettext

    response = client.post(comment_url(project), {"text": "Поддерживаю", "author_name": "А" * 81})
    assert response.status_code == 400 and not Comment.objects.exists()
    with translation.override(project.locale.language_code):
        expected = ngettext(
            "Shorten this text to at most %(limit_value)s character (now: %(show_value)s).",
            "Shorten this text to at most %(limit_value)s characters (now: %(show_value)s).",
            80,
        ) % {"limit_value": 80, "show_value": 81}
    assert expected != "Shorten this text to at most 80 characters (now: 81)." or project.locale.language_code == "en"
    assert expected in response.content.decode()


@pytest.mark.parametrize("stage", [Stage.REJECTED, Stage.WITHDRAWN])
def test_comment_on_a_closed_project_is_refused(client, project, stage):
    project.set_stage(stage, "Дубликат")
    response = client.post(comment_url(project), {"text": "Поздно, <но> я писал это долго"})
    assert response.status_code == 409
    assert not Comment.objects.exists()
    body = response.content.decode()
    # No form to post again, but the typed text comes back, read-only, so the resident can copy it.
    assert "og-comments__closed" in body and "og-comment-form" not in body and 'role="alert"' in body
    kept = body.split('id="og-comment-kept"', 1)[1].split("</textarea>", 1)[0]
    assert "readonly" in kept and kept.endswith("Поздно, &lt;но&gt; я писал это долго")
    page = client.get(project.url).content.decode()
    assert "og-comments__closed" in page and "og-comment-form" not in page and "og-comment-kept" not in page


def test_implemented_project_is_closed_too(client, campaign, project):
    for stage in (Stage.VOTING_CLOSED, Stage.APPROVED, Stage.IN_IMPLEMENTATION, Stage.IMPLEMENTED):
        project.set_stage(stage)
    assert client.post(comment_url(project), {"text": "Поздно"}).status_code == 409


def test_empty_comment_gets_a_message_tied_to_the_field(client, project):
    response = client.post(comment_url(project), {"text": "", "author_name": "Айгуль"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'aria-describedby="og-comment-text_error"' in body and 'id="og-comment-text_error"' in body
    assert 'value="Айгуль"' in body
    # Only tags (nothing readable) is empty too.
    assert client.post(comment_url(project), {"text": "<b></b>"}).status_code == 400
    assert not Comment.objects.exists()


def test_invalid_email_is_refused_and_email_never_shown(client, project):
    response = client.post(comment_url(project), {"text": "Текст", "contact_email": "не почта"})
    assert response.status_code == 400 and not Comment.objects.exists()
    client.post(comment_url(project), {"text": "Текст", "contact_email": "resident@example.kz"})
    assert Comment.objects.get().contact_email == "resident@example.kz"
    assert "resident@example.kz" not in client.get(project.url).content.decode()


def test_get_on_the_form_targets_is_not_allowed(client, project):
    assert client.get(comment_url(project)).status_code == 405
    assert client.get(complain_url(project)).status_code == 405


def test_complaint_needs_a_reason(client, project):
    response = client.post(complain_url(project), {"reason": "   ", "contact_email": "a@example.kz"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="og-complaint-reason_error"' in body and 'value="a@example.kz"' in body
    # Tags only are no reason either.
    response = client.post(complain_url(project), {"reason": "<script></script>"})
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()
    assert not Complaint.objects.exists() and not Objection.objects.exists()


def test_complaints_about_a_project_and_a_comment_open_objections(client, project):
    client.post(comment_url(project), {"text": "Оскорбление"})
    comment = Comment.objects.get()
    assert client.post(complain_url(project), {"reason": "Смета завышена"}).status_code == 302
    assert client.post(complain_url(project), {"reason": "Грубость", "comment": comment.pk}).status_code == 302
    about_project, about_comment = Complaint.objects.order_by("pk")
    assert about_project.comment is None and about_comment.comment == comment
    assert sorted(Objection.objects.values_list("source_type", "text")) == [
        ("complaint", "Грубость"), ("complaint", "Смета завышена")
    ]
    assert client.post(complain_url(project), {"reason": "x", "comment": 999999}).status_code == 400


def test_complaint_on_a_closed_project_is_still_accepted(client, project):
    project.set_stage(Stage.REJECTED, "Дубликат")
    assert client.post(complain_url(project), {"reason": "Почему отклонили?"}).status_code == 302
    assert Objection.objects.count() == 1


def test_comment_marked_as_objection_opens_one(client, project):
    client.post(comment_url(project), {"text": "Против: деревья вырубят", "is_objection": "on",
                                        "contact_email": "r@example.kz"})
    objection = Objection.objects.get()
    assert objection.source_type == "comment" and objection.text == "Против: деревья вырубят"
    assert objection.contact_email == "r@example.kz"


def test_forms_need_the_csrf_token(project):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(comment_url(project), {"text": "без токена"}).status_code == 403
    assert not Comment.objects.exists()


def test_moderator_publishes_a_pending_comment_in_the_admin(client, campaign, project, django_user_model):
    from django.urls import reverse

    from wagtail_opengov import roles

    campaign.comment_moderation = "pre"
    campaign.save_revision().publish()
    client.post(comment_url(project), {"text": "На модерации"})
    comment = Comment.objects.get()
    client.force_login(member(django_user_model, "mod", roles.COMMISSION))
    pending = client.get(reverse("opengov_comments:index"), {"status": "pending"})
    assert f"#{comment.pk} on" in pending.content.decode()
    response = client.post(reverse("opengov_comments:edit", args=[comment.pk]), {"status": "published"})
    assert response.status_code == 302
    client.logout()
    assert "На модерации" in client.get(project.url).content.decode()


def test_comments_are_shared_by_a_project_s_translations(client, campaign, project, locales):
    kk_home = campaign.get_parent().copy_for_translation(locales["kk"])
    kk_home.save_revision().publish()
    kk_campaign = campaign.copy_for_translation(locales["kk"])
    kk_campaign.save_revision().publish()
    kk_project = project.copy_for_translation(locales["kk"])
    kk_project.save_revision().publish()
    assert client.post(kk_project.url + "comment/", {"text": "Қазақша пікір"}).status_code == 302
    comment = Comment.objects.get()
    assert comment.project_id == project.pk and comment.campaign_id == campaign.pk
    assert "Қазақша пікір" in client.get(project.url).content.decode()


def test_the_admin_inspect_view_shows_a_comment_as_readable_inert_text(client, project, django_user_model):
    from django.urls import reverse

    client.post(comment_url(project), {
        "text": 'См. <a href="https://example.org/plan">план</a>, https://example.kz и 5 < 6 & "да"',
    })
    comment = Comment.objects.get()
    assert 'rel="nofollow ugc noopener"' in comment.text  # stored as sanitised HTML
    client.force_login(django_user_model.objects.create_superuser("boss", "b@example.kz", "pw"))
    html = client.get(reverse("opengov_comments:inspect", args=[comment.pk])).content.decode()
    text = html.split("<dl>", 1)[1].split("</dl>", 1)[0]
    assert "См. план (https://example.org/plan), https://example.kz и 5 &lt; 6 &amp; &quot;да&quot;" in text
    # No markup from the comment, neither as a live link nor as literal tags.
    assert "<a " not in text and "&lt;a" not in text and "nofollow" not in text
