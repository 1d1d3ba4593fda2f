"""Comment, complaint and objections-register views. Plain forms: everything works without JavaScript.

A valid post redirects back to the project page with a message; an invalid or refused one re-renders the page with
a 4xx status and keeps what the resident typed."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_protect

from .. import commenting, conf, identity
from ..form_messages import text_errors
from ..objections import public_objections, waiting_objections
from ..roulette import canonical
from ..voting import Refused


class DescribedErrorsMixin:
    """Tie each error message to its field (Django 5.2 does not do it by itself)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = f"{self[name].auto_id}_error"
                self.fields[name].widget.attrs["aria-invalid"] = "true"


class CommentForm(DescribedErrorsMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Your comment"), widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages=text_errors(gettext_lazy("Write a comment.")))
    author_name = forms.CharField(
        label=gettext_lazy("Name to show (optional)"), max_length=80, required=False, error_messages=text_errors(),
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Email for the answer (optional, never shown)"), required=False,
        error_messages={"invalid": gettext_lazy("Enter a valid email address, or leave the field empty.")},
    )
    is_objection = forms.BooleanField(
        label=gettext_lazy("This is an objection: the monitoring group must answer it publicly"), required=False,
    )
    official = forms.BooleanField(label=gettext_lazy("Publish as the official answer"), required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, official_allowed=False, **kwargs):
        kwargs.setdefault("auto_id", "og-comment-%s")
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = conf.get_setting("COMMENT_MAX_LENGTH")
        if not official_allowed:
            del self.fields["official"]


class ComplaintForm(DescribedErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What is wrong?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=text_errors(gettext_lazy("Say what is wrong: a complaint needs a reason.")),
    )
    contact_email = forms.EmailField(
        label=gettext_lazy("Email for the answer (optional, never shown)"), required=False,
        error_messages={"invalid": gettext_lazy("Enter a valid email address, or leave the field empty.")},
    )
    comment = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "og-complaint-%s")
        super().__init__(*args, **kwargs)


def _redirect(page, anchor, token, request):
    response = HttpResponseRedirect(page.url + anchor)
    if token:
        identity.remember_device(request, response, token)
    return response


def _rerender(request, page, status, token=None, **overrides):
    response = page.render(request, context_overrides=overrides)
    response.status_code = status
    response["Cache-Control"] = "private, no-store"
    if token:
        identity.remember_device(request, response, token)
    return response


def _official_author(request):
    user = getattr(request, "user", None)
    return user if commenting.may_answer_officially(user) else None


@csrf_protect
def comment_view(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    official_author = _official_author(request)
    form = CommentForm(request.POST, official_allowed=official_author is not None)
    if not form.is_valid():
        return _rerender(request, page, 400, comment_form=form)
    data = form.cleaned_data
    token = None
    try:
        if commenting.is_closed(page):
            raise Refused("comments_closed", _("Comments are closed on this project."), 409)
        participant, token = identity.get_participant(request, create=True)
        comment = commenting.post_comment(
            page=page, text=data["text"], participant=participant, user=official_author, author_name=data["author_name"],
            parent_id=data.get("parent"), is_objection=data["is_objection"], contact_email=data["contact_email"],
            official=data.get("official", False), ip=identity.client_address(request),
        )
    except Refused as refusal:
        return _rerender(request, page, refusal.status, token, comment_form=form, comment_error=str(refusal.message))
    if comment.status == "pending":
        message = _("Thank you. Your comment will appear after a moderator approves it.")
    else:
        message = _("Your comment has been published.")
    if comment.is_objection:
        message += " " + _("The monitoring group will answer your objection publicly.")
    messages.success(request, message, fail_silently=True)
    return _redirect(page, f"#og-comment-{comment.pk}" if comment.status == "published" else "#og-comments",
                     token, request)


@csrf_protect
def complaint_view(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = ComplaintForm(request.POST)
    if not form.is_valid():
        return _rerender(request, page, 400, complaint_form=form)
    data = form.cleaned_data
    token = None
    try:
        participant, token = identity.get_participant(request, create=True)
        commenting.complain(
            page=page, reason=data["reason"], participant=participant, comment_id=data.get("comment"),
            contact_email=data["contact_email"], ip=identity.client_address(request),
        )
    except Refused as refusal:
        return _rerender(request, page, refusal.status, token, complaint_form=form,
                         complaint_error=str(refusal.message))
    messages.success(
        request, _("Your complaint has been received. The monitoring group will answer it publicly."),
        fail_silently=True,
    )
    return _redirect(page, "#og-comments", token, request)


def objections_register(request, campaign):
    """The campaign's public register: what was objected, the answer, how long it took. No personal data."""
    target = canonical(campaign)
    answered = public_objections(campaign_id=target.pk)
    paginator = Paginator(answered, 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    # Every objection not answered in public waits, closed or not, on a published project or not: the count
    # holds no text, and what is owed stays visible.
    waiting = waiting_objections(campaign_id=target.pk)
    from django.utils import timezone

    context = {
        "page": campaign,
        "campaign": campaign,
        "opengov_base_template": conf.get_setting("BASE_TEMPLATE"),
        "objections": page_obj,
        "answered_count": paginator.count,
        "waiting_count": waiting.count(),
        "overdue_count": waiting.filter(deadline__lt=timezone.localdate()).count(),
    }
    return TemplateResponse(request, "wagtail_opengov/objections/register.html", context)
