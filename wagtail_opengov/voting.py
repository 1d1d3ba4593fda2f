"""Drawing a project for a resident and casting their vote: the rules, independent of HTTP.

Votes are final: a participant cannot change a vote once cast (the ticket that allowed it is spent, and a vote
tied to one fair impression should stay that way). No vote row is ever deleted; moderators only change a vote's
status (counted ↔ quarantined → invalidated), and each change is kept in the vote's history.
"""

import time
from contextlib import nullcontext
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf, db, identity, limits, roulette, signals, snapshots
from .models.participation import RouletteSlot, Vote, VoteChoice, VoteStatus
from .text import plain_text

TICKET_SALT = "wagtail_opengov.ticket"
REASON_MAX_LENGTH = 2000


class Refused(Exception):
    """A request the rules refuse: ``code`` for programs, ``message`` (translated) for people, ``status``."""

    def __init__(self, code, message, status=400):
        super().__init__(code)
        self.code, self.message, self.status = code, message, status


@dataclass
class Card:
    project_id: int
    ticket: str
    impressions: int
    data: dict | None = None  # the stored card in the language asked for (roulette/cards.py)

    @property
    def project(self):
        # Loaded only by callers that render the page itself (the no-JavaScript Roulette); the API's card comes
        # from the cached snapshot.
        if not hasattr(self, "_project"):
            from .models.project import ProjectPage

            self._project = ProjectPage.objects.select_related("category").get(pk=self.project_id)
        return self._project


def _pk(obj):
    return getattr(obj, "pk", obj)


def open_campaigns(campaign=None):
    """Campaigns whose voting window is open now: the given one, or every live one."""
    from .models.campaign import CampaignPage

    candidates = [campaign] if campaign is not None else CampaignPage.objects.live().public()
    return [c for c in candidates if c.live and c.voting_open]


def category_keys(slugs):
    """Translation keys for category slugs; unknown slugs are refused rather than silently ignored."""
    try:
        return snapshots.category_keys(slugs)
    except LookupError as error:
        raise Refused(
            "unknown_category",
            _("These categories do not exist: %(slugs)s.") % {"slugs": ", ".join(error.args[0])},
            400,
        ) from None


def draw_card(*, participant, campaigns, categories=(), session="", language=None):
    """Draw the next project for ``participant`` (a participant or its id) among ``campaigns`` (open campaign
    pages or their canonical ids) and sign a ticket for it; None when nothing is left."""
    if not campaigns:
        raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)
    participant_id = _pk(participant)
    result = roulette.draw(
        participant_id=participant_id,
        campaign_ids=[_pk(c) for c in campaigns],
        category_keys=categories,
        session=session,
        language=language,
    )
    if result is None:
        return None
    ticket = signing.dumps(
        {
            "i": result.impression_id,
            "p": participant_id,
            "j": result.project_id,
            "c": result.campaign_id,
            "t": time.time(),
        },
        salt=TICKET_SALT,
    )
    return Card(project_id=result.project_id, ticket=ticket, impressions=result.impressions, data=result.card)


def card_for_ticket(ticket, participant):
    """The card ``ticket`` was issued for, shown again after a refusal that leaves the ticket usable; None when
    the ticket is not ``participant``'s (a participant or its id), is expired or invalid, or its project is gone.

    Nothing is drawn and no impression is counted: the resident is still looking at the same card."""
    try:
        payload = _ticket_payload(ticket, _pk(participant))
    except Refused:
        return None
    card = Card(project_id=payload["j"], ticket=ticket, impressions=0)
    try:
        card.project  # noqa: B018 - a project deleted since the draw has no card to show again
    except ObjectDoesNotExist:
        return None
    return card


def _ticket_payload(ticket, participant_id):
    """The signed ticket's contents, if it is genuine, unexpired and this participant's."""
    try:
        payload = signing.loads(ticket or "", salt=TICKET_SALT, max_age=conf.get_setting("TICKET_MAX_AGE"))
    except signing.SignatureExpired:
        raise Refused("ticket_expired", _("This project card has expired. Show another project to get a new one."), 410) from None
    except signing.BadSignature:
        raise Refused("invalid_ticket", _("This vote ticket is not valid."), 400) from None
    if participant_id is None or payload.get("p") != participant_id:
        raise Refused("foreign_ticket", _("This vote ticket was issued to another device."), 403)
    return payload


def _read_ticket(ticket, participant_id):
    payload = _ticket_payload(ticket, participant_id)
    if time.time() - payload.get("t", 0) < conf.get_setting("TICKET_MIN_SECONDS"):
        raise Refused("too_fast", _("Please take a moment to read the project before voting."), 429)
    return payload


def clean_reason(reason):
    # Reasons are plain text: every tag is stripped, so nothing a resident types can run in a moderator's browser.
    text = plain_text(reason)
    if len(text) > REASON_MAX_LENGTH:
        raise Refused(
            "reason_too_long",
            _("The reason is too long (at most %(max)s characters).") % {"max": REASON_MAX_LENGTH},
            400,
        )
    return text


