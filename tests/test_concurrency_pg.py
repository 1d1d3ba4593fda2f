"""Many residents drawing and voting at once, on a real PostgreSQL server (real ``FOR UPDATE SKIP LOCKED`` draws,
real row locks and unique constraints), with deliberate races on one ticket and on one participant's project."""

import os
import random
import threading
import time
import traceback
from collections import Counter

import pytest
from django.db import connection
from django.db.models import Count, Max, Min
from django.test import override_settings

from wagtail_opengov import tallies, voting
from wagtail_opengov.models import Impression, RouletteSlot, Vote, VoteStatus

from .factories import CategoryFactory, admitted_project, new_participant

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PROJECTS = 16
VOTERS = 10  # threads drawing and voting, each with its own participants
# Each participant sees at most 6 of the 16 projects. Draws skip the projects a participant voted on, so a
# participant who has voted on most of the deck keeps drawing the few projects left and widens the spread on
# their own, without any concurrency (3–4 with 12 votes each out of 16, even one thread at a time).
PARTICIPANTS_PER_VOTER = 6
SESSIONS, DRAWS_PER_SESSION = 2, 3
TICKET_RACERS = 4  # threads casting one and the same ticket, several rounds
PAIR_ROUNDS = 3  # rounds of one participant voting one project from two threads at once
ROUNDS = 3
BARRIER_TIMEOUT = 30


def read_card(rng):
    # A few milliseconds of "reading", different in every thread, so draws and votes interleave.
    time.sleep(rng.random() * 0.005)


def spread(campaign):
    agg = RouletteSlot.objects.filter(campaign=campaign, eligible=True).aggregate(
        lo=Min("impressions"), hi=Max("impressions")
    )
    return agg["hi"] - agg["lo"]


class Run:
    """What the threads report back: votes stored, refusals, and anything else that escaped."""

    def __init__(self):
        self.lock = threading.Lock()
        self.votes = []  # (vote id, participant id, project id, impression id, choice) of every successful call
        self.refused = []  # (thread name, code)
        self.errors = []  # tracebacks of exceptions other than Refused
        self.race_outcomes = {}  # (race, round) → ["ok" | refusal code, …]

    def add(self, attr, item):
        with self.lock:
            getattr(self, attr).append(item)

    def outcome(self, key, result):
        with self.lock:
            self.race_outcomes.setdefault(key, []).append(result)

    def stored(self, vote):
        self.add("votes", (vote.pk, vote.participant_id, vote.project_id, vote.impression_id, vote.choice))


def in_thread(run, body):
    """A thread's target: run ``body``, report any exception that is not a Refused, always close the
    thread's own database connection."""

    def target():
        try:
            body()
        except BaseException:  # noqa: BLE001 — everything is reported and fails the test
            run.add("errors", f"{threading.current_thread().name}:\n{traceback.format_exc()}")
        finally:
            connection.close()

    return target


def run_all(run, bodies, name, timeout):
    """Start one thread per body, wait for all, and fail if one is stuck or any raised."""
    threads = [threading.Thread(target=in_thread(run, body), name=f"{name}-{i}") for i, body in enumerate(bodies)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), f"a {name} thread is stuck"


def cast(run, participant, ticket, choice, race=None):
    try:
        vote = voting.cast_vote(participant=participant, ticket=ticket, choice=choice)
    except voting.Refused as refusal:
        run.add("refused", (threading.current_thread().name, refusal.code))
        if race:
            run.outcome(race, refusal.code)
        return None
    run.stored(vote)
    if race:
        run.outcome(race, "ok")
    return vote


def two_tickets_for_one_project(campaign):
    """A fresh participant with two tickets (two sessions, two impressions) for the same project."""
    participant = new_participant()
    first = voting.draw_card(participant=participant, campaigns=[campaign], session="a")
    for i in range(3 * PROJECTS):
        card = voting.draw_card(participant=participant, campaigns=[campaign], session=f"b{i}")
        if card.project.pk == first.project.pk:
            return participant, first.ticket, card.ticket
    raise AssertionError("the project never came back")


