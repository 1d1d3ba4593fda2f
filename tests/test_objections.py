"""Objections: opened by AGAINST reasons, complaints and comments; worked in the admin; answered in public;
notifications through django-tasks; overdue highlighting; statistics in the admin and the API; XSS stays inert."""

import json
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks.signals import task_enqueued, task_finished

from wagtail_opengov import objections, roles
from wagtail_opengov.models import Objection, ObjectionStatus, Vote
from wagtail_opengov.models.objections import add_working_days, working_days_between

from .factories import StateBodyFactory, admitted_project, role_member

pytestmark = pytest.mark.django_db
API = "/opengov/api/v1"
FAST = {"TICKET_MIN_SECONDS": 0}


@pytest.fixture
def body(db):
    return StateBodyFactory(name="Управление энергетики", slug="energy")


@pytest.fixture
def project(campaign, body):
    return admitted_project(campaign, title="Освещение двора", responsible_body=body)


def member(django_user_model, username, group=roles.MONITORING):
    return role_member(username, group)


@pytest.fixture
def monitor(client, django_user_model):
    user = member(django_user_model, "monitor")
    client.force_login(user)
    return user


@pytest.fixture
def tasks_seen():
    seen = {"enqueued": [], "finished": []}

    def on_enqueued(sender, task_result, **kwargs):
        seen["enqueued"].append(task_result.args)

    def on_finished(sender, task_result, **kwargs):
        seen["finished"].append((task_result.args, task_result.status))

    task_enqueued.connect(on_enqueued)
    task_finished.connect(on_finished)
    yield seen
    task_enqueued.disconnect(on_enqueued)
    task_finished.disconnect(on_finished)


def api_post(client, path, data):
    return client.post(API + path, json.dumps(data), content_type="application/json")


def vote_against(client, campaign, reason):
    card = api_post(client, "/roulette/draw", {"campaign": campaign.pk}).json()
    response = api_post(client, "/votes", {"ticket": card["ticket"], "choice": "against", "reason": reason})
    assert response.status_code == 201, response.content
    return Vote.objects.get(project_id=card["project"]["id"], choice="against")


def edit_url(objection):
    return reverse("opengov_objections:edit", args=[objection.pk])


# -- working days ----------------------------------------------------------------------------------------------
def test_working_days_skip_weekends_and_holidays():
    friday = date(2027, 3, 19)
    assert add_working_days(friday, 1) == date(2027, 3, 22)  # Monday
    assert add_working_days(date(2027, 3, 15), 10) == date(2027, 3, 29)
    with override_settings(OPENGOV={"HOLIDAYS": ["2027-03-22", "2027-03-23"]}):
        assert add_working_days(friday, 1) == date(2027, 3, 24)
        assert working_days_between(friday, date(2027, 3, 24)) == 1
    assert working_days_between(friday, friday) == 0
    assert working_days_between(friday, date(2027, 3, 26)) == 5


# -- opening ---------------------------------------------------------------------------------------------------
@override_settings(OPENGOV=FAST)
def test_only_against_votes_with_a_reason_open_objections(client, campaign, project, body):
    admitted_project(campaign, title="Второй")
    admitted_project(campaign, title="Третий")
    vote = vote_against(client, campaign, "Дорого & бесполезно")
    objection = Objection.objects.get()
    assert objection.vote == vote and objection.source_type == "vote"
    assert objection.text == "Дорого & бесполезно"
    assert objection.campaign_id == campaign.pk and objection.status == ObjectionStatus.OPEN
    assert objection.deadline == add_working_days(timezone.localdate(), 10)

    # FOR, and AGAINST without a reason, open nothing.
    card = api_post(client, "/roulette/draw", {"campaign": campaign.pk}).json()
    api_post(client, "/votes", {"ticket": card["ticket"], "choice": "for", "reason": "Нужно"})
    card = api_post(client, "/roulette/draw", {"campaign": campaign.pk}).json()
    api_post(client, "/votes", {"ticket": card["ticket"], "choice": "against", "reason": "  "})
    assert Vote.objects.count() == 3 and Objection.objects.count() == 1
    # Opening is idempotent.
    assert objections.open_objection_for_vote(vote) == objection and Objection.objects.count() == 1


def test_deadline_follows_the_campaign(client, campaign, project):
    campaign.objection_deadline_days = 3
    campaign.save_revision().publish()
    client.post(project.url + "complain/", {"reason": "Смета"})
    assert Objection.objects.get().deadline == add_working_days(timezone.localdate(), 3)