def cast_vote(*, participant, ticket, choice, reason="", ip=""):
    """Store a vote of ``participant`` (a participant or its id), or raise :class:`Refused`. Over a rate limit
    the vote is stored as quarantined and the voter sees the same success."""
    from .models.participation import Participant

    if choice not in VoteChoice.values:
        raise Refused("invalid_choice", _("Choose FOR or AGAINST."), 400)
    participant_id = _pk(participant)
    payload = _read_ticket(ticket, participant_id)
    reason = clean_reason(reason)
    # The campaign the draw was made in, from the cached snapshot: no page-tree walk on the hot path.
    campaign = snapshots.campaign_state(payload["c"])
    if campaign is None or not campaign.voting_open:
        raise Refused("voting_closed", _("Voting is not open in this campaign."), 409)

    ip = identity.normalise_address(ip)
    ip_hash = identity.keyed_hash(ip, "ip") if ip else ""
    subnet = identity.subnet_of(ip)
    subnet_hash = identity.keyed_hash(subnet, "subnet") if subnet else ""
    exceeded = limits.exceeded_limit({"participant": str(participant_id), "ip": ip_hash, "subnet": subnet_hash})
    status = VoteStatus.QUARANTINED if exceeded else VoteStatus.COUNTED
    fields = {
        "participant_id": participant_id,
        "project_id": payload["j"],
        "campaign_id": payload["c"],
        "impression_id": payload["i"],
        "choice": choice,
        "reason": reason,
        "status": status,
        "status_note": f"rate limit {exceeded}" if exceeded else "",
        "ip_hash": ip_hash,
        "subnet_hash": subnet_hash,
        "created_at": timezone.now(),
    }
    try:
        if connection.vendor == "postgresql":
            vote = _store_vote_postgresql(fields)
        else:
            vote = _store_vote(fields)
    except IntegrityError:
        if Vote.objects.filter(impression_id=payload["i"]).exists():
            raise Refused("ticket_used", _("This vote ticket has already been used."), 409) from None
        if not Participant.objects.filter(pk=participant_id).exists():
            raise Refused("foreign_ticket", _("This vote ticket was issued to another device."), 403) from None
        raise Refused("already_voted", _("You have already voted on this project."), 409) from None
    if vote is None:
        # The slot is in the deck exactly while the project is live and admitted.
        raise Refused("not_admitted", _("This project is not open for voting."), 409)
    signals.vote_cast.send(sender=Vote, vote=vote)
    return vote


def _store_vote(fields):
    from .models.participation import Participant

    with transaction.atomic():
        vote = Vote.objects.create(
            **fields,
            # Read inside the INSERT: the level can rise (email, phone…) after the cookie was set.
            verification_level=Subquery(
                Participant.objects.filter(pk=fields["participant_id"]).values("verification_level")[:1]
            ),
        )
        # The tally's UPDATE is also the admission check; a refusal rolls the vote back.
        delta = 1 if fields["status"] == VoteStatus.COUNTED else 0
        if not _add_to_tally(fields["project_id"], fields["choice"], delta, only_eligible=True):
            transaction.set_rollback(True)
            return None
    # Dropping the expression makes the attribute deferred: read from the database only if someone asks.
    vote.__dict__.pop("verification_level", None)
    return vote


def _store_vote_postgresql(fields):
    """The vote and its tally in one statement (one round trip, atomic by itself): the tally's UPDATE is also
    the admission check, and the INSERT reads the participant's current verification level."""
    from .models.participation import Participant

    table = connection.ops.quote_name
    tally = "votes_for" if fields["choice"] == VoteChoice.FOR else "votes_against"
    columns = [c for c in fields if c != "project_id"]
    sql = f"""
        WITH admitted AS (
            UPDATE {table(RouletteSlot._meta.db_table)} SET {tally} = {tally} + %s
            WHERE project_id = %s AND eligible
            RETURNING project_id
        )
        INSERT INTO {table(Vote._meta.db_table)} (project_id, verification_level, {", ".join(columns)})
        SELECT admitted.project_id,
               (SELECT verification_level FROM {table(Participant._meta.db_table)} WHERE id = %s),
               {", ".join(["%s"] * len(columns))}
        FROM admitted
        RETURNING id, verification_level
    """
    params = [1 if fields["status"] == VoteStatus.COUNTED else 0, fields["project_id"], fields["participant_id"],
              *[fields[c] for c in columns]]
    # Inside a caller's transaction a failed statement would poison it: give it a savepoint there only.
    with transaction.atomic() if connection.in_atomic_block else nullcontext():
        row = db.fetchone(sql, params)
    if row is None:
        return None
    vote = Vote(pk=row[0], verification_level=row[1], **fields)
    vote._state.adding, vote._state.db = False, connection.alias
    return vote


def _add_to_tally(project_id, choice, delta, *, only_eligible=False):
    field = "votes_for" if choice == VoteChoice.FOR else "votes_against"
    slots = RouletteSlot.objects.filter(project_id=project_id)
    if only_eligible:
        slots = slots.filter(eligible=True)
    return slots.update(**{field: F(field) + delta})


def set_vote_status(vote, status, note="", user=None):
    """Release, quarantine or invalidate a vote, or change only its note; the tally follows, and the change is
    appended to the vote's history (:class:`VoteStatusChange`), all in one transaction.

    Returns the vote; its ``status_change`` is the history entry written, or None when nothing changed."""
    from .models.participation import VoteStatusChange

    note = note[:255]
    with transaction.atomic():
        vote = Vote.objects.select_for_update().get(pk=vote.pk)
        vote.status_change = None
        if vote.status == status and vote.status_note == note:
            return vote
        if vote.status != status:
            if vote.status == VoteStatus.COUNTED:
                _add_to_tally(vote.project_id, vote.choice, -1)
            if status == VoteStatus.COUNTED:
                _add_to_tally(vote.project_id, vote.choice, +1)
        vote.status_change = VoteStatusChange.objects.create(
            vote=vote, old_status=vote.status, new_status=status, old_note=vote.status_note, note=note,
            user=user if getattr(user, "pk", None) else None,
        )
        vote.status, vote.status_note = status, note
        vote.save(update_fields=["status", "status_note"])
    return vote
