#!/usr/bin/env python
"""Where a draw and a vote spend their time, in process (Django's test client, no HTTP server).

Creates a throw-away PostgreSQL database (default ``opengov_bench_profile``) like throughput.py (2,000 admitted
projects, benchmark settings), then:

1. times ``--requests`` baseline POSTs, draws and votes one after another (wall clock, no profiler), and lists the
   SQL statements of one steady-state draw and one vote;
2. runs the same draws and votes under cProfile and prints, for each, the cumulative time of the steps of the
   view as a share of the whole view (profiling inflates Python-heavy steps a little; read the shares, not the
   milliseconds).

The database and the run's rate-limit keys in Redis are removed at the end.
"""

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as common  # noqa: E402

API = "/opengov/api/v1"

# (label, module path fragment, function name); the first row of each list is the whole view.
DRAW_STEPS = [
    ("whole view: api/v1.draw", "wagtail_opengov/api/v1.py", "draw"),
    ("snapshots.campaign_state (one cache read)", "wagtail_opengov/snapshots.py", "campaign_state"),
    ("voting.category_keys", "wagtail_opengov/voting.py", "category_keys"),
    ("identity.participant_id (signed cookie)", "wagtail_opengov/identity.py", "participant_id"),
    ("voting.draw_card (engine + ticket)", "wagtail_opengov/voting.py", "draw_card"),
    ("  roulette.draw (the engine: one statement: UPDATE, INSERT, card)", "wagtail_opengov/roulette/engine.py", "draw"),
    ("  signing.dumps (the ticket)", "django/core/signing.py", "dumps"),
    ("snapshots.present_card (the stored card, URL relative or absolute)", "wagtail_opengov/snapshots.py",
     "present_card"),
    ("cards.card_for (only when a card is missing)", "wagtail_opengov/roulette/cards.py", "card_for"),
]
VOTE_STEPS = [
    ("whole view: api/v1.vote", "wagtail_opengov/api/v1.py", "vote"),
    ("identity.participant_id (signed cookie)", "wagtail_opengov/identity.py", "participant_id"),
    ("voting.cast_vote", "wagtail_opengov/voting.py", "cast_vote"),
    ("  _read_ticket (signature check)", "wagtail_opengov/voting.py", "_read_ticket"),
    ("  clean_reason (bleach)", "wagtail_opengov/voting.py", "clean_reason"),
    ("  snapshots.campaign_state (one cache read)", "wagtail_opengov/snapshots.py", "campaign_state"),
    ("  limits.exceeded_limit (one Redis Lua call)", "wagtail_opengov/limits.py", "exceeded_limit"),
    ("  Model.save of the Vote (incl. signals)", "django/db/models/base.py", "save"),
    ("  _add_to_tally (also the admission check)", "wagtail_opengov/voting.py", "_add_to_tally"),
]


def cumulative(stats, fragment, name):
    total = 0.0
    for (filename, _line, function), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if function == name and filename.replace("\\", "/").endswith(fragment):
            total += ct
    return total


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-url", default=common.DEFAULT_SERVER_URL,
                        help="PostgreSQL server to create the database on (default: %(default)s)")
    parser.add_argument("--database", default="opengov_bench_profile",
                        help="name of the throw-away database (default: %(default)s)")
    parser.add_argument("--redis-url", default=common.DEFAULT_REDIS_URL,
                        help="Django's cache ('' = local memory; default: %(default)s)")
    parser.add_argument("--requests", type=int, default=300, help="requests of each kind (default: %(default)s)")
    parser.add_argument("--top", type=int, default=0,
                        help="also print the N functions with the most own time in each profile")
    return parser.parse_args()


