from django.core.signals import setting_changed

from . import conf


def register_signal_handlers():
    from . import snapshots

    setting_changed.connect(conf.clear_cache, dispatch_uid="wagtail_opengov_clear_settings")
    snapshots.connect()
