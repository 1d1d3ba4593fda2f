"""System checks for the ``OPENGOV`` settings dict: bad values fail at startup, not at the first request."""

from django.core.checks import Error, Tags, Warning, register

from . import conf


@register()
def check_opengov_settings(app_configs, **kwargs):
    raw = conf.user_settings()
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [
            Error(
                "OPENGOV must be a dict.",
                hint="Set OPENGOV = {...} in your settings, or remove it to use the defaults.",
                id="wagtail_opengov.E001",
            )
        ]
    errors = []
    for key in sorted(set(raw) - set(conf.DEFAULTS)):
        errors.append(
            Warning(
                f"Unknown OPENGOV setting {key!r} is ignored.",
                hint="Known settings: " + ", ".join(sorted(conf.DEFAULTS)),
                id="wagtail_opengov.W001",
            )
        )
    per_page = raw.get("PROJECTS_PER_PAGE", conf.DEFAULTS["PROJECTS_PER_PAGE"])
    if isinstance(per_page, bool) or not isinstance(per_page, int) or not 1 <= per_page <= 200:
        errors.append(
            Error(
                "OPENGOV['PROJECTS_PER_PAGE'] must be an integer between 1 and 200.",
                id="wagtail_opengov.E002",
            )
        )
    for key in ("BASE_TEMPLATE", "SHUFFLE_COOKIE_NAME", "CURRENCY"):
        value = raw.get(key, conf.DEFAULTS[key])
        if not isinstance(value, str) or not value:
            errors.append(
                Error(f"OPENGOV[{key!r}] must be a non-empty string.", id="wagtail_opengov.E003")
            )
    currency = raw.get("CURRENCY", conf.DEFAULTS["CURRENCY"])
    if isinstance(currency, str) and not (len(currency) == 3 and currency.isalpha()):
        errors.append(
            Error(
                "OPENGOV['CURRENCY'] must be a three-letter ISO 4217 code such as 'KZT'.",
                id="wagtail_opengov.E004",
            )
        )
    age = raw.get("SHUFFLE_COOKIE_AGE", conf.DEFAULTS["SHUFFLE_COOKIE_AGE"])
    if isinstance(age, bool) or not isinstance(age, int) or age <= 0:
        errors.append(
            Error(
                "OPENGOV['SHUFFLE_COOKIE_AGE'] must be a positive number of seconds.",
                id="wagtail_opengov.E005",
            )
        )
    jitter = raw.get("ROULETTE_JITTER", conf.DEFAULTS["ROULETTE_JITTER"])
    if isinstance(jitter, bool) or not isinstance(jitter, (int, float)) or jitter <= 0:
        errors.append(
            Error("OPENGOV['ROULETTE_JITTER'] must be a positive number (1 is fair).", id="wagtail_opengov.E006")
        )
    for key in ("TICKET_MAX_AGE", "TICKET_MIN_SECONDS", "DEVICE_COOKIE_AGE"):
        value = raw.get(key, conf.DEFAULTS[key])
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            errors.append(Error(f"OPENGOV[{key!r}] must be a number of seconds ≥ 0.", id="wagtail_opengov.E007"))
    limits = raw.get("VOTE_LIMITS", conf.DEFAULTS["VOTE_LIMITS"])
    if not _valid_limits(limits):
        errors.append(
            Error(
                "OPENGOV['VOTE_LIMITS'] must map 'participant', 'ip' and/or 'subnet' to lists of "
                "(window seconds, max votes) pairs of positive integers.",
                id="wagtail_opengov.E008",
            )
        )
    return errors


def _valid_limits(limits):
    if not isinstance(limits, dict) or set(limits) - {"participant", "ip", "subnet"}:
        return False
    for rules in limits.values():
        if not isinstance(rules, (list, tuple)):
            return False
        for rule in rules:
            if not (isinstance(rule, (list, tuple)) and len(rule) == 2 and all(
                isinstance(x, int) and not isinstance(x, bool) and x > 0 for x in rule
            )):
                return False
    return True


