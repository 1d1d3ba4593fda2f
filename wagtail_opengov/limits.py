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


def _redis_client():
    """The Redis client behind Django's own Redis cache backend, or None for any other backend."""
    try:
        from django.core.cache.backends.redis import RedisCache
    except ImportError:  # pragma: no cover - redis-py not installed
        return None
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


def _bump_all(keys):
    """Count one event in each ``(key, timeout)``; return the new counts. One round trip on Redis."""
    client = _redis_client()
    if client is None:
        return [_bump(key, timeout) for key, timeout in keys]
    pipe = client.pipeline(transaction=False)
    for key, timeout in keys:
        # Django's Redis backend stores integers as plain numbers, so INCR works on what it wrote and
        # cache.get() reads these counters back.
        full_key = cache.make_and_validate_key(key)
        pipe.set(full_key, 0, ex=timeout, nx=True)
        pipe.incr(full_key)
    return pipe.execute()[1::2]


def exceeded_limit(identities, now=None):
    """Count one vote for each identity (``{"participant": ..., "ip": ..., "subnet": ...}``, values already
    hashed) and return the first limit exceeded, e.g. ``"ip/60s"``, or ``""``."""
    now = now or time.time()
    rules = conf.get_setting("VOTE_LIMITS")
    keys, labels = [], []
    for scope, identity in identities.items():
        if not identity:
            continue
        for window, maximum in rules.get(scope, ()):
            bucket = int(now // window)
            keys.append((f"opengov:votes:{scope}:{window}:{identity}:{bucket}", window + 5))
            labels.append((f"{scope}/{window}s", maximum))
    for (label, maximum), count in zip(labels, _bump_all(keys)):
        if count > maximum:
            return label
    return ""
