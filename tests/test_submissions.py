"""A resident submits a project without an account and follows it by a private link; the commission answers."""

import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage, WorkflowState, WorkflowTask

from wagtail_opengov import identity
from wagtail_opengov.models import (
    InitiatorKind,
    MessageSender,
    ProjectPage,
    Stage,
    Submission,
    SubmissionMessage,
)
from wagtail_opengov.submissions import plain_text, post_message

from .factories import AreaFactory, CampaignPageFactory, admit
from .submission_helpers import (  # noqa: F401  (fixtures)
    CONTACT,
    PHONE,
    _media,
    form_data,
    png_bytes,
    stamp,
    stored_counts,
    submit,
    token_from,
)


# -- submitting ------------------------------------------------------------------------------------------------
def test_a_submission_becomes_a_draft_project_at_stage_submitted(submit, campaign, category):
    response = submit()
    token = token_from(response)

    project = ProjectPage.objects.child_of(campaign).get()
    assert not project.live
    assert project.stage == Stage.SUBMITTED
    assert project.title == "Освещение двора на Абая 10"
    assert project.category == category
    assert project.estimated_cost == 1500000
    assert project.initiator_kind == InitiatorKind.CITIZEN
    assert project.initiator_contact == CONTACT
    assert project.initiator_contact_name == "Айгуль Private-Name"
    assert [c.to_stage for c in project.stage_history()] == [Stage.SUBMITTED]
    assert project.latest_revision is not None
    submission = Submission.objects.get(project=project)
    # Only a keyed hash of the token is stored.
    assert submission.token_hash == identity.keyed_hash(token, "submission-tracking")
    assert token not in submission.token_hash
    assert len(token) >= 40


def test_the_contact_stays_private_on_public_pages_and_in_the_api(client, submit, campaign):
    token = token_from(submit())
    project = ProjectPage.objects.child_of(campaign).get()
    tracking = client.get(f"/opengov/track/{token}/?submitted=1")
    assert tracking.status_code == 200
    # Published and admitted, the project appears on its page, in the listing and in the Roulette's API.
    project.save_revision().publish()
    project.refresh_from_db()
    admit(project)
    pages = [tracking, client.get(project.url), client.get(campaign.url)]
    draw = client.post("/opengov/api/v1/roulette/draw", {"campaign": campaign.pk}, content_type="application/json")
    assert draw.status_code == 200 and draw.json()["project"]["id"] == project.pk
    contents = [r.content.decode() for r in pages] + [json.dumps(draw.json(), ensure_ascii=False)]
    assert all(r.status_code == 200 for r in pages)
    for content in contents:
        assert "Освещение двора" in content
        assert CONTACT not in content and "Private-Name" not in content


def test_the_campaign_page_links_to_the_form_only_while_submissions_are_open(client, campaign, home):
    assert campaign.submit_url in client.get(campaign.url).content.decode()
    closed = CampaignPageFactory(
        parent=home, slug="closed", submission_start=timezone.now() - timedelta(days=20),
        submission_end=timezone.now() - timedelta(days=2),
    )
    assert closed.submit_url not in client.get(closed.url).content.decode()


def test_the_form_shows_only_the_campaigns_categories_and_areas_in_the_visitors_language(client, home, locales):
    from .factories import CategoryFactory

    roads = CategoryFactory(name="Дороги", slug="roads")
    CategoryFactory(name="Жолдар", slug="roads", locale=locales["kk"])
    CategoryFactory(name="Парки", slug="parks")
    AreaFactory(name="Медеуский район", slug="medeu")
    campaign = CampaignPageFactory(parent=home, slug="scoped")
    campaign.categories.set([roads])
    campaign.save_revision().publish()
    content = client.get(campaign.submit_url).content.decode()
    assert 'value="roads"' in content and "Дороги" in content
    assert 'value="parks"' not in content and "Жолдар" not in content
    assert "Медеуский район" in content
    response = client.post(campaign.submit_url, form_data(category="parks"))
    assert response.status_code == 400
    assert not ProjectPage.objects.exists()


