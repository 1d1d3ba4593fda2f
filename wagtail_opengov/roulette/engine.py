"""The jittered deck.

Each admitted project has an impressions count and a secret key ``impressions + w·U`` (U uniform in [0, 1) from
``secrets``). A draw takes the eligible project with the smallest key, adds one impression and redraws its key, in
one ``UPDATE … RETURNING`` over a partial index. With w = 1 a project with k impressions always has a smaller key
than one with k + 1, so unfiltered draws keep max − min impressions ≤ 1 while the order inside each round stays
unpredictable. Nothing lives in process memory and the global random generator is never touched, so any number of
app servers can share one database.
"""

import secrets
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Min

from .. import conf
from ..models.participation import Impression, RouletteSlot, Vote


@dataclass(frozen=True)
class DrawResult:
    project_id: int
    campaign_id: int
    impression_id: int
    impressions: int


def _jitter():
    # 53 random bits: the full precision of a double, from the OS's CSPRNG.
    return conf.get_setting("ROULETTE_JITTER") * (secrets.randbits(53) / (1 << 53))


def canonical(page):
    """The page that stands for a whole translation group (the first one created).

    A project translated into Kazakh and Russian is one project: one place in the deck, one tally. Draws,
    tickets and votes use the canonical page; visitors see it in their own language."""
    from wagtail.models import Page

    if page is None:
        return None
    first = Page.objects.filter(translation_key=page.translation_key).order_by("pk").values_list("pk", flat=True).first()
    if first is None or first == page.pk:
        return page
    return Page.objects.get(pk=first).specific


def _eligible(project):
    from ..models.stages import Stage

    return bool(project.live) and project.stage == Stage.ADMITTED


def admit(project):
    """Put ``project`` in its campaign's deck at the campaign's current minimum impressions.

    Joining at the minimum means a newcomer neither hogs the next draws (as it would at zero) nor waits behind
    everyone (as it would at the maximum)."""
    project = canonical(project)
    category_key = project.category.translation_key if project.category_id else None
    campaign_id = canonical(project.get_parent()).pk
    with transaction.atomic():
        slot = RouletteSlot.objects.select_for_update().filter(project_id=project.pk).first()
        if slot is not None and slot.eligible:
            if slot.category_key != category_key or slot.campaign_id != campaign_id:
                RouletteSlot.objects.filter(pk=slot.pk).update(category_key=category_key, campaign_id=campaign_id)
            return slot
        floor = (
            RouletteSlot.objects.filter(campaign_id=campaign_id, eligible=True).aggregate(m=Min("impressions"))["m"]
            or 0
        )
        if slot is None:
            slot = RouletteSlot(project_id=project.pk)
        slot.campaign_id = campaign_id
        slot.category_key = category_key
        slot.eligible = True
        # A project returning to the deck keeps its own count if that is higher than the floor.
        slot.impressions = max(slot.impressions or 0, floor)
        slot.draw_key = slot.impressions + _jitter()
        slot.save()
        return slot


def remove(project):
    """Take ``project`` out of the deck (unpublished, rejected, voting closed…). Its counts and tallies stay."""
    RouletteSlot.objects.filter(project_id=canonical(project).pk, eligible=True).update(eligible=False)


