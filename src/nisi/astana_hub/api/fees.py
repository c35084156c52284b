"""API of the fees area (AH-10.1.4-2): the schedule (public), a participant's statement, the Fund's overview,
and the Fund's bank integration recording payments and charging a period. Participants are named by BIN and
charges by their period, never by internal ids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
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
from nisi.law.api_common import Day, Identifier, Problem, explain, text

router = Router(tags=["Astana Hub"])
PERIOD = r"^[0-9]{4}(-([0-9]{2}|[Qq][1-4]))?$"
PERIOD_DESCRIPTION = "a month (2025-03), a quarter (2025-Q2) or a year (2025), from 2000 to 2100"
NO_ORGANIZATION = "No organization with this BIN is known to the system."


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
    openapi_extra=explain(
        {
            403: "The token's user may see its own organization's statement only.",
            404: NO_ORGANIZATION,
            422: "The BIN's check digit does not match, or the period is not one (e.g. a month 13).",
        }
    ),
)
def statement(
    request: HttpRequest,
    identifier: Identifier,
    period: str | None = Query(None, pattern=PERIOD, description=f"{PERIOD_DESCRIPTION}; this year if not given"),
) -> Any:
    actor = actor_for(request.user)
    try:
        identifier = validate(identifier)
        wanted = rules.parse_period(period) if period else rules.period_containing("annual", clock.today())
    except (InvalidIdentifier, rules.PeriodError) as exc:
        return Status(422, {"detail": str(exc)})
    organization = selectors.organization_by_identifier(identifier)
    if organization is None:
        return Status(404, {"detail": _("No organization with this BIN is known to the system.")})
    if not selectors.may_see_statement(actor, organization):
        raise PermissionDenied(_("You can see the statement of your own organization only."))
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
    openapi_extra=explain({403: "Membership fees of all participants are for the Astana Hub Fund's officers."}),
)
def participants(
    request: HttpRequest,
    on: Day | None = Query(None, description="today if not given"),
    sort: Literal["arrears", "balance", "name"] = Query("arrears", description="largest first, or by name"),
) -> Any:
    actor = actor_for(request.user)
    if not selectors.sees_every_participant(actor):
        raise PermissionDenied(_("Membership fees of all participants are for the Astana Hub Fund's officers."))
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
    identifier: Identifier = Field(description="BIN of the payer")
    amount: Decimal = Field(gt=0, le=Decimal("999999999999.99"), max_digits=14, decimal_places=2)
    paid_on: Day
    payment_reference: str = text(60, min_length=1, description="payment order number")


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
    openapi_extra=explain(
        {
            403: "Payments are recorded by the Fund's officers.",
            404: NO_ORGANIZATION,
            422: "The BIN's check digit does not match, or the payment is refused (dated in the future, recorded "
            "already, from an organization that was never a participant); `detail` says why.",
        }
    ),
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
            raise PermissionDenied(_("Payments of membership fees are recorded by the Fund's officers."))
        return Status(404, {"detail": _("No organization with this BIN is known to the system.")})
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
    openapi_extra=explain(
        {
            403: "Periods are charged by the Fund's officers.",
            422: "The period is not one, is not of the fee's kind, or has no fee schedule; `detail` says why.",
        }
    ),
)
def charge_period(request: HttpRequest, period: str = Path(..., pattern=PERIOD, description=PERIOD_DESCRIPTION)) -> Any:
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
