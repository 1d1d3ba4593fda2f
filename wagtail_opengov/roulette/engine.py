"""The jittered deck.

Each admitted project has an impressions count and a secret key ``impressions + w·U`` (U uniform in [0, 1) from
``secrets``). A draw takes the eligible project with the smallest key, adds one impression and redraws its key, in
one ``UPDATE … RETURNING`` over a partial index. With w = 1 a project with k impressions always has a smaller key
than one with k + 1, so unfiltered draws keep max − min impressions ≤ 1 while the order inside each round stays
unpredictable.

There are two decks over the same slots: unfiltered draws count and order by unfiltered impressions
(``draw_key``), draws filtered by category by filtered impressions (``filter_key``, within the chosen
categories). Each deck stays even on its own; a project's total is the sum, so categories that visitors filter
on more often get more impressions in all — attention the visitors asked for, taken from nobody's unfiltered
share. Nothing lives in process memory and the global random generator is never touched, so any number of
app servers can share one database.

A draw first looks under the cap (projects at most about one impression above their deck's minimum). When
nothing there is left to this participant (they voted on or skipped the rest) the project with the smallest key
of what is left is shown all the same, but counted in its deck only if it is under the cap: a resident's
remaining projects are never withheld, and one resident spinning through them cannot push them ahead of the
deck. On PostgreSQL concurrent draws skip each other's locked rows, and a draw that found only locked rows
tries again, then waits: "nothing left" means nothing is eligible, never "busy".
"""

import json
import secrets
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone

from .. import conf, db
from ..models.participation import Impression, ProjectCard, RouletteSlot, Vote


@dataclass(frozen=True)
class DrawResult:
    project_id: int
    campaign_id: int
    impression_id: int
    impressions: int
    card: dict | None = None  # the project's card in the language asked for, if any


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
    everyone (as it would at the maximum). Both decks count: the unfiltered one across the campaign, the filtered
    one within the project's category."""
    project = canonical(project)
    category_key = project.category.translation_key if project.category_id else None
    campaign_id = canonical(project.get_parent()).pk
    with transaction.atomic():
        slot = RouletteSlot.objects.select_for_update().filter(project_id=project.pk).first()
        if slot is not None and slot.eligible:
            if slot.category_key != category_key or slot.campaign_id != campaign_id:
                RouletteSlot.objects.filter(pk=slot.pk).update(category_key=category_key, campaign_id=campaign_id)
            return slot
        in_deck = RouletteSlot.objects.filter(campaign_id=campaign_id, eligible=True)
        unfiltered_floor = in_deck.aggregate(m=Min(F("impressions") - F("filtered_impressions")))["m"] or 0
        filtered_floor = in_deck.filter(category_key=category_key).aggregate(m=Min("filtered_impressions"))["m"] or 0
        if slot is None:
            slot = RouletteSlot(project_id=project.pk)
        slot.campaign_id = campaign_id
        slot.category_key = category_key
        slot.eligible = True
        # A project returning to the deck keeps its own counts where they are higher than the floors.
        filtered = max(slot.filtered_impressions or 0, filtered_floor)
        unfiltered = max((slot.impressions or 0) - (slot.filtered_impressions or 0), unfiltered_floor)
        slot.filtered_impressions = filtered
        slot.impressions = unfiltered + filtered
        slot.draw_key = unfiltered + _jitter()
        slot.filter_key = filtered + _jitter()
        slot.save()
        return slot


def remove(project):
    """Take ``project`` out of the deck (unpublished, rejected, voting closed…). Its counts and tallies stay."""
    RouletteSlot.objects.filter(project_id=canonical(project).pk, eligible=True).update(eligible=False)


def sync_project(project):
    """Make the deck agree with the project's state: in it exactly when live and admitted, with its cards
    rewritten from the live pages."""
    from .cards import build_cards, forget_cards

    project = canonical(project)
    if _eligible(project):
        admit(project)
        build_cards(project)
    else:
        remove(project)
        forget_cards(project)


