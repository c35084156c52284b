"""The contracts' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.contracts.services import offtake_performance, subsoil_register

# A worker retries a delivery the register did not take after 1, 2, 4 … 60 minutes, this many times; after that the
# hourly resend owes it again. In eager mode (the embedded default) the outbox retries it on the same schedule.
REGISTER_RETRIES = 12


@shared_task(name="nisi.contracts.plan_publication_send", bind=True, max_retries=REGISTER_RETRIES)
def plan_publication_send(self: Any, number: str) -> bool:
    """IP-47.5: the published list to the register of goods, works and services used in subsoil use operations."""
    try:
        return subsoil_register.plan_publication_deliver(number=number)
    except subsoil_register.RegisterUnavailable as exc:
        if self.request.is_eager:
            raise  # the outbox keeps the row and tries again later (an eager retry would loop here at once)
        raise self.retry(exc=exc, countdown=min(60 * 2**self.request.retries, 3600)) from exc


@shared_task(name="nisi.contracts.tasks.plan_publications_resend")
def plan_publications_resend() -> int:
    """Published lists still without the register's receipt whose delivery nothing owes any more are owed again."""
    return subsoil_register.plan_publications_resend()


@shared_task(name="nisi.contracts.tasks.contracts_daily")
def contracts_daily() -> dict[str, int]:
    """Warns of a year's acceptance still due in its last quarter and closes the years that ended (IP-48.2, IP-48.4)."""
    return offtake_performance.contracts_daily()
