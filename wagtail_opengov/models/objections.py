"""Objections: every AGAINST reason, complaint and comment marked as an objection, until the monitoring group
answers it in public. One status field; a deadline in working days."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import conf


def _holidays():
    return {date.fromisoformat(str(d)) for d in conf.get_setting("HOLIDAYS")}


def is_working_day(day, holidays=None):
    holidays = _holidays() if holidays is None else holidays
    return day.weekday() < 5 and day not in holidays


def add_working_days(start, days):
    """The date ``days`` working days after ``start`` (Saturdays, Sundays and OPENGOV["HOLIDAYS"] skipped)."""
    holidays = _holidays()
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current, holidays):
            remaining -= 1
    return current


def working_days_between(start, end):
    """Working days after ``start`` up to and including ``end``: 0 for an answer given the same day."""
    if end <= start:
        return 0
    holidays = _holidays()
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n), holidays))


class ObjectionSource(models.TextChoices):
    VOTE = "vote", _("Reason of an AGAINST vote")
    COMPLAINT = "complaint", _("Complaint")
    COMMENT = "comment", _("Comment marked as an objection")


class ObjectionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


UNANSWERED = (ObjectionStatus.OPEN, ObjectionStatus.ASSIGNED)

# Not answered in public, whatever the status says (an objection closed before closing needed an answer too).
WAITING = Q(answered_at__isnull=True) | Q(answer="")


class ObjectionQuerySet(models.QuerySet):
    def answered(self):
        return self.exclude(WAITING)

    def waiting(self):
        return self.filter(WAITING)


class Objection(models.Model):
    source_type = models.CharField(_("source"), max_length=12, choices=ObjectionSource.choices)
    vote = models.OneToOneField(
        "wagtail_opengov.Vote", null=True, blank=True, on_delete=models.PROTECT, related_name="objection",
        verbose_name=_("vote"),
    )
    comment = models.OneToOneField(
        "wagtail_opengov.Comment", null=True, blank=True, on_delete=models.SET_NULL, related_name="objection",
        verbose_name=_("comment"),
    )
    complaint = models.OneToOneField(
        "wagtail_opengov.Complaint", null=True, blank=True, on_delete=models.SET_NULL, related_name="objection",
        verbose_name=_("complaint"),
    )
    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="opengov_objections", verbose_name=_("project")
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    state_body = models.ForeignKey(
        "wagtail_opengov.StateBody", null=True, blank=True, on_delete=models.SET_NULL, related_name="objections",
        verbose_name=_("state body"),
    )
    # A copy of what was objected, so the register stays stable if the source is moderated.
    text = models.TextField(_("what was objected"))
    status = models.CharField(
        _("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN, db_index=True
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("assigned to"),
    )
    answer = models.TextField(_("public answer"), blank=True)
    # Unset: a comment's text is public while the comment is; a vote reason's or complaint's text (never moderated)
    # is not. The monitoring group decides when it answers; False withholds any source's text.
    text_public = models.BooleanField(_("objected text shown publicly"), null=True, blank=True, default=None)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    deadline = models.DateField(_("answer due by"))

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["deadline", "pk"]
        indexes = [
            models.Index(fields=["campaign", "status"], name="opengov_objection_queue_idx"),
            models.Index(fields=["project", "status"], name="opengov_objection_proj_idx"),
        ]

    def __str__(self):
        return f"#{self.pk}: {self.text[:60]}"

    @property
    def is_answered(self):
        return self.answered_at is not None and bool(self.answer.strip())

    @property
    def is_overdue(self):
        return not self.is_answered and timezone.localdate() > self.deadline

    @property
    def text_is_public(self):
        """Whether public pages may show what was objected (the answer and dates are always shown).

        A comment's text only while the comment is published, so moderation is not undone through the register;
        a vote reason's or complaint's text (never moderated) only once the monitoring group chose to show it."""
        from .comments import CommentStatus

        if self.text_public is False:
            return False
        if self.source_type == ObjectionSource.COMMENT:
            return self.comment is not None and self.comment.status == CommentStatus.PUBLISHED
        return self.text_public is True

    def text_public_default(self):
        """What the answer form offers when nobody has decided yet: a comment's text follows the comment's
        moderation; unmoderated text (vote reasons, complaints) is withheld unless the monitoring group shows it."""
        if self.text_public is not None:
            return self.text_public
        return self.source_type == ObjectionSource.COMMENT

    @property
    def answered_in_time(self):
        return self.answered_at is not None and timezone.localtime(self.answered_at).date() <= self.deadline

    @property
    def working_days_to_answer(self):
        if self.answered_at is None:
            return None
        return working_days_between(
            timezone.localtime(self.created_at).date(), timezone.localtime(self.answered_at).date()
        )

    @property
    def contact_email(self):
        """The resident's private address, if they left one (never rendered publicly)."""
        source = self.comment or self.complaint
        return getattr(source, "contact_email", "") or ""

    def deadline_display(self):
        # Colour and words: the marker must not rely on colour alone.
        if self.is_overdue:
            return format_html(
                '<span class="w-status w-status--primary og-overdue" style="background:#cd4444;color:#fff">'
                "⚠ {}</span> {}",
                _("Overdue"),
                self.deadline.isoformat(),
            )
        return self.deadline.isoformat()

    deadline_display.short_description = _("answer due by")
    deadline_display.admin_order_field = "deadline"
