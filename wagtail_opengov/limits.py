"""Rate limits through Django's cache (LocMem by default, Redis in production).

Limits never refuse a vote: the caller stores votes over a limit as "quarantined", so nothing is lost and a
moderator decides later."""

import time

from django.core.cache import cache

from . import conf


def _bump(key, timeout):
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def exceeded_limit(identities, now=None):
    """Count one vote for each identity (``{"participant": ..., "ip": ..., "subnet": ...}``, values already
    hashed) and return the first limit exceeded, e.g. ``"ip/60s"``, or ``""``."""
    now = now or time.time()
    rules = conf.get_setting("VOTE_LIMITS")
    exceeded = ""
    for scope, identity in identities.items():
        if not identity:
            continue
        for window, maximum in rules.get(scope, ()):
            bucket = int(now // window)
            count = _bump(f"opengov:votes:{scope}:{window}:{identity}:{bucket}", timeout=window + 5)
            if count > maximum and not exceeded:
                exceeded = f"{scope}/{window}s"
    return exceeded