# -- the whole journey -----------------------------------------------------------------------------------------
@override_settings(OPENGOV=FAST)
def test_against_reason_assigned_answered_and_visible(client, campaign, project, body, monitor,
                                                      django_user_model, django_capture_on_commit_callbacks,
                                                      tasks_seen):
    vote_against(client, campaign, "Фонари уже есть")
    objection = Objection.objects.get()
    assert objection.state_body == body

    worker = member(django_user_model, "worker")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(objection), {"assignee": worker.pk, "answer": "", "status": "open"})
    assert response.status_code == 302, response.content.decode()[:2000]
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ASSIGNED and objection.assignee == worker
    assert tasks_seen["enqueued"] == [["assigned", objection.pk]]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["worker@example.kz"]
    assert "Фонари уже есть" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(edit_url(objection), {"assignee": worker.pk, "answer": "Фонари старые, их заменят.",
                                          "text_public": "1", "status": "answered"})
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.ANSWERED and objection.answered_at is not None
    # A vote leaves no contact: nobody else is mailed.
    assert len(mail.outbox) == 1

    client.logout()
    page = client.get(project.url).content.decode()
    assert "Фонари уже есть" in page and "Фонари старые, их заменят." in page
    register = client.get(campaign.url + "objections/")
    assert register.status_code == 200
    text = register.content.decode()
    assert "Фонари старые, их заменят." in text and project.title in text
    assert "monitor" not in text and "worker" not in text  # no personal data

    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(monitor)
        client.post(edit_url(objection), {"assignee": worker.pk, "answer": "Фонари старые, их заменят.",
                                          "status": "closed"})
    assert Objection.objects.get().status == ObjectionStatus.CLOSED
    assert "Фонари старые, их заменят." in client.get(campaign.url + "objections/").content.decode()


