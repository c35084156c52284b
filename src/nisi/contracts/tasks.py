"""The contracts' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.contracts.services import offtake_performance, plans_review


@shared_task(
    name="nisi.contracts.plan_publication_send",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=None,
)
def plan_publication_send(number: str) -> bool:
    """IP-47.5: the published list to the register of goods, works and services used in subsoil use operations."""
    return plans_review.plan_publication_deliver(number=number)


@shared_task(name="nisi.contracts.tasks.contracts_daily")
def contracts_daily() -> dict[str, int]:
    """Warns of a year's acceptance still due in its last quarter and closes the years that ended (IP-48.2, IP-48.4)."""
    return offtake_performance.contracts_daily()
