#!/usr/bin/env python
"""HTTP throughput of the Roulette API against a bare one-INSERT Django view, on PostgreSQL under gunicorn.

What it does, in one run (so the three figures share the machine's state):

1. creates a fresh PostgreSQL database (default ``opengov_bench_throughput``), migrates it with
   ``benchmarks.settings`` (the sandbox's settings, DEBUG off, TICKET_MIN_SECONDS = 0, vote limits very high),
   and creates one open campaign with 2,000 admitted projects in 10 categories and the baseline's table;
2. counts the SQL queries of one request of each kind (Django's test client, in process);
3. serves ``sandbox.wsgi`` with gunicorn (sync workers, default 2) and every sandbox middleware, on 127.0.0.1;
4. gives each of the load generator's clients (threads, default 8) its own cookie jars (visitors; default
   16 per client): each jar fetches a CSRF token (GET /opengov/api/v1/csrf) and draws once, untimed, so the
   timed phases see returning visitors;
5. times ``--rounds`` interleaved rounds (default 2) of: the baseline (POST /bench/baseline), draws (POST
   /opengov/api/v1/roulette/draw), votes (POST /opengov/api/v1/votes, spending the tickets drawn before, each
   with the cookies of the visitor it was issued to; more are drawn untimed first if needed); each kind gets
   ``--duration`` seconds in all (default 10), split over the rounds, and its rate is its total over its time;
6. stops gunicorn, drops the database and the run's keys in Redis, and prints the table last.

The table also gives CPU per request, read from /proc: the gunicorn workers ("app"), the PostgreSQL backends
connected to the benchmark's database ("db"), Redis, and the load generator ("client").

Each client sends one request at a time on a new connection (gunicorn's sync workers close it anyway), with
the CSRF cookie and the X-CSRFToken header, like the Roulette's script. The load generator runs on the same
two cores as gunicorn, PostgreSQL and Redis: compare the ratios, not the absolute rates.
"""

import argparse
import base64
import http.client
import json
import os
import queue
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import _common as common  # noqa: E402

API = "/opengov/api/v1"


# -- a tiny HTTP client with a cookie jar --------------------------------------------------------------------
class Jar:
    """One visitor: its cookies (CSRF token, device token, browsing session)."""

    def __init__(self, number):
        self.number = number
        self.cookies = {}

    def headers(self):
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if "csrftoken" in self.cookies:
            headers["X-CSRFToken"] = self.cookies["csrftoken"]
        return headers

    def absorb(self, response):
        for header in response.headers.get_all("Set-Cookie") or []:
            parsed = SimpleCookie()
            parsed.load(header)
            for name, morsel in parsed.items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value


def call(port, method, path, jar, body=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        conn.request(method, path, body=payload, headers=jar.headers())
        response = conn.getresponse()
        data = response.read()
        jar.absorb(response)
        return response.status, data
    finally:
        conn.close()


def ticket_project(ticket):
    """The project id inside a signed ticket (Django's signing: base64 JSON, then the signature)."""
    raw = ticket.split(":")[0]
    return json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))["j"]


# -- CPU accounting from /proc (our gunicorn workers, the PostgreSQL and Redis servers, this process) --------
def _proc_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return 0


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def _children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def cpu_snapshot(gunicorn_pid, database):
    """CPU ticks used so far, per process, by: the app (gunicorn workers), the database (the PostgreSQL backends
    connected to ``database``: PostgreSQL puts the database's name in each backend's title), Redis, and this
    load generator (seconds). Per process, so that processes starting or ending between two snapshots cannot
    make a difference negative."""
    snapshot = {"app": {p: _proc_ticks(p) for p in _children(gunicorn_pid)}, "db": {}, "redis": {}}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        name = _comm(pid)
        if name == "postgres" and f" {database} " in _cmdline(pid):
            snapshot["db"][pid] = _proc_ticks(pid)
        elif name.startswith("redis-server"):
            snapshot["redis"][pid] = _proc_ticks(pid)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    snapshot["client"] = usage.ru_utime + usage.ru_stime
    return snapshot


def cpu_delta(before, after):
    """CPU seconds per category between two snapshots."""
    hz = os.sysconf("SC_CLK_TCK")
    delta = {"client": after["client"] - before["client"]}
    for key in ("app", "db", "redis"):
        delta[key] = sum(ticks - before[key].get(pid, 0) for pid, ticks in after[key].items()) / hz
    return delta


