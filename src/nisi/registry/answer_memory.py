"""The public lookups' kept answers also in each web process's own memory, retired with Redis's (ADR 17, addendum 3).

A kept answer read from Redis costs a round trip; the hottest ones (a procurement system asks the same BINs all
day) are kept as well in a bounded LRU of the process, under the names of the versions they depend on (the
register's and their scope's, `public_answers`). A write that moves versions publishes their names on a Redis
channel; every process subscribes to it and retires the entries that depend on a moved version, and the writer's
own process retires them at once.

No thread listens: each lookup first reads what the subscription received (a poll of its socket, no round trip),
so a lookup that starts after a write's versions moved finds the retirement there, unless it is still on its way
through the network. What could be lost is bounded:

- the memory serves only while the subscription is known to be alive: confirmed, and a PING sent on it within the
  last `PING_S` seconds answered (one is sent every `PING_S / 2`). Redis sends a connection's messages in order,
  so a PONG read means every retirement published before its PING was applied: an answer is never served more
  than `PING_S` after a change it missed, and only if the subscription broke silently; a PING unanswered for
  `PING_S` counts as a failure;
- a subscription that fails (an error, Redis closing it) empties the memory, which is bypassed (Redis answers, as
  before) until it is subscribed again; what is read while it is not, or during a retirement, is not kept;
- a change whose PUBLISH failed twice is noted and told by the beat once Redis answers
  (`public_answers.untold_changes_tell`: a retirement of every answer); a subscription made anew first asks
  whether Redis is another run than the answers were kept in (`on_subscribed`); an entry lives at most
  `NISI_PUBLIC_ANSWER_TTL_S`, as in Redis; the memory holds at most `NISI_PUBLIC_ANSWER_MEMORY` entries and
  `NISI_PUBLIC_ANSWER_MEMORY_MB` of values (least recently used out first; 0 entries turns it off).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from django.conf import settings

logger = logging.getLogger(__name__)
CHANNEL = "nisi:registry:retired"
PING_S = 5.0  # the longest the memory serves after the last PING its subscription answered
RETRY_S = 2.0  # how soon a failed subscription is tried again
ALL = "*"  # a retirement of every answer (the register's own version moved)

Entry = tuple[tuple[str, ...], float, bytes]  # version names, expiry (monotonic), the kept value


class Memory:
    """One process's kept answers for one cache (keys `Hashable`: the questions' parts)."""

    def __init__(self, size: int, ttl_s: float, max_bytes: int) -> None:
        self.size, self.ttl_s, self.max_bytes = size, ttl_s, max_bytes
        self.bytes = 0  # the kept values' lengths: a producer's history of closed days can be tens of kilobytes
        self.entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self.by_name: dict[str, set[Hashable]] = {}
        self.generation = 0  # moved by every retirement: an answer read before one is not kept after it
        self.live = False  # subscribed: only then are entries served and kept
        self.lock = threading.RLock()

    def get(self, key: Hashable) -> bytes | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or not self.live:
                return None
            if entry[1] < time.monotonic():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry[2]

    def put(self, key: Hashable, names: Iterable[str], value: bytes, generation: int) -> None:
        """Keeps `value` for `key`, read under the versions `names` when the memory's generation was `generation`
        (a retirement since then may concern it: it is not kept)."""
        with self.lock:
            if not self.live or generation != self.generation:
                return
            self._drop(key)
            names = tuple(names)
            self.entries[key] = (names, time.monotonic() + self.ttl_s, value)
            self.bytes += len(value)
            for name in names:
                self.by_name.setdefault(name, set()).add(key)
            while len(self.entries) > self.size or self.bytes > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: Hashable) -> None:
        entry = self.entries.pop(key, None)
        if entry is None:
            return
        self.bytes -= len(entry[2])
        for name in entry[0]:
            keys = self.by_name.get(name)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self.by_name[name]

    def retire(self, names: Iterable[str]) -> None:
        """The handler of a retirement: drops every entry kept under one of the version `names` moved."""
        names = set(names)
        with self.lock:
            self.generation += 1
            if ALL in names:
                self.clear()
                return
            for name in names:
                for key in list(self.by_name.get(name, ())):
                    self._drop(key)

    def clear(self) -> None:
        with self.lock:
            self.generation += 1
            self.entries.clear()
            self.by_name.clear()
            self.bytes = 0

    def down(self) -> None:
        """The subscription failed or went silent: nothing kept can be trusted, nothing is served or kept."""
        with self.lock:
            self.live = False
            self.clear()

    def up(self) -> None:
        with self.lock:
            self.clear()
            self.live = True


class Subscription:
    """A process's memory and its subscription to the retirements published on `channel` of the cache's Redis."""

    def __init__(
        self, pool: Any, channel: str, memory: Memory, on_subscribed: Callable[[], None] | None = None
    ) -> None:
        self.pool, self.channel, self.memory = pool, channel, memory
        # Asked once subscribed, before the memory serves: what a retirement could not reach while this process was
        # not listening (Redis restarted) is retired by it (`public_answers`); an error is a failed subscription.
        self.on_subscribed = on_subscribed
        self.pubsub: Any = None
        # When the PING was sent whose PONG was read last: every retirement published before it has been applied.
        self.proven = float("-inf")
        self.ping_sent: float | None = None  # a PING not answered yet
        self.retry_at = 0.0
        self.poller: tuple[Any, select.poll] | None = None  # the subscription's socket, and a poll of it

    def current(self) -> Memory | None:
        """The memory, after applying what the subscription received; None while it cannot be trusted."""
        with self.memory.lock:
            now = time.monotonic()
            if self.pubsub is None:
                if now < self.retry_at:
                    return None
                self._subscribe(now)
                if self.pubsub is None:
                    return None
            try:
                self._drain()
                if self.ping_sent is None and self.memory.live and now - self.proven > PING_S / 2:
                    self.pubsub.ping()
                    self.ping_sent = now
            except Exception:
                logger.warning("The public answers' retirements are not heard: memory bypassed", exc_info=True)
                self._fail(now)
                return None
            if self.ping_sent is not None and now - self.ping_sent > PING_S:  # unanswered: the connection may be dead
                logger.warning("The public answers' retirements went silent: memory bypassed")
                self._fail(now)
                return None
            return self.memory if self.memory.live and now - self.proven <= PING_S else None

    def _subscribe(self, now: float) -> None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        # No retries: redis-py would reconnect and subscribe again on its own, and the retirements published in
        # between would be lost unseen. A failure is ours to see: the memory is emptied, then subscribed anew.
        options = {**self.pool.connection_kwargs, "retry": Retry(NoBackoff(), 0), "health_check_interval": 0}
        try:
            self.pubsub = redis.Redis(connection_pool=redis.ConnectionPool(**options)).pubsub()
            self.pubsub.subscribe(self.channel)
            self.ping_sent = now  # the confirmation answers like a PONG
        except Exception:
            logger.warning("Cannot subscribe to the public answers' retirements", exc_info=True)
            self._fail(now)

    def _drain(self) -> None:
        if not self._may_have_news():
            return
        while True:
            message = self.pubsub.get_message(timeout=0.0)
            if message is None:
                return
            self.handle(message)

    def _may_have_news(self) -> bool:
        """Whether the subscription's socket has something to read: one poll, no read (redis-py's `get_message`
        costs a kept answer's whole way again to find nothing). What redis-py read and did not hand out yet is a
        part of a message at most (the drain reads until there is no whole one), so a quiet socket means nothing
        new. Anything unexpected (another redis-py's connection without its socket): read as before."""
        sock = getattr(getattr(self.pubsub, "connection", None), "_sock", None)
        if sock is None:
            return True
        if self.poller is None or self.poller[0] is not sock:
            poller = select.poll()
            poller.register(sock, select.POLLIN | select.POLLERR | select.POLLHUP)
            self.poller = (sock, poller)
        return bool(self.poller[1].poll(0))

    def handle(self, message: dict[str, Any]) -> None:
        """A message of the subscription: its confirmation, a PONG, or the names of the versions a write moved."""
        kind = message.get("type")
        if kind in ("subscribe", "pong"):
            if self.ping_sent is not None:
                self.proven, self.ping_sent = self.ping_sent, None
            if kind == "subscribe":
                if self.on_subscribed is not None:
                    self.on_subscribed()
                self.memory.up()
        elif kind == "message":
            data = message.get("data") or b""
            self.memory.retire((data.decode() if isinstance(data, bytes) else str(data)).split("\n"))

    def _fail(self, now: float) -> None:
        self.memory.down()
        if self.pubsub is not None:
            with contextlib.suppress(Exception):  # closing a connection that already failed
                self.pubsub.close()
        self.pubsub, self.ping_sent, self.proven = None, None, float("-inf")
        self.retry_at = now + RETRY_S


_subscriptions: dict[tuple[int, int, str], Subscription] = {}
_registry_lock = threading.Lock()


def subscription(pool: Any, channel: str, on_subscribed: Callable[[], None] | None = None) -> Subscription | None:
    """This process's subscription (and memory) for the cache behind `pool`, made with `on_subscribed` (see
    `Subscription`) if there is none yet; None when the memory is off."""
    size = settings.NISI_PUBLIC_ANSWER_MEMORY
    if size <= 0 or settings.NISI_PUBLIC_ANSWER_TTL_S <= 0:
        return None
    key = (os.getpid(), id(pool), channel)  # a forked process subscribes anew
    found = _subscriptions.get(key)
    if found is None:
        with _registry_lock:
            found = _subscriptions.get(key)
            if found is None:
                memory = Memory(size, settings.NISI_PUBLIC_ANSWER_TTL_S, settings.NISI_PUBLIC_ANSWER_MEMORY_MB << 20)
                found = Subscription(pool, channel, memory, on_subscribed)
                _subscriptions[key] = found
    return found


def retire_here(pool: Any, channel: str, names: Iterable[str]) -> None:
    """The writer's own process retires at once (its next lookup must not wait for the message)."""
    found = _subscriptions.get((os.getpid(), id(pool), channel))
    if found is not None:
        found.memory.retire(names)
