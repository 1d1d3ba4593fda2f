from django.core.signals import setting_changed
from django.db.models.signals import post_save

from . import conf


def register_signal_handlers():
    from . import snapshots

    setting_changed.connect(conf.clear_cache, dispatch_uid="wagtail_opengov_clear_settings")
    snapshots.connect()
    from .roles import campaign_models, on_campaign_created

    # Per campaign model, so saves of other models (votes on the hot path) never call it.
    for model in campaign_models():
        post_save.connect(
            on_campaign_created, sender=model, dispatch_uid=f"wagtail_opengov_campaign_workflow_{model._meta.label}"
        )