# -- load phases ---------------------------------------------------------------------------------------------
class Phase:
    def __init__(self, name):
        self.name = name
        self.ok = 0
        self.statuses = {}
        self.latencies = []
        self.elapsed = 0.0
        self.ended_early = False
        self.lock = threading.Lock()
        self.cpu = {}
        self.load = None

    def record(self, status, latency, ok):
        with self.lock:
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if ok:
                self.ok += 1
                self.latencies.append(latency)

    @property
    def rate(self):
        return self.ok / self.elapsed if self.elapsed else 0.0

    def percentile(self, p):
        if not self.latencies:
            return None
        values = sorted(self.latencies)
        return values[min(len(values) - 1, int(p / 100 * len(values)))]


def run_phase(name, clients, duration, step, gunicorn_pid, database, max_requests):
    """Run ``step(client_index, phase)`` in a loop on each client thread for ``duration`` seconds.
    ``step`` returns False when it has nothing left to send."""
    phase = Phase(name)
    phase.load = os.getloadavg()[0]
    before = cpu_snapshot(gunicorn_pid, database)
    started = time.monotonic()
    deadline = started + duration
    sent = [0]
    sent_lock = threading.Lock()

    def worker(index):
        while time.monotonic() < deadline:
            with sent_lock:
                if sent[0] >= max_requests:
                    return
                sent[0] += 1
            if step(index, phase) is False:
                phase.ended_early = True
                return

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    phase.elapsed = time.monotonic() - started
    phase.cpu = cpu_delta(before, cpu_snapshot(gunicorn_pid, database))
    common.log(
        f"{name}: {phase.ok} ok in {phase.elapsed:.1f} s = {phase.rate:.0f}/s; statuses {phase.statuses}"
        + (" (ended early: nothing left to send)" if phase.ended_early else "")
    )
    return phase


