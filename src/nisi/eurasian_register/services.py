"""Every write of the exchanges with the Eurasian Economic Commission (IP-9.37, 9.38).

`exchange_prepare` computes the change set of the register's goods since the last acknowledged exchange, writes it
as an exchange document of the current format version and owes its delivery through the core outbox, all in one
transaction. `exchange_deliver` (the outbox's task) sends it through the gateway with its idempotency key by the
shared `nisi.verification.delivery` (ADR 24): an outage raises and the outbox tries again later (1, 2, 4 … 60
minutes), a worker retries, and the daily `exchange_daily` owes again whatever nothing owes any more — an outage
delays an exchange and never loses it. The Commission's receipt is stored under a lock and journalled once; only
then are the goods it carried recorded as held, so the next change set starts from what the Commission
acknowledged. One exchange is on its way at a time (a database constraint says so too)."""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from nisi.core import outbox
from nisi.core.authz import SYSTEM, Actor, require
from nisi.core.services.journal import journal_append
from nisi.eurasian_register import exchange_format, rules
from nisi.eurasian_register.messages import SUBJECT
from nisi.eurasian_register.models import Exchange, ExchangedGood
from nisi.eurasian_register.selectors import held_goods, pending_changes
from nisi.law import clock, provisions
from nisi.verification import delivery

logger = logging.getLogger(__name__)

SOURCE = "eaeu_industrial_register"
PATH = f"/api/v1/{SOURCE}/exchanges"
SEND_TASK = "nisi.eurasian_register.exchange_send"
PROVISIONS = ["IP-9.37", "IP-9.38"]


class ExchangeError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class CommissionUnavailable(delivery.SystemUnavailable):
    """The Commission's system did not take the exchange: it is tried again."""


def _in_flight() -> Exchange | None:
    return Exchange.objects.filter(status=Exchange.Status.PREPARED).first()


