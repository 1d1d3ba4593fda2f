"""A resident's submission: the private tracking key of a project they submitted, and the messages they
exchange with the commission about it.

The tracking token itself is never stored, only its keyed hash: a database leak does not open anyone's thread."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    project = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="opengov_submission", verbose_name=_("project")
    )
    token_hash = models.CharField(_("tracking key (hashed)"), max_length=64, unique=True, editable=False)
    participant = models.ForeignKey(
        "wagtail_opengov.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        editable=False,
    )
    created_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("resident submission")
        verbose_name_plural = _("resident submissions")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.project)

    def thread(self):
        return self.messages.select_related("author").order_by("created_at", "pk")


class MessageSender(models.TextChoices):
    RESIDENT = "resident", _("Resident")
    COMMISSION = "commission", _("Commission")


class SubmissionMessage(models.Model):
    """One message of the private thread between the commission and the project's initiator."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="messages", verbose_name=_("submission")
    )
    sender = models.CharField(_("from"), max_length=20, choices=MessageSender.choices)
    # The staff member who wrote it; residents have no account. Kept out of the resident's view.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("submission message")
        verbose_name_plural = _("submission messages")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["submission", "created_at"], name="opengov_submsg_thread_idx")]

    def __str__(self):
        return f"{self.get_sender_display()}: {self.body[:40]}"

    @property
    def from_commission(self):
        return self.sender == MessageSender.COMMISSION
