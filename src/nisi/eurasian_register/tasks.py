"""The exchanges' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.eurasian_register import services

# A worker retries an exchange the Commission did not take after 1, 2, 4 … 60 minutes, this many times; after that
# the daily run owes it again. In eager mode (the embedded default) the outbox retries it on the same schedule.
RETRIES = 12


@shared_task(name=services.SEND_TASK, bind=True, max_retries=RETRIES)
def exchange_send(self: Any, number: str) -> bool:
    """IP-9.37: a prepared exchange to the Eurasian register of industrial goods."""
    try:
        return services.exchange_deliver(number=number)
    except services.CommissionUnavailable as exc:
        if self.request.is_eager:
            raise  # the outbox keeps the row and tries again later
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@shared_task(name="nisi.eurasian_register.tasks.exchange_daily")
def exchange_daily() -> dict[str, Any]:
    """Owes again what nothing owes, and prepares the day's changes."""
    return services.exchange_daily()
