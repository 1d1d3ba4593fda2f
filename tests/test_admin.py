import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_opengov.models import CampaignPage, ProjectPage, Stage

from .factories import CategoryFactory, ProjectPageFactory, StateBodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.kz", "pw")
    client.force_login(user)
    return client


def project_form(project, **overrides):
    data = {
        "title": project.title,
        "slug": project.slug,
        "summary": project.summary,
        "body": rich_text("<p>Описание</p>"),
        "category": project.category_id,
        "area": "",
        "responsible_body": "",
        "estimated_cost": "",
        "gallery_images": inline_formset([]),
        "stage": project.stage,
        "stage_reason": "",
        "initiator_kind": project.initiator_kind,
        "initiator_body": "",
        "initiator_contact_name": "",
        "initiator_contact": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_illegal_stage_change_in_the_admin_is_refused_with_a_message(editor, campaign):
    project = ProjectPageFactory(parent=campaign, title="Освещение двора")
    url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    response = editor.post(url, project_form(project, stage=Stage.IMPLEMENTED))
    assert response.status_code == 200  # the form comes back with errors
    html = response.content.decode()
    assert "cannot move from" in html or "не может" in html.lower() or "Allowed next stages" in html
    assert ProjectPage.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_legal_stage_change_in_the_admin_is_published_and_recorded(editor, campaign):
    project = ProjectPageFactory(parent=campaign, title="Освещение двора")
    url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    response = editor.post(url, project_form(project, stage=Stage.UNDER_REVIEW))
    assert response.status_code == 302
    project = ProjectPage.objects.get(pk=project.pk)
    assert project.stage == Stage.UNDER_REVIEW
    assert [c.to_stage for c in project.stage_history()] == [Stage.SUBMITTED, Stage.UNDER_REVIEW]


def test_project_without_a_category_is_refused_and_nothing_is_created(editor, campaign):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "projectpage", campaign.pk])
    data = nested_form_data({
        "title": "Без категории", "slug": "bez-kategorii", "summary": "Кратко", "body": rich_text(""),
        "category": "", "area": "", "responsible_body": "", "estimated_cost": "",
        "gallery_images": inline_formset([]), "stage": Stage.SUBMITTED, "stage_reason": "",
        "initiator_kind": "citizen", "initiator_body": "", "initiator_contact_name": "", "initiator_contact": "",
        "action-publish": "publish",
    })
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="bez-kategorii").exists()


def test_new_project_cannot_be_created_at_a_late_stage(editor, campaign, category):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "projectpage", campaign.pk])
    data = nested_form_data({
        "title": "Сразу одобрен", "slug": "srazu", "summary": "Кратко", "body": rich_text(""),
        "category": category.pk, "area": "", "responsible_body": "", "estimated_cost": "",
        "gallery_images": inline_formset([]), "stage": Stage.APPROVED, "stage_reason": "",
        "initiator_kind": "citizen", "initiator_body": "", "initiator_contact_name": "", "initiator_contact": "",
        "action-publish": "publish",
    })
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "stage" in response.context["form"].errors
    assert not ProjectPage.objects.filter(slug="srazu").exists()


def test_campaign_with_voting_before_submissions_is_refused(editor, home):
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "campaignpage", home.pk])
    data = nested_form_data({
        "title": "Бюджет", "slug": "budget", "intro": rich_text(""),
        "submission_start": "2027-03-01 00:00", "submission_end": "2027-04-01 00:00",
        "voting_start": "2027-02-01 00:00", "voting_end": "2027-01-01 00:00",
        "show_live_tallies": "", "action-publish": "publish",
    })
    response = editor.post(url, data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "voting_end" in errors and "voting_start" in errors
    assert not CampaignPage.objects.filter(slug="budget").exists()


def test_snippets_list_search_and_export(editor):
    StateBodyFactory(name="Управление образования", slug="education")
    StateBodyFactory(name="Управление спорта", slug="sport")
    CategoryFactory(name="Экология", slug="ecology")
    listing = editor.get(reverse("wagtailsnippets_wagtail_opengov_statebody:list"), {"q": "образования"})
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Управление образования" in html and "Управление спорта" not in html
    export = editor.get(reverse("wagtailsnippets_wagtail_opengov_statebody:list"), {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert "Управление образования" in body and "Управление спорта" in body
    xlsx = editor.get(reverse("wagtailsnippets_wagtail_opengov_category:list"), {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_campaign_form_offers_only_snippets_in_its_language(editor, home, locales):
    CategoryFactory(name="Дороги", slug="roads", locale=locales["ru"])
    CategoryFactory(name="Жолдар", slug="roads", locale=locales["kk"])
    url = reverse("wagtailadmin_pages:add", args=["wagtail_opengov", "campaignpage", home.pk])
    html = editor.get(url).content.decode()
    assert "Дороги" in html and "Жолдар" not in html
