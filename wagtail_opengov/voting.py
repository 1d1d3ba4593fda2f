"""Drawing a project for a resident and casting their vote: the rules, independent of HTTP.

Votes are final: a participant cannot change a vote once cast (the ticket that allowed it is spent, and a vote
tied to one fair impression should stay that way). No vote row is ever deleted; moderators only change a vote's
status (counted ↔ quarantined → invalidated), and each change is logged.
"""

import time
from dataclasses import dataclass

import bleach
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from . import conf, identity, limits, roulette
from .models.participation import RouletteSlot, Vote, VoteChoice, VoteStatus
from .models.stages import Stage

TICKET_SALT = "wagtail_opengov.ticket"
REASON_MAX_LENGTH = 2000


class Refused(Exception):
    """A request the rules refuse: ``code`` for programs, ``message`` (translated) for people, ``status``."""

    def __init__(self, code, message, status=400):
        super().__init__(code)
        self.code, self.message, self.status = code, message, status


@dataclass
class Card:
    project: object
    ticket: str
    impressions: int


def open_campaigns(campaign=None):
    """Campaigns whose voting window is open now: the given one, or every live one."""
    from .models.campaign import CampaignPage

    candidates = [campaign] if campaign is not None else CampaignPage.objects.live().public()
    return [c for c in candidates if c.live and c.voting_open]


def category_keys(slugs):
    """Translation keys for category slugs; unknown slugs are refused rather than silently ignored."""
    from .models.snippets import Category

    slugs = [s for s in dict.fromkeys(slugs or []) if s]
    if not slugs:
        return []
    rows = list(Category.objects.filter(slug__in=slugs).values_list("slug", "translation_key").distinct())
    unknown = sorted(set(slugs) - {slug for slug, _key in rows})
    if unknown:
        raise Refused(
            "unknown_category",
            _("These categories do not exist: %(slugs)s.") % {"slugs": ", ".join(unknown)},
            400,
        )
    # Translations share a key; categories that merely share a slug in different languages all count.
    return list(dict.fromkeys(key for _slug, key in rows))


def draw_card(*, participant, campaigns, categories=(), session=""):
    """Draw the next project for ``participant`` and sign a ticket for it; None when nothing is left."""
    from .models.project import ProjectPage

    if not campaigns:
        raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
    result = roulette.draw(
        participant_id=participant.pk,
        campaign_ids=[c.pk for c in campaigns],
        category_keys=categories,
        session=session,
    )
    if result is None:
        return None
    project = ProjectPage.objects.select_related("category").get(pk=result.project_id)
    ticket = signing.dumps(
        {
            "i": result.impression_id,
            "p": participant.pk,
            "j": result.project_id,
            "c": result.campaign_id,
            "t": time.time(),
        },
        salt=TICKET_SALT,
    )
    return Card(project=project, ticket=ticket, impressions=result.impressions)


def _read_ticket(ticket, participant):
    try:
        payload = signing.loads(ticket or "", salt=TICKET_SALT, max_age=conf.get_setting("TICKET_MAX_AGE"))
    except signing.SignatureExpired:
        raise Refused("ticket_expired", _("This project card has expired. Show another project to get a new one."), 410) from None
    except signing.BadSignature:
        raise Refused("invalid_ticket", _("This vote ticket is not valid."), 400) from None
    if participant is None or payload.get("p") != participant.pk:
        raise Refused("foreign_ticket", _("This vote ticket was issued to another device."), 403)
    if time.time() - payload.get("t", 0) < conf.get_setting("TICKET_MIN_SECONDS"):
        raise Refused("too_fast", _("Please take a moment to read the project before voting."), 429)
    return payload


def clean_reason(reason):
    # Reasons are plain text: every tag is stripped, so nothing a resident types can run in a moderator's browser.
    text = bleach.clean(reason or "", tags=[], attributes={}, strip=True).strip()
    if len(text) > REASON_MAX_LENGTH:
        raise Refused(
            "reason_too_long",
            _("The reason is too long (at most %(max)s characters).") % {"max": REASON_MAX_LENGTH},
            400,
        )
    return text


def cast_vote(*, participant, ticket, choice, reason="", ip=""):
    """Store a vote, or raise :class:`Refused`. Over a rate limit the vote is stored as quarantined and the
    voter sees the same success."""
    from .models.campaign import CampaignPage
    from .models.project import ProjectPage

    if choice not in VoteChoice.values:
        raise Refused("invalid_choice", _("Choose FOR or AGAINST."), 400)
    payload = _read_ticket(ticket, participant)
    reason = clean_reason(reason)
    project = ProjectPage.objects.filter(pk=payload["j"]).first()
    if project is None or not project.live or project.stage != Stage.ADMITTED:
        raise Refused("not_admitted", _("This project is not open for voting."), 409)
    # The campaign the draw was made in (one query, rather than walking up the page tree on every vote).
    campaign = CampaignPage.objects.filter(pk=payload["c"]).first()
    if campaign is None or not campaign.voting_open:
        raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)

    ip_hash = identity.keyed_hash(ip, "ip") if ip else ""
    subnet = identity.subnet_of(ip)
    subnet_hash = identity.keyed_hash(subnet, "subnet") if subnet else ""
    exceeded = limits.exceeded_limit({"participant": str(participant.pk), "ip": ip_hash, "subnet": subnet_hash})
    status = VoteStatus.QUARANTINED if exceeded else VoteStatus.COUNTED
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                participant=participant,
                project_id=project.pk,
                campaign_id=campaign.pk,
                impression_id=payload["i"],
                choice=choice,
                reason=reason,
                status=status,
                status_note=f"rate limit {exceeded}" if exceeded else "",
                verification_level=participant.verification_level,
                ip_hash=ip_hash,
                subnet_hash=subnet_hash,
            )
            if status == VoteStatus.COUNTED:
                _add_to_tally(project.pk, choice, +1)
    except IntegrityError:
        if Vote.objects.filter(impression_id=payload["i"]).exists():
            raise Refused("ticket_used", _("This vote ticket has already been used."), 409) from None
        raise Refused("already_voted", _("You have already voted on this project."), 409) from None
    return vote


def _add_to_tally(project_id, choice, delta):
    field = "votes_for" if choice == VoteChoice.FOR else "votes_against"
    RouletteSlot.objects.filter(project_id=project_id).update(**{field: F(field) + delta})


def set_vote_status(vote, status, note=""):
    """Release, quarantine or invalidate a vote; the tally follows in the same transaction."""
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        if vote.status == status:
            return vote
        if vote.status == VoteStatus.COUNTED:
            _add_to_tally(vote.project_id, vote.choice, -1)
        if status == VoteStatus.COUNTED:
            _add_to_tally(vote.project_id, vote.choice, +1)
        vote.status, vote.status_note = status, note[:255]
        vote.save(update_fields=["status", "status_note"])
    return vote
