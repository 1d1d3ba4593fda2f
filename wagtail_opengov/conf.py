"""Package settings: one ``OPENGOV`` dict in the host's settings, read through :func:`get_setting`.

Values are read lazily (never at import time) and the cache is cleared on ``setting_changed``,
so ``override_settings`` in tests and per-process reconfiguration both work.
"""

from functools import lru_cache

from django.conf import settings

DEFAULTS = {
    # Template our pages extend. It must define the blocks "title", "content", "extra_css"
    # and "extra_js" — the blocks of the base.html that `wagtail start` generates.
    "BASE_TEMPLATE": "wagtail_opengov/layout.html",
    # Projects per page in a campaign's listing.
    "PROJECTS_PER_PAGE": 12,
    # Cookie that keeps a visitor's shuffle stable across pages of a listing.
    "SHUFFLE_COOKIE_NAME": "opengov_order",
    # How long that cookie lives, in seconds (default: 30 days).
    "SHUFFLE_COOKIE_AGE": 30 * 24 * 3600,
    # ISO 4217 code shown next to estimated costs.
    "CURRENCY": "KZT",
}


@lru_cache(maxsize=None)
def _merged():
    user = getattr(settings, "OPENGOV", None) or {}
    merged = dict(DEFAULTS)
    if isinstance(user, dict):
        merged.update(user)
    return merged


def get_setting(name):
    return _merged()[name]


def user_settings():
    return getattr(settings, "OPENGOV", None)


def clear_cache(**kwargs):
    if kwargs.get("setting") in (None, "OPENGOV"):
        _merged.cache_clear()