def _table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _deck_sql(n_campaigns, n_categories, alias):
    """The deck a draw takes from, as a condition on the rows of ``alias``, with its key and count.

    Unfiltered draws use the unfiltered deck (``draw_key``, count = impressions − filtered_impressions),
    filtered draws the filtered deck (``filter_key``, count = filtered_impressions) among the chosen categories.
    ``alias`` "" names the columns of the row an UPDATE is changing."""
    col = f"{alias}." if alias else ""
    campaigns = ", ".join(["%s"] * n_campaigns)
    if n_categories:
        categories = ", ".join(["%s"] * n_categories)
        deck = f"{col}eligible AND {col}campaign_id IN ({campaigns}) AND {col}category_key IN ({categories})"
        return deck, "filter_key", f"{col}filtered_impressions"
    return f"{col}eligible AND {col}campaign_id IN ({campaigns})", "draw_key", (
        f"({col}impressions - {col}filtered_impressions)"
    )


def _floor_sql(n_campaigns, n_categories, per_category):
    """The smallest key of the deck: uncorrelated (computed once per statement), since a correlated minimum is
    evaluated per candidate row, which SQLite does quadratically. Parameters: :func:`_floor_params`."""
    slot = _table(RouletteSlot)
    if per_category:
        # The filtered deck's minimum over the chosen categories: the least of one index lookup per category.
        campaigns = ", ".join(["%s"] * n_campaigns)
        keys = ", ".join(["(%s::uuid)"] * n_categories)
        return f"""(SELECT MIN(m.low) FROM (VALUES {keys}) AS f(key) CROSS JOIN LATERAL (
                SELECT MIN(c.filter_key) AS low FROM {slot} c
                WHERE c.eligible AND c.campaign_id IN ({campaigns}) AND c.category_key = f.key) m)"""
    deck, key, _count = _deck_sql(n_campaigns, n_categories, "c")
    return f"(SELECT MIN(c.{key}) FROM {slot} c WHERE {deck})"


def _floor_params(campaign_ids, category_keys, per_category):
    return [*category_keys, *campaign_ids] if per_category else [*campaign_ids, *category_keys]


def _cap_sql(n_campaigns, n_categories, per_category):
    """The cap: only projects at most one impression above their deck's minimum.

    A key is count + w·U with U in [0, 1), so the minimum key m lies in [min, min + w). "count − 1 ≤ m" keeps
    every project at the minimum count or one above it (and, for w > 1, a few more: m may be up to w − 1 above
    the minimum count). Their keys are below count + w ≤ m + 1 + w: that bound lets the index scan stop early
    and excludes nothing the count condition keeps. Without the cap, a participant who voted on most projects
    would keep drawing the few left and push them ahead of everyone else."""
    _deck, key, count = _deck_sql(n_campaigns, n_categories, "s")
    floor = _floor_sql(n_campaigns, n_categories, per_category)
    return f"AND s.{key} < {floor} + %s AND {count} - 1 <= {floor}"


def _cap_params(campaign_ids, category_keys, per_category):
    floor = _floor_params(campaign_ids, category_keys, per_category)
    return [*floor, 1 + conf.get_setting("ROULETTE_JITTER"), *floor]


def _candidates_sql(n_campaigns, n_categories, capped, lock):
    """The eligible slot with the smallest key of its deck, as a subquery giving its id: not voted on by the
    participant, not seen in this session, under the cap if ``capped``."""
    vote, impression = _table(Vote), _table(Impression)
    deck, key, _count = _deck_sql(n_campaigns, n_categories, "s")
    cap_clause = _cap_sql(n_campaigns, n_categories, False) if capped else ""
    return f"""
        SELECT s.id FROM {_table(RouletteSlot)} s
        WHERE {deck} {cap_clause}
          AND NOT EXISTS (SELECT 1 FROM {vote} v WHERE v.participant_id = %s AND v.project_id = s.project_id)
          AND NOT EXISTS (
              SELECT 1 FROM {impression} i
              WHERE i.participant_id = %s AND i.session = %s AND i.project_id = s.project_id
          )
        ORDER BY s.{key}
        LIMIT 1
        {lock}
    """


