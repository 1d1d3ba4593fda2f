"""Messages for the errors Django's form fields raise, in our own catalogue.

Django's Kazakh catalogue lacks several of its form messages, and a missing one falls back to the default
language's: a Kazakh page would show Russian. The codes are those of Django's fields and validators; their
params fill the named placeholders."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

TOO_LONG = ngettext_lazy(
    "Shorten this text to at most %(limit_value)s character (now: %(show_value)s).",
    "Shorten this text to at most %(limit_value)s characters (now: %(show_value)s).",
    "limit_value",
)
CONTROL_CHARACTERS = _("Remove the invisible control characters from this text.")


def text_errors(required=None):
    """Error messages for a text field; ``required``: its own message when the field is required."""
    errors = {"max_length": TOO_LONG, "null_characters_not_allowed": CONTROL_CHARACTERS}
    return {**errors, "required": required} if required else errors
