#!/usr/bin/env python
"""Does a draw get slower when the deck grows? Draws/s with 100,000 vs 100 admitted projects, on PostgreSQL.

Draws go through the engine itself, ``wagtail_opengov.roulette.draw(...)``, in this one process and thread (no
HTTP: the HTTP cost per draw is the same whatever the deck's size, and throughput.py measures it). One database
(default ``opengov_bench_scaling``) holds two open campaigns: "small" with 100 admitted projects and "large"
with 100,000 (pages, ProjectPage rows and RouletteSlots are bulk-inserted, see ``_common.bulk_admitted_projects``;
then ANALYZE). The small campaign is also timed before the large one exists, so the effect of a big shared
table on a small campaign shows too.

Draws come from a pool of participants in browsing sessions of 10 draws (so the "not seen in this session"
check has work to do). Three kinds of draw are timed: unfiltered, filtered to 1 category, filtered to 2 of the
10 categories (filtered draws rotate through the categories). Sizes alternate for ``--rounds`` rounds of
``--seconds`` each; the figure is the median rate. A fourth, staged case (rolled back) times 2-category draws
when both categories run one impression ahead of the rest. Last, EXPLAIN (ANALYZE, BUFFERS) of the draw statement
at 100,000 (rolled back) shows which index each kind uses. The database is dropped at the end.

The benchmark's connection runs with synchronous_commit off (``--synchronous-commit`` to keep it on): waiting
for the WAL flush costs the same whatever the deck's size, and on a shared disk it mostly adds noise. The table
also gives CPU microseconds per draw (this process + its PostgreSQL backend), which other load on the machine
disturbs much less than wall-clock rates.
"""

import argparse
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as common  # noqa: E402

SESSION_LENGTH = 10


class Drawer:
    """Sequential draws from a pool of participants, each block of SESSION_LENGTH draws one browsing session."""

    def __init__(self, participants):
        self.participants = participants
        self.count = 0

    def next_visitor(self):
        block = self.count // SESSION_LENGTH
        self.count += 1
        return self.participants[block % len(self.participants)], f"{block:032x}"

    def run(self, campaign_id, key_sets, seconds):
        """Draw for ``seconds``; the n-th draw filters on ``key_sets[n % len(key_sets)]``. Returns (draws, empty,
        wall seconds, CPU seconds of this process + its PostgreSQL backend)."""
        from wagtail_opengov import roulette

        done = empty = 0
        cpu_before = time.process_time() + backend_cpu()
        started = time.perf_counter()
        deadline = started + seconds
        while time.perf_counter() < deadline:
            participant, session = self.next_visitor()
            result = roulette.draw(
                participant_id=participant,
                campaign_ids=[campaign_id],
                category_keys=key_sets[done % len(key_sets)],
                session=session,
            )
            done += 1
            empty += result is None
        wall = time.perf_counter() - started
        return done, empty, wall, time.process_time() + backend_cpu() - cpu_before


_backend_pid = None