def test_the_workflow_assigned_to_the_campaign_starts(submit, campaign):
    from wagtail.models import GroupApprovalTask

    workflow = Workflow.objects.create(name="Checkpoint", active=True)
    task = GroupApprovalTask.objects.create(name="Commission review")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=campaign, defaults={"workflow": workflow})
    token_from(submit())
    project = ProjectPage.objects.child_of(campaign).get()
    state = WorkflowState.objects.for_instance(project).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.current_task_state.task.specific == task
    assert project.workflow_in_progress
    assert not project.live


def test_without_a_workflow_the_project_stays_a_draft(submit, campaign):
    WorkflowPage.objects.all().delete()
    token_from(submit())
    project = ProjectPage.objects.child_of(campaign).get()
    assert not project.live
    assert not WorkflowState.objects.for_instance(project).exists()


@pytest.mark.parametrize(
    "window",
    [
        {"submission_start": -20, "submission_end": -2},  # closed
        {"submission_start": 2, "submission_end": 20},  # not yet open
        {"submission_start": None, "submission_end": None},  # no window at all
    ],
)
def test_outside_the_window_the_form_answers_409_and_stores_nothing(client, home, category, window):
    now = timezone.now()
    dates = {k: (now + timedelta(days=v) if v is not None else None) for k, v in window.items()}
    campaign = CampaignPageFactory(parent=home, slug="other", **dates, voting_start=None, voting_end=None)
    url = campaign.url + "submit/"
    before = stored_counts()
    get = client.get(url)
    post = client.post(url, form_data())
    assert get.status_code == 409 and post.status_code == 409
    content = post.content.decode()
    assert 'role="alert"' in content and f'href="{campaign.url}"' in content
    assert 'name="title"' not in content
    # …but what the resident typed comes back, to copy.
    assert "Освещение двора на Абая 10" in content
    assert stored_counts() == before


@pytest.mark.parametrize(
    "overrides",
    [{"website": "http://spam.example"}, {"started": "now"}, {"started": ""}, {"started": "forged:stamp"}],
    ids=["honeypot", "too-fast", "no-stamp", "forged-stamp"],
)
def test_bots_are_refused_and_nothing_is_stored(submit, overrides):
    if overrides.get("started") == "now":
        overrides = {"started": stamp(0)}
    before = stored_counts()
    response = submit(**overrides)
    assert response.status_code == 400
    assert stored_counts() == before
    content = response.content.decode()
    # A person who was just quick keeps what they typed and can send again.
    assert "Освещение двора на Абая 10" in content
    assert 'role="alert"' in content


def test_invalid_fields_keep_what_was_typed_and_point_to_the_errors(submit):
    before = stored_counts()
    response = submit(contact="not a contact", estimated_cost="-5", category="unknown")
    assert response.status_code == 400
    assert stored_counts() == before
    content = response.content.decode()
    assert 'value="Освещение двора на Абая 10"' in content
    assert "Поставить шесть фонарей" in content
    assert 'value="not a contact"' in content
    for name in ("contact", "estimated_cost", "category"):
        assert f'id="id_{name}_error"' in content
        assert re.search(rf'<[^>]*aria-describedby="[^"]*id_{name}_error[^"]*"[^>]*id="id_{name}"|'
                         rf'<[^>]*id="id_{name}"[^>]*aria-describedby="[^"]*id_{name}_error', content), name


@pytest.mark.parametrize("contact, stored", [(PHONE, "+77012345678"), ("8 (701) 234-56-78", "87012345678")])
def test_a_phone_number_is_accepted_as_contact(submit, campaign, contact, stored):
    token_from(submit(contact=contact))
    assert ProjectPage.objects.child_of(campaign).get().initiator_contact == stored


def test_a_photo_is_stored_as_an_image_in_the_submissions_collection(submit, campaign):
    token_from(submit(files={"photo": SimpleUploadedFile("yard.png", png_bytes(), content_type="image/png")}))
    project = ProjectPage.objects.child_of(campaign).get()
    attached = project.gallery_images.get()
    assert attached.image.collection.name == "Resident submissions"
    assert attached.image.width == 40
    assert attached.alt_text == project.title


