from django.core.signals import setting_changed
from django.db.models.signals import post_save

from . import conf


def _vote_saved(sender, instance, created, raw=False, **kwargs):
    # Every AGAINST reason reaches the monitoring group (votes saved through the ORM: SQLite, imports).
    if created and not raw:
        from .objections import open_objection_for_vote

        open_objection_for_vote(instance)


def _vote_cast(sender, vote, **kwargs):
    # Votes cast on PostgreSQL are written by one SQL statement, without post_save; opening is idempotent, so
    # a vote announced both ways still opens one objection.
    from .objections import open_objection_for_vote

    open_objection_for_vote(vote)


def register_signal_handlers():
    from . import signals, snapshots, submissions
    from .models.participation import Vote
    from .roles import campaign_models, on_campaign_created
    from .submissions import notifications

    setting_changed.connect(conf.clear_cache, dispatch_uid="wagtail_opengov_clear_settings")
    snapshots.connect()
    post_save.connect(_vote_saved, sender=Vote, dispatch_uid="wagtail_opengov_vote_objection")
    signals.vote_cast.connect(_vote_cast, sender=Vote, dispatch_uid="wagtail_opengov_vote_cast_objection")
    # The resident who gave an email hears of their tracking link, then of each message from the commission.
    submissions.submission_created.connect(
        notifications.on_submission_created, dispatch_uid="wagtail_opengov_submission_tracking_link"
    )
    submissions.message_posted.connect(
        notifications.on_message_posted, dispatch_uid="wagtail_opengov_submission_message_notice"
    )
    # Per campaign model, so saves of other models (votes on the hot path) never call it.
    for model in campaign_models():
        post_save.connect(
            on_campaign_created, sender=model, dispatch_uid=f"wagtail_opengov_campaign_workflow_{model._meta.label}"
        )
