"""Comments and complaints: the rules, independent of HTTP (sanitising, moderation, rate limits, closed projects)."""


import bleach
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import conf, identity, limits
from .models.comments import Comment, CommentStatus, Complaint, ModerationMode
from .models.stages import Stage
from .roulette import canonical
from .text import plain_text
from .voting import Refused

# No new comments once a project's story has ended; complaints stay possible.
CLOSED_STAGES = frozenset({Stage.REJECTED, Stage.WITHDRAWN, Stage.NOT_APPROVED, Stage.IMPLEMENTED})
SAFE_PROTOCOLS = ["http", "https", "mailto"]
REL = "nofollow ugc noopener"


def _safe_link(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href:
        return None  # a link whose address was removed as unsafe stays as plain text
    attrs[(None, "rel")] = REL
    attrs.pop((None, "target"), None)
    return attrs


def clean_comment_html(text):
    """Comments are plain text in which safe links (http, https, mailto) survive; nothing else does.

    Idempotent, so templates run it again on output as a second line of defence."""
    cleaned = bleach.clean(
        text or "", tags=["a"], attributes={"a": ["href"]}, protocols=SAFE_PROTOCOLS, strip=True
    )
    return bleach.linkify(cleaned, callbacks=[_safe_link], parse_email=True)


def clean_plain(text):
    return plain_text(text)


def may_answer_officially(user):
    """Whether ``user`` may post comments marked as the akimat's official answer: a permission the Commission
    and the Monitoring group get from ``opengov_setup`` (superusers have every permission). Not ``is_staff``,
    which Wagtail never sets."""
    return bool(
        user is not None and user.is_authenticated and user.is_active
        and user.has_perm("wagtail_opengov.post_official_answer")
    )


def is_closed(project):
    return not project.live or project.stage in CLOSED_STAGES


def check_rate(participant, ip):
    """Count one comment or complaint; refuse (429) over OPENGOV["COMMENT_LIMITS"]."""
    identities = {"participant": str(participant.pk) if participant else "", "ip": identity.keyed_hash(ip, "ip") if ip else ""}
    if limits.count_over("comments", identities, conf.get_setting("COMMENT_LIMITS")):
        raise Refused(
            "too_many_comments",
            _("You are writing too fast. Please wait a few minutes and try again."),
            429,
        )


def post_comment(*, page, text, participant=None, user=None, author_name="", parent_id=None, is_objection=False,
                 contact_email="", official=False, ip=""):
    """Store a comment on the project ``page`` (any translation) or raise :class:`Refused`."""
    if is_closed(page):
        raise Refused("comments_closed", _("Comments are closed on this project."), 409)
    max_length = conf.get_setting("COMMENT_MAX_LENGTH")
    if len(text or "") > max_length:
        raise Refused("comment_too_long", _("The comment is too long (at most %(max)s characters).") % {"max": max_length}, 400)
    html = clean_comment_html(text).strip()
    if not clean_plain(html):
        raise Refused("comment_empty", _("Write a comment."), 400)
    project = canonical(page)
    campaign = canonical(project.get_parent())
    parent = None
    if parent_id:
        parent = Comment.objects.filter(
            pk=parent_id, project_id=project.pk, status=CommentStatus.PUBLISHED
        ).first()
        if parent is None:
            raise Refused("unknown_comment", _("The comment you are replying to does not exist."), 400)
        parent = parent.parent or parent  # one level of replies
    official = bool(official and may_answer_officially(user))
    if not official:
        check_rate(participant, ip)
    moderation = getattr(campaign.specific, "comment_moderation", ModerationMode.POST)
    status = CommentStatus.PENDING if moderation == ModerationMode.PRE and not official else CommentStatus.PUBLISHED
    with transaction.atomic():
        comment = Comment.objects.create(
            project_id=project.pk,
            campaign_id=campaign.pk,
            parent=parent,
            participant=participant,
            user=user if (user is not None and user.is_authenticated) else None,
            author_name=clean_plain(author_name)[:80],
            text=html,
            is_official=official,
            is_objection=bool(is_objection) and not official,
            contact_email=contact_email or "",
            status=status,
        )
        if comment.is_objection:
            from .objections import open_objection_for_comment

            open_objection_for_comment(comment)
    return comment


def complain(*, page, reason, participant=None, comment_id=None, contact_email="", ip=""):
    """Store a complaint about the project ``page`` or one of its comments; it opens an objection."""
    if not page.live:
        raise Refused("not_found", _("This project is not published."), 409)
    reason = clean_plain(reason)
    if not reason:
        raise Refused("reason_required", _("Say what is wrong: a complaint needs a reason."), 400)
    if len(reason) > conf.get_setting("COMMENT_MAX_LENGTH"):
        raise Refused("reason_too_long", _("The reason is too long (at most %(max)s characters).")
                      % {"max": conf.get_setting("COMMENT_MAX_LENGTH")}, 400)
    project = canonical(page)
    campaign = canonical(project.get_parent())
    comment = None
    if comment_id:
        comment = Comment.objects.filter(pk=comment_id, project_id=project.pk).first()
        if comment is None:
            raise Refused("unknown_comment", _("The comment you are complaining about does not exist."), 400)
    check_rate(participant, ip)
    from .objections import open_objection_for_complaint

    with transaction.atomic():
        complaint = Complaint.objects.create(
            project_id=project.pk, campaign_id=campaign.pk, comment=comment, participant=participant,
            reason=reason, contact_email=contact_email or "",
        )
        open_objection_for_complaint(complaint)
    return complaint
