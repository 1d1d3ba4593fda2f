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
    # The Roulette's jitter weight w in draw_key = impressions + w·U. At 1, unfiltered draws keep
    # max − min impressions ≤ 1; larger values trade that bound for less predictable rounds.
    "ROULETTE_JITTER": 1.0,
    # A vote ticket expires after this many seconds…
    "TICKET_MAX_AGE": 3600,
    # …and is refused if used sooner than this after the draw (a person reads the card first).
    "TICKET_MIN_SECONDS": 1.0,
    # Run the draw and the vote as prepared statements on PostgreSQL with psycopg 3 (planned once per
    # connection). Turn off behind a connection pooler that cannot keep them (PgBouncer < 1.21 in transaction mode).
    "PREPARED_STATEMENTS": True,
    # Signed, HttpOnly cookie that identifies a participant's device (level 0).
    "DEVICE_COOKIE_NAME": "opengov_device",
    "DEVICE_COOKIE_AGE": 365 * 24 * 3600,
    # Votes over these limits are stored as "quarantined" (not counted until a moderator releases them).
    # Each is a list of (window in seconds, max votes). Generous per IP and subnet: many phones share one
    # mobile-network address.
    "VOTE_LIMITS": {
        "participant": [(60, 20), (3600, 300)],
        "ip": [(60, 120), (3600, 3000)],
        "subnet": [(60, 600), (3600, 15000)],
    },
    # Resident submissions (no account). A photo larger than this many bytes is refused.
    "SUBMISSION_MAX_PHOTO_BYTES": 5 * 1024 * 1024,
    # Wagtail image collection that receives residents' photos (created on first use).
    "SUBMISSION_COLLECTION": "Resident submissions",
    # A form sent sooner than this many seconds after it was shown is refused as a bot's (people read first).
    "SUBMISSION_MIN_SECONDS": 5,
    # …and a form older than this (seconds) must be reloaded.
    "SUBMISSION_MAX_AGE": 24 * 3600,
    # Submissions and tracking-thread replies over these limits are refused (HTTP 429). Each is a list of
    # (window in seconds, max); "participant" counts per device, "ip" per keyed IP hash.
    "SUBMISSION_LIMITS": {
        "participant": [(3600, 5), (86400, 10)],
        "ip": [(3600, 30), (86400, 100)],
    },
    "MESSAGE_LIMITS": {
        "thread": [(60, 5), (86400, 50)],
        "ip": [(60, 20), (86400, 300)],
    },

    # Comments and complaints beyond these limits are refused (429) with a message; same format as VOTE_LIMITS.
    "COMMENT_LIMITS": {
        "participant": [(60, 5), (3600, 40)],
        "ip": [(60, 30), (3600, 300)],
    },
    # Longest comment, in characters.
    "COMMENT_MAX_LENGTH": 3000,
    # Public holidays skipped when counting an objection's working-day deadline: ISO dates, e.g. "2027-03-22".
    "HOLIDAYS": [],
    # Sender of notification emails; None uses Django's DEFAULT_FROM_EMAIL.
    "NOTIFICATION_FROM_EMAIL": None,
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
