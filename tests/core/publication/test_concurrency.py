"""Two concurrent transactions on PostgreSQL: a reader never skips a change that commits later with a lower id."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction

from nisi.core.publication import selectors, services
from nisi.core.publication.models import PublishedChange

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")


def _publish(key: str) -> PublishedChange:
    return services.publish(
        dataset="test",
        kind="test.changed",
        record_key=key,
        identifiers={"key": key},
        state={"key": key},
        provisions=["IP-16.3"],
        effective_on=dt.date(2026, 3, 1),
    )


@pytest.mark.django_db(transaction=True)
def test_a_change_committed_late_with_a_lower_id_is_read_after_the_page_that_passed_it() -> None:
    written, release, done = threading.Event(), threading.Event(), threading.Event()
    slow_id: list[int] = []

    def slow_writer() -> None:
        try:
            with transaction.atomic():
                slow_id.append(_publish("slow").pk)  # drawn first: the lower id
                written.set()
                release.wait(10)
        finally:
            connections.close_all()
            done.set()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert written.wait(10)
    with transaction.atomic():
        fast = _publish("fast")  # on commit, numbered while "slow" is still open
    assert fast.pk > slow_id[0]
    first_page = list(selectors.changes_after(0, 100))
    assert [(c.seq, c.record_key) for c in first_page] == [(1, "fast")]
    release.set()
    assert done.wait(10)
    thread.join()
    # The slow writer's commit numbered its change after the one the reader has passed: nothing is skipped.
    after = first_page[-1].seq or 0
    assert [(c.seq, c.record_key) for c in selectors.changes_after(after, 100)] == [(2, "slow")]
    assert list(PublishedChange.objects.order_by("seq").values_list("seq", flat=True)) == [1, 2]


@pytest.mark.django_db(transaction=True)
def test_concurrent_sequencers_give_one_gap_free_sequence() -> None:
    for i in range(40):
        with transaction.atomic():
            PublishedChange.objects.create(
                dataset="test",
                kind="test.changed",
                record_key=str(i),
                effective_on=dt.date(2026, 3, 1),
                recorded_at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
            )
    barrier = threading.Barrier(4)

    def sequencer() -> None:
        try:
            barrier.wait(10)
            services.sequence_pending()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sequencer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seqs = list(PublishedChange.objects.order_by("id").values_list("seq", flat=True))
    assert seqs == list(range(1, 41))


@pytest.mark.django_db
def test_a_published_change_is_only_numbered_once_never_changed_or_deleted() -> None:
    from django.db import DatabaseError

    with transaction.atomic():
        change = _publish("x")
    services.sequence_pending()
    for attempt in (
        lambda: PublishedChange.objects.filter(pk=change.pk).update(seq=9),
        lambda: PublishedChange.objects.filter(pk=change.pk).update(kind="other"),
        lambda: PublishedChange.objects.filter(pk=change.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    assert PublishedChange.objects.get(pk=change.pk).seq == 1
