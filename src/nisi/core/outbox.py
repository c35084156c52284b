"""The transactional outbox (ADR 11): work that must happen after a commit survives a broker outage.

`enqueue` writes the task, named by its registered name, into the `OutboxTask` table in the caller's transaction
and asks for it to be sent once that transaction commits. Sending claims the row first (one UPDATE that only one
process can win), publishes with a short broker timeout, and marks the row dispatched. A failed publish is logged
and left for the sweeper (`dispatch_due`: Celery beat every minute, the embedded scheduler, or
`nisi outbox dispatch`). A request never waits on a broker that is down, and nothing committed is forgotten.

Delivery is at least once: a process that dies between publishing and marking the row is followed, after the
lease, by a second publish. Every task sent this way is idempotent.

Services name tasks by string so that they never import an entry-point module (tasks are the outermost layer).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import Any

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from kombu.exceptions import OperationalError

from nisi.core.models import OutboxTask
from nisi.law import clock

logger = logging.getLogger(__name__)


def registered_task(name: str) -> Any:
    """The Celery task registered under `name`."""
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()  # runs the apps' task autodiscovery once
    return current_app.tasks[name]


def enqueue(task_name: str, *args: Any) -> OutboxTask:
    """Owes `task_name(*args)` in the current transaction; it is sent once the transaction commits."""
    now = clock.now()
    row = OutboxTask.objects.create(name=task_name, args=list(args), created_at=now, next_attempt_at=now)
    transaction.on_commit(lambda: dispatch_committed(row.pk))
    return row


class BrokerUnavailable(Exception):
    """The broker did not take a message; the rest of a sweep would fail the same way."""


class _Breaker(threading.local):
    """After a failed publish, the tasks this thread owes on commit in the next seconds are left to the sweeper
    without trying: a transaction that owes hundreds (a monitoring run's chunks, its notices' e-mails) must not wait
    out the broker's timeout for each. A successful publish closes it again."""

    pause_s = 30.0
    open_until = 0.0


breaker = _Breaker()


def _claim(pk: int, now: dt.datetime) -> bool:
    """Takes the row for this process: it is not dispatched and nobody else holds a live claim on it."""
    lapsed = now - dt.timedelta(seconds=settings.NISI_OUTBOX_LEASE_S)
    return bool(
        OutboxTask.objects.filter(pk=pk, dispatched_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=lapsed))
        .update(claimed_at=now)
    )


def _retry_delay(attempts: int) -> dt.timedelta:
    """A task that failed (in eager mode it ran here and raised) is tried again after 1, 2, 4 … 60 minutes."""
    return dt.timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def dispatch(pk: int) -> str:
    """Sends one owed task: "sent"; "taken" if it was sent already or another process holds it; "failed" if the
    task ran here (eager mode) and raised. The row then waits for the sweeper, and so it does when the broker is
    down, which raises BrokerUnavailable."""
    now = clock.now()
    if not _claim(pk, now):
        return "taken"
    row = OutboxTask.objects.get(pk=pk)
    try:
        # No result is awaited: the database is the record. (Subscribing to a result that nobody reads also costs
        # a round trip to the result store, which retries for many seconds when it is down.)
        registered_task(row.name).apply_async(args=row.args, ignore_result=True)
    except Exception as exc:
        broker_down = isinstance(exc, OperationalError)
        # The broker's outage is not the task's fault: the row stays due, and the sweeper tries it on its next run.
        # A task that ran here (eagerly) and failed is tried again later and later.
        retry_at = now if broker_down else now + _retry_delay(row.attempts + 1)
        OutboxTask.objects.filter(pk=pk).update(
            claimed_at=None,
            attempts=F("attempts") + 1,
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
            next_attempt_at=retry_at,
        )
        logger.warning(
            "Outbox task %s %s (#%s) was not sent (%s); it stays in the outbox for the sweeper.",
            row.name,
            row.args,
            pk,
            exc,
            exc_info=not broker_down,
        )
        if broker_down:
            raise BrokerUnavailable(str(exc)) from exc
        return "failed"
    OutboxTask.objects.filter(pk=pk).update(dispatched_at=clock.now(), attempts=F("attempts") + 1, last_error="")
    breaker.open_until = 0.0  # the broker answers again
    return "sent"


def dispatch_committed(pk: int) -> None:
    """What runs on commit: a failed publish is already logged and kept, and the request goes on."""
    if time.monotonic() < breaker.open_until:
        return
    try:
        dispatch(pk)
    except BrokerUnavailable:
        breaker.open_until = time.monotonic() + breaker.pause_s


def dispatch_due(*, limit: int = 1000) -> dict[str, int]:
    """The sweeper: sends the owed tasks that are due, oldest first, and stops at the first sign that the broker
    is down (each further try would wait for the timeout too). Forgets dispatched rows after
    NISI_OUTBOX_KEEP_DAYS days."""
    now = clock.now()
    due = list(
        OutboxTask.objects.filter(dispatched_at__isnull=True, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    counts = {"sent": 0, "taken": 0, "failed": 0}
    for pk in due:
        try:
            counts[dispatch(pk)] += 1
        except BrokerUnavailable:
            counts["failed"] += 1
            break
    counts["pending"] = OutboxTask.objects.filter(dispatched_at__isnull=True).count()
    keep = now - dt.timedelta(days=settings.NISI_OUTBOX_KEEP_DAYS)
    counts["purged"], _ = OutboxTask.objects.filter(dispatched_at__lt=keep).delete()
    return counts


def pending_args(task_name: str) -> list[list[Any]]:
    """The arguments of the tasks of that name still owed (not yet taken by the broker)."""
    return [
        list(args)
        for args in OutboxTask.objects.filter(name=task_name, dispatched_at__isnull=True).values_list("args", flat=True)
    ]
