"""API of a grant recipient's yearly results against its counter-obligations (IP-42.1, IP-27): the years with their
targets, reports and refunds; a year's actual figures, as JSON or a CSV/XLSX file; what the recipient would owe
today; the refund of a year after it ended, issued as a signed decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.incentives import grant_facts
from nisi.incentives.api.agreements import CounterObligationRefundOut, Figure, language_of
from nisi.incentives.api.grant_agreements import agreement_number
from nisi.incentives.models import GrantAgreement, GrantRefund
from nisi.incentives.rules.counter_obligations import CounterObligationError
from nisi.incentives.selectors import grant_results as selectors
from nisi.incentives.selectors import grants as grant_selectors
from nisi.incentives.services import grant_results as services
from nisi.incentives.services.agreements import AgreementError
from nisi.law import clock
from nisi.law.api_common import Problem, explain

router = Router(tags=["Incentives: industrial grants"])
MAX_FILE_BYTES = 1_000_000
YEAR = Path(..., ge=2000, le=2100, description="a year of the agreement")


class GrantResultsIn(Schema):
    year: int = Field(..., ge=2000, le=2100, description="the agreement's year the figures are for")
    labour_productivity: Decimal | None = Figure
    export_output: Decimal | None = Figure
    domestic_market: Decimal | None = Figure


class GrantResultYearOut(Schema):
    year: int
    period_start: dt.date
    period_end: dt.date
    targets: dict[str, Decimal]
    actuals: dict[str, Decimal] | None
    level: Decimal | None = Field(description="the achieved level (IP-27.4), a share: 0.8000 is 80 %")
    support: Decimal = Field(description="the grant paid and counted in this year so far, tenge")
    refund_total: Decimal | None
    refund_document: str | None = Field(None, description="the signed refund decision's verification token")


class GrantResultsImportProblems(Problem):
    problems: list[str] = Field(
        default_factory=list,
        description="each bad line of the file, by its number, with what to do (none for a bad request)",
    )


def _rows(agreement: GrantAgreement) -> list[dict[str, Any]]:
    return [
        {
            "year": row.year,
            "period_start": row.period.start,
            "period_end": row.period.end,
            "targets": {t.area: t.target for t in row.targets},
            "actuals": {k: Decimal(v) for k, v in row.report.actuals.items()} if row.report else None,
            "level": row.report.level if row.report else None,
            "support": row.support,
            "refund_total": row.refund.total if row.refund else None,
            "refund_document": row.refund.document.token if row.refund and row.refund.document else None,
        }
        for row in selectors.result_rows(agreement, clock.today())
    ]


def _year_out(agreement: GrantAgreement, year: int) -> dict[str, Any]:
    return next(r for r in _rows(agreement) if r["year"] == year)


def _agreement(request: HttpRequest, number: str) -> GrantAgreement | None:
    found: GrantAgreement | None = grant_selectors.agreements_for(actor_for(request.user)).filter(number=number).first()
    return found


NOT_FOUND = "No grant agreement with this number among those you may see."


@router.get(
    "/grants/agreements/{number}/results",
    auth=TokenAuth(),
    response={200: list[GrantResultYearOut], 404: Problem},
    summary="A grant agreement's years: targets, the recipient's actual figures, achieved level and refund",
    openapi_extra=explain({404: NOT_FOUND}),
)
def results(request: HttpRequest, number: str = agreement_number()) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    return _rows(found)


@router.post(
    "/grants/agreements/{number}/results",
    auth=TokenAuth(),
    response={201: GrantResultYearOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Report a year's actual figures against the counter-obligations (IP-42.1, IP-27.3; the recipient)",
    openapi_extra=explain(
        {
            403: "Only the recipient's users report, while the agreement is in force.",
            404: NOT_FOUND,
            422: "The year is outside the agreement or has not started, it was reported already, or a figure is "
            "missing, negative or for an area without a target that year; nothing is written.",
        }
    ),
)
def results_submit(request: HttpRequest, payload: GrantResultsIn, number: str = agreement_number()) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    actuals = {k: v for k, v in payload.dict().items() if k != "year" and v is not None}
    try:
        services.results_submit(actor=actor_for(request.user), agreement=found, year=payload.year, actuals=actuals)
    except AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _year_out(found, payload.year))


@router.post(
    "/grants/agreements/{number}/results/file",
    auth=TokenAuth(),
    response={201: list[GrantResultYearOut], 403: Problem, 404: Problem, 413: Problem, 422: GrantResultsImportProblems},
    summary="Report actual figures from a CSV or XLSX file with the columns year, area, actual (the recipient)",
    openapi_extra=explain(
        {
            403: "Only the recipient's users report, while the agreement is in force.",
            404: NOT_FOUND,
            413: "The file is larger than 1 MB.",
            422: "A line is bad; `problems` names every one by its number and nothing is written.",
        }
    ),
)
def results_file(request: HttpRequest, number: str = agreement_number(), file: UploadedFile = File(...)) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    if (file.size or 0) > MAX_FILE_BYTES:
        return Status(413, {"detail": _("The file must be smaller than 1 MB.")})
    try:
        services.results_import(
            actor=actor_for(request.user), agreement=found, content=file.read(), name=file.name or ""
        )
    except AgreementError as exc:
        return Status(422, {"detail": _("The file was not imported: nothing was stored."), "problems": exc.problems})
    return Status(201, _rows(found))


def _period(found: GrantAgreement, year: int) -> Any:
    return grant_facts.period_of_year(found, year)


@router.get(
    "/grants/agreements/{number}/results/{year}/estimate",
    auth=TokenAuth(),
    response={200: CounterObligationRefundOut, 403: Problem, 404: Problem, 422: Problem},
    summary="What you would owe today (IP-27.4, provisional): the refund a year's reported figures would produce now",
    openapi_extra=explain(
        {
            403: "Only the recipient asks what it would owe, while the agreement is in force.",
            404: NOT_FOUND + " Or the year is not the agreement's, or has no report yet.",
            422: "The year has ended (ask for the refund) or no part of the grant was paid in it so far.",
        }
    ),
)
def estimate(request: HttpRequest, number: str = agreement_number(), year: int = YEAR) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    if "estimate" not in allowed_actions(actor_for(request.user), found):
        return Status(403, {"detail": _("Only the recipient's own users see what they would owe.")})
    period = _period(found, year)
    report = found.result_reports.filter(period_start=period.start).first() if period else None
    if report is None:
        return Status(404, {"detail": _("The year has no report yet: report its figures first.")})
    try:
        explained = grant_facts.refund_estimate_of(agreement=found, report=report, as_of=clock.today())
    except CounterObligationError as exc:
        return Status(422, {"detail": " ".join(exc.problems)})
    value = explained.value
    return {
        "period_start": value.period.start,
        "period_end": value.period.end,
        "provisional": True,
        "counted_to": value.counted_to,
        **{k: getattr(value, k) for k in ("level", "share", "support", "principal", "interest", "total")},
        "unconfirmed": value.unconfirmed,
        "lines": explained.trace(),
        "document": None,
    }


def refund_out(r: GrantRefund, language: str) -> dict[str, Any]:
    return {
        "period_start": r.period_start,
        "period_end": r.period_end,
        "provisional": False,
        "counted_to": r.period_end,
        **{k: getattr(r, k) for k in ("level", "share", "support", "principal", "interest", "total", "unconfirmed")},
        "lines": r.trace.get(language) or r.trace.get("ru") or [],
        "document": r.document.token if r.document else None,
    }


@router.post(
    "/grants/agreements/{number}/results/{year}/refund",
    auth=TokenAuth(),
    response={201: CounterObligationRefundOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Determine the refund of a year after it ended (IP-42.1, IP-27.4), issued as a signed decision",
    openapi_extra=explain(
        {
            403: "Only the development institute determines a grant's refund.",
            404: NOT_FOUND + " Or the year is not the agreement's.",
            422: "The year has not ended, has no report, nothing was paid in it, or its refund was determined.",
        }
    ),
)
def refund_determine(request: HttpRequest, number: str = agreement_number(), year: int = YEAR) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    period = _period(found, year)
    if period is None:
        return Status(404, {"detail": _("This is not one of the agreement's years: choose one of its periods.")})
    try:
        refund = services.refund_determine(actor=actor_for(request.user), agreement=found, period_start=period.start)
    except AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, refund_out(refund, language_of(request)))
