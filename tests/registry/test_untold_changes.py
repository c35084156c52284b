"""A change the cache of public answers could not be told of is noted with the change and told as soon as Redis
answers; a Redis that restarted (and may hold answers older than the changes since) retires every kept answer
(ADR 17, addendum 10)."""

from typing import Any

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client, TestCase

from nisi.core.cache import raw_commands, redis_pool
from nisi.registry import answer_memory, public_answers, tasks
from nisi.registry.models import RegisterRecord, UntoldChange

PRODUCER = "/api/v1/register/producers/{}"


class Unreachable:
    """The cache's client while Redis does not answer a write."""

    def set_many(self, *args: Any, **kwargs: Any) -> None:
        raise ConnectionError("Redis does not answer")


def test_a_change_the_cache_was_not_told_of_is_noted_with_the_change_and_only_if_it_lasts(
    db: None, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    monkeypatch.setattr(public_answers, "cache", Unreachable())
    noted_inside = []

    class WriteFailed(Exception):
        pass

    def failing_write() -> None:
        with transaction.atomic():
            public_answers.register_changed(identifiers=["100140000003"], codes=["720810"])
            noted_inside.append(UntoldChange.objects.count())  # noted in the writer's own transaction
            raise WriteFailed

    with pytest.raises(WriteFailed):  # the write fails: there was no change to tell
        failing_write()
    assert noted_inside == [1]
    assert not UntoldChange.objects.exists()
    with TestCase.captureOnCommitCallbacks(execute=True):
        public_answers.register_changed(identifiers=["100140000003"], codes=["720810"])
    # Noted at once and again when the write commits (each move of the versions failed).
    notes = list(UntoldChange.objects.values_list("names", flat=True))
    assert len(notes) == 2
    assert set(notes[0].split("\n")) >= {"nisi:registry:version:producer:100140000003", "nisi:registry:version:search"}
    assert "could not be told" in caplog.text


def test_the_untold_changes_are_told_and_every_kept_answer_retires(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert public_answers.answer(("q",), lambda: "old") == "old"
    with monkeypatch.context() as m:
        m.setattr(public_answers, "cache", Unreachable())
        public_answers.register_changed(identifiers=["100140000003"])
    assert public_answers.answer(("q",), lambda: "new") == "old"  # what the cache was not told of
    assert tasks.untold_changes_tell() == 1
    assert public_answers.answer(("q",), lambda: "new") == "new"
    assert not UntoldChange.objects.exists()
    assert tasks.untold_changes_tell() == 0  # nothing left: nothing moves
    assert public_answers.answer(("q",), lambda: "newer") == "new"


def test_with_redis_a_rename_it_was_not_told_of_shows_once_it_answers_and_not_before(
    redis_cache: None, client: Client, included: RegisterRecord, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    path = PRODUCER.format(included.organization.identifier)
    before = client.get(path).json()["name"]
    publish = raw_commands

    def no_publish(pool: Any, commands: Any) -> list[Any]:
        if any(command[0] == "PUBLISH" for command in commands):
            raise ConnectionError("Redis does not answer")
        return publish(pool, commands)

    organization = included.organization
    with monkeypatch.context() as m:
        m.setattr(public_answers, "cache", Unreachable())
        m.setattr(public_answers, "raw_commands", no_publish)
        organization.name = "ТОО «Новое имя»"
        organization.save(update_fields=["name"])
        assert UntoldChange.objects.exists()
        # Redis still down at the next run of the beat: the note waits.
        m.setattr(public_answers, "_retire_all", lambda backend: False)
        assert tasks.untold_changes_tell() == 0
        assert UntoldChange.objects.exists()
    assert client.get(path).json()["name"] == before  # kept, and Redis was never told
    assert tasks.untold_changes_tell() >= 1
    assert "was told of" in caplog.text
    assert client.get(path).json()["name"] == "ТОО «Новое имя»"
    assert not UntoldChange.objects.exists()
    assert "could not be told" in caplog.text


def test_with_redis_another_run_of_it_retires_every_kept_answer_once(redis_cache: None, db: None) -> None:
    backend = caches["default"]
    pool = redis_pool(backend)
    assert public_answers.answer(("q",), lambda: "old") == "old"
    assert public_answers.untold_changes_tell() == 0  # the first run seen: recorded, nothing retires
    assert raw_commands(pool, [("GET", backend.make_key(public_answers.RUN_KEY))])[0] is not None
    assert public_answers.answer(("q",), lambda: "new") == "old"
    assert public_answers.untold_changes_tell() == 0  # the same run: nothing moves
    assert public_answers.answer(("q",), lambda: "new") == "old"
    # Restarted (restored from a snapshot taken under another run) or a replica promoted:
    raw_commands(pool, [("SET", backend.make_key(public_answers.RUN_KEY), "an earlier run")])
    assert public_answers.untold_changes_tell() == 0
    assert public_answers.answer(("q",), lambda: "new") == "new"
    assert public_answers.untold_changes_tell() == 0
    assert public_answers.answer(("q",), lambda: "newer") == "new"


def test_with_redis_a_memory_subscribing_again_after_a_restart_retires_every_kept_answer(
    redis_cache: None, db: None, settings: Any
) -> None:
    backend = caches["default"]
    pool = redis_pool(backend)
    _, _, channel = public_answers._backend()
    public_answers._retire_if_restarted()
    assert public_answers.answer(("q",), lambda: "old") == "old"
    raw_commands(pool, [("SET", backend.make_key(public_answers.RUN_KEY), "an earlier run")])
    subscription = answer_memory.subscription(pool, channel, public_answers._retire_if_restarted)
    assert subscription is not None
    subscription.handle({"type": "subscribe"})  # as when it subscribes anew
    assert public_answers.answer(("q",), lambda: "new") == "new"
    run = raw_commands(pool, [("GET", backend.make_key(public_answers.RUN_KEY))])[0]
    assert run != b"an earlier run"
    subscription.handle({"type": "subscribe"})  # the same run: nothing retires
    assert public_answers.answer(("q",), lambda: "newer") == "new"