def _per_category_candidates_sql(n_campaigns, n_categories, capped, lock):
    """PostgreSQL, two or more categories: the best candidate of each category through its own index range, then
    the best of those. With ``category_key IN (…)`` the index cannot give one order across several categories,
    so PostgreSQL read and sorted every row of them (0.05× the rate at 100,000 projects)."""
    slot, vote, impression = _table(RouletteSlot), _table(Vote), _table(Impression)
    campaigns = ", ".join(["%s"] * n_campaigns)
    keys = ", ".join(["(%s::uuid)"] * n_categories)
    cap_clause = _cap_sql(n_campaigns, n_categories, True) if capped else ""
    return f"""
        SELECT best.id FROM (VALUES {keys}) AS k(key) CROSS JOIN LATERAL (
            SELECT s.id, s.filter_key FROM {slot} s
            WHERE s.eligible AND s.campaign_id IN ({campaigns}) AND s.category_key = k.key {cap_clause}
              AND NOT EXISTS (SELECT 1 FROM {vote} v WHERE v.participant_id = %s AND v.project_id = s.project_id)
              AND NOT EXISTS (
                  SELECT 1 FROM {impression} i
                  WHERE i.participant_id = %s AND i.session = %s AND i.project_id = s.project_id
              )
            ORDER BY s.filter_key
            LIMIT 1
            {lock}
        ) best
        ORDER BY best.filter_key
        LIMIT 1
    """


def _candidate_params(campaign_ids, category_keys, capped, per_category, participant_id, session):
    if per_category:
        deck = [*category_keys, *campaign_ids]
    else:
        deck = [*campaign_ids, *category_keys]
    cap = _cap_params(campaign_ids, category_keys, per_category) if capped else []
    return [*deck, *cap, participant_id, participant_id, session]


def _update_sql(n_campaigns, n_categories, per_category, candidates, counted):
    """The draw's UPDATE of the chosen slot: one more impression and a new key.

    ``counted`` False: the candidates were not limited by the cap, so the row is counted in its deck only if
    it is under the cap anyway. A project shown beyond the cap (to a participant whose remaining projects are
    all ahead of the deck) is shown and logged as an impression, but does not move ahead in the deck: one
    resident spinning through the few projects left to them must not make everyone else wait for those.
    Returns the SQL and the number of times it takes the floor's parameters before the key's jitter."""
    filtered = bool(n_categories)
    _deck, key, count = _deck_sql(n_campaigns, n_categories, "")
    new_key = f"{count} + 1 + %s"
    if counted:
        bump, key_value, floors = "1", new_key, 0
    else:
        within = f"{count} - 1 <= {_floor_sql(n_campaigns, n_categories, per_category)}"
        bump = f"(CASE WHEN {within} THEN 1 ELSE 0 END)"
        key_value = f"CASE WHEN {within} THEN {new_key} ELSE {key} END"
        floors = 3 if filtered else 2
    sets = [f"impressions = impressions + {bump}"]
    if filtered:
        sets.append(f"filtered_impressions = filtered_impressions + {bump}")
    # Right-hand sides see the row's old values.
    sets.append(f"{key} = {key_value}")
    # "AND eligible": a slot taken out of the deck while this statement waited for its row lock stays out.
    sql = f"UPDATE {_table(RouletteSlot)} SET {', '.join(sets)} WHERE id = ({candidates}) AND eligible"
    return sql, floors


# How often a draw under the cap is tried again on PostgreSQL when every candidate was locked by other draws
# at that moment (SKIP LOCKED skips them); each try takes a new snapshot, by which time those draws are done.
LOCKED_RETRIES = 2


def draw(*, participant_id, campaign_ids, category_keys=(), session="", language=None):
    """Draw the next project for a participant, or return None when nothing is left for them.

    ``campaign_ids``: campaigns whose voting is open (the caller checks the windows). ``category_keys``: the
    visitor's filter (translation keys of categories; empty = all). Projects this participant voted on, or saw in
    this ``session``, are skipped. With ``language``, the result carries the project's stored card in it.

    None means exactly that: no project is eligible for this participant (in the deck, in their filter, not
    voted on, not seen in this session). Not that the cap holds them all back, nor that other draws hold
    their rows locked at this moment.
    """
    campaign_ids = list(campaign_ids)
    category_keys = [_uuid_param(k) for k in category_keys]
    if not campaign_ids:
        return None
    postgres = connection.vendor == "postgresql"
    per_category = postgres and len(category_keys) > 1
    args = (campaign_ids, category_keys, per_category, participant_id, session, language)
    # The fast path: one statement under the cap, skipping rows that concurrent draws hold.
    result = _attempt(*args, capped=True, lock="FOR UPDATE SKIP LOCKED" if postgres else "")
    if result is not None:
        return result
    if postgres:
        for _ in range(LOCKED_RETRIES):
            if not _capped_candidate_exists(*args[:5]):
                break
            result = _attempt(*args, capped=True, lock="FOR UPDATE SKIP LOCKED")
            if result is not None:
                return result
    # Nothing under the cap for this participant (or still locked): the smallest key of what is left to them.
    # No SKIP LOCKED here: the UPDATE waits for a row another draw holds, and only that one row is locked, so
    # two draws never wait for each other.
    return _attempt(*args, capped=False, lock="")


