"""The foreign trade background work, thin wrappers named like the service they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.core.authz import SYSTEM
from nisi.trade.services import catalogue, declarations, monitoring


@shared_task(name="nisi.trade.tasks.declarations_poll")
def declarations_poll() -> dict[str, int]:
    """IP-52: the customs system's declarations released since the last read (an outage waits for the next poll)."""
    return declarations.declarations_poll()


@shared_task(name="nisi.trade.tasks.monitoring_quarterly")
def monitoring_quarterly() -> dict[str, Any]:
    """IP-52: the monitoring of the last ended quarter and month, raising the signals not raised yet."""
    return monitoring.monitoring_quarterly(actor=SYSTEM)


@shared_task(name="nisi.trade.tasks.edition_monthly")
def edition_monthly() -> str | None:
    """IP-43.2.3: this month's edition of the catalogue for foreign buyers, unless published already."""
    return catalogue.edition_monthly(actor=SYSTEM)