def test_resident_who_left_an_email_is_told_of_the_answer(client, project, monitor,
                                                          django_capture_on_commit_callbacks, tasks_seen):
    client.post(project.url + "complain/", {"reason": "Смета завышена", "contact_email": "resident@example.kz"})
    objection = Objection.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url(objection), {"assignee": "", "answer": "Смета проверена.",
                                                     "status": "answered"})
    assert response.status_code == 302
    assert tasks_seen["enqueued"] == [["answered", objection.pk]]
    assert [str(status) for _args, status in tasks_seen["finished"]] == ["SUCCESSFUL"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["resident@example.kz"] and "Смета проверена." in message.body
    # The address is private: not on the page, the register, or in the API.
    assert "resident@example.kz" not in client.get(project.url).content.decode()


def test_answered_status_needs_an_answer(client, project, monitor):
    client.post(project.url + "complain/", {"reason": "Смета"})
    objection = Objection.objects.get()
    response = client.post(edit_url(objection), {"assignee": "", "answer": "", "status": "answered"})
    assert response.status_code == 200 and Objection.objects.get().status == ObjectionStatus.OPEN


def test_nothing_is_mailed_when_the_change_rolls_back(project, django_user_model, django_capture_on_commit_callbacks):
    from django.db import transaction

    objection = objections.open_objection_for_complaint(
        __import__("wagtail_opengov.models", fromlist=["Complaint"]).Complaint.objects.create(
            project_id=project.pk, campaign_id=project.get_parent().pk, reason="x", contact_email="r@example.kz"
        )
    )
    worker = member(django_user_model, "w")
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                objections.assign(objection, worker)
                raise RuntimeError
    assert mail.outbox == []


# -- the queue -------------------------------------------------------------------------------------------------
def test_queue_highlights_and_filters_overdue(client, project, monitor):
    client.post(project.url + "complain/", {"reason": "Старая жалоба"})
    client.post(project.url + "complain/", {"reason": "Новая жалоба"})
    old = Objection.objects.get(text="Старая жалоба")
    Objection.objects.filter(pk=old.pk).update(deadline=timezone.localdate() - timedelta(days=1))
    listing = client.get(reverse("opengov_objections:index")).content.decode()
    assert listing.count("og-overdue") == 1
    row = next(r for r in listing.split("<tr") if "Старая жалоба" in r)
    assert "og-overdue" in row and "⚠" in row

    overdue_only = client.get(reverse("opengov_objections:index"), {"overdue": "true"}).content.decode()
    assert "Старая жалоба" in overdue_only and "Новая жалоба" not in overdue_only
    by_status = client.get(reverse("opengov_objections:index"), {"status": "answered"}).content.decode()
    assert "Старая жалоба" not in by_status

    # Answered late: no longer highlighted as overdue.
    objections.answer(old, "Ответ")
    assert "og-overdue" not in client.get(reverse("opengov_objections:index")).content.decode()


def test_residents_and_editors_without_the_permission_cannot_work_objections(client, project, django_user_model):
    client.post(project.url + "complain/", {"reason": "Смета"})
    objection = Objection.objects.get()
    editor = member(django_user_model, "editor", roles.EDITORS)
    client.force_login(editor)
    assert client.get(reverse("opengov_objections:index")).status_code in (302, 403)
    assert client.post(edit_url(objection), {"answer": "x", "status": "answered"}).status_code in (302, 403)
    assert client.get(reverse("wagtail_opengov_objection_stats")).status_code in (302, 403)
    assert Objection.objects.get().answer == ""


def test_monitoring_group_cannot_add_or_delete(client, project, monitor):
    client.post(project.url + "complain/", {"reason": "Смета"})
    objection = Objection.objects.get()
    assert client.get(reverse("opengov_objections:add")).status_code in (302, 403)
    assert client.post(reverse("opengov_objections:delete", args=[objection.pk])).status_code in (302, 403)
    assert Objection.objects.filter(pk=objection.pk).exists()


# -- statistics ------------------------------------------------------------------------------------------------
def _objection(project, body, created, deadline, answered=None):
    return Objection.objects.create(
        source_type="complaint", project_id=project.pk, campaign_id=project.get_parent().pk, state_body=body,
        text="x", created_at=created, deadline=deadline, answered_at=answered,
        answer="a" if answered else "", status="answered" if answered else "open",
    )


@pytest.fixture
def stats_data(campaign, project, body):
    tz = timezone.get_current_timezone()
    start = timezone.localdate() - timedelta(days=60)
    start -= timedelta(days=start.weekday())  # a Monday, long past
    monday = timezone.make_aware(timezone.datetime(start.year, start.month, start.day, 10), tz)
    deadline = start + timedelta(days=14)  # ten working days later
    assert deadline == add_working_days(start, 10)
    _objection(project, body, monday, deadline, monday + timedelta(days=2))   # 2 working days, in time
    _objection(project, body, monday, deadline, monday + timedelta(days=8))   # Tue next week: 6, in time
    _objection(project, body, monday, deadline, monday + timedelta(days=15))  # 11, late
    _objection(project, body, monday, deadline)                               # unanswered, overdue
    _objection(project, body, timezone.now(), timezone.localdate() + timedelta(days=5))  # not due yet
    other = admitted_project(campaign, title="Без органа")
    _objection(other, None, monday, deadline, monday)
    return campaign


def test_stats_per_state_body(stats_data, body):
    rows = {row["state_body"]: row for row in objections.stats(stats_data.pk)}
    energy = rows[body.pk]
    assert energy["received"] == 5 and energy["answered"] == 3 and energy["due"] == 4
    assert energy["answered_in_time"] == 2 and energy["share_answered_in_time"] == 0.5
    assert energy["median_days_to_answer"] == 6.0 and energy["overdue"] == 1
    assert rows[None]["received"] == 1 and rows[None]["median_days_to_answer"] == 0.0


def test_stats_in_the_admin_and_the_api(client, stats_data, body, monitor):
    report = client.get(reverse("wagtail_opengov_objection_stats"), {"campaign": stats_data.pk})
    assert report.status_code == 200
    text = report.content.decode()
    assert "Управление энергетики" in text and "50% (2/4)" in text

    client.logout()
    response = client.get(f"{API}/campaigns/{stats_data.pk}/objections/stats")
    assert response.status_code == 200
    data = response.json()
    assert data["campaign"] == stats_data.pk
    energy = next(row for row in data["state_bodies"] if row["state_body"] == body.pk)
    assert energy["received"] == 5 and energy["share_answered_in_time"] == 0.5
    assert energy["median_days_to_answer"] == 6.0
    assert client.get(f"{API}/campaigns/999999/objections/stats").json()["error"] == "unknown_campaign"


# -- XSS corpus ------------------------------------------------------------------------------------------------
XSS = [
    "<script>alert('xss1')</script>",
    "<img src=x onerror=alert('xss2')>",
    '<a href="javascript:alert(\'xss3\')">click</a>',
    "<svg onload=alert('xss4')><circle r=1 /></svg>",
    "<svg><script>alert('xss5')</script></svg>",
    "&lt;script&gt;alert('xss6')&lt;/script&gt;",
    "%3Cscript%3Ealert('xss7')%3C/script%3E",
    '<a href="jav&#x09;ascript:alert(\'xss8\')">tab</a>',
    '<a href="JaVaScRiPt:alert(\'xss9\')">case</a>',
    "<a href='https://ok.example' onclick=\"alert('xss10')\">ok</a>",
    '"><iframe src="javascript:alert(\'xss11\')"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('xss12')>",
]
PAYLOAD = " ".join(XSS)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data"}


class ActiveContent(HTMLParser):
    """Collects anything a browser would run that came from the payloads (marked by 'xss')."""

    def __init__(self):
        super().__init__()
        self.found, self._in_script = [], False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag == "iframe":
            self.found.append("<iframe>")
        for name, value in attrs:
            value = (value or "").replace("\t", "").replace("\n", "").strip().lower()
            if name.startswith("on") and "xss" in value:
                self.found.append(f"{tag} {name}={value}")
            if name in URL_ATTRIBUTES and value.startswith(("javascript:", "vbscript:", "data:")):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "xss" in data:
            self.found.append(f"<script>{data}")


def active(html):
    parser = ActiveContent()
    parser.feed(html)
    return parser.found


@override_settings(OPENGOV={**FAST, "COMMENT_LIMITS": {}})
def test_xss_corpus_is_inert_everywhere(client, campaign, project, monitor, django_capture_on_commit_callbacks):
    client.logout()
    vote_against(client, campaign, PAYLOAD)
    client.post(project.url + "comment/", {"text": PAYLOAD, "is_objection": "on", "author_name": XSS[1]})
    client.post(project.url + "complain/", {"reason": PAYLOAD})
    assert Objection.objects.count() == 3
    client.force_login(monitor)
    for objection in Objection.objects.all():
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit_url(objection), {"assignee": "", "answer": PAYLOAD, "text_public": "1",
                                                         "status": "answered"})
        assert response.status_code == 302

    pages = {
        "admin queue": client.get(reverse("opengov_objections:index")).content.decode(),
        "admin edit": client.get(edit_url(Objection.objects.first())).content.decode(),
        "admin inspect": client.get(reverse("opengov_objections:inspect",
                                            args=[Objection.objects.first().pk])).content.decode(),
        "admin comments": client.get(reverse("opengov_comments:index")).content.decode(),
    }
    client.logout()
    pages["project page"] = client.get(project.url).content.decode()
    pages["register"] = client.get(campaign.url + "objections/").content.decode()
    for name, html in pages.items():
        assert "xss1" in html or "xss2" in html or name == "admin comments", name  # the text is there…
        assert active(html) == [], name  # …and nothing of it runs
    # The one safe link survives, with rel; the dangerous ones lost their addresses.
    assert 'href="https://ok.example" rel="nofollow ugc noopener"' in pages["project page"]


