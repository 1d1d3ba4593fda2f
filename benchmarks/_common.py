"""Helpers shared by the benchmark scripts: a throw-away database, Django set-up, fast bulk creation of
admitted projects, and the result table.

Nothing here is imported by the package; each script calls :func:`bootstrap` first.
"""

import os
import random
import sys
import time
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/12"


_STARTED = time.monotonic()


def log(*args):
    """Progress on stderr, stamped with seconds since the script started (the figures go to stdout)."""
    print(f"[{time.monotonic() - _STARTED:6.1f} s]", *args, file=sys.stderr, flush=True)


def exit_cleanly_on_sigterm():
    """Turn SIGTERM into SystemExit, so the scripts' ``finally`` blocks drop their databases when stopped."""
    import signal

    def handler(signum, frame):
        raise SystemExit(f"stopped by signal {signum}")

    signal.signal(signal.SIGTERM, handler)


# -- databases -----------------------------------------------------------------------------------------------
def _admin_connection(server_url):
    import psycopg

    return psycopg.connect(server_url, autocommit=True)


def database_url(server_url, name):
    """``server_url`` with its database name replaced by ``name``."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def create_postgres_database(server_url, name):
    from psycopg import sql

    with _admin_connection(server_url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(server_url, name)


def drop_postgres_database(server_url, name):
    from psycopg import sql

    try:
        from django.db import connections

        connections.close_all()
    except Exception:  # noqa: BLE001 - Django may not be set up yet
        pass
    with _admin_connection(server_url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def bootstrap(db_url, redis_url=None):
    """Point the benchmark settings at ``db_url`` (and Redis), set Django up and migrate."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    os.environ["DATABASE_URL"] = db_url
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", verbosity=0, interactive=False)
    log(f"migrated in {time.monotonic() - started:.0f} s")


