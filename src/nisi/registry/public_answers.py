"""The public lookups' answers, kept in the cache until the register changes.

A lookup by BIN or by product code is the register's busiest page (every procurement asks it) and its answer
changes only when the register does: inclusion, removal, reinstatement, a good added or replaced, a producer
renamed. So each answer is kept with the register's *version*, and every write to the register moves the version
on, which retires every answer kept before it at once (no list of keys to find and delete).

The version moves twice for each write: at once, so that the writer's own transaction (and a test) never reads an
answer older than its write, and again when the transaction commits, so that an answer built by a reader from
the rows as they were before the commit is never served after it.

With a cache shared by every web process (Redis, `NISI_CACHE_URL`) a change shows in the next lookup. With the
embedded default (memory of one process), other processes' answers can lag until they expire: at most
`NISI_PUBLIC_ANSWER_TTL_S` (60 s), the same minute that the answers' `Cache-Control` already allows any cache on
the way to keep them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Hashable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

logger = logging.getLogger(__name__)
VERSION_KEY = "nisi:registry:version"
CACHE_RETRY_S = 5.0
_MISSING = object()
_cache_down_until = 0.0


def _key(parts: tuple[Hashable, ...]) -> str:
    # Hashed: a name searched for may hold spaces or be long, which cache keys must not.
    return "nisi:registry:answer:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _new_version() -> int:
    # A fresh cache (or one that evicted the version) must not meet answers kept under an earlier count.
    return time.time_ns()


def _bump() -> None:
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # not there (a new or flushed cache): any new value retires the old answers
            cache.set(VERSION_KEY, _new_version(), timeout=None)
    except Exception:  # any cache failure: the register's write must not fail for it
        # The answers kept before this change can be served until they expire (NISI_PUBLIC_ANSWER_TTL_S).
        logger.exception("The register changed but the cache of public answers could not be told")


def register_changed() -> None:
    """Called by every write that changes what the public lookups answer."""
    _bump()
    transaction.on_commit(_bump)


GOODS_PER_PAGE = 100  # the goods lookup's page when none is asked for
GOODS_PER_PAGE_MAX = 500
# The deepest page the lookup serves: far more goods than the register holds, and well inside a database's bigint
# (an offset past it was a server error); a caller wanting more narrows the search by code or region.
GOODS_OFFSET_MAX = 1_000_000


def goods_page(limit: int, offset: int) -> tuple[int, int]:
    """The page the goods lookup serves for the `limit` and `offset` asked: 1 to 500 goods, from 0 on."""
    return max(1, min(limit, GOODS_PER_PAGE_MAX)), max(0, offset)


def response(text: str) -> HttpResponse:
    """An answer as the public gets it. The register's public data is the same for everyone: shared caches may keep
    it for a minute (a decision shows within that minute even behind one)."""
    answer = HttpResponse(text, content_type="application/json; charset=utf-8")
    answer["Cache-Control"] = "public, max-age=60"
    return answer


def producer_parts(identifier: str, on: dt.date | None) -> tuple[Hashable, ...]:
    """The question "this producer (a valid BIN or IIN), now or on a date"."""
    return ("producer", identifier, on)


def goods_parts(*, code: str, q: str, region: str, on: dt.date | None, limit: int, offset: int) -> tuple[Hashable, ...]:
    """The question "goods by code, name or region, now or on a date, this page" (limit and offset as served)."""
    return ("goods", code, q, region, on, limit, offset)


def _lookup(parts: tuple[Hashable, ...]) -> tuple[int | None, object]:
    """The register's version, and what is kept for `parts` under it (_MISSING if nothing is). Without a cache
    that answers, no version (None): the lookup is answered from the database, as if nothing were kept."""
    key = _key(parts)
    global _cache_down_until  # noqa: PLW0603 - one process's view of the cache's health
    if time.monotonic() < _cache_down_until:
        return None, _MISSING
    try:
        found = cache.get_many([VERSION_KEY, key])
        version = found.get(VERSION_KEY)
        if version is None:
            version = _new_version()
            if not cache.add(VERSION_KEY, version, timeout=None):
                version = cache.get(VERSION_KEY, version)
    except Exception:  # any cache failure: the public lookups go on from the database
        logger.warning("The cache of public answers does not answer; answering from the database", exc_info=True)
        # Not asked again for a few seconds: each lookup would otherwise wait for its own failure.
        _cache_down_until = time.monotonic() + CACHE_RETRY_S
        return None, _MISSING
    kept = found.get(key)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == version:
        return version, kept[1]
    return version, _MISSING


def kept(parts: tuple[Hashable, ...]) -> str | None:
    """The kept answer's text if there is one for the register as it is now; None otherwise (including a kept
    "not found", which only the API words)."""
    _, text = _lookup(parts)
    return text if isinstance(text, str) else None


def answer(parts: tuple[Hashable, ...], build: Callable[[], str | None]) -> str | None:
    """The answer for `parts` (the lookup and its arguments): the kept one if the register has not changed since
    it was built, else `build()`'s, kept for the next asker. None (e.g. "never in the register") is kept too."""
    version, text = _lookup(parts)
    if text is not _MISSING:
        return text  # type: ignore[return-value]
    built = build()
    if version is not None:
        try:
            cache.set(_key(parts), (version, built), timeout=settings.NISI_PUBLIC_ANSWER_TTL_S)
        except Exception:  # not kept this time; the answer itself is right
            logger.warning("The cache of public answers could not keep an answer", exc_info=True)
    return built
