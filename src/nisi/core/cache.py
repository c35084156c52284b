"""Django's Redis cache, keeping one client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` for every command, and each one fills a table of some 170
response callbacks: about 0.1 ms of CPU, a fifth of a public lookup answered from the cache (docs/benchmarks.md).
A `redis.Redis` takes a connection from its pool for each command, so one per pool serves every command (and
Django keeps a cache backend per thread in any case)."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        django_client: Any = self  # Django's own helpers (pool choice, the redis.Redis class): not in its stubs
        pool = django_client._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = django_client._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient


def redis_client(backend: BaseCache) -> Any | None:
    """The `redis.Redis` behind a Django Redis cache (any, this module's or Django's own), for a caller that keeps
    raw bytes under the cache's own keys (`backend.make_key`) and needs no pickling; None for any other cache."""
    if not isinstance(backend, DjangoRedisCache):
        return None
    django_backend: Any = backend  # `_cache`, the backend's client: not in Django's stubs
    return django_backend._cache.get_client(write=True)