@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0})
def test_concurrent_draws_and_votes_stay_exact_and_fair(campaign):
    roads, parks = CategoryFactory(slug="roads"), CategoryFactory(slug="parks")
    for i in range(PROJECTS):
        admitted_project(campaign, category=roads if i % 2 else parks)
    voters = [[new_participant() for _ in range(PARTICIPANTS_PER_VOTER)] for _ in range(VOTERS)]
    ticket_races = []
    for _ in range(ROUNDS):
        participant = new_participant()
        ticket_races.append((participant, voting.draw_card(participant=participant, campaigns=[campaign]).ticket))
    pair_races = [two_tickets_for_one_project(campaign) for _ in range(PAIR_ROUNDS)]
    assert spread(campaign) <= 1

    run = Run()
    # Every worker, the monitor and this thread leave the start line together.
    start = threading.Barrier(VOTERS + TICKET_RACERS + 2 + 1 + 1, timeout=BARRIER_TIMEOUT)
    ticket_round = threading.Barrier(TICKET_RACERS, timeout=BARRIER_TIMEOUT)
    pair_round = threading.Barrier(2, timeout=BARRIER_TIMEOUT)
    workers_done = threading.Event()
    samples = []  # (spread, differences) seen by the monitor while the others run

    def voter(index):
        def body():
            rng = random.Random(index)  # the thread's own generator: reproducible choices, no shared state
            start.wait()
            for participant in voters[index]:
                for s in range(SESSIONS):
                    for _ in range(DRAWS_PER_SESSION):
                        card = voting.draw_card(
                            participant=participant, campaigns=[campaign], session=f"{participant.pk}-{s}"
                        )
                        if card is None:
                            # At most 6 votes of 16 and 3 cards a session: something is always left to them.
                            raise AssertionError(f"no card for participant {participant.pk} in session {s}")
                        read_card(rng)
                        if rng.random() < 0.6:  # some cards are skipped, as residents do
                            cast(run, participant, card.ticket, rng.choice(["for", "against"]))

        return body

    def ticket_racer(index):
        def body():
            rng = random.Random(100 + index)
            start.wait()
            for r, (participant, ticket) in enumerate(ticket_races):
                time.sleep(0.01)  # land in the middle of the voters' traffic
                ticket_round.wait()
                cast(run, participant, ticket, rng.choice(["for", "against"]), race=("ticket", r))

        return body

    def pair_racer(side):
        def body():
            start.wait()
            for r, (participant, *tickets) in enumerate(pair_races):
                time.sleep(0.01)
                pair_round.wait()
                cast(run, participant, tickets[side], "for", race=("pair", r))

        return body

    def monitor():
        start.wait()
        while not workers_done.is_set():
            samples.append((spread(campaign), tallies.recount(campaign.pk)))
            time.sleep(0.02)

    workers = (
        [threading.Thread(target=in_thread(run, voter(i)), name=f"voter-{i}") for i in range(VOTERS)]
        + [threading.Thread(target=in_thread(run, ticket_racer(i)), name=f"ticket-{i}") for i in range(TICKET_RACERS)]
        + [threading.Thread(target=in_thread(run, pair_racer(i)), name=f"pair-{i}") for i in range(2)]
    )
    watcher = threading.Thread(target=in_thread(run, monitor), name="monitor")
    began = time.monotonic()
    for thread in [*workers, watcher]:
        thread.start()
    start.wait()
    for thread in workers:
        thread.join(timeout=50)
    workers_done.set()
    watcher.join(timeout=10)
    elapsed = time.monotonic() - began

    # Every thread finished, and nothing but Refused escaped any of them.
    assert not any(t.is_alive() for t in [*workers, watcher]), "a thread is stuck"
    assert run.errors == []
    assert elapsed < 55

    # Voters never collide with anyone: every refusal came from a deliberate race, with the expected code.
    refusals = Counter(code for name, code in run.refused)
    assert all(not name.startswith("voter") for name, code in run.refused), run.refused
    assert set(refusals) <= {"ticket_used", "already_voted"}
    for r in range(ROUNDS):
        outcome = Counter(run.race_outcomes[("ticket", r)])
        assert outcome["ok"] == 1 and outcome["ticket_used"] + outcome["already_voted"] == TICKET_RACERS - 1, outcome
    for r in range(PAIR_ROUNDS):
        assert sorted(run.race_outcomes[("pair", r)]) == ["already_voted", "ok"]

    # Every successful call is stored exactly once, counted, as it was returned; nothing else is stored.
    ids = [v[0] for v in run.votes]
    assert len(ids) == len(set(ids)) and len(ids) >= VOTERS * PARTICIPANTS_PER_VOTER
    stored = set(Vote.objects.values_list("pk", "participant_id", "project_id", "impression_id", "choice"))
    assert stored == set(run.votes)
    assert set(Vote.objects.values_list("status", flat=True)) == {VoteStatus.COUNTED}
    duplicates = Vote.objects.values("participant", "project").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()

    # The stored tallies equal the votes, now and at every moment the monitor looked.
    assert tallies.recount() == []
    slots = RouletteSlot.objects.filter(campaign=campaign)
    choices = Counter(v[4] for v in run.votes)
    assert sum(s.votes_for for s in slots) == choices["for"]
    assert sum(s.votes_against for s in slots) == choices["against"]

    # Fair under contention: max − min impressions ≤ 2 at the end and whenever the monitor looked.
    assert len(samples) >= 3
    assert max(s for s, _ in samples) <= 2, Counter(s for s, _ in samples)
    assert [d for _, d in samples if d] == []
    assert spread(campaign) <= 2