@pytest.mark.parametrize(
    "upload",
    [
        ("notes.png", b"this is not an image at all", "image/png"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect/></svg>', "image/svg+xml"),
        ("page.gif", b"GIF89a<script>alert(1)</script>", "image/gif"),
    ],
    ids=["text", "svg", "fake-gif"],
)
def test_a_non_image_upload_is_refused_and_nothing_is_stored(submit, upload):
    before = stored_counts()
    response = submit(files={"photo": SimpleUploadedFile(*upload)})
    assert response.status_code == 400
    assert 'id="id_photo_error"' in response.content.decode()
    assert stored_counts() == before


def test_an_oversized_photo_is_refused_and_nothing_is_stored(submit, settings):
    settings.OPENGOV = {"SUBMISSION_MAX_PHOTO_BYTES": 1000}
    before = stored_counts()
    response = submit(files={"photo": SimpleUploadedFile("big.png", png_bytes((400, 400)), content_type="image/png")})
    assert response.status_code == 400
    assert 'id="id_photo_error"' in response.content.decode()
    assert stored_counts() == before


def test_submissions_over_the_rate_limit_are_refused(submit, settings, campaign):
    settings.OPENGOV = {"SUBMISSION_LIMITS": {"participant": [], "ip": [(3600, 2)]}}
    token_from(submit())
    token_from(submit(title="Второй проект"))
    response = submit(title="Третий проект")
    assert response.status_code == 429
    assert "Третий проект" in response.content.decode()
    assert ProjectPage.objects.child_of(campaign).count() == 2


# -- tracking --------------------------------------------------------------------------------------------------
def test_the_tracking_page_shows_the_stage_and_the_bookmark_advice(client, submit):
    token = token_from(submit())
    with translation.override("en"):
        response = client.get(f"/opengov/track/{token}/?submitted=1")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    content = response.content.decode()
    assert "Освещение двора на Абая 10" in content
    assert 'aria-current="step"' in content
    current = re.search(r'aria-current="step">\s*<span class="og-tracker__label">([^<]+)<', content).group(1)
    with translation.override("ru"):
        assert current == str(Stage.SUBMITTED.label)
    # The page answers in the campaign's language and shows the link to keep.
    assert response["Content-Language"] == "ru"
    assert f"/opengov/track/{token}/" in re.search(r'id="og-tracking-link"[^>]*value="([^"]+)"', content).group(1)


def test_the_tracking_page_follows_the_stage_and_shows_a_public_rejection_reason(client, submit, campaign):
    token = token_from(submit())
    project = ProjectPage.objects.child_of(campaign).get()
    project.set_stage(Stage.UNDER_REVIEW)
    project.set_stage(Stage.REJECTED, "Дублирует проект «Свет во дворах»")
    content = client.get(f"/opengov/track/{token}/").content.decode()
    assert "Дублирует проект «Свет во дворах»" in content
    current = re.search(r'aria-current="step">\s*<span class="og-tracker__label">([^<]+)<', content).group(1)
    with translation.override("ru"):
        assert current == str(Stage.REJECTED.label)


@pytest.mark.parametrize("token", ["x" * 43, "short", "a" * 200, "%3Cscript%3E" * 4])
def test_a_forged_tracking_link_gets_a_clear_4xx_page(client, submit, token):
    submit()
    response = client.get(f"/opengov/track/{token}/")
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    assert client.post(f"/opengov/track/{token}/", {"body": "hello"}).status_code == 400
    assert not SubmissionMessage.objects.exists()


def test_the_thread_shows_commission_messages_and_stores_a_sanitised_reply(client, submit, admin_user):
    token = token_from(submit())
    submission = Submission.objects.get()
    post_message(submission, "Уточните, пожалуйста, адрес двора.", user=admin_user)
    content = client.get(f"/opengov/track/{token}/").content.decode()
    assert "Уточните, пожалуйста, адрес двора." in content
    assert "og-message--commission" in content
    # Which staff member wrote it stays internal.
    assert admin_user.get_username() not in content

    response = client.post(f"/opengov/track/{token}/", {"body": "<b>Абая 10</b>, двор <script>alert(1)</script> & сквер"})
    assert response.status_code == 303
    assert response["Location"] == f"/opengov/track/{token}/?sent=1#og-thread"
    reply = SubmissionMessage.objects.get(sender=MessageSender.RESIDENT)
    assert reply.body == "Абая 10, двор alert(1) & сквер"
    assert reply.author is None
    content = client.get(f"/opengov/track/{token}/?sent=1").content.decode()
    assert "Абая 10, двор alert(1) &amp; сквер" in content
    assert content.index("Уточните") < content.index("Абая 10, двор")


def test_an_empty_reply_is_refused_and_a_long_one_keeps_its_text(client, submit):
    token = token_from(submit())
    assert client.post(f"/opengov/track/{token}/", {"body": "   "}).status_code == 400
    long_text = "я" * 4001
    response = client.post(f"/opengov/track/{token}/", {"body": long_text})
    assert response.status_code == 400
    assert long_text in response.content.decode()
    assert not SubmissionMessage.objects.exists()


def test_replies_over_the_rate_limit_are_refused_keeping_the_text(client, submit, settings):
    token = token_from(submit())
    settings.OPENGOV = {"MESSAGE_LIMITS": {"thread": [(60, 1)], "ip": []}}
    assert client.post(f"/opengov/track/{token}/", {"body": "Первое"}).status_code == 303
    response = client.post(f"/opengov/track/{token}/", {"body": "Второе сообщение"})
    assert response.status_code == 429
    assert "Второе сообщение" in response.content.decode()
    assert SubmissionMessage.objects.count() == 1


# -- XSS ------------------------------------------------------------------------------------------------------
XSS_PAYLOADS = [
    "<script>alert('t')</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert(1)\">click</a>",
    "<svg onload=alert(1)><circle/></svg>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    '"><body onload=alert(1)>',
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
]


class MarkupCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.js_links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name))
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.js_links.append((tag, value))


