"""E-mails to a resident who gave an email address: their private tracking link, then word of each new message.

The tracking token exists in clear only while the submission is created (the database keeps its keyed hash), so
the link is built then and handed to the background task as an argument; it is never logged. Later e-mails
carry no link: a forwarded or leaked "new message" mail must not open the thread."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .. import conf

logger = logging.getLogger(__name__)


def is_email_contact(contact):
    # The form accepts an email address (validated) or a phone number (digits only): "@" tells them apart.
    return "@" in (contact or "")


def _language(project):
    return project.locale.language_code if project.locale_id else settings.LANGUAGE_CODE


def _title(project):
    # What the resident sees on their tracking page: the latest revision, as the commission may have refined it.
    latest = project.get_latest_revision_as_object() if project.latest_revision_id else project
    return latest.title


def tracking_link(project, token):
    """The absolute tracking URL, on the site the project belongs to."""
    with translation.override(_language(project)):
        path = reverse("opengov_track", args=[token])
    site = project.get_site()
    base = site.root_url if site is not None else getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    return base.rstrip("/") + path


def _send(project, subject, body):
    sender = conf.get_setting("NOTIFICATION_FROM_EMAIL") or None
    return send_mail(subject, body, sender, [project.initiator_contact])


def send_tracking_link(submission, url):
    """Mail the tracking link to the initiator. Returns how many messages were sent: 0 without an email."""
    project = submission.project.specific
    if not is_email_contact(project.initiator_contact):
        return 0
    with translation.override(_language(project)):
        subject = _("Your project “%(title)s” has been submitted") % {"title": _title(project)}
        body = "\n\n".join([
            _("Thank you, your project has been submitted."),
            _(
                "Your private tracking link:\n%(url)s\n\n"
                "Open it to follow your project and to answer the commission when it writes to you. Keep this "
                "email and do not share the link: whoever has it can read and answer the messages about your "
                "project."
            ) % {"url": url},
        ])
    return _send(project, subject, body)


def send_message_notice(message):
    """Tell the initiator that the commission wrote in the thread, without the link or the message itself."""
    project = message.submission.project.specific
    if not (message.from_commission and is_email_contact(project.initiator_contact)):
        return 0
    with translation.override(_language(project)):
        title = _title(project)
        subject = _("New message from the commission about “%(title)s”") % {"title": title}
        body = _(
            "The commission has written a new message about your project “%(title)s”.\n\n"
            "To read it and reply, open the private tracking link we sent you by email when you submitted the "
            "project. For your safety, this email does not contain the link."
        ) % {"title": title}
    return _send(project, subject, body)


# -- signal receivers (connected in signal_handlers) --------------------------------------------------------
def _enqueue(task, *args, what):
    # Runs after the commit: a broken task backend must neither fail the resident's request nor lose the
    # submission. Only the exception's type is logged, since its text could quote the arguments (the link).
    try:
        task.enqueue(*args)
    except Exception as error:  # noqa: BLE001
        logger.error("Could not queue the %s e-mail (id %s): %s.", what, args[0], type(error).__name__)


def on_submission_created(sender, project, token, **kwargs):
    from ..tasks import send_submission_tracking_link

    if is_email_contact(project.initiator_contact):
        submission_id = project.opengov_submission.pk
        _enqueue(send_submission_tracking_link, submission_id, tracking_link(project, token), what="tracking-link")


def on_message_posted(sender, message, **kwargs):
    from ..tasks import send_submission_message_notice

    if message.from_commission and is_email_contact(message.submission.project.specific.initiator_contact):
        _enqueue(send_submission_message_notice, message.pk, what="new-message")
