"""Residents drawing and voting at once through real HTTP (a live server with a thread per request, each browser
with its own cookies and CSRF token) on a real PostgreSQL server: every 201 is one vote, counted once."""

import json
import random
import threading
import urllib.error
import urllib.request
from collections import Counter
from http.cookiejar import CookieJar

import pytest
from django.test import override_settings

from wagtail_opengov import tallies
from wagtail_opengov.models import Impression, RouletteSlot, Vote, VoteStatus

from .factories import CategoryFactory, admitted_project
from .test_concurrency_pg import BARRIER_TIMEOUT, Run, run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROJECTS = 6  # three roads, three parks
BROWSERS = 6  # threads, each a sequence of residents with their own cookie jar
RESIDENTS_PER_BROWSER = 3


class Browser:
    """One resident's browser: its own cookies, the CSRF token from the API, JSON in and out."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        self.token = self.request("GET", "/csrf")[1]["token"]

    def request(self, method, path, data=None):
        headers = {"Accept-Language": "ru"}
        body = None
        if data is not None:
            body = json.dumps(data).encode()
            headers.update({"Content-Type": "application/json", "X-CSRFToken": self.token})
        request = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        return status, json.loads(raw) if raw else None


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0, "VOTE_LIMITS": {}})
def test_residents_over_http_each_201_is_one_counted_vote(live_server, campaign):
    roads, parks = CategoryFactory(slug="roads"), CategoryFactory(slug="parks")
    projects = [admitted_project(campaign, category=roads if i % 2 else parks) for i in range(PROJECTS)]
    road_ids = {p.pk for p in projects if p.category_id == roads.pk}
    base = f"{live_server.url}/opengov/api/v1"
    run = Run()
    answers = Counter()  # (endpoint, status)
    start = threading.Barrier(BROWSERS, timeout=BARRIER_TIMEOUT)

    def browser(index):
        def body():
            rng = random.Random(index)
            start.wait()
            for n in range(RESIDENTS_PER_BROWSER):
                resident = Browser(base)
                # Half the residents filter on roads: three projects for them, six for the others.
                filters = ["roads"] if (index + n) % 2 else []
                cards = []
                while True:
                    status, card = resident.request(
                        "POST", "/roulette/draw", {"campaign": campaign.pk, "categories": filters}
                    )
                    answers["draw", status] += 1
                    if status == 204:
                        break
                    assert status == 200, (status, card)
                    cards.append(card["project"]["id"])
                    if rng.random() < 0.6:
                        choice = rng.choice(["for", "against"])
                        status, vote = resident.request("POST", "/votes", {"ticket": card["ticket"], "choice": choice})
                        answers["vote", status] += 1
                        assert status == 201, (status, vote)
                        assert vote == {"project": card["project"]["id"], "choice": choice}
                        run.add("votes", (vote["project"], choice))
                # "Nothing left" only once this resident has seen every project of the filter.
                assert sorted(cards) == sorted(road_ids if filters else [p.pk for p in projects]), cards

        return body

    run_all(run, [browser(i) for i in range(BROWSERS)], "browser", timeout=120)
    assert run.errors == []
    assert answers["draw", 204] == BROWSERS * RESIDENTS_PER_BROWSER
    assert set(answers) <= {("draw", 200), ("draw", 204), ("vote", 201)}, answers

    # Every 201 is exactly one stored, counted vote with the project and choice it answered; the tallies agree.
    stored = Counter(Vote.objects.values_list("project_id", "choice"))
    assert stored == Counter(run.votes)
    assert set(Vote.objects.values_list("status", flat=True)) <= {VoteStatus.COUNTED}
    assert tallies.recount() == []
    tally = Counter()
    for slot in RouletteSlot.objects.filter(campaign=campaign):
        tally[slot.project_id, "for"] += slot.votes_for
        tally[slot.project_id, "against"] += slot.votes_against
    assert +tally == stored
    assert Impression.objects.count() == answers["draw", 200]