FRESH_THREADS, FRESH_ROUNDS = 12, 10


@pytest.mark.parametrize("size", [3, 16])
@pytest.mark.parametrize("filters", [(), ("roads",), ("roads", "parks")], ids=["all", "one-category", "two-categories"])
def test_fresh_participants_drawing_at_once_always_get_a_card(campaign, size, filters):
    """Twelve new residents press "show me a project" at the same moment, ten times over. Each has seen
    nothing and voted on nothing, so each must get a card, even while the other draws hold every candidate
    row locked (SKIP LOCKED alone answered "you have seen every project" to up to 75 of 120)."""
    categories = [CategoryFactory(slug=slug) for slug in ("roads", "parks", "lights")]
    projects = [admitted_project(campaign, category=categories[i % 3]) for i in range(size)]
    keys = [c.translation_key for c in categories if c.slug in filters]
    wanted = {p.pk for p in projects if not keys or p.category.translation_key in keys}
    participants = [[new_participant() for _ in range(FRESH_ROUNDS)] for _ in range(FRESH_THREADS)]
    run = Run()
    drawn = []  # (thread, round, project id or None)
    start = threading.Barrier(FRESH_THREADS, timeout=BARRIER_TIMEOUT)

    def resident(index):
        def body():
            for r, participant in enumerate(participants[index]):
                start.wait()  # every round leaves the line together
                card = voting.draw_card(participant=participant, campaigns=[campaign], categories=keys, session="s")
                run.add("votes", (index, r, card.project_id if card else None))

        return body

    run_all(run, [resident(i) for i in range(FRESH_THREADS)], "fresh", timeout=60)
    assert run.errors == []
    drawn = run.votes
    assert len(drawn) == FRESH_THREADS * FRESH_ROUNDS
    empty = [d for d in drawn if d[2] is None]
    assert empty == [], f"{len(empty)} of {len(drawn)} fresh residents were told nothing was left"
    assert {d[2] for d in drawn} <= wanted
    # Every card is one impression in the log; the deck stays even while it absorbs the rush.
    assert Impression.objects.count() == len(drawn)
    slots = RouletteSlot.objects.filter(project_id__in=wanted)
    counts = [s.filtered_impressions if keys else s.impressions - s.filtered_impressions for s in slots]
    assert max(counts) - min(counts) <= 2, counts
    assert sum(counts) <= len(drawn)


