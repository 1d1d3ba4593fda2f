"""Objections: opening them from votes, complaints and comments; assigning, answering, closing; statistics.

Notifications go through django-tasks after the transaction commits, so a rolled-back change never mails anyone."""

import logging
from statistics import median

from django.db import transaction
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


def open_objection_for_vote(vote):
    """An AGAINST vote with a reason opens an objection (once); any other vote opens none."""
    if vote.choice != VoteChoice.AGAINST or not (vote.reason or "").strip():
        return None
    existing = Objection.objects.filter(vote_id=vote.pk).first()
    if existing is not None:
        return existing
    from .commenting import clean_plain

    return _open(
        ObjectionSource.VOTE, vote=vote, project_id=vote.project_id, campaign_id=vote.campaign_id,
        # Through the same cleaning as the other sources: unescaping alone would turn entities back into tags.
        text=clean_plain(vote.reason),
    )


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


def answer(objection, text):
    from .commenting import clean_plain

    text = clean_plain(text)
    if not text:
        raise Refused("answer_required", _("Write the public answer."), 400)
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        first_answer = objection.answered_at is None
        objection.answer = text
        objection.status = ObjectionStatus.ANSWERED
        if first_answer:
            objection.answered_at = timezone.now()
        objection.save(update_fields=["answer", "status", "answered_at"])
        if first_answer and objection.contact_email:
            _notify("answered", objection.pk)
    return objection


def close(objection):
    with transaction.atomic():
        objection = Objection.objects.select_for_update().get(pk=objection.pk)
        objection.status = ObjectionStatus.CLOSED
        objection.save(update_fields=["status"])
    return objection


def public_objections(**filters):
    """Objections the public sees: answered ones (the text is shown with its answer; no personal data)."""
    return (
        Objection.objects.filter(**filters, answered_at__isnull=False)
        .exclude(answer="")
        .order_by("-answered_at", "-pk")
    )


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
                "overdue": sum(1 for o in items if o.status in UNANSWERED and o.deadline < today),
            }
        )
    rows.sort(key=lambda r: (r["state_body"] is None, r["name"]))
    return rows
