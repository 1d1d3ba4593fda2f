from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def money(value, currency=""):
    """Format an amount with grouped digits; empty for a missing value."""
    if value in (None, ""):
        return ""
    formatted = number_format(value, decimal_pos=0, force_grouping=True)
    return f"{formatted}\u00a0{currency}".strip()