LIMITED_PROJECTS, VOTES_EACH, LIMIT = 8, 6, 15
# Ten residents behind one address (a school's Wi-Fi), two behind another: 60 votes from the first address, 12
# from the second, against a limit of 15 per address.
BUSY_IP, QUIET_IP = "198.51.100.23", "203.0.113.9"
ADDRESSES = [BUSY_IP] * 10 + [QUIET_IP] * 2
# One window so long that its bucket cannot roll over during the run (a new bucket would start a new count).
LIMIT_WINDOW = 10**6


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (Redis as the cache, for the limits)")
@override_settings(OPENGOV={"TICKET_MIN_SECONDS": 0, "VOTE_LIMITS": {"ip": [(LIMIT_WINDOW, LIMIT)]}})
def test_concurrent_votes_over_an_address_limit_are_quarantined_exactly(campaign):
    """Twelve residents vote at once, most of them behind one address over its limit: every vote is stored once,
    the first LIMIT from that address are counted and the rest quarantined, and the tallies count only the
    counted ones. Redis counts the limit atomically, so no race lets an extra vote through as counted."""
    from wagtail_opengov import fastcache, identity

    assert fastcache.redis_client() is not None, "REDIS_URL is set but the cache is not Redis"
    for _ in range(LIMITED_PROJECTS):
        admitted_project(campaign, category=CategoryFactory())
    participants = [new_participant() for _ in ADDRESSES]
    run = Run()
    returned = {}  # vote id → status the resident's call stored
    start = threading.Barrier(len(ADDRESSES), timeout=BARRIER_TIMEOUT)

    def resident(index):
        def body():
            rng = random.Random(200 + index)
            start.wait()
            for _ in range(VOTES_EACH):
                card = voting.draw_card(participant=participants[index], campaigns=[campaign])
                if card is None:
                    raise AssertionError(f"no card for resident {index}")
                read_card(rng)
                vote = voting.cast_vote(participant=participants[index], ticket=card.ticket,
                                        choice=rng.choice(["for", "against"]), ip=ADDRESSES[index])
                run.stored(vote)
                with run.lock:
                    returned[vote.pk] = vote.status

        return body

    run_all(run, [resident(i) for i in range(len(ADDRESSES))], "limited", timeout=50)
    assert run.errors == []  # no vote was refused: a limit quarantines, it never refuses

    # Every vote cast is stored exactly once, with the status its call returned.
    cast_count = len(ADDRESSES) * VOTES_EACH
    assert len(run.votes) == len(returned) == cast_count
    stored = set(Vote.objects.values_list("pk", "participant_id", "project_id", "impression_id", "choice"))
    assert stored == set(run.votes)
    assert dict(Vote.objects.values_list("pk", "status")) == returned
    statuses = Counter(returned.values())
    assert statuses[VoteStatus.COUNTED] + statuses[VoteStatus.QUARANTINED] == cast_count

    # Per address: never more counted than the limit; the quiet address stays under it and is counted in full.
    by_address = Counter(Vote.objects.values_list("ip_hash", "status"))
    busy, quiet = identity.keyed_hash(BUSY_IP, "ip"), identity.keyed_hash(QUIET_IP, "ip")
    assert by_address[(busy, VoteStatus.COUNTED)] == LIMIT
    assert by_address[(busy, VoteStatus.QUARANTINED)] == ADDRESSES.count(BUSY_IP) * VOTES_EACH - LIMIT
    assert by_address[(quiet, VoteStatus.COUNTED)] == ADDRESSES.count(QUIET_IP) * VOTES_EACH
    assert by_address[(quiet, VoteStatus.QUARANTINED)] == 0
    quarantined = Vote.objects.filter(status=VoteStatus.QUARANTINED)
    assert set(quarantined.values_list("status_note", flat=True)) == {f"rate limit ip/{LIMIT_WINDOW}s"}

    # The tallies hold the counted votes only, and agree with a recount.
    assert tallies.recount() == []
    counted = Counter(Vote.objects.filter(status=VoteStatus.COUNTED).values_list("choice", flat=True))
    slots = RouletteSlot.objects.filter(campaign=campaign)
    assert sum(s.votes_for for s in slots) == counted["for"]
    assert sum(s.votes_against for s in slots) == counted["against"]
    assert sum(s.votes_for + s.votes_against for s in slots) == statuses[VoteStatus.COUNTED] < cast_count