def assert_inert(content):
    parser = MarkupCollector()
    parser.feed(content)
    assert "script" not in parser.tags
    assert not {"svg", "iframe", "img", "body"} & set(parser.tags[parser.tags.index("main"):])
    assert not parser.handlers
    assert not parser.js_links


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_inert_on_the_tracking_page(client, submit, payload):
    token = token_from(submit(title=f"Двор {payload}", summary=f"Описание {payload}", contact_name=payload))
    client.post(f"/opengov/track/{token}/", {"body": f"Ответ {payload}"})
    assert SubmissionMessage.objects.count() == 1
    project = ProjectPage.objects.get()
    for text in (project.title, project.summary, project.initiator_contact_name, SubmissionMessage.objects.get().body):
        assert "<script" not in text.lower() and "<svg" not in text.lower() and "onerror=" not in text.replace(" ", "")
    assert_inert(client.get(f"/opengov/track/{token}/").content.decode())


def test_plain_text_strips_markup_but_keeps_ordinary_characters():
    assert plain_text("Парк & сквер, 5 < 7") == "Парк & сквер, 5 < 7"
    assert plain_text("<b>жирный</b> текст") == "жирный текст"
    assert plain_text("&lt;script&gt;alert(1)&lt;/script&gt;") == "alert(1)"


# -- the commission's side --------------------------------------------------------------------------------------
def test_the_commission_reads_and_answers_the_thread_in_the_admin(client, submit, admin_user, campaign):
    token = token_from(submit())
    client.post(f"/opengov/track/{token}/", {"body": "Фото двора пришлю завтра."})
    project = ProjectPage.objects.child_of(campaign).get()
    client.force_login(admin_user)
    index = client.get(reverse("wagtail_opengov_submissions"))
    assert index.status_code == 200 and project.title in index.content.decode()
    with translation.override("ru"):
        assert str(Stage.SUBMITTED.label) in index.content.decode()
    thread_url = reverse("wagtail_opengov_submission_thread", args=[project.pk])
    assert thread_url in client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    thread = client.get(thread_url)
    assert "Фото двора пришлю завтра." in thread.content.decode()
    assert CONTACT in thread.content.decode()  # the commission needs it; only here and in the edit form
    response = client.post(thread_url, {"body": "Спасибо, <i>ждём</i>."})
    assert response.status_code == 302
    message = SubmissionMessage.objects.get(sender=MessageSender.COMMISSION)
    assert message.body == "Спасибо, ждём." and message.author == admin_user
    client.logout()
    assert "Спасибо, ждём." in client.get(f"/opengov/track/{token}/").content.decode()


