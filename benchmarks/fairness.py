#!/usr/bin/env python
"""How evenly does the Roulette spread attention? The engine against uniform random choice and a daily shuffle.

One campaign with N admitted projects (default 1,000, in 10 categories of equal size) gets 100·N draws (default
100,000) through ``wagtail_opengov.roulette.draw``, on a throw-away PostgreSQL database (default
``opengov_bench_fairness``; ``--backend sqlite`` for SQLite in a temporary file). The same stream of visitors, generated once from ``--seed``, is then fed
to two baselines in memory:

* uniform random: every card is drawn uniformly among the projects the visitor may see (their filter, not seen
  in this session, not voted on), i.e. the engine's rules with a fair die instead of the deck;
* daily shuffle: every visitor sees the same order each day (a shuffle seeded by the date, as meinBerlin does),
  narrowed to their filter, and looks at its first items; the voting period is ``--days`` long.

The visitor stream: browsing sessions of about 10 draws (geometric, mean ``--session-mean``); 30 % of sessions
come from a returning participant (new session, same device); 20 % of sessions filter on categories (one
category, or two for a fifth of them), so about 80 % of draws are unfiltered; 30 % of cards get a vote (stored
as a Vote row, as ``voting.cast_vote`` does, so the engine then skips that project for that participant).

For each method: R = max/min impressions per project, the Gini coefficient of impressions, and the longest wait
between two impressions of the same project divided by N — all computed with
``wagtail_opengov.roulette.stats`` (``fairness_report`` for the engine, ``summarise`` for the baselines) — for
all draws and for unfiltered draws only. "never shown" counts projects with no impression at all (R is then
infinite). The temporary database is removed at the end.

With ``--control``, a second engine run on a second campaign of N projects gets the same stream without filtered
sessions ("engine, no filtered sessions"). A small table shows the engine's impressions per project by category.
Together they show where the spread of the unfiltered figures comes from.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as common  # noqa: E402

N_CATEGORIES = 10


@dataclass(frozen=True)
class Session:
    number: int
    visitor: int  # participant index; a returning visitor reuses an earlier one
    categories: tuple  # category indices; () = unfiltered
    length: int  # cards the visitor would look at
    seed: int  # for the visitor's vote decisions


def visitor_stream(seed, session_mean, returning=0.3, filtered=0.2, two_categories=0.2):
    """An endless, reproducible stream of browsing sessions."""
    rng = random.Random(seed)
    visitors = 0
    number = 0
    while True:
        if visitors and rng.random() < returning:
            visitor = rng.randrange(visitors)
        else:
            visitor = visitors
            visitors += 1
        categories = ()
        if rng.random() < filtered:
            count = 2 if rng.random() < two_categories else 1
            categories = tuple(sorted(rng.sample(range(N_CATEGORIES), count)))
        length = 1
        while rng.random() > 1 / session_mean:  # geometric on 1, 2, …
            length += 1
        yield Session(number, visitor, categories, length, rng.randrange(1 << 30))
        number += 1


# -- the three methods: each returns (sequence of (project, filtered)) --------------------------------------
def run_engine(campaign, categories, total, args, filtered_share, label):
    from wagtail_opengov import roulette
    from wagtail_opengov.models.participation import Participant, Vote

    keys = [c.translation_key for c in categories]
    participants = {}
    draws = votes = ended = 0
    started = time.monotonic()
    for session in visitor_stream(args.seed, args.session_mean, filtered=filtered_share):
        if draws >= total:
            break
        if session.visitor not in participants:
            participants[session.visitor] = Participant.objects.create(
                token_hash=f"bench-{campaign.pk}-{session.visitor}"
            ).pk
        participant = participants[session.visitor]
        chosen = [keys[i] for i in session.categories]
        decide = random.Random(session.seed)
        for _ in range(session.length):
            if draws >= total:
                break
            result = roulette.draw(
                participant_id=participant, campaign_ids=[campaign.pk], category_keys=chosen,
                session=f"{session.number:032x}",
            )
            if result is None:
                ended += 1
                break
            draws += 1
            if decide.random() < args.vote_rate:
                # The row cast_vote stores; bulk_create skips post_save handlers (Wagtail's reference index),
                # which do not affect the draws and would only slow the simulation down.
                Vote.objects.bulk_create([Vote(
                    participant_id=participant, project_id=result.project_id, campaign_id=campaign.pk,
                    impression_id=result.impression_id, choice="for",
                )])
                votes += 1
            if draws % 5000 == 0:
                common.stand_in_for_autovacuum()
            if draws % 20000 == 0:
                common.log(f"  {label}: {draws:,} draws ({draws / (time.monotonic() - started):.0f}/s)")
    common.log(f"{label}: {draws:,} draws, {votes:,} votes, {len(participants):,} participants, "
               f"{ended} sessions ran out of projects, {time.monotonic() - started:.0f} s")
    return draws


def run_uniform(projects, category_of, total, args):
    rng = random.Random(args.seed + 1)
    by_category = {}
    for p in projects:
        by_category.setdefault(category_of[p], []).append(p)
    voted = {}
    sequence = []
    for session in visitor_stream(args.seed, args.session_mean, filtered=args.filtered_share):
        if len(sequence) >= total:
            break
        pool = projects if not session.categories else [p for c in session.categories for p in by_category[c]]
        excluded = voted.setdefault(session.visitor, set())
        seen = set()
        decide = random.Random(session.seed)
        for _ in range(session.length):
            if len(sequence) >= total:
                break
            for _try in range(50):  # rejection sampling; the excluded set is small
                project = rng.choice(pool)
                if project not in seen and project not in excluded:
                    break
            else:
                left = [p for p in pool if p not in seen and p not in excluded]
                if not left:
                    break
                project = rng.choice(left)
            seen.add(project)
            sequence.append((project, bool(session.categories)))
            if decide.random() < args.vote_rate:
                excluded.add(project)
    return sequence


def run_daily_shuffle(projects, category_of, total, args):
    per_day = total / args.days
    orders = {}
    sequence = []
    for session in visitor_stream(args.seed, args.session_mean, filtered=args.filtered_share):
        if len(sequence) >= total:
            break
        day = min(int(len(sequence) // per_day), args.days - 1)
        key = (day, session.categories)
        if key not in orders:
            order = list(projects)
            random.Random(f"opengov-day-{day}").shuffle(order)
            if session.categories:
                order = [p for p in order if category_of[p] in session.categories]
            orders[key] = order
        for project in orders[key][: session.length]:
            if len(sequence) >= total:
                break
            sequence.append((project, bool(session.categories)))
    return sequence


def summarise_sequence(sequence, projects):
    from wagtail_opengov.roulette import stats

    result = {}
    for subset, rows in (("all", sequence), ("unfiltered", [r for r in sequence if not r[1]])):
        counts = dict.fromkeys(projects, 0)
        for project, _ in rows:
            counts[project] += 1
        ids = [project for project, _ in rows]
        # Every project is in the deck from the first draw: open waits count, as in the engine's report.
        result[subset] = stats.summarise(list(counts.values()), ids, len(projects), dict.fromkeys(projects, 0))
        result[subset]["never"] = sum(1 for v in counts.values() if v == 0)
    return result


# -- main ----------------------------------------------------------------------------------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=1000, help="N, admitted projects (default: %(default)s)")
    parser.add_argument("--draws-per-project", type=int, default=100, help="draws = this x N (default: %(default)s)")
    parser.add_argument("--session-mean", type=float, default=10.0, help="mean draws per session (default: %(default)s)")
    parser.add_argument("--filtered-share", type=float, default=0.2,
                        help="share of sessions with a category filter (default: %(default)s)")
    parser.add_argument("--control", action="store_true",
                        help="also run the engine on a second campaign with the same stream minus the filtered "
                             "sessions (doubles the engine's part of the run time)")
    parser.add_argument("--vote-rate", type=float, default=0.3, help="share of cards voted on (default: %(default)s)")
    parser.add_argument("--days", type=int, default=14, help="voting period for the daily shuffle (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the visitor stream (default: %(default)s)")
    parser.add_argument("--backend", choices=["postgres", "sqlite"], default="postgres",
                        help="database for the engine: a throw-away PostgreSQL database, or SQLite in a temporary "
                             "file (default: %(default)s)")
    parser.add_argument("--server-url", default=common.DEFAULT_SERVER_URL,
                        help="PostgreSQL server for --backend postgres (default: %(default)s)")
    parser.add_argument("--database", default="opengov_bench_fairness",
                        help="database name for --backend postgres (default: %(default)s)")
    return parser.parse_args()


def main():
    args = parse_args()
    common.exit_cleanly_on_sigterm()
    n, total = args.projects, args.projects * args.draws_per_project
    temp_dir = None
    if args.backend == "postgres":
        db_url = common.create_postgres_database(args.server_url, args.database)
        backend = "PostgreSQL"
    else:
        temp_dir = tempfile.mkdtemp(prefix="opengov_fairness_", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
        db_url = f"sqlite:///{temp_dir}/fairness.sqlite3"
        backend = f"SQLite (temporary file in {Path(temp_dir).parent})"
    try:
        common.bootstrap(db_url)
        from django.db import connection

        from wagtail_opengov.roulette import stats

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Durability of a throw-away database does not matter; each draw's COMMIT need not wait for the disk.
                cursor.execute("SET synchronous_commit = off")

        categories = common.make_categories(N_CATEGORIES)
        campaign = common.make_campaign("Fairness", "fairness")
        assignment = common.bulk_admitted_projects(campaign, categories, n)
        projects = sorted(assignment)
        index_of = {c.pk: i for i, c in enumerate(categories)}
        category_of = {p: index_of[c.pk] for p, c in assignment.items()}

        def engine_figures(campaign, filtered_share, label):
            draws = run_engine(campaign, categories, total, args, filtered_share, label)
            report = stats.fairness_report(campaign.pk)
            for subset in ("all", "unfiltered"):
                key = "impressions" if subset == "all" else "unfiltered"
                report[subset]["never"] = sum(1 for v in report["per_project"].values() if v[key] == 0)
            return draws, report

        draws, report = engine_figures(campaign, args.filtered_share, "engine")
        engine = {"all": report["all"], "unfiltered": report["unfiltered"]}
        # Where the unfiltered spread comes from: impressions per project, averaged by category.
        by_category = {}
        for project, values in report["per_project"].items():
            row = by_category.setdefault(category_of[project], [0, 0, 0, 0])
            row[0] += 1
            row[1] += values["filtered"]
            row[2] += values["unfiltered"]
            row[3] += values["impressions"]
        breakdown = [
            [f"category {c}", f"{f / k:.1f}", f"{u / k:.1f}", f"{t / k:.1f}"]
            for c, (k, f, u, t) in sorted(by_category.items())
        ]
        plain = None
        if args.control and args.filtered_share > 0:
            control = common.make_campaign("Fairness without filters", "fairness-no-filters")
            common.bulk_admitted_projects(control, categories, n, slug_prefix="q")
            _, control_report = engine_figures(control, 0.0, "engine, no filtered sessions")
            plain = {"all": control_report["all"], "unfiltered": control_report["unfiltered"]}
    finally:
        if args.backend == "postgres":
            common.drop_postgres_database(args.server_url, args.database)
            common.log(f"dropped database {args.database}")
        elif temp_dir:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(temp_dir, ignore_errors=True)
            common.log(f"removed {temp_dir}")

    started = time.monotonic()
    uniform = summarise_sequence(run_uniform(projects, category_of, total, args), projects)
    shuffle = summarise_sequence(run_daily_shuffle(projects, category_of, total, args), projects)
    common.log(f"baselines: {time.monotonic() - started:.0f} s")

    def fmt_ratio(s):
        return "inf" if s["ratio"] is None else f"{s['ratio']:.3f}"

    methods = [("engine", engine, ("unfiltered", "all"))]
    if plain is not None:
        methods.append(("engine, no filtered sessions", plain, ("all",)))
    methods += [
        ("uniform random", uniform, ("unfiltered", "all")),
        (f"daily shuffle ({args.days} days)", shuffle, ("unfiltered", "all")),
    ]
    rows = []
    for name, result, subsets in methods:
        for subset in subsets:
            s = result[subset]
            rows.append([
                name, subset, f"{s['draws']:,}", s["min"], s["max"], fmt_ratio(s), f"{s['gini']:.4f}",
                f"{s['longest_wait_per_project']:.2f}", s["never"],
            ])
    print("Engine, impressions per project by category (mean): filtered draws, unfiltered draws, all")
    print()
    print(common.table(["category", "filtered", "unfiltered", "all"], breakdown))
    print()
    print(common.package_fingerprint())
    print(f"{backend}; N = {n:,} projects in {N_CATEGORIES} categories; {draws:,} engine draws "
          f"({args.draws_per_project} per project); sessions of ~{args.session_mean:g} draws, 30 % returning "
          f"participants, {args.filtered_share:.0%} of sessions filtered, {args.vote_rate:.0%} of cards voted on; "
          f"seed {args.seed}")
    print()
    print(common.table(
        ["method", "subset", "draws", "min", "max", "R = max/min", "Gini", "longest wait / N", "never shown"], rows
    ))
    print()
    def aims(figures):
        checks = [
            ("R <= 1.05", figures["ratio"] is not None and figures["ratio"] <= 1.05, fmt_ratio(figures)),
            ("Gini < 0.01", figures["gini"] < 0.01, f"{figures['gini']:.4f}"),
            ("longest wait <= 2 N", figures["longest_wait_per_project"] <= 2,
             f"{figures['longest_wait_per_project']:.2f} N"),
        ]
        return "; ".join(f"{label}: {value} {'met' if ok else 'MISSED'}" for label, ok, value in checks)

    print(f"Aims, engine, unfiltered draws of the mixed stream: {aims(engine['unfiltered'])}")
    if plain is not None:
        print(f"Aims, engine, stream without filtered sessions:   {aims(plain['all'])}")

if __name__ == "__main__":
    main()
