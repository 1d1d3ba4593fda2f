"""System checks for the ``OPENGOV`` settings dict: bad values fail at startup, not at the first request."""

from django.core.checks import Error, Warning, register

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
    return errors
