"""Step 6 of docs/install.md, done as an editor would: through the Wagtail admin's own forms.

Run inside a fresh `wagtail start` project: python manage.py shell < install_site.py"""

import sys

from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from wagtail_opengov.models import CampaignPage, Category, ProjectPage

User = get_user_model()
user = User.objects.filter(username="editor").first() or User.objects.create_superuser(
    "editor", "editor@example.kz", "install-check"
)
client = Client()
client.force_login(user)


def post(url, data, what):
    response = client.post(url, data)
    if response.status_code != 302:
        form = response.context.get("form") if response.context else None
        sys.exit(f"Creating {what} failed ({response.status_code}): {getattr(form, 'errors', '')}")


post("/admin/snippets/wagtail_opengov/category/add/", {"name": "Дороги", "slug": "roads", "description": ""},
     "a category")
category = Category.objects.get(slug="roads")

home = Site.objects.get(is_default_site=True).root_page
post(
    f"/admin/pages/add/wagtail_opengov/campaignpage/{home.pk}/",
    nested_form_data({
        "title": "Бюджет участия 2027", "slug": "budget-2027", "intro": rich_text("<p>Голосуйте!</p>"),
        "submission_start": "2026-11-01 00:00", "submission_end": "2027-12-01 00:00",
        "voting_start": "2026-11-15 00:00", "voting_end": "2027-12-15 00:00",
        "show_live_tallies": "", "comment_moderation": "post", "objection_deadline_days": "10",
        "action-publish": "publish",
    }),
    "a campaign",
)
campaign = CampaignPage.objects.get(slug="budget-2027")
post(
    f"/admin/pages/add/wagtail_opengov/projectpage/{campaign.pk}/",
    nested_form_data({
        "title": "Освещение двора по ул. Абая, 45", "slug": "osveshchenie-dvora", "summary": "Шесть фонарей.",
        "body": rich_text("<p>Описание проекта.</p>"), "category": category.pk, "area": "",
        "responsible_body": "", "estimated_cost": "4500000", "gallery_images": inline_formset([]),
        "stage": "submitted", "stage_reason": "", "initiator_kind": "citizen", "initiator_body": "",
        "initiator_contact_name": "", "initiator_contact": "+7 701 000 00 00", "action-publish": "publish",
    }),
    "a project",
)
project = ProjectPage.objects.get(slug="osveshchenie-dvora")
assert project.live and campaign.live
print(f"CAMPAIGN_URL={campaign.url}")
print(f"PROJECT_URL={project.url}")
