"""API of the agreements with counter-obligations (IP-27), the pages' services and policies: the operator concludes
on a granted measure; the recipient reports a period's figures and asks what it would owe today; after the period
the refund, line by line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.incentives import facts
from nisi.incentives.api.applications import NUMBER as REQUEST_NUMBER_PATH
from nisi.incentives.models import CounterObligationAgreement, CounterObligationRefund
from nisi.incentives.rules.counter_obligations import CounterObligationError
from nisi.incentives.selectors import agreements as selectors
from nisi.incentives.selectors import applications as request_selectors
from nisi.incentives.services import agreements as services
from nisi.law import clock
from nisi.law.api_common import Problem, explain, path_code

router = Router(tags=["Incentives: agreements with counter-obligations"])
AGREEMENT_NUMBER = path_code(r"^CO-[0-9]{4}-[0-9]{6,19}$", "the agreement's number", "CO-2026-000001")
Money = Field(..., max_digits=18, decimal_places=2, description="tenge, to the tiyn")
Figure = Field(None, max_digits=20, decimal_places=2)


class SupportPaymentIn(Schema):
    paid_on: dt.date
    amount: Decimal = Money


class SupportPaymentOut(SupportPaymentIn):
    """A payment as answered (its own name: an answer's amount is a string, a request's may be a number)."""


class CounterObligationTargetsIn(Schema):
    period_start: dt.date = Field(description="the first day of one of the agreement's yearly periods")
    labour_productivity: Decimal | None = Figure
    export_output: Decimal | None = Figure
    domestic_market: Decimal | None = Figure


class CounterObligationAgreementIn(Schema):
    starts_on: dt.date
    ends_on: dt.date
    payments: list[SupportPaymentIn] = Field(..., min_length=1, max_length=services.MAX_PAYMENTS)
    targets: list[CounterObligationTargetsIn] = Field(..., min_length=1, max_length=50)


class CounterObligationReportIn(Schema):
    period_start: dt.date
    labour_productivity: Decimal | None = Figure
    export_output: Decimal | None = Figure
    domestic_market: Decimal | None = Figure


class CounterObligationLineOut(Schema):
    text: str
    provision: str | None = None
    parameter: str | None = None
    value: str | None = None
    effective_from: str | None = None
    reference: str | None = None


class CounterObligationRefundOut(Schema):
    period_start: dt.date
    period_end: dt.date
    provisional: bool = Field(description="true: what the recipient would owe today, before the period ends")
    counted_to: dt.date
    level: Decimal
    share: Decimal
    support: Decimal
    principal: Decimal
    interest: Decimal
    total: Decimal
    unconfirmed: bool = Field(description="a value used is not confirmed by the rules of IP-9.27")
    lines: list[CounterObligationLineOut] = Field(description="the computation line by line, in the reader's language")
    document: str | None = Field(None, description="the signed decision's verification token")


class CounterObligationPeriodOut(Schema):
    period_start: dt.date
    period_end: dt.date
    targets: dict[str, Decimal]
    actuals: dict[str, Decimal] | None
    level: Decimal | None
    report_due_on: dt.date | None
    refund_total: Decimal | None


class CounterObligationAgreementOut(Schema):
    number: str
    request: str
    recipient: str = Field(description="the recipient's BIN")
    operator: str = Field(description="the operator's BIN")
    concluded_on: dt.date
    starts_on: dt.date
    ends_on: dt.date
    status: str
    payments: list[SupportPaymentOut]
    periods: list[CounterObligationPeriodOut]
    document: str | None = Field(None, description="the signed agreement's verification token")


def agreement_out(a: CounterObligationAgreement) -> dict[str, Any]:
    return {
        "number": a.number,
        "request": a.request.number,
        "recipient": a.organization.identifier,
        "operator": a.operator.identifier,
        "concluded_on": a.concluded_on,
        "starts_on": a.starts_on,
        "ends_on": a.ends_on,
        "status": a.status,
        "payments": [{"paid_on": p.paid_on, "amount": p.amount} for p in a.payments.all()],
        "periods": [
            {
                "period_start": row.period.start,
                "period_end": row.period.end,
                "targets": {t.area: t.target for t in row.targets},
                "actuals": {k: Decimal(v) for k, v in row.report.actuals.items()} if row.report else None,
                "level": row.report.level if row.report else None,
                "report_due_on": row.due_on,
                "refund_total": row.refund.total if row.refund else None,
            }
            for row in selectors.period_rows(a, clock.today())
        ],
        "document": a.document.token if a.document else None,
    }


def stored_refund_out(r: CounterObligationRefund, language: str) -> dict[str, Any]:
    return {
        "period_start": r.period_start,
        "period_end": r.period_end,
        "provisional": False,
        "counted_to": r.period_end,
        **{k: getattr(r, k) for k in ("level", "share", "support", "principal", "interest", "total", "unconfirmed")},
        "lines": selectors.refund_lines(r, language),
        "document": r.document.token if r.document else None,
    }


def language_of(request: HttpRequest) -> str:
    return str(getattr(request, "LANGUAGE_CODE", "") or "ru")


def _agreement(request: HttpRequest, number: str) -> CounterObligationAgreement | None:
    found = selectors.agreement_by_number(number)
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return None
    return found


NOT_FOUND = _("No agreement with this number that you may see.")


@router.post(
    "/requests/{number}/agreement",
    auth=TokenAuth(),
    response={201: CounterObligationAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The operator concludes the agreement with counter-obligations on a granted measure (IP-27.1)",
    openapi_extra=explain(
        {
            403: "Only the operator of a granted measure concludes its agreement.",
            404: "No request with this number that you may see.",
            422: "A target is negative, zero or missing for a period, a period is not the agreement's, a payment falls "
            "after the agreement's end, or an agreement already exists.",
        }
    ),
)
def agreement_conclude(
    request: HttpRequest, body: CounterObligationAgreementIn, number: str = REQUEST_NUMBER_PATH
) -> Any:
    found = request_selectors.request_by_number(number)
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return Status(404, {"detail": _("No request with this number that you may see.")})
    targets = {
        t.period_start: {k: v for k, v in t.dict().items() if k != "period_start" and v is not None}
        for t in body.targets
    }
    try:
        created = services.agreement_conclude(
            actor=actor_for(request.user),
            request=found,
            starts_on=body.starts_on,
            ends_on=body.ends_on,
            payments=[(p.paid_on, p.amount) for p in body.payments],
            targets=targets,
        )
    except services.AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, agreement_out(created))


@router.get(
    "/agreements",
    auth=TokenAuth(),
    response=list[CounterObligationAgreementOut],
    summary="The agreements with counter-obligations the caller may see (a recipient: its own; an operator: its own)",
)
def agreements(request: HttpRequest) -> Any:
    return [agreement_out(a) for a in selectors.agreements_for(actor_for(request.user))[:100]]


class LateReportOut(Schema):
    agreement: str
    recipient: str
    period: str
    due_on: dt.date


@router.get(
    "/agreements-late-reports",
    auth=TokenAuth(),
    response=list[LateReportOut],
    summary="The reports past their term on the agreements the caller monitors (IP-27.1)",
)
def late_reports(request: HttpRequest) -> Any:
    late = selectors.late_reports_for(actor_for(request.user), clock.today())
    return [
        {
            "agreement": a.number,
            "recipient": a.organization.identifier,
            "period": d.params.get("period", ""),
            "due_on": d.due_on,
        }
        for a, d in late
    ]


@router.get(
    "/agreements/{number}",
    auth=TokenAuth(),
    response={200: CounterObligationAgreementOut, 404: Problem},
    summary="One agreement: the state's payments, each period's targets, report and refund",
    openapi_extra=explain({404: "No agreement with this number that you may see."}),
)
def agreement(request: HttpRequest, number: str = AGREEMENT_NUMBER) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    return agreement_out(found)


@router.post(
    "/agreements/{number}/reports",
    auth=TokenAuth(),
    response={201: CounterObligationAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The recipient reports the actual figures of one period, once (IP-27.1); the achieved level is computed",
    openapi_extra=explain(
        {
            403: "Only the recipient's own users report.",
            404: "No agreement with this number that you may see.",
            422: "The period is outside the agreement or has not started, it was reported already, or a figure is "
            "missing, negative or for an area without a target.",
        }
    ),
)
def report_submit(request: HttpRequest, body: CounterObligationReportIn, number: str = AGREEMENT_NUMBER) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    actuals = {k: v for k, v in body.dict().items() if k != "period_start" and v is not None}
    try:
        services.report_submit(
            actor=actor_for(request.user), agreement=found, period_start=body.period_start, actuals=actuals
        )
    except services.AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    found.refresh_from_db()
    return Status(201, agreement_out(found))


PERIOD_START = path_code(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "the period's first day", "2026-03-02")


@router.get(
    "/agreements/{number}/periods/{period_start}/estimate",
    auth=TokenAuth(),
    response={200: CounterObligationRefundOut, 403: Problem, 404: Problem, 422: Problem},
    summary="What you would owe today (IP-27.4, provisional): the refund the reported figures would produce now",
    openapi_extra=explain(
        {
            403: "Only the recipient asks what it would owe.",
            404: "No agreement with this number that you may see, or no report for this period.",
            422: "The period has ended (ask for the refund) or no support was paid in it so far.",
        }
    ),
)
def refund_estimate(request: HttpRequest, number: str = AGREEMENT_NUMBER, period_start: str = PERIOD_START) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    if "estimate" not in allowed_actions(actor_for(request.user), found):
        return Status(403, {"detail": _("Only the recipient's own users see what they would owe.")})
    try:
        start = dt.date.fromisoformat(period_start)
    except ValueError:
        return Status(404, {"detail": _("No period of this agreement starts on this day.")})
    report = found.reports.filter(period_start=start).first()
    if report is None:
        return Status(404, {"detail": _("The period has no report yet: report its figures first.")})
    try:
        explained = facts.refund_estimate_of(agreement=found, report=report, as_of=clock.today())
    except CounterObligationError as exc:
        return Status(422, {"detail": " ".join(exc.problems)})
    value = explained.value
    return {
        "period_start": value.period.start,
        "period_end": value.period.end,
        "provisional": True,
        "counted_to": value.counted_to,
        "level": value.level,
        "share": value.share,
        "support": value.support,
        "principal": value.principal,
        "interest": value.interest,
        "total": value.total,
        "unconfirmed": value.unconfirmed,
        "lines": explained.trace(),
        "document": None,
    }


@router.post(
    "/agreements/{number}/periods/{period_start}/refund",
    auth=TokenAuth(),
    response={201: CounterObligationRefundOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Determine the refund of a period after it ended (IP-27.4), stored and issued as a signed decision",
    openapi_extra=explain(
        {
            403: "Only the agreement's operator or the authorized body determines a refund.",
            404: "No agreement with this number that you may see.",
            422: "The period has not ended, is not the agreement's, has no report, or its refund was determined.",
        }
    ),
)
def refund_determine(request: HttpRequest, number: str = AGREEMENT_NUMBER, period_start: str = PERIOD_START) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": NOT_FOUND})
    try:
        start = dt.date.fromisoformat(period_start)
    except ValueError:
        return Status(422, {"detail": _("This is not one of the agreement's periods: choose one of its periods.")})
    try:
        refund = services.refund_determine(actor=actor_for(request.user), agreement=found, period_start=start)
    except services.AgreementError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, stored_refund_out(refund, language_of(request)))
