"""Fairness figures for a campaign, computed from the slots and the impression log."""

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


def longest_wait(sequence):
    """Longest gap, in draws, between two consecutive impressions of the same project."""
    last, longest = {}, 0
    for position, project_id in enumerate(sequence):
        if project_id in last:
            longest = max(longest, position - last[project_id])
        last[project_id] = position
    return longest


def summarise(counts, sequence, n_projects):
    wait = longest_wait(sequence)
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


def fairness_report(campaign_id):
    slots = list(
        RouletteSlot.objects.filter(campaign_id=campaign_id).values(
            "project_id", "impressions", "filtered_impressions", "eligible"
        )
    )
    n = len(slots)
    rows = Impression.objects.filter(campaign_id=campaign_id).order_by("pk").values_list("project_id", "filtered")
    all_sequence, unfiltered_sequence = [], []
    for project_id, filtered in rows.iterator(chunk_size=5000):
        all_sequence.append(project_id)
        if not filtered:
            unfiltered_sequence.append(project_id)
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
        "all": summarise([s["impressions"] for s in slots], all_sequence, n),
        "unfiltered": summarise(
            [s["impressions"] - s["filtered_impressions"] for s in slots], unfiltered_sequence, n
        ),
    }
