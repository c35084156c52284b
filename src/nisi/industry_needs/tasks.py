"""The needs' background work, thin wrappers named like the service they call."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from nisi.industry_needs.services import needs, placements, proposals, sending

# A worker retries a document the receiving system did not take after 1, 2, 4 … 60 minutes, this many times; after
# that the daily run owes it again. In eager mode (the embedded default) the outbox retries it on the same schedule.
RETRIES = 12


def _retrying(task: Any, exc: Exception) -> Exception:
    if task.request.is_eager:
        return exc  # the outbox keeps the row and tries again later
    return task.retry(exc=exc, countdown=min(60 * 2**task.request.retries, 3600))


@shared_task(name=sending.PROPOSALS.task, bind=True, max_retries=RETRIES)
def proposal_send(self: Any, number: str) -> bool:
    """IP-55.1: the proposals of the list of specialities to the authorized body for employment."""
    try:
        return proposals.proposal_deliver(number=number)
    except sending.RecipientUnavailable as exc:
        raise _retrying(self, exc) from exc


@shared_task(name=sending.PLACEMENTS.task, bind=True, max_retries=RETRIES)
def placement_send(self: Any, number: str) -> bool:
    """IP-57: the needs for research to the Internet resource of the authorized body in science."""
    try:
        return placements.placement_deliver(number=number)
    except sending.RecipientUnavailable as exc:
        raise _retrying(self, exc) from exc


@shared_task(name="nisi.industry_needs.tasks.industry_needs_daily")
def industry_needs_daily() -> dict[str, Any]:
    """Opens the year's terms of the needs, once each, and owes again what nothing owes."""
    return {"deadlines": needs.needs_deadlines_open(), **sending.deliveries_resend()}