# -- set-up --------------------------------------------------------------------------------------------------
def count_queries(campaign_id, category_slug):
    """SQL queries per request, through Django's test client with CSRF enforced (in this process)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(enforce_csrf_checks=True)
    token = client.get(f"{API}/csrf").json()["token"]
    headers = {"HTTP_X_CSRFTOKEN": token}
    results = {}

    def measure(label, method, path, body):
        with CaptureQueriesContext(connection) as ctx:
            response = getattr(client, method)(path, data=json.dumps(body), content_type="application/json", **headers)
        statements = [" ".join(q["sql"].split())[:150] for q in ctx.captured_queries]
        results[label] = (response.status_code, len(statements), statements)
        return response

    measure("baseline", "post", "/bench/baseline", {})
    measure("draw (new visitor)", "post", f"{API}/roulette/draw", {"campaign": campaign_id, "categories": []})
    drawn = measure("draw", "post", f"{API}/roulette/draw", {"campaign": campaign_id, "categories": []})
    measure("draw (1 category)", "post", f"{API}/roulette/draw", {"campaign": campaign_id, "categories": [category_slug]})
    measure("vote", "post", f"{API}/votes", {"ticket": drawn.json()["ticket"], "choice": "for", "reason": "bench"})
    return results


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(port, workers, env, log_path):
    cmd = [
        sys.executable, "-m", "gunicorn", "sandbox.wsgi:application",
        "--workers", str(workers), "--worker-class", "sync",
        "--bind", f"127.0.0.1:{port}", "--backlog", "2048", "--timeout", "60",
        "--chdir", str(common.ROOT), "--pythonpath", str(common.ROOT),
        "--error-logfile", str(log_path), "--log-level", "warning",
    ]
    process = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    probe = Jar(-1)
    for _ in range(150):
        if process.poll() is not None:
            break
        try:
            status, _ = call(port, "GET", f"{API}/csrf", probe)
            if status == 200:
                # Both workers import Django lazily: warm each with a few requests.
                for _ in range(4 * workers):
                    call(port, "GET", f"{API}/campaigns/", probe)
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop_gunicorn(process)
    raise SystemExit(f"gunicorn did not start; see {log_path}:\n{Path(log_path).read_text()[-3000:]}")


def stop_gunicorn(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- main ----------------------------------------------------------------------------------------------------
def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server-url", default=common.DEFAULT_SERVER_URL,
                        help="PostgreSQL server to create the database on (default: %(default)s)")
    parser.add_argument("--database", default="opengov_bench_throughput",
                        help="name of the throw-away database (dropped first if it exists; default: %(default)s)")
    parser.add_argument("--redis-url", default=common.DEFAULT_REDIS_URL,
                        help="Django's cache, which holds the vote rate limits ('' = per-process memory; "
                             "default: %(default)s)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default: %(default)s)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default: %(default)s)")
    parser.add_argument("--visitors-per-client", type=int, default=16,
                        help="cookie jars (participants) per client (default: %(default)s)")
    parser.add_argument("--duration", type=float, default=10.0,
                        help="timed seconds per kind of request, split over the rounds (default: %(default)s)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="interleaved rounds of baseline, draw, vote (default: %(default)s)")
    parser.add_argument("--projects", type=int, default=2000, help="admitted projects (default: %(default)s)")
    parser.add_argument("--max-requests", type=int, default=100_000,
                        help="hard cap on requests per phase (default: %(default)s)")
    parser.add_argument("--default-limits", action="store_true",
                        help="keep the package's default VOTE_LIMITS (all load comes from 127.0.0.1, so most "
                             "votes are then stored as quarantined)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    return parser.parse_args()


def main():
    args = parse_args()
    common.exit_cleanly_on_sigterm()
    if args.default_limits:
        os.environ["OPENGOV_BENCH_DEFAULT_LIMITS"] = "1"
    common.log(f"load average before: {os.getloadavg()}")
    db_url = common.create_postgres_database(args.server_url, args.database)
    process = None
    try:
        common.clear_redis_limits(args.redis_url)
        common.bootstrap(db_url, args.redis_url or None)
        from django.db import connection, connections
        from django.db.models import Count

        from benchmarks.urls import CREATE_BASELINE_TABLE
        from wagtail_opengov.models import Vote

        with connection.cursor() as cursor:
            cursor.execute(CREATE_BASELINE_TABLE)
        categories = common.make_categories(10)
        campaign = common.make_campaign("Throughput", "throughput")
        with common.timed(f"{args.projects:,} admitted projects"):
            common.bulk_admitted_projects(campaign, categories, args.projects)
        queries = count_queries(campaign.pk, categories[0].slug)
        for label, (status, n, statements) in queries.items():
            common.log(f"{label}: HTTP {status}, {n} SQL queries")
            for sql in statements:
                common.log(f"    {sql}")
        common.clear_redis_limits(args.redis_url)
        connections.close_all()

        env = dict(os.environ)
        env["PYTHONPATH"] = str(common.ROOT)
        log_path = Path(tempfile.gettempdir()) / f"opengov_bench_gunicorn_{os.getpid()}.log"
        port = free_port()
        process = start_gunicorn(port, args.workers, env, log_path)
        common.log(f"gunicorn: {args.workers} sync workers on 127.0.0.1:{port} (log {log_path})")

        jars = [[Jar(c * args.visitors_per_client + v) for v in range(args.visitors_per_client)]
                for c in range(args.clients)]
        tickets = queue.Queue()
        seen = set()  # (visitor, project): one vote per visitor and project
        seen_lock = threading.Lock()
        draw_body = {"campaign": campaign.pk, "categories": []}
        cursor_of = [0] * args.clients

        def keep_ticket(jar, data):
            ticket = json.loads(data)["ticket"]
            key = (jar.number, ticket_project(ticket))
            with seen_lock:
                if key in seen:
                    return
                seen.add(key)
            tickets.put((jar, ticket))

        def prepare(index):
            for jar in jars[index]:
                call(port, "GET", f"{API}/csrf", jar)
                status, data = call(port, "POST", f"{API}/roulette/draw", jar, draw_body)
                if status == 200:
                    keep_ticket(jar, data)

        threads = [threading.Thread(target=prepare, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        common.log(f"{args.clients * args.visitors_per_client} visitors have cookies and one ticket each")

        def baseline_step(index, phase):
            jar = jars[index][cursor_of[index] % len(jars[index])]
            cursor_of[index] += 1
            started = time.monotonic()
            status, _ = call(port, "POST", "/bench/baseline", jar, {})
            phase.record(status, time.monotonic() - started, status == 201)

        def draw_step(index, phase):
            jar = jars[index][cursor_of[index] % len(jars[index])]
            cursor_of[index] += 1
            started = time.monotonic()
            status, data = call(port, "POST", f"{API}/roulette/draw", jar, draw_body)
            phase.record(status, time.monotonic() - started, status in (200, 204))
            if status == 200:
                keep_ticket(jar, data)

        def vote_step(index, phase):
            try:
                jar, ticket = tickets.get_nowait()
            except queue.Empty:
                return False
            started = time.monotonic()
            status, _ = call(port, "POST", f"{API}/votes", jar, {"ticket": ticket, "choice": "for", "reason": "bench"})
            phase.record(status, time.monotonic() - started, status == 201)

        per_phase = args.duration / args.rounds

        def phase(name, step, duration=per_phase):
            common.stand_in_for_autovacuum()  # between phases, untimed; see _common.py
            return run_phase(name, args.clients, duration, step, process.pid, args.database, args.max_requests)

        phase("warm-up", baseline_step, duration=2.0)
        phases = {"baseline": [], "draw": [], "vote": []}
        for number in range(1, args.rounds + 1):
            phases["baseline"].append(phase(f"round {number}: baseline", baseline_step))
            draws = phase(f"round {number}: draw", draw_step)
            phases["draw"].append(draws)
            # Enough tickets for the vote phase even if votes run 1.5x faster than draws: top up, untimed.
            target = int(1.5 * draws.rate * per_phase) + 100
            for _ in range(5):
                if tickets.qsize() >= target:
                    break
                phase("top-up draws (untimed)", draw_step,
                      duration=max(1.0, (target - tickets.qsize()) / max(draws.rate, 1.0)))
            common.log(f"{tickets.qsize()} tickets ready for the vote phase")
            phases["vote"].append(phase(f"round {number}: vote", vote_step))
        stop_gunicorn(process)
        process = None

        votes_stored = dict(Vote.objects.values_list("status").annotate(n=Count("id")).order_by())
    finally:
        if process is not None:
            stop_gunicorn(process)
        common.clear_redis_limits(args.redis_url)
        if args.keep:
            common.log(f"kept database {args.database}")
        else:
            common.drop_postgres_database(args.server_url, args.database)
            common.log(f"dropped database {args.database}")

    report(args, phases, queries, votes_stored)


def merge(name, parts):
    merged = Phase(name)
    for p in parts:
        merged.ok += p.ok
        merged.elapsed += p.elapsed
        merged.latencies += p.latencies
        merged.ended_early |= p.ended_early
        for k, v in p.statuses.items():
            merged.statuses[k] = merged.statuses.get(k, 0) + v
        for k, v in p.cpu.items():
            merged.cpu[k] = merged.cpu.get(k, 0.0) + v
    merged.load = max(p.load for p in parts)
    return merged


def report(args, phases, queries, votes_stored):
    merged = {name: merge(name, parts) for name, parts in phases.items()}
    base = merged["baseline"]

    def server_ms(p):
        return 1000 * (p.cpu["app"] + p.cpu["db"] + p.cpu["redis"]) / p.ok if p.ok else float("nan")

    def per_req(p, key):
        return f"{1000 * p.cpu[key] / p.ok:.2f}" if p.ok else "-"

    def ms(value):
        return "-" if value is None else f"{1000 * value:.0f}"

    rows = []
    for name, label in (("baseline", "baseline"), ("draw", "draw"), ("vote", "vote")):
        p = merged[name]
        rows.append([
            label, p.ok, f"{p.elapsed:.1f}", f"{p.rate:.0f}",
            "1.00" if name == "baseline" else f"{p.rate / base.rate:.2f}",
            ms(p.percentile(50)), ms(p.percentile(99)), queries[name][1],
            per_req(p, "app"), per_req(p, "db"), per_req(p, "redis"), f"{server_ms(p):.2f}",
            per_req(p, "client"), f"{p.load:.1f}",
        ])
    print()
    print("Statuses per phase: " + "; ".join(f"{n} {dict(sorted(p.statuses.items()))}" for n, p in merged.items()))
    print(f"Votes stored: {votes_stored}")
    print("SQL queries per request (test client, steady state): "
          + ", ".join(f"{k} {v[1]}" for k, v in queries.items()))
    if merged["vote"].ended_early:
        print("note: a vote phase ran out of tickets; the vote rate is over the time it ran")
    print()
    print(common.package_fingerprint())
    print(f"gunicorn {args.workers} sync workers; {args.clients} clients x {args.visitors_per_client} visitors; "
          f"{args.projects:,} admitted projects; PostgreSQL; cache {args.redis_url or 'local memory'}; "
          f"{args.rounds} interleaved rounds, {args.duration:g} s per kind in all")
    print()
    print(common.table(
        ["phase", "requests", "s", "req/s", "x baseline", "p50 ms", "p99 ms", "SQL", "app CPU ms",
         "db CPU ms", "redis CPU ms", "server CPU ms", "client CPU ms", "load"],
        rows,
    ))
    print()
    for name, aim in (("draw", 0.6), ("vote", 0.5)):
        p = merged[name]
        ratio = p.rate / base.rate
        print(f"{name}/baseline = {ratio:.2f} (aim >= {aim:.2f}: {'met' if ratio >= aim else 'MISSED'}); "
              f"server CPU per request {server_ms(p) / server_ms(base):.1f}x the baseline's")


if __name__ == "__main__":
    main()
