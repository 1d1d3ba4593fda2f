"""Residents submit a project and follow it by its private tracking link. Plain forms, no JavaScript needed."""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_protect

from .. import conf, identity
from ..submissions import find_submission, post_message, submit_project
from ..submissions.forms import MessageForm, SubmissionForm, started_stamp
from ..submissions.notifications import is_email_contact
from ..voting import Refused

# More than the form accepts, so nothing a person typed is cut; a bound, so a bot's megabytes are not echoed.
KEPT_MAX_CHARS = 20_000


def _private(response):
    # A tracking page is someone's key: never cached by a proxy, never indexed, never sent to another site as a
    # Referer ("same-origin", not "no-referrer": our own forms' CSRF origin check needs the header).
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def tracking_url(token):
    return reverse("opengov_track", args=[token])


class _Device:
    """The resident's device identity, created only inside an accepted submission: a refused one leaves no
    participant row behind (the refusal response sets no cookie that could ever point to it)."""

    def __init__(self, request):
        self.request = request
        self.participant, self.cookie_value = identity.get_participant(request)

    def create(self):
        self.participant, self.cookie_value = identity.get_participant(self.request, create=True)
        return self.participant


def _kept_text(post):
    labels = SubmissionForm.base_fields
    kept = []
    for name in ("title", "summary"):
        value = (post.get(name) or "").strip()
        if value:
            kept.append({"name": name, "label": labels[name].label, "value": value[:KEPT_MAX_CHARS]})
    return kept


@csrf_protect
def submit_view(request, campaign):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = {
        "page": campaign,
        "campaign": campaign,
        "opengov_base_template": conf.get_setting("BASE_TEMPLATE"),
    }
    if not (campaign.live and campaign.submission_open):
        if request.method == "POST":
            # The window closed while the resident was writing: give their words back to copy, store nothing.
            context["kept"] = _kept_text(request.POST)
        return _private(render(request, "wagtail_opengov/submissions/closed_page.html", context, status=409))
    status = 200
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, campaign=campaign)
        status = 400
        if form.is_valid():
            device = _Device(request)
            try:
                _project, token = submit_project(
                    campaign,
                    form.cleaned_data,
                    photo=form.cleaned_data.get("photo"),
                    participant=device.participant,
                    new_participant=device.create,
                    ip=identity.client_address(request),
                )
            except Refused as refusal:
                form.add_error(None, refusal.message)
                status = refusal.status
            else:
                response = HttpResponseRedirect(tracking_url(token) + "?submitted=1")
                response.status_code = 303
                if device.cookie_value:
                    identity.remember_device(request, response, device.cookie_value)
                return _private(response)
    else:
        form = SubmissionForm(campaign=campaign)
    context.update({"form": form, "started": started_stamp()})
    return _private(render(request, "wagtail_opengov/submissions/submit_page.html", context, status=status))


@csrf_protect
def track_view(request, token):
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    base = {"opengov_base_template": conf.get_setting("BASE_TEMPLATE")}
    submission = find_submission(token)
    if submission is None:
        # 400 rather than 404: LocaleMiddleware would turn a 404 into a redirect to a language-prefixed URL.
        return _private(render(request, "wagtail_opengov/submissions/unknown_link.html", base, status=400))
    project = submission.project.specific
    status = 200
    form = MessageForm()
    if request.method == "POST":
        form = MessageForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                post_message(submission, form.cleaned_data["body"], ip=identity.client_address(request))
            except Refused as refusal:
                form.add_error("body", refusal.message)
                status = refusal.status
            else:
                response = HttpResponseRedirect(tracking_url(token) + "?sent=1#og-thread")
                response.status_code = 303
                return _private(response)
    latest = project.get_latest_revision_as_object()
    context = {
        **base,
        "submission": submission,
        "project": project,
        "shown": latest,
        "thread": submission.thread(),
        "form": form,
        "tracking_link": request.build_absolute_uri(tracking_url(token)),
        "just_submitted": request.GET.get("submitted") == "1",
        "sent": request.GET.get("sent") == "1",
        "contact_is_email": is_email_contact(project.initiator_contact),
    }
    # The resident wrote in the campaign's language; the page answers in it, whatever the browser prefers.
    language = project.locale.language_code
    with translation.override(language):
        response = render(request, "wagtail_opengov/submissions/track_page.html", context, status=status)
    response["Content-Language"] = language
    return _private(response)
