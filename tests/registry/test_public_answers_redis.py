"""What the public lookups ask the cache for, and what they do not ask it (ADR 17, addendum 5)."""

from typing import Any

from django.core.cache import cache, caches
from django.test import Client

from nisi.core.cache import raw_commands, redis_pool
from nisi.registry import public_answers
from nisi.registry.models import RegisterRecord

PRODUCER = "/api/v1/register/producers/{}"


def test_with_nothing_kept_the_cache_is_not_asked_and_every_answer_is_built(db: None, settings: Any) -> None:
    settings.NISI_PUBLIC_ANSWER_TTL_S = 0
    built = []

    def build() -> str:
        built.append(1)
        return '{"n": 1}'

    assert public_answers.served(("q",), build) == (True, b'{"n": 1}')
    assert public_answers.served(("q",), build) == (True, b'{"n": 1}')
    assert public_answers.served(("q",), None) == (False, None)
    assert public_answers.served(("never",), lambda: None) == (True, None)
    assert len(built) == 2
    assert cache.get(public_answers.VERSION_KEY) is None  # no version was even read (reading one starts it)


def test_with_nothing_kept_a_lookup_answers_as_with_answers_kept(
    client: Client, included: RegisterRecord, settings: Any
) -> None:
    path = PRODUCER.format(included.organization.identifier)
    kept = client.get(path)
    settings.NISI_PUBLIC_ANSWER_TTL_S = 0
    built = client.get(path)
    assert (built.status_code, built.content, built["Content-Type"]) == (200, kept.content, kept["Content-Type"])
    never = client.get(PRODUCER.format("100140000003"))
    assert never.status_code == 404


def test_with_redis_a_version_evicted_is_started_anew_and_the_answers_kept_under_it_retire(
    redis_cache: None, db: None, settings: Any
) -> None:
    settings.NISI_PUBLIC_ANSWER_MEMORY = 0  # Redis's own part (the memory hears of retirements, not of evictions)
    backend = caches["default"]
    pool = redis_pool(backend)
    parts = public_answers.producer_parts("100140000003", None)
    scope_key = public_answers.SCOPE_KEY + str(public_answers.scope_of(parts))
    assert public_answers.served(parts, lambda: "old") == (True, b"old")
    assert public_answers.served(parts, lambda: "not asked") == (True, b"old")  # kept: read in one round trip
    before = raw_commands(pool, [("GET", backend.make_key(scope_key))])[0]
    raw_commands(pool, [("DEL", backend.make_key(scope_key))])  # evicted, or Redis restarted without it
    assert public_answers.served(parts, lambda: "new") == (True, b"new")
    started = raw_commands(pool, [("GET", backend.make_key(scope_key))])[0]
    assert started is not None
    assert started != before
    assert public_answers.served(parts, lambda: "not asked") == (True, b"new")
