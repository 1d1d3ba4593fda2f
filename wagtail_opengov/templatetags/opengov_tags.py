from django import template
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.timezone import localtime
from django.utils.translation import get_language

register = template.Library()

# Django ships no format module for Kazakh, so grouping and month case are handled here for the languages we serve.
_GROUP_WITH_SPACE = {"kk", "ru"}
_LOWERCASE_MONTHS = {"kk"}


def _language():
    return (get_language() or "").split("-")[0]


@register.filter
def money(value, currency=""):
    """An amount with grouped digits (19 900 000 KZT); empty for a missing value."""
    if value in (None, ""):
        return ""
    if _language() in _GROUP_WITH_SPACE:
        formatted = f"{int(value):,}".replace(",", "\u00a0")
    else:
        formatted = number_format(value, decimal_pos=0, force_grouping=True)
    return f"{formatted}\u00a0{currency}".strip()


@register.filter
def day(value):
    """A date as residents write it: "19 октября 2026", "19 қазан 2026", "19 October 2026"."""
    if not value:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = localtime(value)
    text = format_date(value, "j E Y")
    return text.lower() if _language() in _LOWERCASE_MONTHS else text


# The sub-pages a campaign page routes to itself; the same route exists in every translation of the page.
_TRANSLATABLE_ROUTES = ("submit/", "roulette/", "results/", "objections/")


@register.simple_tag(takes_context=True)
def translation_url(context, translation):
    """The URL of ``translation`` at the sub-page the visitor is on (results, objections…), not at its front page."""
    from wagtail.templatetags.wagtailcore_tags import pageurl

    url = pageurl(context, translation)
    request, page = context.get("request"), context.get("page")
    if request is None or page is None:
        return url
    here = page.get_url(request=request) or ""
    if here and request.path.startswith(here) and request.path[len(here):] in _TRANSLATABLE_ROUTES:
        return url + request.path[len(here):]
    return url
