from django.core.signals import setting_changed
from django.db.models.signals import post_save

from . import conf


def _vote_saved(sender, instance, created, raw=False, **kwargs):
    # Every AGAINST reason reaches the monitoring group; runs inside cast_vote's transaction.
    if created and not raw:
        from .objections import open_objection_for_vote

        open_objection_for_vote(instance)


def register_signal_handlers():
    from .models.participation import Vote

    setting_changed.connect(conf.clear_cache, dispatch_uid="wagtail_opengov_clear_settings")
    post_save.connect(_vote_saved, sender=Vote, dispatch_uid="wagtail_opengov_vote_objection")
