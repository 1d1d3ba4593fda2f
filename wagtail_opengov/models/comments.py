"""Residents' comments on projects and complaints about projects or comments.

Contact emails are optional and private: stored only so a resident can be told when the monitoring group answers,
never rendered in a public template or the API."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from ..text import readable_text


class ModerationMode(models.TextChoices):
    PRE = "pre", _("Pre-moderation: comments appear after a moderator approves them")
    POST = "post", _("Post-moderation: comments appear at once; moderators can hide them")


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")


class Comment(models.Model):
    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="opengov_comments", verbose_name=_("project")
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    # One level of replies: a reply to a reply is attached to the top-level comment.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("reply to")
    )
    participant = models.ForeignKey(
        "wagtail_opengov.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("participant"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("staff author"),
    )
    author_name = models.CharField(_("name shown"), max_length=80, blank=True)
    # Sanitised HTML: text plus safe links only (see commenting.clean_comment_html).
    text = models.TextField(_("comment"))
    is_official = models.BooleanField(_("official answer"), default=False)
    is_objection = models.BooleanField(_("marked as an objection by its author"), default=False)
    contact_email = models.EmailField(_("contact email (private)"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CommentStatus.choices, default=CommentStatus.PUBLISHED, db_index=True
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["project", "status", "created_at"], name="opengov_comment_list_idx")]
        # Roles come from Wagtail groups (opengov_setup), never from Django's is_staff, which Wagtail never sets.
        permissions = [("post_official_answer", "Can post official answers on project pages")]

    def __str__(self):
        return f"#{self.pk} on {self.project_id}"

    def get_text_display(self):
        # The admin's inspect view shows this instead of the stored HTML (ModelViewSet.inspect_view_fields): a
        # moderator reads the words and sees where each link goes, and nothing in it is a live link.
        return readable_text(self.text)


class Complaint(models.Model):
    """A complaint about a project, or about one comment on it."""

    project = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="opengov_complaints", verbose_name=_("project")
    )
    campaign = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("campaign")
    )
    comment = models.ForeignKey(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="complaints",
        verbose_name=_("comment complained about"),
    )
    participant = models.ForeignKey(
        "wagtail_opengov.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("participant"),
    )
    reason = models.TextField(_("reason"))
    contact_email = models.EmailField(_("contact email (private)"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"complaint #{self.pk}"


class CommentRoutesMixin(RoutablePageMixin):
    """The project page's form targets (no JavaScript needed): post a comment, complain."""

    @path("comment/", name="comment")
    def comment_route(self, request):
        from ..views.comments import comment_view

        return comment_view(request, self)

    @path("complain/", name="complain")
    def complain_route(self, request):
        from ..views.comments import complaint_view

        return complaint_view(request, self)
