"""Cache reads and counters for the Roulette's hot path.

Django's own Redis backend builds a new ``redis.Redis`` object, with its few hundred response callbacks, for
every operation; on a draw or a vote that cost more than the round trip itself. Here one client per connection
pool is reused (they are thread-safe). Any other backend goes through Django's cache API unchanged."""

from django.core.cache import cache, caches

_clients = {}


def _backend():
    return caches["default"]  # the backend itself: ``cache`` is a proxy that isinstance() cannot see through


def redis_client(write=False):
    """A reusable client for Django's built-in Redis backend, or None for any other backend."""
    try:
        from django.core.cache.backends.redis import RedisCache
    except ImportError:  # pragma: no cover - redis-py not installed
        return None
    backend = _backend()
    if not isinstance(backend, RedisCache):
        return None
    try:
        inner = backend._cache
        pool = inner._get_connection_pool(write)
    except AttributeError:  # a Django version with other internals: use the public API
        return None
    client = _clients.get(id(pool))
    if client is None or client.connection_pool is not pool:
        client = _clients[id(pool)] = inner._client(connection_pool=pool)
    return client


def get(key, default=None):
    client = redis_client()
    if client is None:
        return cache.get(key, default)
    backend = _backend()
    value = client.get(backend.make_and_validate_key(key))
    return default if value is None else backend._cache._serializer.loads(value)