@transaction.atomic
def exchange_prepare(*, actor: Actor) -> Exchange:
    """The register's changes since the last acknowledged exchange, as one exchange owed to the Commission
    (IP-9.37). Refused while another is on its way, or when nothing changed."""
    require(actor, Exchange(), "prepare")
    today = clock.today()
    try:
        provisions.require_in_force("IP-9.37", today)
    except provisions.NotInForce as exc:
        raise ExchangeError(str(exc)) from None
    waiting = _in_flight()
    if waiting is not None:
        raise ExchangeError(
            _(
                "Exchange %(number)s is still awaiting the Commission's receipt: the next one is prepared once it "
                "is acknowledged, with every change made meanwhile."
            )
            % {"number": waiting.number}
        )
    changes = pending_changes()
    if not changes:
        raise ExchangeError(_("Nothing in the register changed since the last acknowledged exchange: nothing to send."))
    last = Exchange.objects.filter(status=Exchange.Status.ACKNOWLEDGED).order_by("-sequence").first()
    now = clock.now()
    try:
        with transaction.atomic():
            exchange = Exchange.objects.create(
                number=f"new-{uuid.uuid4().hex[:16]}",
                sequence=(last.sequence if last else 0) + 1,
                format_version=exchange_format.VERSION,
                document={},
                includes=sum(c.operation == rules.INCLUDE for c in changes),
                changes=sum(c.operation == rules.CHANGE for c in changes),
                removals=sum(c.operation == rules.REMOVE for c in changes),
                idempotency_key="",
                prepared_at=now,
                prepared_by=actor.label[:200],
            )
    except IntegrityError:
        raise ExchangeError(_("Another exchange was prepared at the same moment: look at the list.")) from None
    exchange.number = f"EAEU-{today.year}-{exchange.pk:06d}"
    exchange.idempotency_key = delivery.idempotency_key("eaeu-industrial-register", exchange.number)
    exchange.document = exchange_format.document(
        number=exchange.number,
        sequence=exchange.sequence,
        previous_receipt=last.receipt if last else None,
        prepared_at=now,
        changes=[c.as_dict() for c in changes],
    )
    exchange.save(update_fields=["number", "idempotency_key", "document"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=exchange.number,
        action="prepared",
        payload={
            "sequence": exchange.sequence,
            "version": exchange.format_version,
            "includes": exchange.includes,
            "changes": exchange.changes,
            "removals": exchange.removals,
        },
        provisions=PROVISIONS,
    )
    outbox.enqueue(SEND_TASK, exchange.number)
    return exchange


def _record_failure(exchange: Exchange, error: str) -> None:
    Exchange.objects.filter(pk=exchange.pk).update(
        attempts=exchange.attempts + 1, last_error=error[:500], last_attempt_at=clock.now()
    )


def exchange_deliver(*, number: str) -> bool:
    """Sends a prepared exchange to the Commission (the outbox's task): True when this call stored the receipt;
    False when there is nothing to send (acknowledged or refused already) or the Commission refused it (kept, with
    its reason, for the authorized body). An outage raises `CommissionUnavailable`. The call is made outside any
    transaction; two deliveries at once get the same receipt, and only the first stores it."""
    exchange = Exchange.objects.filter(number=number).first()
    if exchange is None or exchange.status != Exchange.Status.PREPARED:
        return False
    try:
        answer = delivery.deliver(
            source=SOURCE,
            path=PATH,
            identifier=exchange.number,
            key=exchange.idempotency_key,
            payload=exchange.document,
        )
    except delivery.SystemUnavailable as exc:
        _record_failure(exchange, str(exc))
        raise CommissionUnavailable(
            _("The Eurasian register did not take exchange %(number)s: %(error)s")
            % {"number": exchange.number, "error": str(exc)}
        ) from exc
    if isinstance(answer, delivery.Refusal):
        _refused(exchange.pk, answer)
        return False
    return _acknowledged(exchange.pk, answer)


@transaction.atomic
def _refused(pk: int, refusal: delivery.Refusal) -> None:
    exchange = Exchange.objects.select_for_update().get(pk=pk)
    if exchange.status != Exchange.Status.PREPARED:
        return
    exchange.status = Exchange.Status.REFUSED
    exchange.attempts += 1
    exchange.last_attempt_at = clock.now()
    exchange.last_error = refusal.error[:500]
    exchange.save(update_fields=["status", "attempts", "last_attempt_at", "last_error"])
    logger.error("The Eurasian register refused exchange %s: %s", exchange.number, refusal.error)
    journal_append(
        actor=SYSTEM,
        subject_type=SUBJECT,
        subject_id=exchange.number,
        action="refused",
        payload={"status_code": refusal.status_code, "error": refusal.error[:500]},
        provisions=PROVISIONS,
    )


@transaction.atomic
def _acknowledged(pk: int, receipt: delivery.Receipt) -> bool:
    exchange = Exchange.objects.select_for_update().get(pk=pk)
    if exchange.status != Exchange.Status.PREPARED:
        return False
    exchange.status = Exchange.Status.ACKNOWLEDGED
    exchange.receipt = receipt.number
    exchange.registered_at = receipt.registered_at
    exchange.acknowledged_at = clock.now()
    exchange.attempts += 1
    exchange.last_attempt_at = exchange.acknowledged_at
    exchange.last_error = ""
    exchange.save(
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
    for change in exchange.document["changes"]:
        good = change.get("good") or {}
        ExchangedGood.objects.update_or_create(
            key=change["key"],
            defaults={
                "fingerprint": exchange_format.fingerprint(good) if good else "",
                "present": change["operation"] != rules.REMOVE,
                "good": good,
                "exchange": exchange,
            },
        )
    journal_append(
        actor=SYSTEM,
        subject_type=SUBJECT,
        subject_id=exchange.number,
        action="acknowledged",
        payload={
            "receipt": exchange.receipt,
            "registered_at": exchange.registered_at.isoformat() if exchange.registered_at else None,
            "request_id": receipt.request_id,
            "idempotency_key": exchange.idempotency_key,
            "held": len(held_goods()),
        },
        provisions=PROVISIONS,
    )
    return True


def exchanges_resend() -> int:
    """The safety net: an exchange still awaiting its receipt whose delivery nothing owes any more (a worker that
    gave up or died) is owed again. Returns how many."""
    owed = {args[0] for args in outbox.pending_args(SEND_TASK) if args}
    numbers = [
        n
        for n in Exchange.objects.filter(status=Exchange.Status.PREPARED).values_list("number", flat=True)
        if n not in owed
    ]
    if numbers:
        with transaction.atomic():
            for number in numbers:
                outbox.enqueue(SEND_TASK, number)
    return len(numbers)


def exchange_daily() -> dict[str, Any]:
    """Every day (the beat): owes again what nothing owes, and prepares the day's changes when no exchange is on its
    way (the system acting for the authorized body)."""
    resent = exchanges_resend()
    prepared = None
    if _in_flight() is None and pending_changes():
        prepared = exchange_prepare(actor=SYSTEM).number
    return {"resent": resent, "prepared": prepared}
