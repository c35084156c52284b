"""Receipts into and uses of the Fund's assets (AH-10.1, AH-10.5).

One place of truth: a membership fee payment (AH-10.1.4-2) is recorded once, by the fees area, and appears here as
its receipt (`fee_payment`); it cannot be entered here a second time. A project tranche is a use for the financing
of projects (AH-10.2-1, AH-10.5) recorded by the financing area through `asset_use_record`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import connection, transaction
from django.utils.translation import gettext as _

from nisi.astana_hub.models import AssetMovement, AssetSource
from nisi.astana_hub.rules import assets as rules
from nisi.core.authz import Actor, require
from nisi.core.models import Organization
from nisi.core.services.journal import journal_append
from nisi.law import clock, provisions
from nisi.law.money import tenge

if TYPE_CHECKING:
    from nisi.astana_hub.models import FeePayment, FinancingTranche

SUBJECT = "asset_movement"
_LOCK_KEY = 710_105  # AH-10.5: one writer of uses at a time (PostgreSQL advisory lock)


class AssetError(ValueError):
    """A movement that cannot be recorded; the message says what to do instead."""


def _amount(amount: Decimal) -> Decimal:
    value = Decimal(amount)
    if not value.is_finite() or value <= 0:
        raise AssetError(_("Enter an amount greater than zero."))
    if value != tenge(value):
        raise AssetError(_("Enter the amount in tenge with at most two decimal places (tiyn)."))
    return tenge(value)


def _check_date(on: dt.date) -> None:
    if on > clock.today():
        raise AssetError(_("The date cannot be in the future: record money when it has actually moved."))


def _text(value: str, what: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise AssetError(_("Enter the %(what)s.") % {"what": what})
    if len(value) > limit:
        raise AssetError(_("The %(what)s is at most %(limit)s characters.") % {"what": what, "limit": limit})
    return value


def _serialize_uses() -> None:
    """Two uses recorded at once must not both pass the balance check: on PostgreSQL they queue on a transaction
    lock; SQLite already lets one writer in at a time."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _journal(actor: Actor, movement: AssetMovement, action: str, provision: str) -> None:
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=str(movement.pk),
        action=action,
        payload={
            "amount": str(movement.amount),
            "on": movement.on.isoformat(),
            "source": movement.source,
            "purpose": movement.purpose,
            "document_reference": movement.document_reference,
            "fee_payment": movement.fee_payment_id,
            "tranche": movement.tranche_id,
        },
        provisions=[provision],
    )


def movements_as_rules() -> list[rules.Movement]:
    """Every movement as the rules see it (the balance rule needs all of them, not a page)."""
    rows = AssetMovement.objects.values_list("on", "amount", "direction", "source", "purpose")
    return [
        rules.Movement(on=on, amount=amount, receipt=direction == AssetMovement.Direction.RECEIPT, source=s, purpose=p)
        for on, amount, direction, s, p in rows
    ]


@transaction.atomic
def asset_receipt_record(
    *,
    actor: Actor,
    amount: Decimal,
    on: dt.date,
    source: str,
    description: str,
    document_reference: str,
    counterparty: Organization | None = None,
    counterparty_name: str = "",
) -> AssetMovement:
    """A receipt into the Fund's assets from one of the sources of AH-10.1."""
    require(actor, AssetMovement(direction=AssetMovement.Direction.RECEIPT), "record")
    if source not in AssetSource.values:
        raise AssetError(_("Choose one of the sources of AH-10.1."))
    if source == AssetSource.MEMBERSHIP_FEES:
        raise AssetError(
            _(
                "Membership fees are recorded as the participant's payment on the fees pages; the receipt then "
                "appears here by itself (recording it here too would count it twice)."
            )
        )
    value = _amount(amount)
    _check_date(on)
    try:  # an excluded source applied until its exclusion took effect (AH-10.1.2, AH-10.1.4-1)
        provisions.require_in_force(rules.SOURCE_PROVISION[source], on)
    except provisions.NotInForce as exc:
        raise AssetError(str(exc)) from exc
    movement = AssetMovement.objects.create(
        direction=AssetMovement.Direction.RECEIPT,
        source=source,
        amount=value,
        on=on,
        counterparty=counterparty,
        counterparty_name=(counterparty.name if counterparty else counterparty_name.strip())[:300],
        description=_text(description, _("description"), 500),
        document_reference=_text(document_reference, _("accounting document reference"), 100),
        recorded_at=clock.now(),
        recorded_by_label=actor.label,
    )
    _journal(actor, movement, "receipt_recorded", rules.SOURCE_PROVISION[source])
    return movement


