"""Publishing a change and numbering the published changes (ADR 37).

`publish` writes the change, unnumbered, in the writer's own transaction: a rolled-back act publishes nothing.
`sequence_pending` numbers every committed, unnumbered change in one serialized step (a PostgreSQL
transaction-level advisory lock; SQLite has one writer): the numbers are drawn from the highest already given,
in one statement, and become visible together when that step commits. A reader that has read up to n therefore
never meets, later, a change numbered n or below: a change whose transaction was still open when it read had no
number yet, and gets one above n. Rolled-back changes are never numbered, so there are no gaps.

The step runs when the writer commits (on commit) and every minute from the beat (a process that died between
its commit and the step leaves its changes to it); it also owes each subscriber that is behind a delivery through
the outbox, in the same transaction."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from nisi.core import outbox
from nisi.core.models import JournalEntry
from nisi.core.publication.datasets import Dataset
from nisi.core.publication.models import PublishedChange, Subscription
from nisi.core.publication.selectors import last_published_state, last_sequence
from nisi.core.services.journal import journal_listen
from nisi.law import clock

logger = logging.getLogger(__name__)

SEQUENCE_LOCK = 0x6E697369_0FEE  # the advisory lock's key ("nisi", feed)
DELIVER_TASK = "nisi.core.publication.tasks.webhook_deliver"


def publish(
    *,
    dataset: str,
    kind: str,
    record_key: str,
    identifiers: dict[str, Any],
    state: dict[str, Any] | None,
    provisions: list[str],
    effective_on: dt.date,
    record_version: int = 0,
) -> PublishedChange:
    """Publishes a change of a public record; call it inside the transaction that makes the change."""
    change = PublishedChange.objects.create(
        dataset=dataset,
        kind=kind,
        record_key=record_key,
        identifiers=identifiers,
        record_version=record_version,
        effective_on=effective_on,
        provisions=list(provisions),
        state=state,
        recorded_at=clock.now(),
    )
    # Once per change, not once per transaction: a callback registered in a savepoint that rolls back is dropped with
    # it. The second run in one commit finds nothing left to number.
    transaction.on_commit(_sequence_after_commit)
    return change


def _sequence_after_commit() -> None:
    # Without a broker (the embedded default) tasks run in the caller's thread: a page that removes a producer must
    # not wait on subscribers' receivers, so there the deliveries are left to the scheduler's sweep (every minute).
    try:
        sequence_pending(owe=not settings.CELERY_TASK_ALWAYS_EAGER)
    except Exception:  # the beat's sweep numbers them; the writer's act is done and must not fail now
        logger.warning("Published changes were not numbered after their commit; the sweep will.", exc_info=True)


_NUMBER_SQL = """
UPDATE {table} SET seq = numbered.base + numbered.position, published_at = %s
FROM (
    SELECT id,
           (SELECT COALESCE(MAX(seq), 0) FROM {table}) AS base,
           ROW_NUMBER() OVER (ORDER BY id) AS position
    FROM {table} WHERE seq IS NULL
) AS numbered
WHERE {table}.id = numbered.id
"""


def sequence_pending(*, owe: bool = True) -> int:
    """Numbers the committed, unnumbered changes in the order they were written; returns how many. Then owes a
    delivery to each active subscriber that is behind and not waiting out a retry."""
    table = connection.ops.quote_name(PublishedChange._meta.db_table)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SEQUENCE_LOCK])
        with connection.cursor() as cursor:
            cursor.execute(_NUMBER_SQL.format(table=table), [clock.now()])
            numbered = cursor.rowcount
        if numbered and owe:
            deliveries_owe()
    return numbered


def deliveries_owe() -> list[int]:
    """Owes, through the outbox, a delivery to every active subscription behind the last sequence whose retry is
    due and which is not owed one already. Returns their ids."""
    now, last = clock.now(), last_sequence()
    owed = {args[0] for args in outbox.pending_args(DELIVER_TASK) if args}
    due = Subscription.objects.filter(status=Subscription.Status.ACTIVE, acked_seq__lt=last).exclude(
        next_attempt_at__gt=now
    )
    ids = [pk for pk in due.values_list("pk", flat=True) if pk not in owed]
    for pk in ids:
        outbox.enqueue(DELIVER_TASK, pk)
    return ids


# A record's public state, computed after a journal entry of its subject: (record key, public identifiers, state),
# the state None when the record is not (or no longer) on the public list.
RecordState = tuple[str, dict[str, Any], dict[str, Any] | None]


def follow_journal(
    subject_type: str,
    *,
    dataset: str,
    prefix: str,
    states: Callable[[JournalEntry], Iterable[RecordState]],
    effective_on: Callable[[JournalEntry, dict[str, Any] | None], dt.date | None] | None = None,
) -> None:
    """Publishes a dataset's changes from its records' journal (the registry's way, ADR 37), for lists whose acts
    are many: after each entry of `subject_type`, in the act's transaction, each record the entry touches is
    compared with its last published state and a change is published only if its public state changed —
    `<prefix>.listed` when it comes onto the list, `<prefix>.changed`, `<prefix>.delisted` (no state) when it
    leaves. An act that changes nothing public publishes nothing; no act that changes the list and is journaled
    can forget to publish."""

    def listener(entry: JournalEntry) -> None:
        for key, identifiers, state in states(entry):
            publish_if_changed(
                dataset=dataset,
                prefix=prefix,
                record=(key, identifiers, state),
                provisions=list(entry.provisions),
                effective_on=(effective_on(entry, state) if effective_on else None) or clock.today(),
                record_version=entry.seq,
            )

    journal_listen(subject_type, listener)


def publish_if_changed(
    *,
    dataset: str,
    prefix: str,
    record: RecordState,
    provisions: list[str],
    effective_on: dt.date,
    record_version: int = 0,
) -> PublishedChange | None:
    """Publishes the record's public state if it differs from the last one published (in the caller's transaction):
    `<prefix>.listed` when it comes onto the list, `<prefix>.changed`, `<prefix>.delisted` (no state) when it
    leaves. Returns the change, or None when nothing public changed."""
    key, identifiers, state = record
    published, last = last_published_state(dataset, key)
    if state == last and (published or state is None):
        return None
    kind = "delisted" if state is None else ("changed" if last is not None else "listed")
    return publish(
        dataset=dataset,
        kind=f"{prefix}.{kind}",
        record_key=key,
        identifiers=identifiers,
        state=state,
        provisions=provisions,
        effective_on=effective_on,
        record_version=record_version,
    )


def publish_baseline(dataset: Dataset, *, kind: str, provisions: list[str]) -> int:
    """Publishes, once, every record of a dataset's current list that has never been published (records that were
    on the list before the dataset published its changes): afterwards the feed and "as of" know them. Returns how
    many."""
    if dataset.snapshot is None:
        return 0
    known = set(PublishedChange.objects.filter(dataset=dataset.key).values_list("record_key", flat=True))
    count = 0
    with transaction.atomic():
        for key, state in dataset.snapshot():
            if key in known:
                continue
            publish(
                dataset=dataset.key,
                kind=kind,
                record_key=key,
                identifiers={},
                state=state,
                provisions=provisions,
                effective_on=clock.today(),
            )
            count += 1
    return count
