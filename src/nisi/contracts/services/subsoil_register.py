"""The published list of goods planned for purchase delivered to the register of goods, works and services used in
subsoil use operations through the e-government gateway (IP-47.5, ADR 24).

Publication owes the delivery through the core outbox (`plan_publication_send`); every attempt carries the plan's
idempotency key, so a retry after a lost answer never registers the list twice. An outage raises
`RegisterUnavailable` and the delivery is tried again later (the outbox's 1, 2, 4 … 60 minutes, a worker's retries,
and the hourly `plan_publications_resend`): it delays the delivery, never loses it. The register's receipt (its
number and time) is stored on the plan and journalled once.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.contracts.models import ProcurementPlan
from nisi.contracts.services.plans import SUBJECT
from nisi.core import outbox
from nisi.core.authz import SYSTEM
from nisi.core.services.journal import journal_append
from nisi.law import clock
from nisi.verification import delivery

logger = logging.getLogger(__name__)

SOURCE = "subsoil_register"
PATH = f"/api/v1/{SOURCE}/lists"
PUBLICATION_TASK = "nisi.contracts.plan_publication_send"


class RegisterUnavailable(delivery.SystemUnavailable):
    """The register did not answer (an outage, an error, an unreadable answer): the delivery is tried again."""


def register_key(plan: ProcurementPlan) -> str:
    """The idempotency key of a plan's publication: the same for every attempt to deliver it."""
    return delivery.idempotency_key("subsoil-register", plan.number, plan.published_on)


def publication_payload(plan: ProcurementPlan) -> dict[str, Any]:
    """What the register receives: the customer, the plan's years and the goods planned for purchase (the goods
    excluded under IP-47.3 are not on the list)."""
    return {
        "number": plan.number,
        "customer_bin": plan.organization.identifier,
        "customer_name": plan.organization.name,
        "kind": plan.kind,
        "first_year": plan.first_year,
        "last_year": plan.last_year,
        "published_on": plan.published_on.isoformat() if plan.published_on else None,
        "applications_due_on": plan.applications_due_on.isoformat() if plan.applications_due_on else None,
        "lines": [
            {
                "position": line.position,
                "product_code": line.product_code,
                "description": line.description,
                "quantity": str(line.quantity),
                "unit": line.unit,
                "year": line.year,
                "region": line.region_id or plan.region_id or "",
            }
            for line in plan.lines.filter(exclusion="").order_by("position")
        ],
    }


def _delivered(plan: ProcurementPlan) -> bool:
    return bool(plan.register_receipt) or plan.register_sent_at is not None


def _record_failure(plan: ProcurementPlan, error: str) -> None:
    ProcurementPlan.objects.filter(pk=plan.pk).update(
        register_attempts=plan.register_attempts + 1,
        register_last_error=error[:500],
        register_last_attempt_at=clock.now(),
    )


def plan_publication_deliver(*, number: str) -> bool:
    """Sends a published list to the register (the outbox's task): True when this call stored the receipt; False
    when there is nothing to send (not published, delivered already) or the register refused the list (kept as the
    plan's last error, shown to the customer and the authorized body). An outage raises `RegisterUnavailable`.

    The call is made outside any transaction (a row lock is not held over the network); two deliveries of one list
    at once get the same receipt from the register, and only the first stores and journals it."""
    plan = ProcurementPlan.objects.select_related("organization").filter(number=number).first()
    if plan is None or plan.status != ProcurementPlan.Status.PUBLISHED or _delivered(plan):
        return False
    key = plan.register_key or register_key(plan)
    try:
        answer = delivery.deliver(
            source=SOURCE, path=PATH, identifier=plan.number, key=key, payload=publication_payload(plan)
        )
    except delivery.SystemUnavailable as exc:
        _record_failure(plan, str(exc))
        raise RegisterUnavailable(
            _("The subsoil use register did not take list %(number)s: %(error)s")
            % {"number": plan.number, "error": str(exc)}
        ) from exc
    if isinstance(answer, delivery.Refusal):
        # The register refused what was sent: retrying the same list will not help; people must look.
        _record_failure(plan, answer.error)
        logger.error("The subsoil use register refused list %s: %s", plan.number, answer.error)
        return False
    return _store_receipt(plan.pk, key, answer)


@transaction.atomic
def _store_receipt(pk: int, key: str, receipt: delivery.Receipt) -> bool:
    plan = ProcurementPlan.objects.select_for_update().get(pk=pk)
    if _delivered(plan):
        return False
    plan.register_key = key
    plan.register_receipt = receipt.number
    plan.register_received_at = receipt.registered_at
    plan.register_sent_at = clock.now()
    plan.register_last_error = ""
    plan.save(
        update_fields=[
            "register_key",
            "register_receipt",
            "register_received_at",
            "register_sent_at",
            "register_last_error",
        ]
    )
    journal_append(
        actor=SYSTEM,
        subject_type=SUBJECT,
        subject_id=plan.number,
        action="sent_to_subsoil_register",
        payload={
            "receipt": plan.register_receipt,
            "registered_at": plan.register_received_at.isoformat(),
            "lines": receipt.data.get("lines"),
            "request_id": receipt.request_id,
            "idempotency_key": key,
        },
        provisions=["IP-47.5"],
    )
    return True


def plan_publications_resend() -> int:
    """The hourly safety net (`contracts-register-resend`): a published list still without its receipt whose delivery
    nothing owes any more (a worker that gave up or died) is owed again. Returns how many."""
    owed = {args[0] for args in outbox.pending_args(PUBLICATION_TASK) if args}
    numbers = [
        number
        for number in ProcurementPlan.objects.filter(
            status=ProcurementPlan.Status.PUBLISHED, register_receipt="", register_sent_at__isnull=True
        ).values_list("number", flat=True)
        if number not in owed
    ]
    if numbers:
        with transaction.atomic():
            for number in numbers:
                outbox.enqueue(PUBLICATION_TASK, number)
    return len(numbers)
