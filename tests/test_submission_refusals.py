"""A refused submission stores nothing, not even a device identity, and never loses what the resident typed."""

import re
from datetime import timedelta
from html import unescape

from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from wagtail_opengov import conf
from wagtail_opengov.models import Participant

from .factories import CampaignPageFactory
from .submission_helpers import _media, form_data, stored_counts, submit, token_from  # noqa: F401  (fixtures)


def test_a_submission_refused_over_the_rate_limit_leaves_no_participant_behind(client, submit, settings):
    settings.OPENGOV = {"SUBMISSION_LIMITS": {"participant": [], "ip": [(3600, 1)]}}
    token_from(submit())
    assert Participant.objects.count() == 1
    client.cookies.clear()  # another device behind the same address
    response = submit(title="Второй проект")
    assert response.status_code == 429
    assert "Второй проект" in response.content.decode()
    assert Participant.objects.count() == 1
    assert conf.get_setting("DEVICE_COOKIE_NAME") not in response.cookies


def test_an_accepted_submission_creates_the_device_identity_and_remembers_it(client, submit):
    response = submit()
    token_from(response)
    participant = Participant.objects.get()
    assert participant.submissions.count() == 1
    assert conf.get_setting("DEVICE_COOKIE_NAME") in response.cookies
    # The same device sending again is the same participant.
    token_from(submit(title="Второй проект"))
    assert Participant.objects.count() == 1 and participant.submissions.count() == 2


def test_a_submission_sent_after_the_window_closed_shows_the_text_back_to_copy(client, home, category):
    now = timezone.now()
    campaign = CampaignPageFactory(
        parent=home, slug="late", submission_start=now - timedelta(days=20), submission_end=now - timedelta(hours=1)
    )
    before = stored_counts()
    summary = "Поставить шесть фонарей <b>во дворе</b>,\nгде вечером темно."
    response = client.post(campaign.url + "submit/", form_data(summary=summary))
    assert response.status_code == 409
    content = response.content.decode()
    assert stored_counts() == before
    assert 'role="alert"' in content
    with translation.override("ru"):
        assert escape(gettext("What you typed is shown below: copy it to keep it.")) in content
    fields = dict(re.findall(r'<textarea id="og-kept-(\w+)"[^>]*readonly[^>]*>(.*?)</textarea>', content, re.S))
    assert unescape(fields["title"]).strip() == "Освещение двора на Абая 10"
    assert unescape(fields["summary"]).strip() == summary
    assert "<b>во дворе</b>" not in content  # shown as text, not markup
    # Nothing on the page can be sent again by mistake.
    assert 'name="title"' not in content and 'name="summary"' not in content


def test_a_get_of_the_closed_form_shows_no_empty_copy_fields(client, home):
    campaign = CampaignPageFactory(parent=home, slug="shut", submission_start=None, submission_end=None)
    content = client.get(campaign.url + "submit/").content.decode()
    assert "og-kept-" not in content
