from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from wagtail_opengov.models import Area, CampaignPage, Category, ProjectPage, Stage, StateBody, SubmissionMessage

pytestmark = pytest.mark.django_db


def test_demo_data_builds_a_believable_akimat_site_and_is_idempotent(client):
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    assert "user: admin  password: " in out.getvalue()
    counts = {model: model.objects.count()
              for model in (ProjectPage, CampaignPage, Category, Area, StateBody, SubmissionMessage)}
    again = StringIO()
    call_command("load_demo_data", stdout=again)
    assert {model: model.objects.count() for model in counts} == counts

    for language in ("ru", "kk"):
        locale = Locale.objects.get(language_code=language)
        assert StateBody.objects.filter(locale=locale, kind="department").count() >= 5
        assert StateBody.objects.filter(locale=locale, kind="akimat").count() == 1
        assert Category.objects.filter(locale=locale).count() >= 8
        assert Area.objects.filter(locale=locale).count() >= 6
        campaigns = CampaignPage.objects.filter(locale=locale).live()
        open_campaigns = [c for c in campaigns if c.voting_open]
        closed_campaigns = [c for c in campaigns if c.voting_closed]
        assert len(open_campaigns) == 1 and len(closed_campaigns) == 1
        projects = ProjectPage.objects.filter(locale=locale).live()
        assert set(projects.values_list("stage", flat=True)) == set(Stage.values)
        assert set(projects.values_list("initiator_kind", flat=True)) == {"citizen", "state_body"}

        response = client.get(open_campaigns[0].url)
        assert response.status_code == 200
        assert response.context["listing"].total >= 60
        assert f'lang="{language}"' in response.content.decode()

    # Every project that reached the vote passed the checkpoint: its admission is a recorded decision.
    from wagtail_opengov.models import CheckpointDecision, ProjectStageChange

    admitted = set(ProjectStageChange.objects.filter(to_stage=Stage.ADMITTED, project__locale__language_code="ru")
                   .values_list("project_id", flat=True))
    assert admitted and admitted == set(
        CheckpointDecision.objects.filter(outcome="admitted").values_list("project_id", flat=True)
    )

    # The closed campaign publishes its results with the commission's decisions.
    from wagtail_opengov.models import ProjectDecision

    closed = next(c for c in CampaignPage.objects.filter(locale__language_code="ru") if c.voting_closed)
    html = client.get(closed.url + "results/").content.decode()
    decision = ProjectDecision.objects.filter(outcome="approved").first()
    assert decision is not None and decision.reason in html

    # Residents' submissions in every stage, each with a working private link and a thread that fits the stage.
    import re

    from sandbox.home.demo_submissions import THREADS
    from wagtail_opengov.models.submissions import Submission

    links = dict(re.findall(r"(\w+) (/opengov/track/\w+/)", out.getvalue()))
    stages_with_submissions = set(Submission.objects.values_list("project__projectpage__stage", flat=True))
    assert stages_with_submissions == set(Stage.values)
    assert set(links) == set(Stage.values)
    assert set(THREADS) == set(Stage.values)
    for stage, link in links.items():
        page = client.get(link)
        assert page.status_code == 200, stage
        content = page.content.decode()
        for _sender, body in THREADS[stage]:
            assert escape(body) in content, (stage, body)
        assert content.count("og-message--commission") >= 2 and "og-message--resident" in content, stage
    assert "Абая 10" in client.get(links["submitted"]).content.decode()
    # No message is dated in the future, and every thread reads in order after its submission.
    now = timezone.now()
    for submission in Submission.objects.prefetch_related("messages"):
        dates = [m.created_at for m in submission.thread()]
        assert dates and all(submission.created_at < d <= now for d in dates)
    # Running again printed the same links.
    assert dict(re.findall(r"(\w+) (/opengov/track/\w+/)", again.getvalue())) == links


def test_the_home_roulette_offers_the_same_categories_in_every_language(client):
    call_command("load_demo_data", stdout=StringIO())
    from sandbox.home.models import HomePage

    offered = {}
    for home in HomePage.objects.all():
        block = next(b for b in home.body if b.block_type == "roulette")
        offered[home.locale.language_code] = {c.translation_key for c in block.value["categories"]}
    assert len(offered) == 3 and offered["ru"] and offered["kk"] == offered["ru"] == offered["en"]
