from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailOpenGovAppConfig(AppConfig):
    name = "wagtail_opengov"
    label = "wagtail_opengov"
    verbose_name = _("OpenGov participation")
    # Explicit, so our migrations never depend on the host project's DEFAULT_AUTO_FIELD
    # (Django 6 changed the project default).
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from . import signal_handlers

        signal_handlers.register_signal_handlers()
