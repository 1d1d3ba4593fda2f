"""Objections: opening them from votes, complaints and comments; assigning, answering, closing; statistics.

Notifications go through django-tasks after the transaction commits, so a rolled-back change never mails anyone."""

import logging
from statistics import median

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.objections import UNANSWERED, Objection, ObjectionSource, ObjectionStatus, add_working_days
from .models.participation import VoteChoice
from .voting import Refused

logger = logging.getLogger(__name__)

DEFAULT_DEADLINE_DAYS = 10


def _open(source_type, *, project_id, campaign_id, text, **source):
    from wagtail.models import Page

    project = Page.objects.filter(pk=project_id).first()
    project = project.specific if project is not None else None
    campaign = Page.objects.filter(pk=campaign_id).first()
    days = getattr(campaign.specific if campaign else None, "objection_deadline_days", DEFAULT_DEADLINE_DAYS)
    now = timezone.now()
    return Objection.objects.create(
        source_type=source_type,
        project_id=project_id,
        campaign_id=campaign_id,
        state_body_id=getattr(project, "responsible_body_id", None),
        text=text,
        created_at=now,
        deadline=add_working_days(timezone.localdate(now), days),
        **source,
    )


def _opens_objection(vote):
    return vote.choice == VoteChoice.AGAINST and bool((vote.reason or "").strip())


def _open_for_vote(vote):
    from .commenting import clean_plain

    return _open(
        ObjectionSource.VOTE, vote=vote, project_id=vote.project_id, campaign_id=vote.campaign_id,
        # Through the same cleaning as the other sources: unescaping alone would turn entities back into tags.
        text=clean_plain(vote.reason),
    )


def open_objection_for_vote(vote):
    """An AGAINST vote with a reason opens an objection (once); any other vote opens none."""
    if not _opens_objection(vote):
        return None
    existing = Objection.objects.filter(vote_id=vote.pk).first()
    if existing is not None:
        return existing
    return _open_for_vote(vote)


def votes_missing_objections():
    """Counted or quarantined AGAINST votes with a reason that have no objection.

    On PostgreSQL the objection is opened after the vote commits (``signals.vote_cast``); if that step fails,
    the vote stays and its objection is missing until :func:`open_missing_vote_objections` runs."""
    from .models.participation import Vote, VoteStatus

    return (
        Vote.objects.filter(
            choice=VoteChoice.AGAINST,
            status__in=[VoteStatus.COUNTED, VoteStatus.QUARANTINED],
            objection__isnull=True,
        )
        .exclude(reason="")
        .order_by("pk")
    )


def open_missing_vote_objections(*, dry_run=False):
    """Open the objections of :func:`votes_missing_objections`. Returns ``(vote, objection)`` pairs for each one
    opened (objection None with ``dry_run``). Idempotent: a second run finds nothing."""
    found = []
    for vote in votes_missing_objections().iterator():
        if not _opens_objection(vote):
            continue  # a reason of only spaces
        if dry_run:
            found.append((vote, None))
            continue
        try:
            with transaction.atomic():
                objection = _open_for_vote(vote)
        except IntegrityError:
            continue  # opened meanwhile by the vote's own path: nothing was missing after all
        found.append((vote, objection))
    return found


def open_objection_for_comment(comment):
    from .commenting import clean_plain

    return _open(
        ObjectionSource.COMMENT, comment=comment, project_id=comment.project_id, campaign_id=comment.campaign_id,
        text=clean_plain(comment.text),
    )


def open_objection_for_complaint(complaint):
    return _open(
        ObjectionSource.COMPLAINT, complaint=complaint, project_id=complaint.project_id,
        campaign_id=complaint.campaign_id, text=complaint.reason,
    )


def _notify(kind, objection_id):
    from .tasks import send_notification

    def enqueue():
        send_notification.enqueue(kind, objection_id)

    # robust: a broken task backend is logged, it does not undo (or fail) the monitoring group's work.
    transaction.on_commit(enqueue, robust=True)


def assignable_users():
    """Who can be given an objection: active users allowed to change objections, through their groups (the
    Monitoring group of ``opengov_setup``), their own permissions, or as superusers."""
    from wagtail.permission_policies import ModelPermissionPolicy

    return ModelPermissionPolicy(Objection).users_with_permission("change").order_by("username")