@transaction.atomic
def asset_fee_receipt_record(*, actor: Actor, payment: FeePayment) -> AssetMovement:
    """The receipt of a membership fee payment (AH-10.1.4-2), recorded with the payment in its transaction."""
    movement = AssetMovement.objects.create(
        direction=AssetMovement.Direction.RECEIPT,
        source=AssetSource.MEMBERSHIP_FEES,
        amount=payment.amount,
        on=payment.paid_on,
        counterparty=payment.organization,
        counterparty_name=payment.organization.name[:300],
        description=(_("Membership fees, payment order %(reference)s") % {"reference": payment.payment_reference})[
            :500
        ],
        document_reference=payment.payment_reference,
        fee_payment=payment,
        recorded_at=clock.now(),
        recorded_by_label=actor.label,
    )
    _journal(actor, movement, "receipt_recorded", "AH-10.1.4-2")
    return movement


@transaction.atomic
def asset_use_record(
    *,
    actor: Actor,
    amount: Decimal,
    on: dt.date,
    purpose: str,
    description: str,
    document_reference: str,
    tranche: FinancingTranche | None = None,
) -> AssetMovement:
    """A use of the Fund's assets for a purpose of AH-10.5; never more than the Fund has on that date.

    The financing area records each paid project tranche through this function (`tranche`, purpose
    `project_financing`, AH-10.2-1); a tranche is used once. Raises `AssetError` with a message for the user.
    """
    require(actor, AssetMovement(direction=AssetMovement.Direction.USE), "record")
    if purpose not in AssetMovement.Purpose.values:
        raise AssetError(_("Choose a purpose of AH-10.5: the cluster's activities, or financing of projects."))
    if tranche is not None:
        if purpose != AssetMovement.Purpose.PROJECT_FINANCING:
            raise AssetError(_("A project tranche is a use for the financing of projects (AH-10.5)."))
        if AssetMovement.objects.filter(tranche=tranche).exists():
            raise AssetError(_("This tranche has already been recorded as a use of the Fund's assets."))
    value = _amount(amount)
    _check_date(on)
    description = _text(description, _("description"), 500)
    document_reference = _text(document_reference, _("accounting document reference"), 100)
    _serialize_uses()
    available = rules.available_for_use(movements_as_rules(), on)
    if value > available:
        raise AssetError(
            _(
                "The Fund's assets available on %(on)s are %(available)s tenge, less than %(amount)s tenge "
                "(AH-10.5: the Fund uses the assets it has). Record the receipts first, or use a smaller amount."
            )
            % {"on": on.strftime("%d.%m.%Y"), "available": available, "amount": value}
        )
    counterparty = None
    if tranche is not None:
        counterparty = tranche.agreement.application.organization
    movement = AssetMovement.objects.create(
        direction=AssetMovement.Direction.USE,
        purpose=purpose,
        amount=value,
        on=on,
        counterparty=counterparty,
        counterparty_name=counterparty.name[:300] if counterparty else "",
        description=description,
        document_reference=document_reference,
        tranche=tranche,
        recorded_at=clock.now(),
        recorded_by_label=actor.label,
    )
    _journal(actor, movement, "use_recorded", rules.PURPOSE_PROVISION[purpose])
    return movement