def backend_cpu():
    """CPU seconds used so far by this connection's PostgreSQL backend process (same machine)."""
    global _backend_pid
    from django.db import connection

    if _backend_pid is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _backend_pid = cursor.fetchone()[0]
    try:
        with open(f"/proc/{_backend_pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def explain(campaign_id, category_keys, participant, prepare_sql=None):
    """EXPLAIN (ANALYZE, BUFFERS) of the statement(s) one ``roulette.draw`` runs to pick a project.

    The draw is run once inside a rolled-back transaction with an execute wrapper that records its UPDATE
    statement(s) and parameters (so this follows the engine whatever its SQL looks like); then each recorded
    statement is explained, again in a rolled-back transaction. ``prepare_sql`` runs first in both, to stage a
    situation."""
    from django.db import connection, transaction

    from wagtail_opengov import roulette

    recorded = []

    def record(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("UPDATE") and "draw_key" in sql:
            recorded.append((sql, params))
        return execute(sql, params, many, context)

    def staged():
        if prepare_sql:
            with connection.cursor() as cursor:
                cursor.execute(*prepare_sql)

    with transaction.atomic():
        staged()
        with connection.execute_wrapper(record):
            roulette.draw(participant_id=participant, campaign_ids=[campaign_id], category_keys=category_keys,
                          session="0" * 32)
        transaction.set_rollback(True)
    plans = []
    with transaction.atomic():
        staged()
        with connection.cursor() as cursor:
            for sql, params in recorded:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
        transaction.set_rollback(True)
    header = f"({len(recorded)} draw statement{'s' if len(recorded) != 1 else ''})"
    return header + "\n" + "\n-- next statement of the same draw --\n".join(plans)


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-url", default=common.DEFAULT_SERVER_URL,
                        help="PostgreSQL server to create the database on (default: %(default)s)")
    parser.add_argument("--database", default="opengov_bench_scaling",
                        help="name of the throw-away database (dropped first if it exists; default: %(default)s)")
    parser.add_argument("--large", type=int, default=100_000, help="projects in the large deck (default: %(default)s)")
    parser.add_argument("--small", type=int, default=100, help="projects in the small deck (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=1.5,
                        help="seconds per timed run of one size and kind (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds per size (default: %(default)s)")
    parser.add_argument("--participants", type=int, default=5000, help="participant pool (default: %(default)s)")
    parser.add_argument("--synchronous-commit", action="store_true",
                        help="keep synchronous_commit on for the benchmark's connection (default: off, so each "
                             "draw's COMMIT does not wait for the WAL flush, a cost independent of the deck's "
                             "size that only adds the disk's noise)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main():
    args = parse_args()
    common.exit_cleanly_on_sigterm()
    common.log(f"load average before: {os.getloadavg()}")
    db_url = common.create_postgres_database(args.server_url, args.database)
    runs = {}  # (label, kind) -> list of (draws, empty, wall, cpu)
    try:
        common.bootstrap(db_url)
        from django.db import connection

        from wagtail_opengov.models.participation import Impression, RouletteSlot

        if not args.synchronous_commit:
            with connection.cursor() as cursor:
                cursor.execute("SET synchronous_commit = off")
        categories = common.make_categories(10)
        tkeys = [c.translation_key for c in categories]
        # Filtered draws rotate through the categories (and through neighbouring pairs), so no category runs
        # ahead of the others; the worst case, where two filtered categories do, is staged separately below.
        kinds = {
            "unfiltered": [[]],
            "1 category": [[k] for k in tkeys],
            "2 categories": [[tkeys[i], tkeys[(i + 1) % 10]] for i in range(10)],
        }
        participants = common.make_participants(args.participants)
        drawer = Drawer(participants)
        small = common.make_campaign("Small deck", "small")
        common.bulk_admitted_projects(small, categories, args.small, slug_prefix="s")
        small_label, large_label = f"{args.small:,}", f"{args.large:,}"
        alone_label = f"{args.small:,} alone"

        def measure(label, campaign_id, kind, key_sets=None, seconds=args.seconds):
            result = drawer.run(campaign_id, key_sets or kinds[kind], seconds)
            runs.setdefault((label, kind), []).append(result)
            draws, empty, wall, cpu = result
            common.log(f"{label}, {kind}: {draws / wall:.0f} draws/s, {1e6 * cpu / draws:.0f} us CPU/draw"
                       + (f" ({empty} empty)" if empty else ""))

        for kind in kinds:  # warm-up, untimed
            drawer.run(small.pk, kinds[kind], 1.0)
        for _ in range(2):
            for kind in kinds:
                measure(alone_label, small.pk, kind)

        large = common.make_campaign("Large deck", "large")
        with common.timed(f"{args.large:,} admitted projects"):
            common.bulk_admitted_projects(large, categories, args.large, slug_prefix="l")
            with connection.cursor() as cursor:
                cursor.execute("CHECKPOINT")  # write the bulk load out now, not during the timed runs
        for kind in kinds:
            drawer.run(large.pk, kinds[kind], 1.0)
        for _ in range(args.rounds):
            for kind in kinds:
                common.stand_in_for_autovacuum()  # untimed; see _common.py
                measure(small_label, small.pk, kind)
                common.stand_in_for_autovacuum()
                measure(large_label, large.pk, kind)

        # The worst case of a multi-category filter: both chosen categories run one impression ahead of the
        # rest (say the two most popular filters), staged inside a transaction that is rolled back.
        pair = [tkeys[0], tkeys[1]]
        ahead = (
            f"UPDATE {RouletteSlot._meta.db_table} "
            "SET filter_key = filter_key + 1, filtered_impressions = filtered_impressions + 1 "
            "WHERE campaign_id = %s AND category_key IN (%s, %s)"
        )
        worst = "2 categories, both ahead"
        from django.db import transaction

        for campaign, label in ((small, small_label), (large, large_label)):
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(ahead, [campaign.pk, *pair])
                measure(label, campaign.pk, worst, key_sets=[pair], seconds=min(args.seconds, 2.0))
                transaction.set_rollback(True)

        plans = {kind: explain(large.pk, kinds[kind][0], participants[0]) for kind in kinds}
        plans[worst] = explain(large.pk, pair, participants[0], prepare_sql=(ahead, [large.pk, *pair]))
        small_plan = explain(small.pk, [], participants[0])
        impressions = Impression.objects.count()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT n_live_tup, n_dead_tup, autovacuum_count, autoanalyze_count FROM pg_stat_user_tables "
                "WHERE relname = %s", [RouletteSlot._meta.db_table]
            )
            slot_stats = cursor.fetchone()
    finally:
        if args.keep:
            common.log(f"kept database {args.database}")
        else:
            common.drop_postgres_database(args.server_url, args.database)
            common.log(f"dropped database {args.database}")

    for kind, plan in plans.items():
        print(f"EXPLAIN (ANALYZE, BUFFERS) of the draw statement, {large_label} projects, {kind}:")
        print(plan)
        print()
    print(f"EXPLAIN (ANALYZE, BUFFERS), {small_label} projects, unfiltered:")
    print(small_plan)
    print()
    print(f"{impressions:,} draws in all; slot table at the end: {slot_stats[0]:,} live / {slot_stats[1]:,} dead "
          f"tuples, autovacuum runs {slot_stats[2]}, autoanalyze runs {slot_stats[3]}")
    print()

    def rate(label, kind):
        return median([d / w for d, _, w, _ in runs[(label, kind)]])

    def cpu_us(label, kind):
        parts = runs[(label, kind)]
        return 1e6 * sum(c for *_, c in parts) / sum(d for d, *_ in parts)

    rows = []
    for kind in [*kinds, worst]:
        small_rate, large_rate = rate(small_label, kind), rate(large_label, kind)
        ratio = large_rate / small_rate
        rows.append([
            kind,
            f"{rate(alone_label, kind):.0f}" if (alone_label, kind) in runs else "",
            f"{small_rate:.0f}", f"{large_rate:.0f}", f"{ratio:.2f}",
            f"{cpu_us(small_label, kind):.0f}", f"{cpu_us(large_label, kind):.0f}",
            ("met" if ratio >= 0.9 else "MISSED") if kind != worst else "(staged worst case)",
        ])
    print(common.package_fingerprint())
    commit = "on" if args.synchronous_commit else "off"
    print(f"Engine draws/s (median of {args.rounds} alternating {args.seconds:g} s runs), one process, PostgreSQL "
          f"(synchronous_commit {commit}); "
          f"{args.participants:,} participants in sessions of {SESSION_LENGTH} draws; CPU = this process + its "
          f"PostgreSQL backend")
    print()
    print(common.table(
        ["draw", f"{small_label}, large deck not yet created", small_label, large_label,
         f"{large_label} / {small_label}", f"us CPU/draw {small_label}", f"us CPU/draw {large_label}",
         "aim >= 0.90"],
        rows,
    ))


if __name__ == "__main__":
    main()