def _candidates(campaign_ids, category_keys, per_category, capped, lock):
    build = _per_category_candidates_sql if per_category else _candidates_sql
    return build(len(campaign_ids), len(category_keys), capped, lock)


def _capped_candidate_exists(campaign_ids, category_keys, per_category, participant_id, session):
    sql = _candidates(campaign_ids, category_keys, per_category, True, "")
    params = _candidate_params(campaign_ids, category_keys, True, per_category, participant_id, session)
    return db.fetchone(sql, params) is not None


def _attempt(campaign_ids, category_keys, per_category, participant_id, session, language, *, capped, lock):
    filtered = bool(category_keys)
    candidates = _candidates(campaign_ids, category_keys, per_category, capped, lock)
    update, floors = _update_sql(len(campaign_ids), len(category_keys), per_category, candidates, counted=capped)
    floor = _floor_params(campaign_ids, category_keys, per_category)
    params = [
        *(floor * floors),
        _jitter(),
        *_candidate_params(campaign_ids, category_keys, capped, per_category, participant_id, session),
    ]
    if connection.vendor == "postgresql":
        return _draw_postgresql(update, params, filtered, participant_id, session, language)
    return _draw_generic(update, params, filtered, participant_id, session, language)


def _draw_postgresql(update, params, filtered, participant_id, session, language):
    # One statement, one round trip: the slot's UPDATE and the impression's INSERT commit together or not at
    # all, and the card comes back with them.
    impression, card = _table(Impression), _table(ProjectCard)
    sql = f"""
        WITH drawn AS ({update} RETURNING project_id, campaign_id, impressions),
        shown AS (
            INSERT INTO {impression} (participant_id, project_id, campaign_id, session, filtered, created_at)
            SELECT %s, drawn.project_id, drawn.campaign_id, %s, %s, %s FROM drawn
            RETURNING id, project_id, campaign_id
        )
        SELECT shown.id, shown.project_id, shown.campaign_id, drawn.impressions, card.data
        FROM shown CROSS JOIN drawn
        LEFT JOIN {card} card ON card.project_id = shown.project_id AND card.language = %s
    """
    row = db.fetchone(sql, [*params, participant_id, session, filtered, timezone.now(), language or ""])
    if row is None:
        return None
    impression_id, project_id, campaign_id, impressions, data = row
    if isinstance(data, str):  # json delivered as text by some drivers
        data = json.loads(data)
    return DrawResult(project_id, campaign_id, impression_id, impressions, data)


def _draw_generic(update, params, filtered, participant_id, session, language):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"{update} RETURNING project_id, campaign_id, impressions", params)
            row = cursor.fetchone()
        if row is None:
            return None
        project_id, campaign_id, impressions = row
        impression = Impression.objects.create(
            participant_id=participant_id, project_id=project_id, campaign_id=campaign_id, session=session,
            filtered=filtered,
        )
    data = None
    if language:
        data = ProjectCard.objects.filter(project_id=project_id, language=language).values_list("data", flat=True).first()
    return DrawResult(project_id, campaign_id, impression.pk, impressions, data)


def _uuid_param(key):
    # SQLite stores UUIDField as 32 hex characters, PostgreSQL as a native uuid.
    return RouletteSlot._meta.get_field("category_key").get_db_prep_value(key, connection)


def fairness(campaign_id):
    """Figures residents can check: per-project impressions, R = max/min, the Gini coefficient, and the longest
    wait between two impressions of a project (in draws) divided by the number of projects — for all draws and
    for unfiltered draws only."""
    from .stats import fairness_report

    return fairness_report(campaign_id)
