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
from typing import Any

from django.conf import settings
from django.db import connection, transaction

from nisi.core import outbox
from nisi.core.publication.models import PublishedChange, Subscription
from nisi.core.publication.selectors import last_sequence
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
