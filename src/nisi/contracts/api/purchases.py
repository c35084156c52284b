"""API of purchases and the domestic value of purchases (IP-47-1.3, IP-11.3): recording lines, the figure with its
explanation, and its inputs — the lines (amounts withheld where the price is the customer's commercial secret,
docs/adr/0021-domestic-value-of-purchases.md) and the register as it stood on each date — so that anyone who may see the
customer can recompute it. The same services and selectors as the pages; customers are named by BIN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import domestic_value, purchases_public
from nisi.contracts.selectors import purchases as selectors
from nisi.contracts.services import purchases as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, query_one_of, text

router = Router(tags=["Contracts: purchases and domestic value"])
NO_CUSTOMER = "No organization with this BIN is known to the system, or you may not see its purchases."
MAX_API_LINES = 100_000
MAX_FILE_BYTES = 200 * 1024 * 1024


class LineIn(Schema):
    supplier_bin: str = text(12, description="the supplier's BIN (12 digits)")
    product_code: str = text(10, description="HS or TN VED code: 6, 8 or 10 digits")
    quantity: str = text(20, description="more than zero, at most 3 decimal places")
    amount: str = text(20, description="tenge, more than zero, at most 2 decimal places")
    purchase_date: str = text(10, description="2026-03-01 or 01.03.2026, not in the future")
    contract_reference: str = text(100, description="the contract's number")
    price_confidential: bool = Field(False, description="the price is the customer's commercial secret")


class PurchaseLinesIn(Schema):
    lines: list[LineIn] = Field(..., min_length=1, max_length=MAX_API_LINES)
    skip_bad: bool = Field(False, description="record the good lines and list the bad ones, instead of nothing")


class LineProblem(Schema):
    line: int
    message: str


class RecordedOut(Schema):
    batch: int = Field(description="the batch's number")
    written: int
    skipped: int
    problems: list[LineProblem] = Field(description="the bad lines left out (at most 500 listed)")


class PurchaseImportProblems(Problem):
    """A `Problem` with every bad line of the upload, as the other imports answer."""

    problems: list[LineProblem] = Field(default_factory=list, description="every bad line, by its number")


def _customer(request: HttpRequest, identifier: str) -> tuple[Any, Organization | None]:
    actor = actor_for(request.user)
    customer = Organization.objects.filter(identifier=identifier).first()
    if customer is None or not (selectors.may_see(actor, customer) or selectors.may_import_for(actor, customer)):
        return actor, None
    return actor, customer


def _recorded(result: services.ImportResult) -> dict[str, Any]:
    return {
        "batch": result.batch.pk,
        "written": result.written,
        "skipped": result.skipped_count,
        "problems": [{"line": p.line, "message": p.message} for p in result.skipped],
    }


def _refused(exc: services.PurchaseImportError) -> Status:
    return Status(
        422,
        {"detail": str(exc), "errors": [], "problems": [{"line": p.line, "message": p.message} for p in exc.problems]},
    )


RECORD_STATUSES = {
    403: "Only the customer's own users, or an akimat for a systemic enterprise of its region (IP-11.3), record lines.",
    404: NO_CUSTOMER,
    422: "A line is bad: `problems` lists every bad line by its number, and nothing was recorded.",
}


def judged_line_out(row: Any, *, show: bool) -> dict[str, Any]:
    """A judged line as the API gives it; its amount and what it counted only where the reader may see them."""
    return {
        "line_number": row.line_number,
        "batch": row.batch_id,
        "supplier_bin": row.supplier_bin,
        "product_code": row.product_code,
        "quantity": row.quantity,
        "amount": row.amount if show else None,
        "purchase_date": row.purchase_date,
        "contract_reference": row.contract_reference,
        "price_confidential": row.price_confidential,
        "verdict": str(row.verdict),
        "share": row.share,
        "counted": row.counted if show else None,
    }


@router.post(
    "/purchases/{identifier}/lines",
    auth=TokenAuth(),
    response={201: RecordedOut, 403: Problem, 404: Problem, 422: PurchaseImportProblems},
    summary="Record a customer's purchase lines (the customer, or an akimat for its region's systemic enterprise)",
    openapi_extra=explain(RECORD_STATUSES),
)
def record_lines(request: HttpRequest, identifier: Identifier, body: PurchaseLinesIn) -> Any:
    actor, customer = _customer(request, identifier)
    if customer is None:
        return Status(
            404,
            {"detail": _("No organization with this BIN is known to the system, or you may not see its purchases.")},
        )
    lines = [{**line.dict(), "price_confidential": "yes" if line.price_confidential else "no"} for line in body.lines]
    try:
        result = services.purchases_record(actor=actor, customer=customer, lines=lines, skip_bad=body.skip_bad)
    except services.PurchaseImportError as exc:
        return _refused(exc)
    return Status(201, _recorded(result))


@router.post(
    "/purchases/{identifier}/file",
    auth=TokenAuth(),
    response={201: RecordedOut, 403: Problem, 404: Problem, 413: Problem, 422: PurchaseImportProblems},
    summary="Record a customer's purchase lines from a CSV file (columns: " + ", ".join(services.rules.COLUMNS) + ")",
    openapi_extra=explain({**RECORD_STATUSES, 413: "The file is larger than 200 MB; split it."}),
)
def record_file(
    request: HttpRequest, identifier: Identifier, file: UploadedFile = File(...), skip_bad: bool = Form(False)
) -> Any:
    actor, customer = _customer(request, identifier)
    if customer is None:
        return Status(
            404,
            {"detail": _("No organization with this BIN is known to the system, or you may not see its purchases.")},
        )
    if (file.size or 0) > MAX_FILE_BYTES:
        return Status(413, {"detail": _("The file is larger than 200 MB; split it into several files.")})
    try:
        result = services.purchases_import(
            actor=actor, customer=customer, content=file.read(), file_name=file.name or "", skip_bad=skip_bad
        )
    except services.PurchaseImportError as exc:
        return _refused(exc)
    return Status(201, _recorded(result))


class PartOut(Schema):
    verdict: str
    meaning: str
    lines: int
    amount: Decimal
    counted: Decimal = Field(description="the amount that counts as domestic value, unrounded")


class FigureOut(Schema):
    customer: str
    start: dt.date
    end: dt.date = Field(description="the last day of the period")
    lines: int
    total: Decimal = Field(description="all lines' amounts, tenge")
    counted: Decimal = Field(description="Σ amount × weight, tenge rounded to the tiyn")
    share: Decimal | None = Field(description="counted ÷ total × 100, per cent rounded half up to 0.01; null: no lines")
    parts: list[PartOut]
    confidential_lines: int = Field(description="lines whose price is the customer's commercial secret")
    confidential_amount: Decimal | None = Field(description="their amounts together; null where withheld from you")
    confidential_counted: Decimal | None
    method: str
    provisions: list[str]


def _period(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date] | str:
    today = clock.today()
    start = start or dt.date(today.year, 1, 1)
    end = end or dt.date(start.year, 12, 31)
    if end < start:
        return _("The period ends before it starts; give an end on or after the start.")
    if (end - start).days > 3660:
        return _("Give a period of at most ten years.")
    return start, end


METHOD = gettext_lazy(
    "A line counts as domestic value when its supplier was in the register of Kazakhstani commodity producers for "
    "the good (its HS subheading, the code's first six digits) on the purchase date — the register as it stood then; "
    "it counts with the weight of the good's share on its extract (share ÷ 100), or whole where the extract states "
    "none (IP-51-1.8). The share is Σ counted ÷ Σ amounts × 100 (IP-47-1.3, IP-61-1.3)."
)


@router.get(
    "/purchases/{identifier}/domestic-value",
    auth=TokenAuth(),
    response={200: FigureOut, 404: Problem, 422: Problem},
    summary="The domestic value of a customer's purchases in a period, with what it rests on",
    openapi_extra=explain({404: NO_CUSTOMER, 422: "The period ends before it starts, or is longer than ten years."}),
)
def figure(
    request: HttpRequest,
    identifier: Identifier,
    start: Day | None = Query(None, description="the first day; 1 January of this year if not given"),
    end: Day | None = Query(None, description="the last day; 31 December of the start's year if not given"),
) -> Any:
    actor, customer = _customer(request, identifier)
    if customer is None or not selectors.may_see(actor, customer):
        return Status(
            404,
            {"detail": _("No organization with this BIN is known to the system, or you may not see its purchases.")},
        )
    period = _period(start, end)
    if isinstance(period, str):
        return Status(422, {"detail": period})
    found = selectors.figure_for(customer, period[0], period[1] + dt.timedelta(days=1))
    visible = selectors.amounts_visible(actor, customer)
    return {
        "customer": customer.identifier,
        "start": period[0],
        "end": period[1],
        "lines": found.lines,
        "total": found.total,
        "counted": found.counted,
        "share": found.share,
        "parts": [
            {
                "verdict": str(v),
                "meaning": str(rules.VERDICT_TEXT[v]),
                "lines": p.lines,
                "amount": p.amount,
                "counted": p.counted,
            }
            for v, p in found.parts.items()
        ],
        "confidential_lines": found.confidential.lines,
        "confidential_amount": found.confidential.amount if visible else None,
        "confidential_counted": found.confidential.counted if visible else None,
        "method": str(METHOD),
        "provisions": ["IP-47-1.3", "IP-61-1.3", "IP-51-1.8", "IP-1.2"],
    }


class JudgedOut(Schema):
    line_number: int
    batch: int
    supplier_bin: str
    product_code: str
    quantity: Decimal
    amount: Decimal | None = Field(description="null where the price is the customer's secret and withheld from you")
    purchase_date: dt.date
    contract_reference: str
    price_confidential: bool
    verdict: str
    share: Decimal | None = Field(description="the good's share on its extract (per cent) for a counted line")
    counted: Decimal | None


class JudgedPage(Schema):
    page: int
    per_page: int
    lines: list[JudgedOut]


@router.get(
    "/purchases/{identifier}/domestic-value/lines",
    auth=TokenAuth(),
    response={200: JudgedPage, 404: Problem, 422: Problem},
    summary="The explanation: a customer's lines in the period, each with why it counted or did not (paged)",
    openapi_extra=explain({404: NO_CUSTOMER, 422: "The period ends before it starts, or is longer than ten years."}),
)
def judged(  # noqa: PLR0917 - the operation's query parameters, as ninja passes them
    request: HttpRequest,
    identifier: Identifier,
    start: Day | None = Query(None),
    end: Day | None = Query(None),
    verdict: str | None = query_one_of([v.value for v in Verdict], description="only the lines of this verdict"),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(100, ge=1, le=1000),
) -> Any:
    actor, customer = _customer(request, identifier)
    if customer is None or not selectors.may_see(actor, customer):
        return Status(
            404,
            {"detail": _("No organization with this BIN is known to the system, or you may not see its purchases.")},
        )
    period = _period(start, end)
    if isinstance(period, str):
        return Status(422, {"detail": period})
    visible = selectors.amounts_visible(actor, customer)
    rows = domestic_value.judged_lines(
        customer_id=customer.pk,
        start=period[0],
        end=period[1] + dt.timedelta(days=1),
        verdict=Verdict(verdict) if verdict else None,
        offset=(page - 1) * per_page,
        limit=per_page,
    )
    shown = [visible or not r.price_confidential for r in rows]
    return {
        "page": page,
        "per_page": per_page,
        "lines": [judged_line_out(r, show=show) for r, show in zip(rows, shown, strict=True)],
    }


class RegisterPeriodInputOut(Schema):
    included_from: dt.date
    included_to: dt.date | None = Field(description="the day of removal (exclusive); null: still in the register")


class RegisterGoodInputOut(Schema):
    hs_code: str
    tnved_code: str
    domestic_value_share: Decimal | None
    included_on: dt.date
    removed_on: dt.date | None


class SupplierOut(Schema):
    supplier_bin: str
    periods: list[RegisterPeriodInputOut]
    goods: list[RegisterGoodInputOut]


@router.get(
    "/purchases/{identifier}/domestic-value/register",
    auth=TokenAuth(),
    response={200: list[SupplierOut], 404: Problem, 422: Problem},
    summary="The register as it stood: the periods and goods of the suppliers of a customer's lines in the period",
    openapi_extra=explain({404: NO_CUSTOMER, 422: "The period ends before it starts, or is longer than ten years."}),
)
def register_inputs(  # noqa: PLR0917 - the operation's query parameters, as ninja passes them
    request: HttpRequest,
    identifier: Identifier,
    start: Day | None = Query(None),
    end: Day | None = Query(None),
    page: int = Query(1, ge=1, le=100_000),
    per_page: int = Query(500, ge=1, le=2000),
) -> Any:
    actor, customer = _customer(request, identifier)
    if customer is None or not selectors.may_see(actor, customer):
        return Status(
            404,
            {"detail": _("No organization with this BIN is known to the system, or you may not see its purchases.")},
        )
    period = _period(start, end)
    if isinstance(period, str):
        return Status(422, {"detail": period})
    bins = list(
        selectors.lines_for(actor, customer)
        .filter(purchase_date__gte=period[0], purchase_date__lte=period[1])
        .order_by("supplier_bin")
        .values_list("supplier_bin", flat=True)
        .distinct()[(page - 1) * per_page : page * per_page]
    )
    return purchases_public.register_inputs(bins)