def sync_project(project):
    """Make the deck agree with the project's state: in it exactly when live and admitted."""
    project = canonical(project)
    if _eligible(project):
        admit(project)
    else:
        remove(project)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _draw_sql(vendor, n_campaigns, n_categories, capped):
    slot, vote, impression = _table(RouletteSlot), _table(Vote), _table(Impression)
    campaigns = ", ".join(["%s"] * n_campaigns)
    category_clause = f"AND s.category_key IN ({', '.join(['%s'] * n_categories)})" if n_categories else ""
    # The cap: only projects at most one impression above the minimum. The minimum key lies in [min, min + w),
    # so with w = 1 "impressions − 1 ≤ min key" means "impressions ≤ min + 1", and the key bound lets the index
    # scan stop early. Without it, a participant who voted on most projects would keep drawing the few left and
    # push them ahead of everyone else. The minimum is uncorrelated (computed once per draw, over the campaigns
    # drawn from): a correlated one is evaluated per candidate row, which SQLite does quadratically.
    floor = f"(SELECT MIN(c.draw_key) FROM {slot} c WHERE c.eligible AND c.campaign_id IN ({campaigns}))"
    cap_clause = f"AND s.draw_key < {floor} + 2 AND s.impressions - 1 <= {floor}" if capped else ""
    lock = "FOR UPDATE SKIP LOCKED" if vendor == "postgresql" else ""
    return f"""
        UPDATE {slot}
        SET impressions = impressions + 1,
            filtered_impressions = filtered_impressions + %s,
            draw_key = impressions + 1 + %s
        WHERE id = (
            SELECT s.id FROM {slot} s
            WHERE s.eligible AND s.campaign_id IN ({campaigns}) {category_clause} {cap_clause}
              AND NOT EXISTS (SELECT 1 FROM {vote} v WHERE v.participant_id = %s AND v.project_id = s.project_id)
              AND NOT EXISTS (
                  SELECT 1 FROM {impression} i
                  WHERE i.participant_id = %s AND i.session = %s AND i.project_id = s.project_id
              )
            ORDER BY s.draw_key
            LIMIT 1
            {lock}
        )
        RETURNING project_id, campaign_id, impressions
    """


def draw(*, participant_id, campaign_ids, category_keys=(), session=""):
    """Draw the next project for a participant, or return None when nothing is left for them.

    ``campaign_ids``: campaigns whose voting is open (the caller checks the windows). ``category_keys``: the
    visitor's filter (translation keys of categories; empty = all). Projects this participant voted on, or saw in
    this ``session``, are skipped.
    """
    campaign_ids = list(campaign_ids)
    category_keys = [_uuid_param(k) for k in category_keys]
    if not campaign_ids:
        return None
    filtered = 1 if category_keys else 0
    params = [filtered, _jitter(), *campaign_ids, *category_keys, participant_id, participant_id, session]
    # Every draw respects the cap. A filtered draw that finds nothing under it falls back to its category's
    # smallest key: visitors who narrow the Roulette still get that category's projects, and the fairness report
    # shows filtered impressions apart.
    attempts = (True, False) if filtered else (True,)
    with transaction.atomic():
        row = None
        for capped in attempts:
            sql = _draw_sql(connection.vendor, len(campaign_ids), len(category_keys), capped)
            # The cap's two subqueries each take the campaign ids, after the category keys.
            extra = [*campaign_ids, *campaign_ids] if capped else []
            query_params = params[: 2 + len(campaign_ids) + len(category_keys)] + extra + params[
                2 + len(campaign_ids) + len(category_keys):
            ]
            with connection.cursor() as cursor:
                cursor.execute(sql, query_params)
                row = cursor.fetchone()
            if row is not None:
                break
        if row is None:
            return None
        project_id, campaign_id, impressions = row
        impression = Impression.objects.create(
            participant_id=participant_id,
            project_id=project_id,
            campaign_id=campaign_id,
            session=session,
            filtered=bool(filtered),
        )
    return DrawResult(project_id, campaign_id, impression.pk, impressions)


def _uuid_param(key):
    # SQLite stores UUIDField as 32 hex characters, PostgreSQL as a native uuid.
    return RouletteSlot._meta.get_field("category_key").get_db_prep_value(key, connection)


def fairness(campaign_id):
    """Figures residents can check: per-project impressions, R = max/min, the Gini coefficient, and the longest
    wait between two impressions of a project (in draws) divided by the number of projects — for all draws and
    for unfiltered draws only."""
    from .stats import fairness_report

    return fairness_report(campaign_id)
