"""Sending the needs' documents to the other state systems through the e-government gateway, by the shared
`nisi.verification.delivery` (ADR 24): the proposals of the list of specialities to the authorized body for
employment (IP-55.1), the needs for research to the Internet resource of the authorized body in science (IP-57).

A document is owed through the core outbox in the transaction that sends it; the outbox's task delivers it with its
idempotency key. An outage raises `SystemUnavailable` and the delivery is tried again later (the outbox's 1, 2, 4 …
60 minutes, a worker's retries, and the daily `deliveries_resend`): an outage delays a delivery, never loses it. The
receipt is stored under a lock and journalled once; a refusal (4xx) is kept with its reason for people to look."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import outbox
from nisi.core.authz import SYSTEM
from nisi.core.services.journal import journal_append
from nisi.industry_needs.messages import PLACEMENT_SUBJECT, PROPOSAL_SUBJECT
from nisi.industry_needs.models import ResearchPlacement, SpecialityProposal
from nisi.law import clock
from nisi.verification import delivery

logger = logging.getLogger(__name__)


class RecipientUnavailable(delivery.SystemUnavailable):
    """The receiving system did not take the document: it is tried again."""


@dataclass(frozen=True)
class Route:
    model: type[SpecialityProposal] | type[ResearchPlacement]
    source: str
    path: str
    task: str
    subject: str
    provision: str


PROPOSALS = Route(
    model=SpecialityProposal,
    source="employment_needs",
    path="/api/v1/employment_needs/proposals",
    task="nisi.industry_needs.proposal_send",
    subject=PROPOSAL_SUBJECT,
    provision="IP-55.1",
)
PLACEMENTS = Route(
    model=ResearchPlacement,
    source="science_needs",
    path="/api/v1/science_needs/placements",
    task="nisi.industry_needs.placement_send",
    subject=PLACEMENT_SUBJECT,
    provision="IP-57",
)
SENT = "sent"


def owe(route: Route, number: str) -> None:
    """Owes the document's delivery in the caller's transaction."""
    outbox.enqueue(route.task, number)


def deliver(route: Route, *, number: str) -> bool:
    """Sends a document on its way (the outbox's task): True when this call stored the receipt; False when there is
    nothing to send (received or refused already) or the system refused it. An outage raises
    `RecipientUnavailable`. The call is made outside any transaction; two deliveries at once get the same receipt,
    and only the first stores it."""
    record = route.model.objects.filter(number=number).first()
    if record is None or record.status != SENT:
        return False
    try:
        answer = delivery.deliver(
            source=route.source,
            path=route.path,
            identifier=record.number,
            key=record.idempotency_key,
            payload=record.document,
        )
    except delivery.SystemUnavailable as exc:
        route.model.objects.filter(pk=record.pk).update(
            attempts=record.attempts + 1, last_error=str(exc)[:500], last_attempt_at=clock.now()
        )
        raise RecipientUnavailable(
            _("The receiving system did not take %(number)s: %(error)s") % {"number": number, "error": str(exc)}
        ) from exc
    if isinstance(answer, delivery.Refusal):
        _refused(route, record.pk, answer)
        return False
    return _acknowledged(route, record.pk, answer)


@transaction.atomic
def _refused(route: Route, pk: int, refusal: delivery.Refusal) -> None:
    record = route.model.objects.select_for_update().get(pk=pk)
    if record.status != SENT:
        return
    record.status = "refused"
    record.attempts += 1
    record.last_attempt_at = clock.now()
    record.last_error = refusal.error[:500]
    record.save(update_fields=["status", "attempts", "last_attempt_at", "last_error"])
    logger.error("%s refused %s: %s", route.source, record.number, refusal.error)
    journal_append(
        actor=SYSTEM,
        subject_type=route.subject,
        subject_id=record.number,
        action="refused",
        payload={"status_code": refusal.status_code, "error": refusal.error[:500]},
        provisions=[route.provision],
    )


@transaction.atomic
def _acknowledged(route: Route, pk: int, receipt: delivery.Receipt) -> bool:
    record = route.model.objects.select_for_update().get(pk=pk)
    if record.status != SENT:
        return False
    record.status = "acknowledged"
    record.receipt = receipt.number
    record.registered_at = receipt.registered_at
    record.acknowledged_at = clock.now()
    record.attempts += 1
    record.last_attempt_at = record.acknowledged_at
    record.last_error = ""
    record.save(
        update_fields=[
            "status",
            "receipt",
            "registered_at",
            "acknowledged_at",
            "attempts",
            "last_attempt_at",
            "last_error",
        ]
    )
    journal_append(
        actor=SYSTEM,
        subject_type=route.subject,
        subject_id=record.number,
        action="acknowledged",
        payload={
            "receipt": record.receipt,
            "registered_at": record.registered_at.isoformat() if record.registered_at else None,
            "request_id": receipt.request_id,
            "idempotency_key": record.idempotency_key,
        },
        provisions=[route.provision],
    )
    return True


def deliveries_resend() -> dict[str, Any]:
    """The safety net: a document still awaiting its receipt whose delivery nothing owes any more (a worker that gave
    up or died) is owed again. Returns how many of each."""
    resent: dict[str, Any] = {}
    for route in (PROPOSALS, PLACEMENTS):
        owed = {args[0] for args in outbox.pending_args(route.task) if args}
        numbers = [n for n in route.model.objects.filter(status=SENT).values_list("number", flat=True) if n not in owed]
        if numbers:
            with transaction.atomic():
                for number in numbers:
                    owe(route, number)
        resent[route.source] = len(numbers)
    return resent
