"""API of the assets area: the Fund's report by source (AH-10.1) and purpose (AH-10.5), and recording receipts
and uses from the Fund's accounting system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.astana_hub.selectors import assets as selectors
from nisi.astana_hub.services import assets as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.law import clock

router = Router(tags=["Astana Hub"])


class Problem(Schema):
    detail: str


class ReportOut(Schema):
    start: dt.date
    end: dt.date
    opening: Decimal
    receipts: dict[str, Decimal] = Field(description="by source of AH-10.1")
    uses: dict[str, Decimal] = Field(description="by purpose of AH-10.5")
    closing: Decimal


@router.get(
    "/assets/report",
    auth=TokenAuth(),
    response={200: ReportOut, 403: Problem, 422: Problem},
    summary="The Fund's assets for a period: receipts by source, uses by purpose, balances",
)
def report(request: HttpRequest, start: dt.date | None = None, end: dt.date | None = None) -> Any:
    actor = actor_for(request.user)
    if not selectors.may_view(actor):
        raise PermissionDenied("The Fund's accounts are for its officers, auditors and the informatization authority.")
    today = clock.today()
    start, end = start or dt.date(today.year, 1, 1), end or today
    if end < start:
        return Status(422, {"detail": "The period ends before it starts."})
    r = selectors.report(actor, start, end)
    return {
        "start": start,
        "end": end,
        "opening": r.opening,
        "receipts": r.receipts,
        "uses": r.uses,
        "closing": r.closing,
    }


class MovementIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    on: dt.date
    description: str = Field(min_length=1, max_length=500)
    document_reference: str = Field(min_length=1, max_length=100)


class ReceiptIn(MovementIn):
    source: str = Field(
        description="contribution, sales, investment_income or other (membership fees come as payments)"
    )
    counterparty_name: str = Field("", max_length=300)


class UseIn(MovementIn):
    purpose: str = Field(description="operations or project_financing")


class MovementOut(Schema):
    direction: str
    source: str
    purpose: str
    amount: Decimal
    on: dt.date
    document_reference: str


def _out(m: Any) -> dict[str, Any]:
    return {
        "direction": m.direction,
        "source": m.source,
        "purpose": m.purpose,
        "amount": m.amount,
        "on": m.on,
        "document_reference": m.document_reference,
    }


@router.post(
    "/assets/receipts",
    auth=TokenAuth(),
    response={201: MovementOut, 403: Problem, 422: Problem},
    summary="Record a receipt into the Fund's assets (AH-10.1)",
)
def receipt(request: HttpRequest, body: ReceiptIn) -> Any:
    try:
        m = services.asset_receipt_record(actor=actor_for(request.user), **body.dict())
    except services.AssetError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _out(m))


@router.post(
    "/assets/uses",
    auth=TokenAuth(),
    response={201: MovementOut, 403: Problem, 422: Problem},
    summary="Record a use of the Fund's assets (AH-10.5); never more than the balance on its date",
)
def use(request: HttpRequest, body: UseIn) -> Any:
    try:
        m = services.asset_use_record(actor=actor_for(request.user), **body.dict())
    except services.AssetError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _out(m))
