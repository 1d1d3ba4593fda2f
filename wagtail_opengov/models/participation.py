"""Residents' participation: pseudonymous participants, roulette slots, impressions and votes.

Nothing here is ever deleted by the application: a vote that should not count changes its status.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class VerificationLevel(models.IntegerChoices):
    DEVICE = 0, _("Device")
    EMAIL = 1, _("Email address")
    PHONE = 2, _("Phone number")
    ACCOUNT = 3, _("Site account")


class Participant(models.Model):
    """A pseudonymous voter. The device token itself is never stored, only its keyed hash."""

    token_hash = models.CharField(_("device token hash"), max_length=64, unique=True)
    verification_level = models.PositiveSmallIntegerField(
        _("verification level"), choices=VerificationLevel.choices, default=VerificationLevel.DEVICE
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return f"#{self.pk}"


class RouletteSlot(models.Model):
    """One admitted project's place in its campaign's deck. Kept apart from the page row so the hot draw
    query touches a narrow table, and so impressions and keys never leak through page revisions."""

    project = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="roulette_slot", verbose_name=_("project")
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    # The category's translation key: the same in every language, so a filter means the same everywhere.
    category_key = models.UUIDField(_("category"), null=True, db_index=False)
    eligible = models.BooleanField(_("in the Roulette"), default=False)
    impressions = models.PositiveIntegerField(_("impressions"), default=0)
    filtered_impressions = models.PositiveIntegerField(_("impressions in filtered draws"), default=0)
    # Two decks over the same slots, each with its own secret key (count + w·U, U from `secrets`): unfiltered
    # draws order by the unfiltered count, filtered draws by the filtered count. One shared key would let
    # filtered draws push projects ahead of the unfiltered deck, which then skips them (uneven, long waits).
    draw_key = models.FloatField(_("draw key"), default=0.0)
    filter_key = models.FloatField(_("draw key in filtered draws"), default=0.0)
    votes_for = models.PositiveIntegerField(pgettext_lazy("tally", "for"), default=0)
    votes_against = models.PositiveIntegerField(pgettext_lazy("tally", "against"), default=0)

    class Meta:
        verbose_name = _("roulette slot")
        verbose_name_plural = _("roulette slots")
        indexes = [
            models.Index(
                fields=["campaign", "draw_key"], name="opengov_slot_draw_idx", condition=Q(eligible=True)
            ),
            models.Index(
                fields=["campaign", "category_key", "filter_key"],
                name="opengov_slot_cat_filter_idx",
                condition=Q(eligible=True),
            ),
        ]

    def __str__(self):
        return f"slot of {self.project_id}"


class Impression(models.Model):
    """A project shown to a participant by a draw. Its id is the single-use identity of the vote ticket."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="impressions")
    # No database-level constraint to pages (Django still cascades): a draw copies these ids from the deck, and a
    # constraint would lock the campaign's and the project's page rows (FOR KEY SHARE) on every draw, which all
    # concurrent draws of a campaign contend for.
    project = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    campaign = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_constraint=False)
    session = models.CharField(max_length=32, blank=True)
    filtered = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("impression")
        verbose_name_plural = _("impressions")
        indexes = [
            models.Index(fields=["participant", "session", "project"], name="opengov_impr_seen_idx"),
            models.Index(fields=["campaign", "id"], name="opengov_impr_campaign_idx"),
        ]


class VoteChoice(models.TextChoices):
    FOR = "for", pgettext_lazy("vote", "For")
    AGAINST = "against", pgettext_lazy("vote", "Against")


class VoteStatus(models.TextChoices):
    COUNTED = "counted", _("Counted")
    QUARANTINED = "quarantined", _("Quarantined")
    INVALIDATED = "invalidated", _("Invalidated")


class Vote(models.Model):
    """FOR or AGAINST one project. Final once cast: never changed, never deleted; only its status moves."""

    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="votes", verbose_name=_("participant")
    )
    # As for impressions: Django protects these (PROTECT), the database does not lock page rows on every vote.
    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="opengov_votes", verbose_name=_("project"),
        db_constraint=False,
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.PROTECT, related_name="+", verbose_name=_("campaign"), db_constraint=False
    )
    impression = models.OneToOneField(
        Impression, on_delete=models.PROTECT, related_name="vote", verbose_name=_("impression")
    )
    choice = models.CharField(_("choice"), max_length=10, choices=VoteChoice.choices)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=VoteStatus.choices, default=VoteStatus.COUNTED, db_index=True
    )
    status_note = models.CharField(_("why this status"), max_length=255, blank=True)
    verification_level = models.PositiveSmallIntegerField(
        _("verification level"), choices=VerificationLevel.choices, default=VerificationLevel.DEVICE
    )
    ip_hash = models.CharField(max_length=64, blank=True)
    subnet_hash = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["participant", "project"], name="opengov_one_vote_per_project"),
        ]
        indexes = [models.Index(fields=["project", "status", "choice"], name="opengov_vote_tally_idx")]

    def __str__(self):
        return f"{self.get_choice_display()} #{self.project_id}"


class VoteStatusChange(models.Model):
    """One moderator's change of a vote's status or note. Appended in the transaction that makes the change and
    never edited, so a vote's history says who moved it from what to what, when, and why."""

    vote = models.ForeignKey(
        Vote, on_delete=models.PROTECT, related_name="status_changes", verbose_name=_("vote"), db_index=False
    )
    old_status = models.CharField(_("old status"), max_length=12, choices=VoteStatus.choices)
    new_status = models.CharField(_("new status"), max_length=12, choices=VoteStatus.choices)
    # The vote keeps only its latest note; the one it replaced (e.g. the rate limit that quarantined it) stays here.
    old_note = models.CharField(_("previous note"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote status change")
        verbose_name_plural = _("vote status changes")
        ordering = ["changed_at", "pk"]
        indexes = [models.Index(fields=["vote", "changed_at"], name="opengov_votechange_vote_idx")]

    def __str__(self):
        return f"#{self.vote_id}: {self.old_status} → {self.new_status}"


class ProjectCard(models.Model):
    """What a Roulette card shows for one project in one language, written whenever the project is saved.

    The draw's single statement returns it with the drawn slot, so showing a card costs no page-tree, site or
    locale lookup. Rebuilt from the live pages (never from a draft), and when a category, a site or the
    tree changes."""

    project = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=20)
    # {"title", "summary", "root_url", "path", "category": {"slug", "name"} | null}
    data = models.JSONField()

    class Meta:
        verbose_name = _("Roulette card")
        verbose_name_plural = _("Roulette cards")
        constraints = [
            models.UniqueConstraint(fields=["project", "language"], name="opengov_one_card_per_language"),
        ]