def main():
    args = parse_args()
    common.exit_cleanly_on_sigterm()
    db_url = common.create_postgres_database(args.server_url, args.database)
    try:
        common.clear_redis_limits(args.redis_url)
        common.bootstrap(db_url, args.redis_url or None)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from benchmarks.urls import CREATE_BASELINE_TABLE

        with connection.cursor() as cursor:
            cursor.execute(CREATE_BASELINE_TABLE)
        categories = common.make_categories(10)
        campaign = common.make_campaign("Profile", "profile")
        common.bulk_admitted_projects(campaign, categories, 2000)

        client = Client(enforce_csrf_checks=True)
        headers = {"HTTP_X_CSRFTOKEN": client.get(f"{API}/csrf").json()["token"]}

        def post(path, body):
            return client.post(path, data=json.dumps(body), content_type="application/json", **headers)

        def draw():
            return post(f"{API}/roulette/draw", {"campaign": campaign.pk, "categories": []})

        def vote(ticket):
            return post(f"{API}/votes", {"ticket": ticket, "choice": "for", "reason": "bench"})

        draw()  # the first draw creates the participant
        with CaptureQueriesContext(connection) as draw_queries:
            ticket = draw().json()["ticket"]
        with CaptureQueriesContext(connection) as vote_queries:
            assert vote(ticket).status_code == 201
        statements = {
            "draw": [q["sql"] for q in draw_queries.captured_queries],
            "vote": [q["sql"] for q in vote_queries.captured_queries],
        }

        n = args.requests
        timings = {}
        started = time.perf_counter()
        for _ in range(n):
            post("/bench/baseline", {})
        timings["baseline"] = (time.perf_counter() - started) / n
        started = time.perf_counter()
        tickets = [draw().json()["ticket"] for _ in range(n)]
        timings["draw"] = (time.perf_counter() - started) / n
        started = time.perf_counter()
        for t in tickets:
            vote(t)
        timings["vote"] = (time.perf_counter() - started) / n

        profiles = {}
        for label, run in (("draw", lambda: [draw().json()["ticket"] for _ in range(n)]),):
            profiler = cProfile.Profile()
            profiler.enable()
            tickets = run()
            profiler.disable()
            profiles[label] = pstats.Stats(profiler)
        profiler = cProfile.Profile()
        profiler.enable()
        for t in tickets:
            vote(t)
        profiler.disable()
        profiles["vote"] = pstats.Stats(profiler)
        if args.top:
            for label, stats in profiles.items():
                print(f"\n--- {label}: top {args.top} by own time ---")
                stats.sort_stats("tottime").print_stats(args.top)
    finally:
        common.clear_redis_limits(args.redis_url)
        common.drop_postgres_database(args.server_url, args.database)
        common.log(f"dropped database {args.database}")

    for label, sqls in statements.items():
        print(f"SQL of one {label} ({len(sqls)} statements):")
        for sql in sqls:
            print("   ", " ".join(sql.split())[:160])
        print()
    for label, steps in (("draw", DRAW_STEPS), ("vote", VOTE_STEPS)):
        stats = profiles[label]
        whole = cumulative(stats, steps[0][1], steps[0][2]) or 1.0
        rows = [[name, f"{100 * cumulative(stats, fragment, function) / whole:.0f} %"]
                for name, fragment, function in steps]
        print(common.table([f"{label}: step (cProfile, {n} requests)", "share of the view"], rows))
        print()
    base = timings["baseline"]
    print(common.package_fingerprint())
    print(f"In process (Django test client, {n} requests each, no profiler), PostgreSQL, "
          f"cache {args.redis_url or 'local memory'}")
    print()
    print(common.table(
        ["request", "ms per request", "x baseline time", "SQL statements"],
        [["baseline", f"{1000 * base:.2f}", "1.0", 1],
         ["draw", f"{1000 * timings['draw']:.2f}", f"{timings['draw'] / base:.1f}", len(statements["draw"])],
         ["vote", f"{1000 * timings['vote']:.2f}", f"{timings['vote'] / base:.1f}", len(statements["vote"])]],
    ))


if __name__ == "__main__":
    main()