@register(Tags.database)
def check_sqlite_version(app_configs, **kwargs):
    # The Roulette draws with UPDATE … RETURNING, which SQLite has since 3.35.
    from django.db import connection

    if connection.vendor == "sqlite":
        import sqlite3

        if sqlite3.sqlite_version_info < (3, 35):
            return [
                Error(
                    f"SQLite {sqlite3.sqlite_version} is too old for the Roulette (3.35 or newer is needed).",
                    hint="Use PostgreSQL in production, or a Python built with a newer SQLite.",
                    id="wagtail_opengov.E009",
                )
            ]
    return []


@register()
def check_submission_settings(app_configs, **kwargs):
    raw = conf.user_settings()
    if not isinstance(raw, dict):
        return []
    errors = []
    for key in ("SUBMISSION_MAX_PHOTO_BYTES", "SUBMISSION_MAX_AGE"):
        value = raw.get(key, conf.DEFAULTS[key])
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            errors.append(Error(f"OPENGOV[{key!r}] must be a positive integer.", id="wagtail_opengov.E101"))
    minimum = raw.get("SUBMISSION_MIN_SECONDS", conf.DEFAULTS["SUBMISSION_MIN_SECONDS"])
    if isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or minimum < 0:
        errors.append(
            Error("OPENGOV['SUBMISSION_MIN_SECONDS'] must be a number of seconds ≥ 0.", id="wagtail_opengov.E101")
        )
    for key, scopes in (("SUBMISSION_LIMITS", {"participant", "ip"}), ("MESSAGE_LIMITS", {"thread", "ip"})):
        limits = raw.get(key, conf.DEFAULTS[key])
        # Same shape as VOTE_LIMITS, with other scopes.
        valid = isinstance(limits, dict) and not set(limits) - scopes and all(
            _valid_limits({"ip": rules}) for rules in limits.values()
        )
        if not valid:
            errors.append(
                Error(
                    f"OPENGOV[{key!r}] must map {' and/or '.join(sorted(scopes))} to lists of "
                    "(window seconds, maximum) pairs of positive integers.",
                    id="wagtail_opengov.E102",
                )
            )
    return errors


@register()
def check_comment_settings(app_configs, **kwargs):
    """Comments and objections settings (ids E111–E114, kept apart from the voting checks)."""
    import datetime

    raw = conf.user_settings()
    if not isinstance(raw, dict):
        return []
    errors = []
    limits = raw.get("COMMENT_LIMITS", conf.DEFAULTS["COMMENT_LIMITS"])
    if not (isinstance(limits, dict) and set(limits) <= {"participant", "ip"} and _valid_limits(limits)):
        errors.append(Error(
            "OPENGOV['COMMENT_LIMITS'] must map 'participant' and/or 'ip' to lists of (seconds, maximum) pairs "
            "of positive integers.", id="wagtail_opengov.E111",
        ))
    length = raw.get("COMMENT_MAX_LENGTH", conf.DEFAULTS["COMMENT_MAX_LENGTH"])
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        errors.append(Error("OPENGOV['COMMENT_MAX_LENGTH'] must be a positive integer.", id="wagtail_opengov.E112"))
    holidays = raw.get("HOLIDAYS", conf.DEFAULTS["HOLIDAYS"])
    try:
        valid = isinstance(holidays, (list, tuple)) and all(
            isinstance(d, datetime.date) or datetime.date.fromisoformat(d) for d in holidays
        )
    except (TypeError, ValueError):
        valid = False
    if not valid:
        errors.append(Error(
            "OPENGOV['HOLIDAYS'] must be a list of dates or ISO date strings such as \"2027-03-22\".",
            id="wagtail_opengov.E113",
        ))
    sender = raw.get("NOTIFICATION_FROM_EMAIL", conf.DEFAULTS["NOTIFICATION_FROM_EMAIL"])
    if sender is not None and (not isinstance(sender, str) or not sender):
        errors.append(Error(
            "OPENGOV['NOTIFICATION_FROM_EMAIL'] must be an email address or None.", id="wagtail_opengov.E114"
        ))
    return errors
