"""API of the fees area (AH-10.1.4-2): the schedule (public), a participant's statement, the Fund's overview,
and the Fund's bank integration recording payments and charging a period. Participants are named by BIN and
charges by their period, never by internal ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.astana_hub import participation
from nisi.astana_hub.models import FeePayment
from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.selectors import fees as selectors
from nisi.astana_hub.services import fees as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.identifiers import InvalidIdentifier, validate
from nisi.law import clock

router = Router(tags=["Astana Hub"])


class Problem(Schema):
    detail: str


class ScheduleOut(Schema):
    applies_from: dt.date
    period: str = Field(description="monthly, quarterly or annual")
    amount: Decimal
    due_days: int = Field(description="calendar days after the period's first day (then the next working day)")
    basis: str = Field(description="the clause of the Fund's operating rules (AH-10.1.4-2)")


@router.get("/fees/schedule", response=list[ScheduleOut], summary="The membership fee, every version (public)")
def schedule(request: HttpRequest) -> Any:
    return [
        {
            "applies_from": s.applies_from,
            "period": s.period,
            "amount": s.amount,
            "due_days": s.due_days,
            "basis": s.basis,
        }
        for s in selectors.schedules()
    ]


class LineOut(Schema):
    on: dt.date
    kind: str = Field(description="charge or payment")
    reference: str = Field(description="the period of a charge (2025-03), the payment order number of a payment")
    due_on: dt.date | None
    charged: Decimal
    paid: Decimal
    balance: Decimal = Field(description="after this line; positive: owed to the Fund, negative: a credit")


class StatementOut(Schema):
    identifier: str
    name: str
    period: str
    start: dt.date
    end: dt.date
    opening: Decimal
    charged: Decimal
    paid: Decimal
    closing: Decimal
    arrears: Decimal = Field(description="unpaid charges due before the end of the period")
    credit: Decimal
    lines: list[LineOut]


@router.get(
    "/fees/statements/{identifier}",
    auth=TokenAuth(),
    response={200: StatementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="A participant's statement of membership fees for a period (its own users, or the Fund)",
)
def statement(request: HttpRequest, identifier: str, period: str | None = None) -> Any:
    actor = actor_for(request.user)
    try:
        identifier = validate(identifier)
        wanted = rules.parse_period(period) if period else rules.period_containing("annual", clock.today())
    except (InvalidIdentifier, rules.PeriodError) as exc:
        return Status(422, {"detail": str(exc)})
    organization = selectors.organization_by_identifier(identifier)
    if organization is None:
        return Status(404, {"detail": "No organization with this BIN is known to the system."})
    if not selectors.may_see_statement(actor, organization):
        raise PermissionDenied("You can see the statement of your own organization only.")
    st = selectors.statement_for(actor, organization, wanted.start, wanted.end).statement
    return {
        "identifier": organization.identifier,
        "name": organization.name,
        "period": wanted.label,
        "start": st.start,
        "end": st.end,
        "opening": st.opening,
        "charged": st.charged,
        "paid": st.paid,
        "closing": st.closing,
        "arrears": st.arrears,
        "credit": st.credit,
        "lines": [line.__dict__ for line in st.lines],
    }


class OverviewOut(Schema):
    identifier: str
    name: str
    participant: bool = Field(description="an Astana Hub participant on the date")
    charged: Decimal
    paid: Decimal
    balance: Decimal
    arrears: Decimal


@router.get(
    "/fees/participants",
    auth=TokenAuth(),
    response={200: list[OverviewOut], 403: Problem},
    summary="Participants with their balances and arrears on a date, largest arrears first (the Fund)",
)
def participants(request: HttpRequest, on: dt.date | None = None, sort: str = "arrears") -> Any:
    actor = actor_for(request.user)
    if not selectors.sees_every_participant(actor):
        raise PermissionDenied("Membership fees of all participants are for the Astana Hub Fund's officers.")
    return [
        {
            "identifier": r.organization.identifier,
            "name": r.organization.name,
            "participant": r.participant,
            "charged": r.charged,
            "paid": r.paid,
            "balance": r.balance,
            "arrears": r.arrears,
        }
        for r in selectors.overview(actor, on or clock.today(), sort)
    ]


class PaymentIn(Schema):
    identifier: str = Field(description="BIN of the payer")
    amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)
    paid_on: dt.date
    payment_reference: str = Field(min_length=1, max_length=60, description="payment order number")


class PaymentOut(Schema):
    identifier: str
    payment_reference: str
    amount: Decimal
    paid_on: dt.date


@router.post(
    "/fees/payments",
    auth=TokenAuth(),
    response={201: PaymentOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record a payment of membership fees from the bank statement (the Fund)",
)
def payment_record(request: HttpRequest, payment: PaymentIn) -> Any:
    actor = actor_for(request.user)
    try:
        identifier = validate(payment.identifier)
    except InvalidIdentifier as exc:
        return Status(422, {"detail": str(exc)})
    organization = selectors.organization_by_identifier(identifier)
    if organization is None:
        if not selectors.may(actor, "record", FeePayment()):
            raise PermissionDenied("Payments of membership fees are recorded by the Fund's officers.")
        return Status(404, {"detail": "No organization with this BIN is known to the system."})
    try:
        recorded = services.fee_payment_record(
            actor=actor,
            organization=organization,
            amount=payment.amount,
            paid_on=payment.paid_on,
            payment_reference=payment.payment_reference,
            is_hub_participant=participation.is_hub_participant,
        )
    except services.FeeError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(
        201,
        {
            "identifier": organization.identifier,
            "payment_reference": recorded.payment_reference,
            "amount": recorded.amount,
            "paid_on": recorded.paid_on,
        },
    )


class ChargeOut(Schema):
    period: str
    charged: list[str] = Field(description="BINs charged now")
    already: list[str] = Field(description="BINs charged before: not charged twice")
    overlapping: list[str] = Field(description="BINs with a charge of another period covering part of this one")


@router.post(
    "/fees/charges/{period}",
    auth=TokenAuth(),
    response={200: ChargeOut, 403: Problem, 422: Problem},
    summary="Charge a period (2025-03, 2025-Q2, 2025) to every Astana Hub participant on its first day (idempotent)",
)
def charge_period(request: HttpRequest, period: str) -> Any:
    try:
        result = services.fees_charge_period(
            actor=actor_for(request.user), period=period, hub_participant_ids=participation.hub_participant_ids
        )
    except (services.FeeError, rules.PeriodError) as exc:
        return Status(422, {"detail": str(exc)})
    return {
        "period": result.period.label,
        "charged": result.charged,
        "already": result.already,
        "overlapping": result.overlapping,
    }