def test_only_editors_of_the_project_see_its_thread(client, submit, campaign, django_user_model, home):
    token_from(submit())
    project = ProjectPage.objects.child_of(campaign).get()
    thread_url = reverse("wagtail_opengov_submission_thread", args=[project.pk])
    outsider = django_user_model.objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    assert client.get(thread_url).status_code in (302, 403)
    assert client.post(thread_url, {"body": "не мой проект"}).status_code in (302, 403)
    assert not SubmissionMessage.objects.exists()

    commission = Group.objects.create(name="Commission")
    commission.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=commission, page=campaign, permission=Permission.objects.get(codename="change_page")
    )
    member = django_user_model.objects.create_user("member", password="x")
    member.groups.add(commission)
    client.force_login(member)
    assert client.get(thread_url).status_code == 200
    assert client.post(thread_url, {"body": "Уточните адрес"}).status_code == 302
    assert SubmissionMessage.objects.get().from_commission


def test_a_failure_after_the_photo_was_saved_leaves_nothing_behind(submit, monkeypatch, tmp_path):
    from wagtail_opengov.models.submissions import Submission as SubmissionModel

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(SubmissionModel.objects, "create", fail)
    before = stored_counts()
    with pytest.raises(RuntimeError):
        submit(files={"photo": SimpleUploadedFile("yard.png", png_bytes(), content_type="image/png")})
    assert stored_counts() == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_title_made_only_of_markup_is_refused(submit):
    before = stored_counts()
    response = submit(title="<script></script>", summary="<b></b>")
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="id_title_error"' in content and 'id="id_summary_error"' in content
    assert stored_counts() == before


def test_a_title_without_letters_still_gets_a_page(submit, campaign):
    token_from(submit(title="!!! ??? 🌳🌳"))
    project = ProjectPage.objects.child_of(campaign).get()
    assert project.title == "!!! ??? 🌳🌳"
    assert project.slug.startswith("project-")


def test_a_photo_with_too_many_pixels_is_refused(submit, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    before = stored_counts()
    response = submit(files={"photo": SimpleUploadedFile("wide.png", png_bytes((100, 100)), content_type="image/png")})
    assert response.status_code == 400
    assert 'id="id_photo_error"' in response.content.decode()
    assert stored_counts() == before


def test_a_decompression_bomb_is_refused_as_too_many_pixels_not_as_a_non_image(submit, monkeypatch):
    # Past twice Pillow's MAX_IMAGE_PIXELS, Pillow will not even open the file; the resident must not be told
    # that their PNG is not a PNG.
    from PIL import Image

    from wagtail_opengov.submissions.forms import NOT_AN_IMAGE, TOO_MANY_PIXELS

    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    before = stored_counts()
    response = submit(files={"photo": SimpleUploadedFile("huge.png", png_bytes((100, 100)), content_type="image/png")})
    body = response.content.decode()
    assert response.status_code == 400 and stored_counts() == before
    assert escape(str(TOO_MANY_PIXELS)) in body and escape(str(NOT_AN_IMAGE)) not in body


def test_other_methods_are_not_allowed(client, submit, campaign):
    token = token_from(submit())
    assert client.put(campaign.submit_url).status_code == 405
    assert client.delete(f"/opengov/track/{token}/").status_code == 405
    assert client.head(f"/opengov/track/{token}/").status_code == 200


@pytest.mark.parametrize("page_id", [2**31, 10**25])
def test_a_thread_of_an_id_no_page_can_have_is_a_404(client, admin_user, page_id):
    # SQLite cannot even look such an id up (OverflowError): the commission gets the admin's 404, not a 500.
    client.force_login(admin_user)
    url = reverse("wagtail_opengov_submission_thread", args=[page_id])
    # LocaleMiddleware may turn the 404 into a redirect to the language-prefixed URL, which is a 404 too.
    assert client.get(url, follow=True).status_code == 404
