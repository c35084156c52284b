"""Thin Celery wrappers named like the services they call."""

from __future__ import annotations

from celery import shared_task

from nisi.core.publication import webhooks


@shared_task(name="nisi.core.publication.tasks.webhook_deliver")
def webhook_deliver(subscription_id: int) -> str:
    return webhooks.deliver(subscription_id)


@shared_task(name="nisi.core.publication.tasks.webhooks_due")
def webhooks_due() -> dict[str, int]:
    return webhooks.deliveries_due()
