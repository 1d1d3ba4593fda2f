"""Fairness figures for a campaign, computed from the slots and the impression log.

Three views of the same log: all draws, unfiltered draws only, and each category's filtered draws (the filtered
deck of that category: visitors who narrowed the Roulette to it)."""

from array import array
from bisect import bisect_left

from django.db.models import Max

from ..models.participation import Impression, RouletteSlot


def gini(values):
    values = sorted(values)
    n = len(values)
    total = sum(values)
    if n == 0 or total == 0:
        return 0.0
    weighted = sum((i + 1) * v for i, v in enumerate(values))
    return (2 * weighted) / (n * total) - (n + 1) / n


def ratio(values):
    if not values:
        return None
    low = min(values)
    return None if low == 0 else max(values) / low


def longest_wait(sequence, in_deck=None):
    """Longest gap, in draws, between two consecutive impressions of the same project.

    ``in_deck`` (project id → how many draws of ``sequence`` came before it joined the deck) adds the gaps still
    open: a project in the deck has been waiting since its last impression, or since it joined if it was never
    shown, and would wait at least until the next draw. Without them a project shown once and then never again
    would count as no wait at all."""
    last, longest = {}, 0
    for position, project_id in enumerate(sequence):
        if project_id in last:
            longest = max(longest, position - last[project_id])
        last[project_id] = position
    end = len(sequence)
    for project_id, joined in (in_deck or {}).items():
        # Joining counts as a showing just before the first draw it could be in.
        since = max(last.get(project_id, -1), joined - 1)
        longest = max(longest, end - since)
    return longest


def summarise(counts, sequence, n_projects, in_deck=None):
    wait = longest_wait(sequence, in_deck)
    return {
        "projects": n_projects,
        "draws": len(sequence),
        "min": min(counts) if counts else 0,
        "max": max(counts) if counts else 0,
        "ratio": ratio(counts),
        "gini": gini(counts),
        "longest_wait": wait,
        "longest_wait_per_project": (wait / n_projects) if n_projects else None,
    }


class _Sequence:
    """One view of the log: project ids in draw order, with the impression ids to place a moment in it."""

    def __init__(self):
        self.projects, self.ids = [], array("q")

    def add(self, impression_id, project_id):
        self.projects.append(project_id)
        self.ids.append(impression_id)

    def position(self, boundary):
        """How many of its draws have an impression id below ``boundary`` (None: all of them)."""
        return len(self.ids) if boundary is None else bisect_left(self.ids, boundary)


def _admissions(campaign_id, project_ids):
    """When each of ``project_ids`` (in the deck) joined it: its latest admission (stage change to "admitted"),
    or its first publication if that came later (a project joins the deck when it is both admitted and live)."""
    from ..models.project import ProjectPage, ProjectStageChange
    from ..models.stages import Stage

    if not project_ids:
        return {}
    # Selected through the campaign's deck rather than a list of ids, which could pass SQLite's variable limit.
    in_deck = RouletteSlot.objects.filter(campaign_id=campaign_id, eligible=True).values("project_id")
    admitted = dict(
        ProjectStageChange.objects.filter(project_id__in=in_deck, to_stage=Stage.ADMITTED)
        .values("project_id").annotate(at=Max("changed_at")).values_list("project_id", "at")
    )
    published = dict(ProjectPage.objects.filter(pk__in=in_deck).values_list("pk", "first_published_at"))
    return {
        pk: max((t for t in (admitted.get(pk), published.get(pk)) if t), default=None)
        for pk in project_ids
    }


def _boundaries(campaign_id, times):
    """For each moment, the id of the campaign's first impression at or after it (None: after the last one)."""
    impressions = Impression.objects.filter(campaign_id=campaign_id).order_by("pk")
    first = impressions.values_list("created_at", flat=True).first()
    result = {}
    for moment in sorted(set(times)):
        if first is None or moment <= first:
            result[moment] = 0  # before any draw: every draw came after it
        else:
            result[moment] = impressions.filter(created_at__gte=moment).values_list("pk", flat=True).first()
    return result


def fairness_report(campaign_id):
    slots = list(
        RouletteSlot.objects.filter(campaign_id=campaign_id).values(
            "project_id", "category_key", "impressions", "filtered_impressions", "eligible"
        )
    )
    category_of = {s["project_id"]: s["category_key"] for s in slots}
    everything, unfiltered = _Sequence(), _Sequence()
    by_category = {key: _Sequence() for key in category_of.values() if key is not None}
    rows = Impression.objects.filter(campaign_id=campaign_id).order_by("pk").values_list("pk", "project_id", "filtered")
    for impression_id, project_id, filtered in rows.iterator(chunk_size=5000):
        everything.add(impression_id, project_id)
        if not filtered:
            unfiltered.add(impression_id, project_id)
        elif category_of.get(project_id) is not None:
            by_category[category_of[project_id]].add(impression_id, project_id)

    # Where each project in the deck joined each view: only needed for the ones that view never showed.
    def never_shown(sequence, candidates):
        shown = set(sequence.projects)
        return [s["project_id"] for s in candidates if s["eligible"] and s["project_id"] not in shown]

    in_category = {key: [s for s in slots if s["category_key"] == key] for key in by_category}
    waiting = set(never_shown(everything, slots)) | set(never_shown(unfiltered, slots))
    for key, sequence in by_category.items():
        waiting |= set(never_shown(sequence, in_category[key]))
    joined_at = _admissions(campaign_id, waiting)
    boundary = _boundaries(campaign_id, [t for t in joined_at.values() if t is not None])

    def in_deck(sequence, candidates):
        result = {}
        for s in candidates:
            if s["eligible"]:
                moment = joined_at.get(s["project_id"])
                result[s["project_id"]] = sequence.position(boundary[moment]) if moment is not None else 0
        return result

    def figures(counts, sequence, candidates):
        return summarise(counts, sequence.projects, len(candidates), in_deck(sequence, candidates))

    return {
        "per_project": {
            s["project_id"]: {
                "impressions": s["impressions"],
                "filtered": s["filtered_impressions"],
                "unfiltered": s["impressions"] - s["filtered_impressions"],
                "eligible": s["eligible"],
            }
            for s in slots
        },
        "all": figures([s["impressions"] for s in slots], everything, slots),
        "unfiltered": figures([s["impressions"] - s["filtered_impressions"] for s in slots], unfiltered, slots),
        # The filtered deck of each category: its own counts, its own draws, its own projects.
        "filtered": {
            key: figures([s["filtered_impressions"] for s in in_category[key]], sequence, in_category[key])
            for key, sequence in by_category.items()
        },
    }
