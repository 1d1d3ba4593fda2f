"""A resident submits a project through the real form, in Russian and Kazakh, and follows it by the private
tracking link: sees the stage, reads the commission's message, replies. axe-core finds no serious issue."""


import pytest
from django.utils import translation
from PIL import Image as PILImage

from wagtail_opengov.models import MessageSender, ProjectPage, Stage, Submission, SubmissionMessage
from wagtail_opengov.submissions import post_message

from ..factories import AreaFactory, CampaignPageFactory, CategoryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAMES = {
    "ru": {"roads": "Дороги", "area": "Медеуский район", "campaign": "Бюджет участия",
           "title": "Скамейки у школы № 12", "summary": "Поставить пять скамеек у входа в школу.",
           "question": "Сколько скамеек нужно?", "reply": "Пять скамеек, <b>спасибо</b>!"},
    "kk": {"roads": "Жолдар", "area": "Медеу ауданы", "campaign": "Қатысу бюджеті",
           "title": "№ 12 мектеп жанындағы орындықтар", "summary": "Мектеп кіреберісіне бес орындық қою.",
           "question": "Қанша орындық керек?", "reply": "Бес орындық, <b>рақмет</b>!"},
}


@pytest.fixture
def submission_site(home, locales, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The journey fills the form in well under the production minimum; the server still checks a minimum.
    settings.OPENGOV = {"SUBMISSION_MIN_SECONDS": 1}
    kk_home = home.copy_for_translation(locales["kk"])
    kk_home.save_revision().publish()
    campaigns = {}
    for language, parent in (("ru", home), ("kk", kk_home)):
        names = NAMES[language]
        CategoryFactory(name=names["roads"], slug="roads", locale=locales[language])
        AreaFactory(name=names["area"], slug="medeu", locale=locales[language])
        campaigns[language] = CampaignPageFactory(parent=parent, title=names["campaign"], slug="budget")
    return campaigns


def photo(tmp_path):
    path = tmp_path / "school.png"
    PILImage.new("RGB", (60, 40), (30, 120, 200)).save(path, format="PNG")
    return str(path)


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_submit_a_project_and_follow_it_by_the_tracking_link(
    live_server, page, axe, submission_site, language, tmp_path
):
    names = NAMES[language]
    campaign = submission_site[language]
    page.goto(live_server.url + campaign.url)
    page.locator(".og-cta--submit a").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language
    serious, report = axe(page)
    assert not serious, report

    page.fill("#id_title", names["title"])
    page.fill("#id_summary", names["summary"])
    page.select_option("#id_category", "roads")
    page.select_option("#id_area", "medeu")
    page.fill("#id_estimated_cost", "750000")
    page.set_input_files("#id_photo", photo(tmp_path))
    page.fill("#id_contact", "12345")  # a typo: neither an email nor a phone number
    page.wait_for_timeout(1100)
    page.locator(".og-submit-page button[type=submit]").click()
    page.wait_for_load_state()
    # Refused with the error tied to the field; everything typed is still there.
    assert page.locator("#id_contact_error").is_visible()
    assert "id_contact_error" in page.get_attribute("#id_contact", "aria-describedby")
    assert page.input_value("#id_title") == names["title"]
    assert not ProjectPage.objects.exists()
    serious, report = axe(page)
    assert not serious, report

    page.fill("#id_contact", "+7 701 555 12 34")
    page.set_input_files("#id_photo", photo(tmp_path))  # browsers never keep a file across a reload
    page.wait_for_timeout(1100)
    page.locator(".og-submit-page button[type=submit]").click()
    page.wait_for_load_state()

    assert "/opengov/track/" in page.url
    tracking_link = page.input_value("#og-tracking-link")
    assert tracking_link == page.url.split("?")[0]
    assert page.locator("h1").inner_text() == names["title"]
    with translation.override(language):
        submitted = str(Stage.SUBMITTED.label)
    assert page.locator(".og-tracker__step--current .og-tracker__label").inner_text() == submitted
    assert page.locator("html").get_attribute("lang") == language
    serious, report = axe(page)
    assert not serious, report

    project = ProjectPage.objects.get(locale__language_code=language)
    assert project.stage == Stage.SUBMITTED and not project.live
    assert project.initiator_contact == "+77015551234"
    assert project.gallery_images.count() == 1

    # The commission asks a question in the admin; the resident opens the bookmarked link and answers.
    post_message(Submission.objects.get(project=project), names["question"], user=_staff())
    page.goto(tracking_link)
    assert names["question"] in page.locator(".og-message--commission").inner_text()
    page.fill("#id_body", names["reply"])
    page.locator(".og-reply button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".og-thread [role=status]").is_visible()
    resident = page.locator(".og-message--resident")
    assert resident.inner_text().strip().endswith(names["reply"].replace("<b>", "").replace("</b>", ""))
    assert SubmissionMessage.objects.filter(sender=MessageSender.RESIDENT).count() == 1
    serious, report = axe(page)
    assert not serious, report


def _staff():
    from django.contrib.auth import get_user_model

    user, _created = get_user_model().objects.get_or_create(username="commission", defaults={"is_staff": True})
    return user


XSS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=2\">",
    "<svg onload=\"window.__xss=3\"></svg>",
    "&lt;img src=x onerror=window.__xss=4&gt;",
    "<a href=\"javascript:window.__xss=5\">x</a>",
    "\"><iframe src=\"javascript:parent.__xss=6\"></iframe>",
]


def test_xss_payloads_do_not_execute_on_the_tracking_page(live_server, page, submission_site):
    from wagtail_opengov.models import Category
    from wagtail_opengov.submissions import submit_project

    campaign = submission_site["ru"]
    payload = " ".join(XSS)
    _project, token = submit_project(
        campaign,
        {"title": f"Двор {payload}"[:200], "summary": payload, "contact": "+77010000000", "contact_name": payload,
         "category": Category.objects.get(locale__language_code="ru")},
    )
    post_message(Submission.objects.get(), payload)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/opengov/track/{token}/")
    page.wait_for_load_state("load")
    for link in page.locator(".og-message a, .og-lead a").all():
        link.click()  # there should be none; if there were, clicking must not run script
    assert page.evaluate("window.__xss") is None
    assert not dialogs
    # The markup is gone; what remains is shown as text.
    assert page.locator(".og-message__body").inner_text().startswith("window.__xss=1")
