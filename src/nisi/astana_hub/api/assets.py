"""API of the assets area: the Fund's report by source (AH-10.1) and purpose (AH-10.5), and recording receipts
and uses from the Fund's accounting system."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.astana_hub.models import AssetSource
from nisi.astana_hub.selectors import assets as selectors
from nisi.astana_hub.services import assets as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.law import clock
from nisi.law.api_common import Day, Problem, explain, text

router = Router(tags=["Astana Hub"])
NOT_AN_ACCOUNTANT = "Movements of the Fund's assets are recorded by the Fund's officers."
REFUSED = (
    "The movement is refused (dated in the future, a use beyond the balance on its date, membership fees recorded "
    "as a receipt); `detail` says why."
)


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
    openapi_extra=explain(
        {
            403: "The Fund's accounts are for its officers, auditors and the informatization authority.",
            422: "The period ends before it starts.",
        }
    ),
)
def report(
    request: HttpRequest,
    start: Day | None = Query(None, description="the first day; the 1st of January of this year if not given"),
    end: Day | None = Query(None, description="the last day; today if not given"),
) -> Any:
    actor = actor_for(request.user)
    if not selectors.may_view(actor):
        raise PermissionDenied(
            _("The Fund's accounts are for its officers, auditors and the informatization authority.")
        )
    today = clock.today()
    start, end = start or dt.date(today.year, 1, 1), end or today
    if end < start:
        return Status(422, {"detail": _("The period ends before it starts.")})
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
    amount: Decimal = Field(gt=0, le=Decimal("99999999999999.99"), max_digits=16, decimal_places=2)
    on: Day
    description: str = text(500, min_length=1)
    document_reference: str = text(100, min_length=1, description="the accounting document")


class ReceiptIn(MovementIn):
    source: AssetSource = Field(
        description="the source of AH-10.1; membership_fees is refused: fees are recorded as payments (/fees/payments)"
    )
    counterparty_name: str = text(300, default="")


class UseIn(MovementIn):
    purpose: Literal["operations", "project_financing"] = Field(description="the purpose of AH-10.5")


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
    openapi_extra=explain({403: NOT_AN_ACCOUNTANT, 422: REFUSED}),
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
    openapi_extra=explain({403: NOT_AN_ACCOUNTANT, 422: REFUSED}),
)
def use(request: HttpRequest, body: UseIn) -> Any:
    try:
        m = services.asset_use_record(actor=actor_for(request.user), **body.dict())
    except services.AssetError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _out(m))
