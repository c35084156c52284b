"""The public lookups' answers, kept in the cache until what they are about changes (ADR 9, ADR 17).

A lookup by BIN or by product code is the register's busiest page (every procurement asks it) and its answer
changes only when the register does: inclusion, removal, reinstatement, a good added or replaced, a producer
renamed. Each answer is kept with the *versions* of what it is about, and a write moves only the versions it
touches, which retires the answers kept under them at once (no list of keys to find and delete):

- `producer:<BIN>` — the answers about one producer now and on a day not yet over;
- `history:<BIN>` — the answers about one producer on a day that has closed (before today, Kazakhstan's day). Such
  an answer changes only when a change rewrites history: one that takes effect from a day before today (a removal
  dated back), or changes what every answer shows whatever the day (a name, a basis, a good's details), or makes a
  producer of a BIN never in the register. A write says from which day its change takes effect (`since`, or the
  `changes_from` context of the register's services); one that does not say rewrites history;
- `code:<prefix>` — the goods lookups by a product code, keyed by its first six digits at most (the HS code): a
  change of a good with HS code 720810 moves `code:72`, `code:720`, `code:7208`, `code:72081` and `code:720810`;
- `search` — every other question of goods (by name, by region) and the search page's counts, which no list of
  keys can tell apart: moved by any change of goods;
- and the register's own version, which every answer also depends on: a change that cannot say what it touches
  moves it and so retires every answer.

An organization that is not in the register changes nothing.

Each version moves twice for a write: at once, so that the writer's own transaction (and a test) never reads an
answer older than its write, and again when the transaction commits, so that an answer built by a reader from
the rows as they were before the commit is never served after it.

With a cache shared by every web process (Redis, `NISI_CACHE_URL`) a change shows in the next lookup, and answers
are kept for a day (`NISI_PUBLIC_ANSWER_TTL_S`). A change the cache could not be told of (Redis did not answer)
is noted in the writer's transaction (`UntoldChange`) and told by the beat as soon as Redis answers, by moving the
register's own version; so is a Redis that is another run than the one the answers were kept in (restarted, maybe
from an older snapshot, or a replica promoted), which each web process also checks when it subscribes again
(ADR 17, addendum 10). With the embedded default (memory of one process), other processes' answers can lag until
they expire: at most `NISI_PUBLIC_ANSWER_TTL_S` (60 s), the same minute that the answers' `Cache-Control` already
allows any cache on the way to keep them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import BaseCache
from django.core.signals import setting_changed
from django.db import transaction
from django.db.models import Max
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.translation import gettext_lazy

from nisi.core.cache import raw_commands, raw_send, redis_pool
from nisi.core.identifiers import is_latin_digits
from nisi.law import clock
from nisi.registry import answer_memory, answer_statements, rules
from nisi.registry.answer_history import History, dates_of, prior_dates_of
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord, UntoldChange

logger = logging.getLogger(__name__)
VERSION_KEY = "nisi:registry:version"  # the register's own version: every answer depends on it
SCOPE_KEY = "nisi:registry:version:"  # + a scope: producer:<BIN>, code:<prefix>, search
SEARCH = "search"
CACHE_RETRY_S = 5.0
_cache_down_until = 0.0


def _key(parts: tuple[Hashable, ...]) -> str:
    # Hashed: a name searched for may hold spaces or be long, which cache keys must not.
    return "nisi:registry:answer:" + hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _new_version() -> int:
    # Never a value seen before: a fresh cache (or one that evicted a version) must not meet answers kept under an
    # earlier one, and a version set anew must differ from the one it replaces.
    return time.time_ns() ^ secrets.randbits(20)


def _set_versions(keys: Iterable[str]) -> None:
    keys = set(keys)
    told = True
    try:
        cache.set_many(dict.fromkeys(keys, _new_version()), timeout=None)
    except Exception:  # any cache failure: the register's write must not fail for it
        logger.exception("The register changed but the cache of public answers could not be told")
        told = False
    if not _retire_in_memory(keys) or not told:
        _note_untold(keys)


def _retire_in_memory(keys: set[str]) -> bool:
    """Every process's memory of kept answers (`answer_memory`) retires what depends on the versions moved: this
    one's at once, the others' by a message they read before their next lookup. False: the message could not be
    sent."""
    pool = redis_pool(caches["default"])
    if pool is None:
        return True
    channel = _channel(caches["default"], pool)
    names = {answer_memory.ALL if key == VERSION_KEY else key for key in keys}
    answer_memory.retire_here(pool, channel, names)
    for attempt in (1, 2):  # a dropped connection is made anew for the second
        try:
            raw_commands(pool, [("PUBLISH", channel, "\n".join(sorted(names)))])
            return True
        except Exception:
            if attempt == 2:
                logger.exception("The register changed but the web processes' memories could not be told")
    return False


def _note_untold(keys: set[str]) -> None:
    """A change the cache could not be told of is noted in the database, in the writer's transaction when there is
    one (a savepoint: the write goes on whatever happens here), so that `untold_changes_tell` tells it as soon as
    Redis answers: kept answers can be served that long, not for as long as they are kept."""
    try:
        with transaction.atomic():
            UntoldChange.objects.create(noted_at=clock.now(), names="\n".join(sorted(keys)))
    except Exception:  # the database failing too: the answers kept before the change lag until they expire
        logger.exception("A change the public answers were not told of could not be noted either")


RUN_KEY = "nisi:registry:redis-run"  # the run of Redis that holds the kept answers (INFO's run_id)


def _restarted(backend: BaseCache, pool: Any) -> tuple[bool, str]:
    """Whether the cache's Redis is another run (INFO's run_id) than the one these answers were last kept in:
    restarted or a replica promoted, and then maybe restored from a snapshot that holds versions, and answers kept
    under them, older than the changes made since (the snapshot holds the run it was taken under). A Redis with no
    run recorded (the first seen, or one that lost the key: flushed, evicted, restarted empty) holds no answer kept
    under a version it should not have: its run is recorded, nothing retires. Returns it and the running run."""
    info = raw_commands(pool, [("INFO", "server")])[0]
    text = info.decode() if isinstance(info, bytes) else str(info)
    run = next((line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("run_id:")), "")
    previous = raw_commands(pool, [("GET", backend.make_key(RUN_KEY))])[0]
    if previous is None:
        raw_commands(pool, [("SET", backend.make_key(RUN_KEY), run)])
    return previous is not None and previous != run.encode(), run


def _retire_all(backend: BaseCache) -> bool:
    """Moves the register's own version and tells every process's memory: every kept answer retires."""
    backend.set(VERSION_KEY, _new_version(), timeout=None)
    return _retire_in_memory({VERSION_KEY})


class RetirementNotPublished(ConnectionError):
    """The retirement of every kept answer could not be published: the subscription that asked fails, its memory
    stays bypassed, and it subscribes (and asks) again."""


def _retire_if_restarted() -> None:
    """Every kept answer retires if the cache's Redis is another run, and the new run is recorded: asked by a web
    process when its memory subscribes (again) to the retirements, and by the beat (`untold_changes_tell`). Raises
    when Redis does not answer or the retirement could not be published (the subscription fails and asks again)."""
    backend, pool, _ = _backend()
    if pool is None:
        return
    restarted, run = _restarted(backend, pool)
    if restarted:
        logger.warning("The cache of public answers restarted: every kept answer retires")
        if not _retire_all(backend):
            raise RetirementNotPublished
        raw_commands(pool, [("SET", backend.make_key(RUN_KEY), run)])


def untold_changes_tell() -> int:
    """The changes the cache could not be told of (`UntoldChange`), and a restart of its Redis, told: the register's
    own version moves, which retires every kept answer in Redis and in every process's memory, and the notes go.
    Run every `NISI_PUBLIC_ANSWER_TELL_S` by the beat; returns the notes told (0 while Redis does not answer: they
    wait for the next run)."""
    backend, _, _ = _backend()
    last = UntoldChange.objects.aggregate(last=Max("id"))["last"]
    try:
        _retire_if_restarted()
        if last is None or not _retire_all(backend):
            return 0
    except Exception:
        logger.warning("The cache of public answers does not answer: its untold changes wait", exc_info=True)
        return 0
    told = UntoldChange.objects.filter(id__lte=last).delete()[0]
    logger.warning("The cache of public answers was told of %d changes it missed: every kept answer retired", told)
    return told


def _channel(backend: BaseCache, pool: Any) -> str:
    # Redis's channels are not per database: the database's number is part of the name.
    return f"{backend.make_key(answer_memory.CHANNEL)}:{pool.connection_kwargs.get('db', 0)}"


_resolved = threading.local()
_caches_changed = [0]


@receiver(setting_changed, dispatch_uid="registry.public_answers.caches")
def _forget_caches(setting: str, **kwargs: Any) -> None:
    if setting == "CACHES":
        _caches_changed[0] += 1


def _backend() -> tuple[BaseCache, Any, str]:
    """The default cache (Django's, of this thread), its Redis pool (None for another cache) and the channel of its
    retirements, found once per thread: each lookup would otherwise find them two or three times (asgiref's locals,
    the key's making), which costs as much as a kept answer's read from memory."""
    found = getattr(_resolved, "found", None)
    if found is None or found[0] != _caches_changed[0]:
        backend = caches["default"]
        pool = redis_pool(backend)
        found = _resolved.found = (_caches_changed[0], backend, pool, "" if pool is None else _channel(backend, pool))
    return found[1], found[2], found[3]


def _memory(scope: str | None) -> tuple[answer_memory.Memory | None, tuple[str, ...]]:
    """This process's memory of kept answers if it may be used now (a Redis cache, subscribed, heard from), and
    the names of the versions a question of `scope` depends on besides the register's own."""
    _, pool, channel = _backend()
    if pool is None:
        return None, ()
    found = answer_memory.subscription(pool, channel, _retire_if_restarted)
    if found is None:
        return None, ()
    return found.current(), () if scope is None else (SCOPE_KEY + scope,)


def producer_scope(identifier: str) -> str:
    return f"producer:{identifier}"


def history_scope(identifier: str) -> str:
    """The scope of the answers about a producer on a day that has closed."""
    return f"history:{identifier}"


def code_scope(code: str) -> str:
    """The scope of a goods lookup by a product code (or its first digits)."""
    return f"code:{code[:6]}"


def touched_scopes(
    *, identifiers: Iterable[str] = (), codes: Iterable[str] = (), goods: bool = False, history: bool = False
) -> set[str]:
    """The scopes that a change of these producers' answers and of goods with these HS codes touches (`goods`:
    goods or what is shown with them were changed, so the searches too; `history`: the producers' answers about
    days that have closed changed too)."""
    identifiers = [i for i in identifiers if i]
    scopes = {producer_scope(i) for i in identifiers}
    if history:
        scopes.update(history_scope(i) for i in identifiers)
    for code in codes:
        scopes.update(code_scope(code[:n]) for n in range(2, len(code[:6]) + 1))
    if goods:
        scopes.add(SEARCH)
    return scopes


_effect = threading.local()
ANY_DAY = None  # `since` of a change that rewrites history


@contextlib.contextmanager
def changes_from(day: dt.date) -> Iterator[None]:
    """Within it, the register's writes take effect from `day` (a service's inclusion, removal or reinstatement):
    the answers about the days before it stay kept. A write that changes what every day's answer shows says
    `since=ANY_DAY` itself (a record made, an organization renamed)."""
    previous = getattr(_effect, "day", None)
    _effect.day = day if previous is None else min(previous, day)
    try:
        yield
    finally:
        _effect.day = previous


_FROM_CONTEXT: Any = object()


def register_changed(
    *,
    identifiers: Iterable[str] | None = None,
    codes: Iterable[str] = (),
    goods: bool = True,
    since: dt.date | None = _FROM_CONTEXT,
) -> None:
    """Called by every write that changes what the public lookups answer: the producers (BINs) whose answers it
    changes and the HS codes of the goods it changes (`goods`: whether it changes goods at all, e.g. not a period
    of inclusion), and the first day whose answers it changes (`since`; by default the `changes_from` context's
    day, else ANY_DAY: history rewritten). Without `identifiers` the change could not say what it touches: every
    kept answer retires."""
    if since is _FROM_CONTEXT:
        since = getattr(_effect, "day", None)
    if identifiers is None:
        keys = lambda: {VERSION_KEY}  # noqa: E731
    else:
        named = list(identifiers)

        def keys() -> set[str]:
            # Today is read at each move: a change made before midnight and committed after it rewrites the day
            # that has closed in between.
            history = since is None or since < clock.today()
            scopes = touched_scopes(identifiers=named, codes=codes, goods=goods, history=history)
            return {SCOPE_KEY + scope for scope in scopes}

    now = keys()
    if not now:
        return
    _set_versions(now)
    transaction.on_commit(lambda: _set_versions(keys()))


def record_changed(
    record: RegisterRecord, *, identifiers: Iterable[str] = (), since: dt.date | None = _FROM_CONTEXT
) -> None:
    """A record and its goods changed by bulk writes (which send no signals): its producer's answers, its goods'
    codes and the searches retire (and those of `identifiers`, e.g. a predecessor's BIN)."""
    codes = set(RegisterGood.objects.filter(record_id=record.pk).values_list("hs_code", flat=True))
    register_changed(identifiers=[record.organization.identifier, *identifiers], codes=codes, since=since)


def scope_of(parts: tuple[Hashable, ...]) -> str | None:
    """The scope of a question (see the module's note); None for one that depends on the register's version only."""
    if parts and parts[0] == "producer":
        on = parts[2]
        if isinstance(on, dt.date) and on < clock.today():
            return history_scope(str(parts[1]))
        return producer_scope(str(parts[1]))
    if parts and parts[0] == "goods":
        _, code, q, *_ = parts
        # A code as the API accepts it (Latin digits); anything else is never answered by code, and must not make
        # a cache key of its own.
        return code_scope(str(code)) if code and not q and is_latin_digits(str(code)) else SEARCH
    if parts and parts[0] == "count":
        return SEARCH
    return None


# The API's "not found" for a producer never in the register; the lookups' middleware says it the same way.
NEVER_IN_REGISTER = gettext_lazy("This producer has never been in the register.")
GOODS_PER_PAGE = 100  # the goods lookup's page when none is asked for
GOODS_PER_PAGE_MAX = 500
# The deepest page the lookup serves: far more goods than the register holds, and well inside a database's bigint
# (an offset past it was a server error); a caller wanting more narrows the search by code or region.
GOODS_OFFSET_MAX = 1_000_000


def goods_page(limit: int, offset: int) -> tuple[int, int]:
    """The page the goods lookup serves for the `limit` and `offset` asked: 1 to 500 goods, from 0 on."""
    return max(1, min(limit, GOODS_PER_PAGE_MAX)), max(0, offset)


def response(text: str | bytes) -> HttpResponse:
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


# What is kept for a question, as one raw value: the versions it was built under (the tag), then what it is, then
# its bytes. Raw bytes, not a pickled object: a kept answer is written to the client as it is.
ANSWER, NEVER, COUNT = b"=", b"-", b"#"  # an answer's JSON / "never in the register" (only the API words it) / a count
HISTORY = b"~"  # a producer's answers about closed days, by stretch (answer_history)


def _tag(versions: Iterable[object]) -> bytes:
    return b" ".join(v if isinstance(v, bytes) else str(v).encode() for v in versions) + b"\n"


def _start(backend: BaseCache, names: list[str], found: list[object]) -> list[object]:
    """The versions under `names` as found; one not there (a new cache, or evicted) is started from a value never
    seen before, so that it never meets answers kept under an earlier one (another process's start may win)."""
    versions = list(found)
    for i, version in enumerate(found):
        if version is None:
            started = _new_version()
            versions[i] = started if backend.add(names[i], started, timeout=None) else backend.get(names[i], started)
    return versions


def _redis_lookup(pool: Any, keys: list[str]) -> list[Any]:
    """The versions under `keys[:-1]` and the value under `keys[-1]`, in one round trip, starting a version not there
    (a new cache, an evicted version, a producer never asked about) from a value never seen before: a `SET … NX` of
    each version (which does nothing where one is there, and where another process's start came first), then one
    MGET. Pipelined plain commands cost Redis a third of what the script did (~20 µs against ~60 µs of its CPU a
    lookup, most of it the round trip's own); a version moved between the two is read as moved, as it would be a
    moment later."""
    fresh = _new_version()
    replies = raw_commands(pool, [*(("SET", key, fresh, "NX") for key in keys[:-1]), ("MGET", *keys)])
    return replies[-1]


def _lookup(parts: tuple[Hashable, ...], scope: str | None) -> tuple[bytes | None, bytes | None]:
    """The tag of the versions `parts` (of `scope`) depends on, and what is kept for `parts` under them (None if not):
    one round trip to the cache, which also starts a version not there yet. Without a cache that answers, no tag:
    the lookup is answered from the database, as if nothing were kept."""
    global _cache_down_until  # noqa: PLW0603 - one process's view of the cache's health
    if time.monotonic() < _cache_down_until:
        return None, None
    names = [VERSION_KEY] if scope is None else [VERSION_KEY, SCOPE_KEY + scope]
    names.append(_key(parts))
    try:
        backend, pool, _ = _backend()
        if pool is not None:
            found = _redis_lookup(pool, [backend.make_key(name) for name in names])
            versions = found[:-1]
        else:
            got = backend.get_many(names)
            found = [got.get(name) for name in names]
            versions = _start(backend, names[:-1], found[:-1])
    except Exception:  # any cache failure: the public lookups go on from the database
        logger.warning("The cache of public answers does not answer; answering from the database", exc_info=True)
        # Not asked again for a few seconds: each lookup would otherwise wait for its own failure.
        _cache_down_until = time.monotonic() + CACHE_RETRY_S
        return None, None
    tag = _tag(versions)
    kept = found[-1]
    if isinstance(kept, bytes) and kept.startswith(tag):
        return tag, kept[len(tag) :]
    return tag, None


def _keep(parts: tuple[Hashable, ...], tag: bytes | None, value: bytes) -> None:
    timeout = settings.NISI_PUBLIC_ANSWER_TTL_S
    if tag is None or timeout <= 0:
        return
    try:
        backend, pool, _ = _backend()
        if pool is not None:
            raw_send(pool, [("SET", backend.make_key(_key(parts)), tag + value, "EX", timeout)])
        else:
            backend.set(_key(parts), tag + value, timeout=timeout)
    except Exception:  # not kept this time; the answer itself is right
        logger.warning("The cache of public answers could not keep an answer", exc_info=True)


def served(parts: tuple[Hashable, ...], build: Callable[[], str | bytes | None] | None) -> tuple[bool, bytes | None]:
    """What the lookups' front layer serves for `parts`: (True, the answer's JSON) or (True, None) for "never in the
    register", kept for the register as it is now or else built by `build` and kept; (False, None) when nothing is
    kept and there is no `build`. With NISI_PUBLIC_ANSWER_TTL_S at 0 nothing is ever kept, so nothing is looked for
    either: the cache is not asked (a round trip and ~0.1 ms of CPU between the web process and Redis for nothing)."""
    if settings.NISI_PUBLIC_ANSWER_TTL_S <= 0:
        return _unkept(build)
    scope = scope_of(parts)  # read once: a producer's asks for today's date
    if scope is not None and scope.startswith("history:"):  # a producer on a closed day
        return _served_closed_day(parts, scope, build)
    memory, names = _memory(scope)
    generation = 0
    if memory is not None:
        value = memory.get(parts)
        if value is not None:
            return True, None if value[:1] == NEVER else value[1:]
        generation = memory.generation
    tag, kept = _lookup(parts, scope)
    if kept is not None and kept[:1] in (ANSWER, NEVER):
        if memory is not None:
            memory.put(parts, names, kept, generation)
        return True, None if kept[:1] == NEVER else kept[1:]
    if build is None:
        return False, None
    text = build()
    value = NEVER if text is None else ANSWER + (text if isinstance(text, bytes) else text.encode())
    _keep(parts, tag, value)
    if memory is not None and tag is not None:
        memory.put(parts, names, value, generation)
    return True, None if text is None else value[1:]


def _unkept(build: Callable[[], str | bytes | None] | None) -> tuple[bool, bytes | None]:
    if build is None:
        return False, None
    built = build()
    return True, None if built is None else built if isinstance(built, bytes) else built.encode()


def _served_closed_day(
    parts: tuple[Hashable, ...], scope: str, build: Callable[[], str | bytes | None] | None
) -> tuple[bool, bytes | None]:
    """`served` for a producer on a closed day: from the producer's history kept by stretch (`answer_history`), or
    built by `build` and added to it, under the versions of the producer's history scope. The days before the
    register are a history of their own (its answers come from the prior certificates, and change on their dates)."""
    identifier, on = str(parts[1]), parts[2]
    assert isinstance(on, dt.date)
    prior = on < rules.register_start()
    question = ("prior" if prior else "history", identifier)
    memory, names = _memory(scope)
    generation = 0
    if memory is not None:
        value = memory.get(question)
        history = None if value is None else History.decode(value[1:])
        if history is not None:
            found, body = history.answer(on)
            if found:
                return True, body
        generation = memory.generation
    tag, kept_value = _lookup(question, scope)
    history = History.decode(kept_value[1:]) if kept_value is not None and kept_value[:1] == HISTORY else None
    if history is not None:
        found, body = history.answer(on)
        if found:
            if memory is not None:
                memory.put(question, names, kept_value, generation)  # type: ignore[arg-type]
            return True, body
    if build is None:
        return False, None
    if history is None or history.built_on <= on.isoformat().encode():  # none kept, or built before `on` closed
        dates = _prior_dates(identifier) if prior else _dates(identifier)
        history = History(built_on=clock.today().isoformat().encode(), dates=dates)
    text = build()
    body = None if text is None else text if isinstance(text, bytes) else text.encode()
    # "Never in the register" is kept as such only if the dates read before the answer agree (no record then).
    if (body is None and history.dates is None) or (body is not None and history.add(on, body)):
        value = HISTORY + history.encode()
        _keep(question, tag, value)
        if memory is not None and tag is not None:
            memory.put(question, names, value, generation)
    return True, body


def _prior_dates(identifier: str) -> list[bytes]:
    """The dates where the answers about this BIN's days before the register change (`answer_history.prior_dates_of`),
    as ISO bytes."""
    end = rules.prior_certificates_end()
    in_force = [
        (
            dt.date.fromisoformat(c["issued_on"]),
            rules.prior_certificate_last_day(dt.date.fromisoformat(c["valid_to"]), end),
        )
        for c in answer_statements.prior_certificates(identifier)
    ]
    return [d.isoformat().encode() for d in prior_dates_of(in_force)]


def _dates(identifier: str) -> list[bytes] | None:
    """The dates where the answers about this producer's days change (`answer_history.dates_of`), as ISO bytes;
    None if it has never had a record."""
    if answer_statements.json_in_database():
        found = answer_statements.producer_dates(identifier)
        return None if found is None else found.split(b",") if found else []
    record = RegisterRecord.objects.filter(organization__identifier=identifier).values_list("pk", flat=True).first()
    if record is None:
        return None
    periods = list(RecordPeriod.objects.filter(record_id=record).values_list("included_from", "included_to"))
    goods = list(RegisterGood.objects.filter(record_id=record).values_list("included_on", "removed_on"))
    return [d.isoformat().encode() for d in dates_of(periods, goods)]


def kept(parts: tuple[Hashable, ...]) -> str | None:
    """The kept answer's text if there is one for the register as it is now; None otherwise (including a kept
    "not found", which only the API words)."""
    _, body = served(parts, None)
    return None if body is None else body.decode()


def count(parts: tuple[Hashable, ...], build: Callable[[], int]) -> int:
    """A count the register's search shows (how many goods match), kept like an answer until the register
    changes: counting the matches of a wide search costs more than showing its first page."""
    question = ("count", *parts)
    tag, kept_count = _lookup(question, scope_of(question))
    if kept_count is not None and kept_count[:1] == COUNT:
        return int(kept_count[1:])
    built = build()
    _keep(question, tag, COUNT + str(built).encode())
    return built


def answer(parts: tuple[Hashable, ...], build: Callable[[], str | bytes | None]) -> str | None:
    """The answer for `parts` (the lookup and its arguments): the kept one if the register has not changed since
    it was built, else `build()`'s, kept for the next asker. None (e.g. "never in the register") is kept too."""
    _, body = served(parts, build)
    return None if body is None else body.decode()
