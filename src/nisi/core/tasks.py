"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.core import outbox
from nisi.core.services import deadlines, notifications
from nisi.core.services.journal_checkpoints import journal_checkpoint_create


@shared_task(name="nisi.core.tasks.deadlines_daily")
def deadlines_daily() -> dict[str, int]:
    return deadlines.deadlines_daily()


@shared_task(name="nisi.core.tasks.journal_checkpoint")
def journal_checkpoint() -> dict[str, Any]:
    """Signs where every journal chain stands (ADR 10); signs nothing and fails if the journal does not verify."""
    made = journal_checkpoint_create()
    statement = made.checkpoint.statement
    return {
        "number": statement["number"],
        "entries": statement["entries"],
        "chains": statement["chains"],
        "digest": made.checkpoint.digest,
    }


@shared_task(name="nisi.core.tasks.notification_email", acks_late=True)
def notification_email(notification_id: int) -> bool:
    return notifications.notification_email(notification_id=notification_id)


@shared_task(name="nisi.core.tasks.notifications_email", acks_late=True)
def notifications_email(notification_ids: list[int]) -> int:
    return notifications.notifications_email(notification_ids=notification_ids)


@shared_task(name="nisi.core.tasks.outbox_dispatch")
def outbox_dispatch() -> dict[str, int]:
    return outbox.dispatch_due()
