"""The inspect view our admin viewsets share."""

from datetime import datetime

from django.utils import timezone
from wagtail.admin.views.generic import InspectView


class LocalTimeInspectView(InspectView):
    """Dates and times in the site's time zone (TIME_ZONE), as Wagtail's listings and our history tables show them.

    Wagtail's inspect template formats each value with ``|localize``, which turns a datetime into text before
    Django's template rendering would convert it to local time: without this, an aware datetime shows in UTC."""

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value)
        return value
