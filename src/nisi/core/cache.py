"""Django's Redis cache, keeping one client per connection pool.

Django's `RedisCacheClient` builds a new `redis.Redis` for every command, and each one fills a table of some 170
response callbacks: about 0.1 ms of CPU, a fifth of a public lookup answered from the cache (docs/benchmarks.md).
A `redis.Redis` takes a connection from its pool for each command, so one per pool serves every command (and
Django keeps a cache backend per thread in any case)."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
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


def redis_pool(backend: BaseCache) -> Any | None:
    """The connection pool behind a Django Redis cache (any, this module's or Django's own), for a caller that
    keeps raw bytes under the cache's own keys (`backend.make_key`), with no pickling (`raw_commands`); None for
    any other cache."""
    if not isinstance(backend, DjangoRedisCache):
        return None
    django_backend: Any = backend  # `_cache`, the backend's client, and its pools: not in Django's stubs
    return django_backend._cache._get_connection_pool(True)


_held = threading.local()


def raw_commands(pool: Any, commands: Sequence[tuple[Any, ...]]) -> list[Any]:
    """Sends `commands` in one round trip and returns their raw replies (bytes, lists of bytes, integers).

    For the hottest reads (the public lookups): each thread keeps a connection of its own to `pool`'s server,
    with the pool's options (database, timeouts, parser), outside the pool. redis-py's command path (the pool's
    checks and metrics, retries, response callbacks) costs some 20 µs of CPU a command, as much as the rest of a
    kept answer's way through Redis. A connection that fails is dropped and made anew at the next call."""
    held: dict[int, tuple[int, Any, Any]] = _held.__dict__.setdefault("connections", {})
    entry = held.get(id(pool))
    if entry is None or entry[0] != os.getpid() or entry[1] is not pool:  # a new pool, or a forked process
        entry = held[id(pool)] = (os.getpid(), pool, pool.connection_class(**pool.connection_kwargs))
    connection = entry[2]
    try:
        connection.send_packed_command([_packed(commands)], check_health=False)
        return [connection.read_response() for _ in commands]
    except BaseException:
        connection.disconnect()
        raise


def raw_send(pool: Any, commands: Sequence[tuple[Any, ...]]) -> None:
    """Sends `commands` as `raw_commands` does, asking Redis not to answer them (`CLIENT REPLY SKIP` before each):
    for writes whose outcome the caller would not act on (keeping an answer), which then cost no wait and no read."""
    skipped = [part for command in commands for part in (("CLIENT", "REPLY", "SKIP"), command)]
    held: dict[int, tuple[int, Any, Any]] = _held.__dict__.setdefault("connections", {})
    entry = held.get(id(pool))
    if entry is None or entry[0] != os.getpid() or entry[1] is not pool:
        entry = held[id(pool)] = (os.getpid(), pool, pool.connection_class(**pool.connection_kwargs))
    try:
        entry[2].send_packed_command([_packed(skipped)], check_health=False)
    except BaseException:
        entry[2].disconnect()
        raise


def _packed(commands: Sequence[tuple[Any, ...]]) -> bytes:
    """`commands` as Redis's protocol writes them (RESP): arrays of bulk strings."""
    out = []
    for command in commands:
        out.append(b"*%d\r\n" % len(command))
        for arg in command:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)
