"""Residents submit projects without an account and follow them by a private link: the rules, apart from HTTP.

A submission becomes a draft project at stage "submitted" under its campaign, enters the workflow assigned to
the campaign, and gets a tracking token. The token is shown to the resident once; only its keyed hash is stored.
"""

import secrets

import django.dispatch
from django.apps import apps
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from .. import conf, identity, limits
from ..models.project import InitiatorKind, ProjectPageImage
from ..models.stages import Stage
from ..models.submissions import MessageSender, Submission, SubmissionMessage
from ..text import plain_text  # noqa: F401  (re-exported: views and tests import it from here)
from ..voting import Refused

# Sent after the submission is committed, with the raw ``token`` (its only appearance outside the resident's
# browser), so that a notification can e-mail the tracking link to the contact given.
submission_created = django.dispatch.Signal()
# Sent after a message is committed; ``message.sender`` tells who should hear about it.
message_posted = django.dispatch.Signal()


def tracking_hash(token):
    return identity.keyed_hash(token, "submission-tracking")


def find_submission(token):
    """The submission for a tracking token, or None for an unknown or malformed one."""
    token = str(token or "")
    if not (20 <= len(token) <= 100):
        return None
    return Submission.objects.select_related("project").filter(token_hash=tracking_hash(token)).first()


# -- spam defences ------------------------------------------------------------------------------------------
def check_rate(kind, identities, setting, now=None):
    """Count one action for each identity and raise ``Refused`` (429) when one goes over its limit."""
    if limits.count_over(kind, identities, conf.get_setting(setting), now=now):
        raise Refused("rate_limited", _("Too many attempts from this device or network. Please try again later."), 429)


# -- submitting ---------------------------------------------------------------------------------------------
def _collection():
    from wagtail.models import Collection

    name = conf.get_setting("SUBMISSION_COLLECTION")
    # Wagtail's migrations create the root collection; a flushed test database may have lost it.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def _photo_image(upload, title, created):
    from wagtail.images import get_image_model

    from .photos import reencoded

    # Never the resident's file itself: it may tell where they live (EXIF GPS) and who they are (its name).
    image = get_image_model()(title=title[:255], file=reencoded(upload), collection=_collection())
    image.save()
    created.append(image)
    return image


def submit_project(campaign, data, *, photo=None, participant=None, new_participant=None, ip=""):
    """Create the draft project, its tracker, and start the campaign's workflow. Returns ``(project, token)``.

    ``data`` is a submission form's ``cleaned_data`` (category and area already resolved to snippets).
    Without a ``participant``, ``new_participant()`` (if given) creates one inside the submission's transaction.
    Raises ``Refused`` when submissions are closed or a rate limit is exceeded; nothing is stored then."""
    if not (campaign.live and campaign.submission_open):
        raise Refused("submissions_closed", _("Submissions are not open in this campaign."), 409)
    check_rate(
        "submissions",
        {
            "participant": participant.pk if participant is not None else "",
            "ip": identity.keyed_hash(ip, "ip") if ip else "",
        },
        "SUBMISSION_LIMITS",
    )
    token = secrets.token_urlsafe(32)
    images = []
    try:
        with transaction.atomic():
            if participant is None and new_participant is not None:
                participant = new_participant()
            project, revision = _create(campaign, data, token, photo, participant, images)
    except BaseException:
        for image in images:
            # The rollback removed the image's row; its file would otherwise stay on disk, unreferenced.
            image.file.delete(save=False)
        raise
    transaction.on_commit(
        lambda: submission_created.send(sender=Submission, project=project, token=token, revision=revision)
    )
    return project, token


def _create(campaign, data, token, photo, participant, images):
    # One line: Wagtail puts the title in the commission's email subjects, which refuse line breaks (the mail
    # would be dropped), and a stripped block tag or a crafted request can leave one inside.
    title = " ".join(plain_text(data["title"]).split())
    project = apps.get_model(campaign.project_page_model)(
        title=title,
        summary=plain_text(data["summary"]),
        category=data["category"],
        area=data.get("area"),
        estimated_cost=data.get("estimated_cost"),
        stage=Stage.SUBMITTED,
        initiator_kind=InitiatorKind.CITIZEN,
        initiator_contact_name=plain_text(data.get("contact_name", "")),
        initiator_contact=data["contact"],
        live=False,
        locale_id=campaign.locale_id,
    )
    if not slugify(title, allow_unicode=True):
        # Wagtail derives the slug from the title; a title of only punctuation or emoji would give none.
        project.slug = f"project-{secrets.token_hex(4)}"
    campaign.add_child(instance=project)
    if photo is not None:
        ProjectPageImage.objects.create(page=project, image=_photo_image(photo, title, images), alt_text=title)
    revision = project.save_revision(log_action=True)
    Submission.objects.create(project=project, token_hash=tracking_hash(token), participant=participant)
    workflow = project.get_workflow()
    if workflow is not None:
        workflow.start(project, None)
    # Without a workflow the project stays a draft that editors find under the campaign in the admin.
    return project, revision


def post_message(submission, body, *, user=None, ip=""):
    """Add a message to the thread: from the commission when ``user`` is given, else from the resident."""
    text = plain_text(body)
    if not text:
        raise Refused("empty_message", _("Write a message before sending."), 400)
    if len(text) > 4000:
        raise Refused("message_too_long", _("A message can be at most 4000 characters long."), 400)
    if user is None:
        check_rate(
            "messages",
            {"thread": submission.pk, "ip": identity.keyed_hash(ip, "ip") if ip else ""},
            "MESSAGE_LIMITS",
        )
    with transaction.atomic():
        message = SubmissionMessage.objects.create(
            submission=submission,
            sender=MessageSender.COMMISSION if user is not None else MessageSender.RESIDENT,
            author=user,
            body=text,
        )
    transaction.on_commit(lambda: message_posted.send(sender=SubmissionMessage, message=message))
    return message
