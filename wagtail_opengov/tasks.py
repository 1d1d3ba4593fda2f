"""Background tasks, through django-tasks.

Import path: ``django_tasks`` (the PyPI backport). It works on Django 5.2 and 6.x alike and is the same
framework Wagtail uses for its own tasks, so one ``TASKS`` setting in the host serves both. (Django 6's built-in
``django.tasks`` is a separate registry: a backend configured only for it would not run these tasks.)"""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import conf


def _project_language(objection):
    from wagtail.models import Page

    page = Page.objects.filter(pk=objection.project_id).select_related("locale").first()
    return page.locale.language_code if page is not None else settings.LANGUAGE_CODE


def _admin_url(objection):
    from django.urls import reverse

    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + reverse("opengov_objections:edit", args=[objection.pk])


@task()
def send_notification(kind, objection_id):
    """Mail the assignee (``kind`` "assigned") or the resident who left a contact (``kind`` "answered").

    Returns how many messages were sent: 0 when there is no one to tell."""
    from wagtail.models import Page

    from .models.objections import Objection

    objection = Objection.objects.select_related("assignee").filter(pk=objection_id).first()
    if objection is None:
        return 0
    project = Page.objects.filter(pk=objection.project_id).first()
    title = project.title if project else ""
    sender = conf.get_setting("NOTIFICATION_FROM_EMAIL") or None
    if kind == "assigned":
        if objection.assignee is None or not objection.assignee.email:
            return 0
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Objection #%(id)s assigned to you") % {"id": objection.pk}
            body = _(
                "An objection to the project “%(title)s” is assigned to you. Answer it publicly by %(deadline)s.\n\n"
                "%(text)s\n\n%(url)s"
            ) % {"title": title, "deadline": objection.deadline.isoformat(), "text": objection.text,
                 "url": _admin_url(objection)}
        return send_mail(subject, body, sender, [objection.assignee.email])
    if kind == "answered":
        recipient = objection.contact_email
        if not recipient:
            return 0
        with translation.override(_project_language(objection)):
            subject = _("Your objection to “%(title)s” has been answered") % {"title": title}
            url = project.full_url if project is not None else ""
            body = _("You objected:\n%(text)s\n\nThe answer:\n%(answer)s\n\n%(url)s") % {
                "text": objection.text, "answer": objection.answer, "url": url or "",
            }
        return send_mail(subject, body, sender, [recipient])
    raise ValueError(f"unknown notification kind {kind!r}")


@task()
def send_submission_tracking_link(submission_id, tracking_url):
    """Mail a resident the private link to the project they just submitted (``tracking_url`` is that link: it
    exists nowhere else, so it travels as an argument). Returns how many messages were sent."""
    from .models.submissions import Submission
    from .submissions.notifications import send_tracking_link

    submission = Submission.objects.select_related("project").filter(pk=submission_id).first()
    return send_tracking_link(submission, tracking_url) if submission is not None else 0


@task()
def send_submission_message_notice(message_id):
    """Tell a resident that the commission wrote about their project. Returns how many messages were sent."""
    from .models.submissions import SubmissionMessage
    from .submissions.notifications import send_message_notice

    message = SubmissionMessage.objects.select_related("submission__project").filter(pk=message_id).first()
    return send_message_notice(message) if message is not None else 0