def test_comment_and_objection_settings_are_checked():
    from wagtail_opengov.checks import check_comment_settings

    with override_settings(OPENGOV={"HOLIDAYS": ["2027-03-22"], "COMMENT_LIMITS": {"ip": [(60, 3)]}}):
        assert check_comment_settings(None) == []
    bad = {"HOLIDAYS": ["22.03.2027"], "COMMENT_LIMITS": {"subnet": [(60, 3)]}, "COMMENT_MAX_LENGTH": 0,
           "NOTIFICATION_FROM_EMAIL": ""}
    with override_settings(OPENGOV=bad):
        assert sorted(e.id for e in check_comment_settings(None)) == [
            "wagtail_opengov.E111", "wagtail_opengov.E112", "wagtail_opengov.E113", "wagtail_opengov.E114"
        ]


def test_demo_comments_complaints_and_objections_in_every_state(campaign):
    # The sandbox's demo block, on four projects (the full demo build is tested in test_demo_data).
    from sandbox.home.demo_comments import ensure_comments_and_objections

    from wagtail_opengov.models import Comment, Complaint

    from sandbox.home.demo_comments import KEYWORDS

    from .factories import CategoryFactory

    # The demo's texts are written for projects of these categories.
    for n, slug in enumerate(KEYWORDS):
        admitted_project(campaign, title=f"Демо {n}", category=CategoryFactory(slug=slug))
    assert ensure_comments_and_objections() > 0
    assert Comment.objects.filter(is_official=True).exists() and Comment.objects.filter(parent__isnull=False).exists()
    assert Complaint.objects.count() == 2
    today = timezone.localdate()
    answered = Objection.objects.filter(status="answered")
    assert any(o.answered_in_time for o in answered) and any(not o.answered_in_time for o in answered)
    assert Objection.objects.filter(status="open", deadline__lt=today).exists()
    assert Objection.objects.filter(status="open", deadline__gte=today).exists()
    assert ensure_comments_and_objections() == 0 and Complaint.objects.count() == 2
