"""Recounting the FOR/AGAINST tallies from the votes themselves.

``RouletteSlot.votes_for`` / ``votes_against`` are running counters, kept in step by :mod:`.voting` in the same
transaction as each vote or status change. They are what the public sees, so they can be checked against the
source of truth at any time: the vote rows whose status is "counted". :func:`recount` reports every slot where
the two disagree and :func:`apply_recount` corrects the counters.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from .models.participation import RouletteSlot, VoteChoice, VoteStatus


@dataclass(frozen=True)
class Difference:
    project_id: int
    campaign_id: int
    stored_for: int
    stored_against: int
    recounted_for: int
    recounted_against: int


def _counted(choice):
    return Count(
        "project__opengov_votes",
        filter=Q(project__opengov_votes__status=VoteStatus.COUNTED, project__opengov_votes__choice=choice),
    )


def _recounted_slots(campaign_id=None, project_ids=None):
    """Every slot with its stored counters and the counts recomputed from counted votes.

    One aggregate query, so on PostgreSQL the counters and the votes come from one snapshot: a vote and its
    counter change commit together, so a recount running during live voting sees no passing difference."""
    slots = RouletteSlot.objects.all()
    if campaign_id is not None:
        slots = slots.filter(campaign_id=campaign_id)
    if project_ids is not None:
        slots = slots.filter(project_id__in=project_ids)
    return (
        slots.values_list("project_id", "campaign_id", "votes_for", "votes_against")
        .annotate(recounted_for=_counted(VoteChoice.FOR), recounted_against=_counted(VoteChoice.AGAINST))
        .order_by("campaign_id", "project_id")
    )


def _difference(row):
    project_id, campaign_id, stored_for, stored_against, recounted_for, recounted_against = row
    if (stored_for, stored_against) == (recounted_for, recounted_against):
        return None
    return Difference(project_id, campaign_id, stored_for, stored_against, recounted_for, recounted_against)


def check(campaign_id=None):
    """``{campaign id: (projects checked, [Difference, …])}`` for every campaign with a deck (or just one)."""
    checked, differences = {}, {}
    for row in _recounted_slots(campaign_id):
        campaign = row[1]
        checked[campaign] = checked.get(campaign, 0) + 1
        differences.setdefault(campaign, [])
        if (difference := _difference(row)) is not None:
            differences[campaign].append(difference)
    return {campaign: (checked[campaign], differences[campaign]) for campaign in checked}


def recount(campaign_id=None):
    """The slots whose stored tallies differ from their counted votes, as a list of :class:`Difference`."""
    return [d for _checked, differences in check(campaign_id).values() for d in differences]


def apply_recount(differences):
    """Set the stored tallies of the given slots to their recounted values; return the corrections made.

    The slots are locked and recounted again inside the transaction, so a vote cast since ``differences`` was
    computed is neither lost nor counted twice (a vote's counter update waits for the lock)."""
    project_ids = sorted({d.project_id for d in differences})
    if not project_ids:
        return []
    with transaction.atomic():
        list(RouletteSlot.objects.select_for_update().filter(project_id__in=project_ids).order_by("pk").values("pk"))
        fixed = [d for row in _recounted_slots(project_ids=project_ids) if (d := _difference(row)) is not None]
        for d in fixed:
            RouletteSlot.objects.filter(project_id=d.project_id).update(
                votes_for=d.recounted_for, votes_against=d.recounted_against
            )
    return fixed
