"""Each web process's memory of kept answers retires exactly what Redis's kept answers retire (ADR 17, addendum 3):
a change to producer A retires A's answers in every process's memory, and nothing else; a memory that cannot hear
the retirements is emptied and bypassed."""

import time
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from nisi.core.cache import raw_commands, redis_pool
from nisi.registry import answer_memory, public_answers
from nisi.registry.answer_memory import Memory, Subscription
from nisi.registry.models import RegisterRecord
from tests.registry.test_public_answers import PRODUCER

A, B = "100140000003", "990340000045"
A_NOW, A_THEN, B_NOW = (("producer", A, None), ("producer", A, "2026-01-01"), ("producer", B, None))
CODE = ("goods", "720810", "", "", None, 20, 0)


def names_of(parts: Any) -> tuple[str, ...]:
    return (public_answers.SCOPE_KEY + str(public_answers.scope_of(parts)),)


def filled() -> tuple[Memory, Subscription]:
    memory = Memory(size=10, ttl_s=60, max_bytes=1 << 20)
    memory.up()
    for parts in (A_NOW, A_THEN, B_NOW, CODE):
        memory.put(parts, names_of(parts), b"=" + repr(parts).encode(), memory.generation)
    return memory, Subscription(pool=None, channel="c", memory=memory)


def kept(memory: Memory) -> set[Any]:
    return {parts for parts in (A_NOW, A_THEN, B_NOW, CODE) if memory.get(parts) is not None}


def message(*scopes: str) -> dict[str, Any]:
    return {"type": "message", "data": "\n".join(public_answers.SCOPE_KEY + s for s in scopes).encode()}


@pytest.mark.parametrize(
    ("moved", "left"),
    [
        # a change of A (its record, a period): A's answers now and on any date
        (public_answers.touched_scopes(identifiers=[A], goods=False), {B_NOW, CODE}),
        # a good of A with code 720810: A's answers, that code's lookups
        (public_answers.touched_scopes(identifiers=[A], codes=["720810"], goods=True), {B_NOW}),
        # a good of B with another code: B's only
        (public_answers.touched_scopes(identifiers=[B], codes=["730630"], goods=True), {A_NOW, A_THEN, CODE}),
        # an organization not in the register: nothing
        (set(), {A_NOW, A_THEN, B_NOW, CODE}),
    ],
)
def test_a_retirement_drops_what_the_change_touches_and_only_that(moved: set[str], left: set[Any]) -> None:
    memory, subscription = filled()
    subscription.handle(message(*moved))
    assert kept(memory) == left


def test_a_change_of_the_whole_register_drops_everything() -> None:
    memory, subscription = filled()
    subscription.handle({"type": "message", "data": answer_memory.ALL.encode()})
    assert kept(memory) == set()


def test_an_answer_read_before_a_retirement_is_not_kept_after_it() -> None:
    memory, _ = filled()
    generation = memory.generation  # a lookup reads A's answer from Redis…
    memory.retire(names_of(A_NOW))  # …a change of A is heard meanwhile…
    memory.put(A_NOW, names_of(A_NOW), b"=stale", generation)  # …what it read is not kept
    assert memory.get(A_NOW) is None


def test_a_memory_that_went_down_serves_and_keeps_nothing_and_starts_empty() -> None:
    memory, _ = filled()
    memory.down()
    assert kept(memory) == set()
    memory.put(B_NOW, names_of(B_NOW), b"=x", memory.generation)
    assert memory.get(B_NOW) is None
    memory.up()
    assert kept(memory) == set()


def test_the_memory_is_bounded_and_answers_expire(monkeypatch: Any) -> None:
    memory = Memory(size=2, ttl_s=60, max_bytes=1 << 20)
    memory.up()
    for parts in (A_NOW, B_NOW, CODE):
        memory.put(parts, names_of(parts), b"=x", memory.generation)
    assert kept(memory) == {B_NOW, CODE}  # the least recently used left
    assert memory.by_name.keys() == {names_of(B_NOW)[0], names_of(CODE)[0]}
    now = time.monotonic()
    monkeypatch.setattr(answer_memory.time, "monotonic", lambda: now + 61)
    assert kept(memory) == set()


