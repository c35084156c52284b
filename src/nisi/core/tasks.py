"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.core import outbox
from nisi.core.services import deadlines, notifications


@shared_task(name="nisi.core.tasks.deadlines_daily")
def deadlines_daily() -> dict[str, int]:
    return deadlines.deadlines_daily()


@shared_task(name="nisi.core.tasks.notification_email", acks_late=True)
def notification_email(notification_id: int) -> bool:
    return notifications.notification_email(notification_id=notification_id)


@shared_task(name="nisi.core.tasks.outbox_dispatch")
def outbox_dispatch() -> dict[str, int]:
    return outbox.dispatch_due()