def clear_redis_limits(redis_url):
    """Delete what a run leaves in Redis, and only that: the rate-limit counters (keys containing
    ``opengov:votes:``) and Wagtail's cached site root paths (which name page ids of a database that is about to
    be dropped, or was just created)."""
    if not redis_url:
        return
    import redis

    client = redis.Redis.from_url(redis_url)
    keys = []
    for pattern in ("*opengov:votes:*", "*wagtail_site_root_paths*"):
        keys += list(client.scan_iter(match=pattern, count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


# -- content -------------------------------------------------------------------------------------------------
def site_root():
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True).root_page


def make_categories(count, prefix="bench"):
    from wagtail.models import Locale

    from wagtail_opengov.models import Category

    locale = Locale.get_default()
    return [
        Category.objects.create(name=f"Category {prefix} {i}", slug=f"{prefix}-cat-{i}", locale=locale)
        for i in range(count)
    ]


def make_campaign(title, slug):
    """A published campaign whose voting window is open, created through Wagtail's tree API."""
    from django.utils import timezone

    from wagtail_opengov.models import CampaignPage

    now = timezone.now()
    campaign = CampaignPage(
        title=title,
        slug=slug,
        submission_start=now - timedelta(days=30),
        submission_end=now - timedelta(days=2),
        voting_start=now - timedelta(days=1),
        voting_end=now + timedelta(days=14),
    )
    site_root().add_child(instance=campaign)
    campaign.save_revision().publish()
    campaign.refresh_from_db()
    return campaign


def _mp_step(number):
    """Treebeard's materialised-path step (4 characters, base 36) for the ``number``-th child."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = []
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits.append(alphabet[rest])
    if number:
        raise ValueError("too many children for a 4-character step")
    return "".join(reversed(digits))


def bulk_admitted_projects(campaign, categories, count, *, batch=2000, slug_prefix="p", category_weights=None):
    """Create ``count`` live, admitted ProjectPages under ``campaign`` and their RouletteSlots, in bulk.

    Going through ``add_child`` + ``set_stage`` (as ``tests.factories.admitted_project`` does) costs tens of
    milliseconds per project, i.e. most of an hour for 100,000. Instead: compute treebeard paths under the
    campaign, ``bulk_create`` the ``wagtailcore_page`` rows, insert the ``ProjectPage`` rows with Django's
    multi-row INSERT, and ``bulk_create`` one eligible slot per project at 0 impressions with a random key,
    the state ``roulette.admit`` leaves a project in when it joins an empty deck. Returns
    ``{project_id: category}``.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Page

    from wagtail_opengov.models import ProjectPage, Stage
    from wagtail_opengov.models.participation import RouletteSlot

    content_type = ContentType.objects.get_for_model(ProjectPage)
    now = timezone.now()
    existing = Page.objects.get(pk=campaign.pk).numchild
    project_fields = ProjectPage._meta.local_concrete_fields
    rng = random.Random(1)
    assignment = {}
    started = time.monotonic()
    for start in range(0, count, batch):
        size = min(batch, count - start)
        chosen = (
            rng.choices(categories, weights=category_weights, k=size)
            if category_weights
            else [categories[(start + i) % len(categories)] for i in range(size)]
        )
        with transaction.atomic():
            pages = []
            for i in range(size):
                n = existing + start + i + 1
                slug = f"{slug_prefix}-{n}"
                pages.append(
                    Page(
                        path=campaign.path + _mp_step(n),
                        depth=campaign.depth + 1,
                        numchild=0,
                        title=f"Project {n}",
                        draft_title=f"Project {n}",
                        slug=slug,
                        url_path=f"{campaign.url_path}{slug}/",
                        content_type=content_type,
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=now,
                        last_published_at=now,
                        locale_id=campaign.locale_id,
                        translation_key=uuid.uuid4(),
                    )
                )
            Page.objects.bulk_create(pages)
            if pages[0].pk is None:  # backends that cannot return ids from a multi-row INSERT
                paths = [p.path for p in pages]
                ids = dict(Page.objects.filter(path__in=paths).values_list("path", "pk"))
                for p in pages:
                    p.pk = ids[p.path]
            projects = []
            for page, category in zip(pages, chosen):
                project = ProjectPage(
                    summary=f"Summary of {page.title}",
                    category_id=category.pk,
                    stage=Stage.ADMITTED,
                )
                project.page_ptr_id = page.pk
                project.pk = page.pk
                projects.append(project)
            chunk = max(1, 30000 // len(project_fields))
            for first in range(0, len(projects), chunk):
                ProjectPage._base_manager._insert(projects[first : first + chunk], fields=project_fields)
            RouletteSlot.objects.bulk_create(
                [
                    RouletteSlot(
                        project_id=page.pk,
                        campaign_id=campaign.pk,
                        category_key=category.translation_key,
                        eligible=True,
                        impressions=0,
                        draw_key=rng.random(),
                    )
                    for page, category in zip(pages, chosen)
                ],
                batch_size=5000,
            )
            # The cards saving a project writes (wagtail_opengov/roulette/cards.py), built the same way: the
            # first project of the batch through the real builder, the rest by its pattern.
            from wagtail_opengov.models.participation import ProjectCard
            from wagtail_opengov.roulette.cards import build_cards, content_languages

            build_cards(ProjectPage.objects.get(pk=pages[0].pk))
            pattern = dict(ProjectCard.objects.filter(project_id=pages[0].pk).values_list("language", "data"))
            cards = []
            for page, category, project in zip(pages, chosen, projects):
                for language in content_languages():
                    data = dict(pattern[language])
                    data.update(
                        title=page.title,
                        summary=project.summary,
                        path=data["path"][: -len(pages[0].slug) - 1] + page.slug + "/",
                        category={"slug": category.slug, "name": category.name},
                    )
                    if page.pk != pages[0].pk:
                        cards.append(ProjectCard(project_id=page.pk, language=language, data=data))
            ProjectCard.objects.bulk_create(cards, batch_size=5000)
            for page, category in zip(pages, chosen):
                assignment[page.pk] = category
        if count >= 10000 and (start // batch) % 10 == 9:
            log(f"  {start + size:,} / {count:,} projects ({time.monotonic() - started:.0f} s)")
    Page.objects.filter(pk=campaign.pk).update(numchild=existing + count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return assignment


def make_participants(count):
    import secrets

    from wagtail_opengov.models.participation import Participant

    objs = [Participant(token_hash=secrets.token_hex(32)) for _ in range(count)]
    Participant.objects.bulk_create(objs, batch_size=5000)
    if objs and objs[0].pk is None:
        hashes = [o.token_hash for o in objs]
        ids = dict(Participant.objects.filter(token_hash__in=hashes).values_list("token_hash", "pk"))
        for o in objs:
            o.pk = ids[o.token_hash]
    return [o.pk for o in objs]


def stand_in_for_autovacuum():
    """VACUUM the Roulette's tables when the server's autovacuum is off (as on these machines).

    Every draw updates one slot row and its key indexes; without vacuuming, a 1,000-row table gathers
    100,000 dead tuples and index scans wade through them (the draw rate fell from 440/s to under 180/s in
    one such run). Production PostgreSQL has autovacuum on by default, so the benchmarks stand in for it
    rather than measure a server nobody runs. Returns True when it vacuumed."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        if cursor.fetchone()[0] == "on":
            return False
        for model in ("rouletteslot", "impression", "vote"):
            cursor.execute(f"VACUUM ANALYZE wagtail_opengov_{model}")
    return True


def package_fingerprint():
    """Short SHA-256 digests of the package files the benchmarks exercise, printed with the results: the package
    changes often, and a figure is only comparable with one measured on the same code."""
    import hashlib

    files = ["roulette/engine.py", "voting.py", "limits.py", "identity.py", "snapshots.py", "api/v1.py",
             "models/participation.py"]
    parts = []
    for name in files:
        path = ROOT / "wagtail_opengov" / name
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10] if path.exists() else "missing"
        parts.append(f"{name} {digest}")
    return "code: " + ", ".join(parts)


# -- output --------------------------------------------------------------------------------------------------
def table(headers, rows, title=None):
    """A plain-text table (also valid Markdown)."""
    cells = [[str(h) for h in headers]] + [["" if c is None else str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    if title:
        lines.append(title)
        lines.append("")
    fmt = "| " + " | ".join("{:<%d}" % w for w in widths) + " |"
    lines.append(fmt.format(*cells[0]))
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells[1:]:
        lines.append(fmt.format(*row))
    return "\n".join(lines)


@contextmanager
def timed(label):
    started = time.monotonic()
    yield
    log(f"{label}: {time.monotonic() - started:.1f} s")
