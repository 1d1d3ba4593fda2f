"""The closed campaign's vote, cast through the Roulette as residents cast it (draw a card, vote FOR or AGAINST).

The results page, the fairness figures and ``opengov_recount`` then all read real participants, impressions and
votes. Approved projects get clearly more net support than not-approved ones, so the commission's decisions
("among the winners of the vote", "not enough votes") agree with the figures shown next to them."""

import random
import secrets
from contextlib import contextmanager
from unittest import mock

from django.conf import settings
from django.test.utils import override_settings

# Share of FOR votes among a project's votes, by its final stage: the winners well ahead, the others behind.
FOR_SHARE = {
    "approved": (0.68, 0.86),
    "in_implementation": (0.68, 0.86),
    "implemented": (0.68, 0.86),
    "voting_closed": (0.52, 0.62),
    "not_approved": (0.30, 0.48),
}
PARTICIPANTS = 160
CARDS_PER_PARTICIPANT = (4, 16)
SKIP_CHANCE = 0.15


@contextmanager
def _clock(moment):
    """Cast votes "back then": the window check and the stored dates read the clock; ``moment[0]`` is now."""
    from django.utils import timezone

    with mock.patch.object(timezone, "now", lambda: moment[0]):
        yield


def ensure_closed_votes(campaign):
    """Cast the vote of ``campaign`` (closed, its projects past the vote) once; return how many votes were cast."""
    from wagtail_opengov import voting
    from wagtail_opengov.models import Impression, Participant, ProjectPage, Vote
    from wagtail_opengov.roulette import engine

    if Vote.objects.filter(campaign_id=campaign.pk).exists():
        return 0
    projects = list(ProjectPage.objects.child_of(campaign).filter(stage__in=FOR_SHARE).order_by("pk"))
    if not projects:
        return 0
    rng = random.Random("opengov-demo-votes")
    share = {p.pk: rng.uniform(*FOR_SHARE[p.stage]) for p in projects}
    cast = {p.pk: [0, 0] for p in projects}  # FOR, all
    participants = Participant.objects.bulk_create(
        Participant(token_hash=secrets.token_hex(32)) for _ in range(PARTICIPANTS)
    )
    start, end = campaign.voting_start, campaign.voting_end
    moment = [start]
    # Back in the deck for the length of the vote only; they leave it as closing the vote took them out.
    for project in projects:
        engine.admit(project)
    # The demo casts a month of votes in seconds: the reading pause and the per-minute limits count real time.
    opengov = {**getattr(settings, "OPENGOV", {}), "TICKET_MIN_SECONDS": 0, "VOTE_LIMITS": {}}
    try:
        with override_settings(OPENGOV=opengov), _clock(moment):
            for n, participant in enumerate(participants):
                moment[0] = start + (end - start) * (n + rng.random()) / (PARTICIPANTS + 1)
                session = f"demo-{n}"
                for _ in range(rng.randint(*CARDS_PER_PARTICIPANT)):
                    card = voting.draw_card(participant=participant, campaigns=[campaign], session=session)
                    if card is None:
                        break
                    if rng.random() < SKIP_CHANCE:
                        continue
                    # Each project's votes follow its share exactly, whoever happens to draw it.
                    tally = cast[card.project_id]
                    choice = "for" if (tally[0] + 0.5) < share[card.project_id] * (tally[1] + 1) else "against"
                    voting.cast_vote(participant=participant, ticket=card.ticket, choice=choice)
                    tally[0] += choice == "for"
                    tally[1] += 1
                # Impressions take their date from the model's default, which the mocked clock does not reach.
                Impression.objects.filter(participant=participant).update(created_at=moment[0])
    finally:
        for project in projects:
            engine.remove(project)
    return sum(all_ for _for, all_ in cast.values())