def assign(objection, user):
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if objection.status not in UNANSWERED:
            raise Refused("already_answered", _("This objection has already been answered or closed."), 409)
        changed = objection.assignee_id != (user.pk if user else None)
        objection.assignee = user
        objection.status = ObjectionStatus.ASSIGNED if user else ObjectionStatus.OPEN
        objection.assigned_at = timezone.now() if user else None
        objection.save(update_fields=["assignee", "status", "assigned_at"])
        if changed and user is not None and user.email:
            _notify("assigned", objection.pk)
    return objection


def answer(objection, text, *, text_public=None):
    """Answer in public. ``text_public`` True/False records whether the objected text may be shown with the
    answer (None: leave the decision as it is; see ``Objection.text_is_public``)."""
    from .commenting import clean_plain

    text = clean_plain(text)
    if not text:
        raise Refused("answer_required", _("Write the public answer."), 400)
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        first_answer = objection.answered_at is None
        objection.answer = text
        if objection.status != ObjectionStatus.CLOSED:
            objection.status = ObjectionStatus.ANSWERED
        if first_answer:
            objection.answered_at = timezone.now()
        fields = ["answer", "status", "answered_at"]
        if text_public is not None:
            objection.text_public = bool(text_public)
            fields.append("text_public")
        objection.save(update_fields=fields)
        if first_answer and objection.contact_email:
            _notify("answered", objection.pk)
    return objection


def show_text(objection, public):
    """Show or withhold the objected text on public pages (the answer stays public either way)."""
    Objection.objects.filter(pk=objection.pk).update(text_public=bool(public))
    objection.text_public = bool(public)
    return objection


def close(objection):
    """Close an answered objection. Without a public answer it is refused: closing must not make an objection
    disappear unanswered."""
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        if not objection.is_answered:
            raise Refused(
                "answer_required_to_close", _("Write the public answer before closing the objection."), 400
            )
        objection.status = ObjectionStatus.CLOSED
        objection.save(update_fields=["status"])
    return objection


def public_objections(**filters):
    """Objections the public sees: answered ones on published projects, newest answer first, no personal data.
    Templates show the objected text only where ``Objection.text_is_public``; the answer and dates always."""
    return (
        Objection.objects.answered()
        .filter(**filters, project__live=True)
        .select_related("comment")
        .order_by("-answered_at", "-pk")
    )


def waiting_objections(**filters):
    """Objections not answered in public yet, whatever their status or their project's: counted as waiting."""
    return Objection.objects.waiting().filter(**filters)


def stats(campaign_id=None):
    """Per state body: received, answered, due, answered in time, share answered in time, median working days.

    The share is over objections that are *due*: answered, or past their deadline. An objection still within its
    deadline and unanswered neither helps nor hurts a body yet."""
    from .models.snippets import StateBody

    queryset = Objection.objects.all()
    if campaign_id is not None:
        queryset = queryset.filter(campaign_id=campaign_id)
    today = timezone.localdate()
    groups = {}
    for objection in queryset.only("state_body_id", "created_at", "answered_at", "deadline", "status"):
        groups.setdefault(objection.state_body_id, []).append(objection)
    names = dict(StateBody.objects.filter(pk__in=[k for k in groups if k]).values_list("pk", "name"))
    rows = []
    for body_id, items in groups.items():
        answered = [o for o in items if o.answered_at is not None]
        due = [o for o in items if o.answered_at is not None or o.deadline < today]
        in_time = [o for o in answered if o.answered_in_time]
        days = [o.working_days_to_answer for o in answered]
        rows.append(
            {
                "state_body": body_id,
                "name": names.get(body_id, "") if body_id else "",
                "received": len(items),
                "answered": len(answered),
                "due": len(due),
                "answered_in_time": len(in_time),
                "share_answered_in_time": round(len(in_time) / len(due), 4) if due else None,
                "median_days_to_answer": float(median(days)) if days else None,
                # Unanswered past the deadline, closed or not.
                "overdue": sum(1 for o in items if o.answered_at is None and o.deadline < today),
            }
        )
    rows.sort(key=lambda r: (r["state_body"] is None, r["name"]))
    return rows
