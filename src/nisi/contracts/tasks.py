"""Celery tasks of the contracts app: thin wrappers named like the service they call."""

from __future__ import annotations

from celery import shared_task

from nisi.contracts.services import offtake_performance


@shared_task(name="nisi.contracts.tasks.contracts_daily")
def contracts_daily() -> dict[str, int]:
    """Warns of a year's acceptance still due in its last quarter and closes the years that ended (IP-48.2, IP-48.4)."""
    return offtake_performance.contracts_daily()
