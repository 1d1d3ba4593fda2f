from django import template
from django.contrib.messages import get_messages
from django.db.models import Prefetch
from django.utils.safestring import mark_safe

from ..commenting import clean_comment_html, is_closed, may_answer_officially
from ..models.comments import Comment, CommentStatus
from ..objections import public_objections
from ..roulette import canonical

register = template.Library()


@register.filter
def comment_html(value):
    # Stored comments are already clean; cleaning again on output guards against text edited elsewhere.
    return mark_safe(clean_comment_html(value))  # noqa: S308 - bleach output


@register.simple_tag(takes_context=True)
def opengov_comment_section(context, page):
    from ..views.comments import CommentForm, ComplaintForm

    request = context.get("request")
    official_allowed = may_answer_officially(getattr(request, "user", None))
    project = canonical(page)
    published = Comment.objects.filter(status=CommentStatus.PUBLISHED)
    comments = (
        published.filter(project_id=project.pk, parent__isnull=True)
        .select_related("objection")
        .prefetch_related(Prefetch("replies", queryset=published.select_related("objection")))
    )
    comment_form = context.get("comment_form") or CommentForm(official_allowed=official_allowed)
    complaint_form = context.get("complaint_form") or ComplaintForm()
    parent_id = comment_form["parent"].value() if comment_form.is_bound else None
    complained_comment = complaint_form["comment"].value() if complaint_form.is_bound else None
    return {
        "comments": list(comments),
        "answers": list(public_objections(project_id=project.pk)),
        "comment_form": comment_form,
        "complaint_form": complaint_form,
        "comment_error": context.get("comment_error", ""),
        "complaint_error": context.get("complaint_error", ""),
        "replying_to": parent_id,
        "complaining_about": complained_comment,
        "closed": is_closed(page),
        "comment_url": page.url + page.reverse_subpage("comment") if page.url else "",
        "complain_url": page.url + page.reverse_subpage("complain") if page.url else "",
        "register_url": getattr(page.get_parent().specific, "objections_url", ""),
        "messages": list(get_messages(request)) if request is not None else [],
    }
