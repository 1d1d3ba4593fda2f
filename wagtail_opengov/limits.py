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
    from .fastcache import redis_client

    return redis_client(write=True)


# INCR every key, setting its expiry when it is new; one round trip however many windows are configured.
_BUMP_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('EXPIRE', key, ARGV[i]) end
  counts[i] = n
end
return counts
"""
_script = None


def _bump_all(keys):
    """Count one event in each ``(key, timeout)``; return the new counts. One round trip on Redis."""
    global _script
    client = _redis_client()
    if client is None:
        return [_bump(key, timeout) for key, timeout in keys]
    if _script is None:
        # EVALSHA with a fallback to EVAL when the server has not seen the script yet (e.g. after a restart).
        _script = client.register_script(_BUMP_SCRIPT)
    # Django's Redis backend stores integers as plain numbers, so cache.get() reads these counters back.
    return _script(
        keys=[cache.make_and_validate_key(key) for key, _timeout in keys],
        args=[timeout for _key, timeout in keys],
        client=client,
    )


def count_over(kind, identities, rules, now=None):
    """Count one ``kind`` of action (``"votes"``, ``"comments"``…) for each identity (``{scope: hashed value}``)
    in every window of ``rules`` (``{scope: [(window seconds, maximum), …]}``); return the first limit exceeded,
    e.g. ``"ip/60s"``, or ``""``. Every identity is counted, even past a limit."""
    now = now or time.time()
    keys, labels = [], []
    for scope, identity in identities.items():
        if not identity:
            continue
        for window, maximum in rules.get(scope, ()):
            bucket = int(now // window)
            keys.append((f"opengov:{kind}:{scope}:{window}:{identity}:{bucket}", window + 5))
            labels.append((f"{scope}/{window}s", maximum))
    if not keys:
        return ""
    for (label, maximum), count in zip(labels, _bump_all(keys)):
        if count > maximum:
            return label
    return ""


def exceeded_limit(identities, now=None):
    """Count one vote for each identity (``{"participant": ..., "ip": ..., "subnet": ...}``, values already
    hashed) and return the first limit exceeded, e.g. ``"ip/60s"``, or ``""``."""
    return count_over("votes", identities, conf.get_setting("VOTE_LIMITS"), now=now)