def test_the_memory_is_bounded_in_bytes_too() -> None:
    """A producer's history of closed days can be tens of kilobytes: the memory keeps no more than its bytes."""
    memory = Memory(size=10, ttl_s=60, max_bytes=100)
    memory.up()
    memory.put(A_NOW, names_of(A_NOW), b"=" + b"a" * 59, memory.generation)
    memory.put(B_NOW, names_of(B_NOW), b"=" + b"b" * 39, memory.generation)
    assert (kept(memory), memory.bytes) == ({A_NOW, B_NOW}, 100)
    memory.put(CODE, names_of(CODE), b"=c", memory.generation)
    assert (kept(memory), memory.bytes) == ({B_NOW, CODE}, 42)  # the least recently used left
    memory.put(CODE, names_of(CODE), b"=" + b"c" * 200, memory.generation)  # more than all: nothing stays
    assert (kept(memory), memory.bytes) == (set(), 0)


def wait_for(condition: Any, seconds: float = 3.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.01)


def test_through_redis_a_change_of_a_retires_a_in_every_process_and_a_lost_subscription_empties_the_memory(
    redis_cache: None,
    client: Client,
    included: RegisterRecord,
    monkeypatch: Any,
) -> None:
    identifier = included.organization.identifier
    path = PRODUCER.format(identifier)
    backend = caches["default"]
    pool = redis_pool(backend)
    channel = public_answers._channel(backend, pool)
    # This process: its subscription is confirmed within a few lookups, then the answer is kept in its memory.
    wait_for(lambda: client.get(path).status_code == 200 and answer_memory.subscription(pool, channel).current())
    here = answer_memory.subscription(pool, channel)
    assert here is not None
    client.get(path)
    parts = public_answers.producer_parts(identifier, None)
    assert here.memory.get(parts) is not None
    # Another process, subscribed to the same Redis, keeps A's answer and B's.
    other = Subscription(pool, channel, Memory(size=10, ttl_s=60, max_bytes=1 << 20))
    wait_for(lambda: other.current() is not None)
    other.memory.put(parts, names_of(parts), b"=A", other.memory.generation)
    other.memory.put(B_NOW, names_of(B_NOW), b"=B", other.memory.generation)
    public_answers.register_changed(identifiers=[identifier], goods=False)  # a change of A (e.g. its period)
    assert here.memory.get(parts) is None  # the writer's own process: at once
    wait_for(lambda: other.current() is not None and other.memory.get(parts) is None)
    assert other.memory.get(B_NOW) == b"=B"
    # Redis drops the other's subscription: its memory is emptied and bypassed, until it is subscribed again.
    port = other.pubsub.connection._sock.getsockname()[1]
    (clients,) = raw_commands(pool, [("CLIENT", "LIST", "TYPE", "pubsub")])
    address = next(w[5:] for line in clients.decode().splitlines() for w in line.split() if w.endswith(f":{port}"))
    raw_commands(pool, [("CLIENT", "KILL", "ADDR", address)])
    wait_for(lambda: other.current() is None and other.pubsub is None)
    assert other.current() is None
    assert other.memory.get(B_NOW) is None
    assert not other.memory.entries
    monkeypatch.setattr(answer_memory, "RETRY_S", 0.0)
    other.retry_at = 0.0
    wait_for(lambda: other.current() is not None)
    assert not other.memory.entries


def test_a_subscription_whose_ping_goes_unanswered_is_dropped(monkeypatch: Any) -> None:
    memory, _ = filled()

    class Silent:
        def get_message(self, timeout: float) -> None:
            return None

        def ping(self) -> None:
            pass

        def close(self) -> None:
            pass

    subscription = Subscription(pool=None, channel="c", memory=memory)
    subscription.pubsub, subscription.proven = Silent(), time.monotonic()
    assert subscription.current() is memory
    now = time.monotonic()
    monkeypatch.setattr(answer_memory.time, "monotonic", lambda: now + answer_memory.PING_S * 0.6)
    assert subscription.current() is memory  # still proven recently; a PING is sent
    assert subscription.ping_sent == now + answer_memory.PING_S * 0.6
    monkeypatch.setattr(answer_memory.time, "monotonic", lambda: now + answer_memory.PING_S * 1.2)
    assert subscription.current() is None  # not proven recently enough: bypassed, still waiting for the PONG
    assert memory.live
    monkeypatch.setattr(answer_memory.time, "monotonic", lambda: now + answer_memory.PING_S * 1.7)
    assert subscription.current() is None
    assert subscription.pubsub is None
    assert not memory.entries
    assert not memory.live
