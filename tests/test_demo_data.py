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


def test_the_closed_campaign_was_voted_on_and_its_decisions_follow_the_votes(client):
    from wagtail_opengov.models import Vote
    from wagtail_opengov.models.results import campaign_results

    started = timezone.now()
    call_command("load_demo_data", stdout=StringIO())
    votes = Vote.objects.count()
    again = StringIO()
    call_command("load_demo_data", stdout=again)
    assert Vote.objects.count() == votes and "Vote 0" in again.getvalue()

    closed = next(c for c in CampaignPage.objects.filter(locale__language_code="ru") if c.voting_closed)
    rows = campaign_results(closed)
    assert rows and all(row.votes_for + row.votes_against >= 20 for row in rows)
    # Cast during the campaign's voting window, not the day the demo was loaded.
    cast = Vote.objects.filter(campaign_id=closed.pk)
    assert cast.count() == sum(row.votes_for + row.votes_against for row in rows)
    assert not cast.filter(created_at__gte=started).exists()
    assert not cast.exclude(created_at__range=(closed.voting_start, closed.voting_end)).exists()

    approved = [row.net for row in rows if row.decision and row.decision.outcome == "approved"]
    not_approved = [row.net for row in rows if row.decision and row.decision.outcome == "not_approved"]
    assert approved and not_approved and min(approved) > max(not_approved)
    assert max(not_approved) <= 0 < min(approved)  # "not enough votes" / "among the winners of the vote"

    html = client.get(closed.url + "results/").content.decode()
    best = rows[0]
    assert best.decision.outcome == "approved" and best.project.title in html and str(best.votes_for) in html

    out = StringIO()
    call_command("opengov_recount", stdout=out)
    assert "All stored tallies agree" in out.getvalue()
    line = next(line for line in out.getvalue().splitlines() if line.startswith(f"Campaign {closed.pk} "))
    assert line.endswith(f": {len(rows)} projects checked, no differences."), line


def test_demo_objections_comments_and_complaints_fit_their_projects():
    from sandbox.home.demo_comments import KEYWORDS
    from wagtail_opengov.models import Comment, Complaint, Objection

    call_command("load_demo_data", stdout=StringIO())
    texts = [(c.project_id, c.text) for c in Comment.objects.all()]
    texts += [(c.project_id, c.reason) for c in Complaint.objects.all()]
    texts += [(o.project_id, o.answer) for o in Objection.objects.exclude(answer="")]
    assert len(texts) >= 8 and Objection.objects.count() >= 4
    for project_id, text in texts:
        category = ProjectPage.objects.get(pk=project_id).category.slug
        assert any(word in text.lower() for word in KEYWORDS[category]), (category, text)
