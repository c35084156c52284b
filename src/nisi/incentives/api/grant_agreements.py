"""API of the grant agreements (IP-42) and the grant account (IP-42.5): concluding an agreement with its
counter-obligations and tranches, paying a tranche, the monitoring reports (IP-42.4) and their assessment, the
budget funds received and the year closed on 31 December with its balance carried over — the pages' services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.financing.scheme import FinancingError
from nisi.incentives.api.grants import application_number, money
from nisi.incentives.models import GrantAccountYear, GrantAgreement
from nisi.incentives.rules.counter_obligations import Area
from nisi.incentives.selectors import grants as selectors
from nisi.incentives.services import grant_agreements as services
from nisi.law.api_common import Day, Problem, explain, one_of, path_code, text

router = Router(tags=["Incentives: industrial grants"])
NO_AGREEMENT = "No agreement with this number among those you may see."
ID = Path(..., ge=1, le=2**62, description="the record's id, as the agreement lists it")


def agreement_number() -> Any:
    return path_code(r"^IG-A-[0-9]{4}-[0-9]{5,19}$", "the agreement's number", "IG-A-2026-00001")


class GrantTrancheIn(Schema):
    planned_on: Day
    amount: Decimal = money()
    condition: str = text(300)


class GrantTargetIO(Schema):
    area: str = one_of([a.value for a in Area])
    year: int = Field(ge=2000, le=2100)
    target: Decimal = Field(ge=0, le=Decimal("9999999999999999.99"), max_digits=18, decimal_places=2)


class GrantTargetOut(GrantTargetIO):
    """A target as answered (its own name: an answer's figure is a string, a request's may be a number)."""


class GrantAgreementIn(Schema):
    signed_on: Day
    ends_on: Day
    tranches: list[GrantTrancheIn] = Field(..., min_length=1, max_length=24)
    counter_obligations: list[GrantTargetIO] = Field(..., min_length=1, max_length=30)


class GrantTrancheOut(Schema):
    id: int
    planned_on: dt.date
    amount: Decimal
    condition: str
    paid_on: dt.date | None


class GrantReportOut(Schema):
    id: int
    period_start: dt.date
    period_end: dt.date
    progress: str
    spent: Decimal
    assessment: str
    assessment_notes: str


class GrantAgreementOut(Schema):
    number: str
    application: str
    identifier: str
    status: str
    signed_on: dt.date
    ends_on: dt.date
    amount: Decimal
    own_contribution: Decimal
    counter_obligations: list[GrantTargetOut]
    tranches: list[GrantTrancheOut]
    reports: list[GrantReportOut]


class GrantPaymentIn(Schema):
    paid_on: Day
    document_reference: str = text(100, min_length=1)


class GrantReportIn(Schema):
    period_start: Day
    period_end: Day
    progress: str = text(20_000, min_length=1)
    spent: Decimal = Field(ge=0, le=Decimal("99999999999999.99"), max_digits=16, decimal_places=2)


class GrantAssessIn(Schema):
    assessment: str = one_of(["on_track", "at_risk", "breached"])
    notes: str = text(4000)


class GrantReceiptIn(Schema):
    amount: Decimal = money()
    received_on: Day
    document_reference: str = text(100, min_length=1)


class GrantAccountYearOut(Schema):
    institute: str
    year: int
    brought_forward: Decimal
    received: Decimal
    paid: Decimal
    balance: Decimal
    status: str
    carried_forward: Decimal | None
    closed_on: dt.date | None


def agreement_out(g: GrantAgreement) -> dict[str, Any]:
    return {
        "number": g.number,
        "application": g.application.number,
        "identifier": g.application.organization.identifier,
        "status": g.status,
        "signed_on": g.signed_on,
        "ends_on": g.ends_on,
        "amount": g.amount,
        "own_contribution": g.own_contribution,
        "counter_obligations": g.counter_obligations,
        "tranches": [
            {"id": t.pk, "planned_on": t.planned_on, "amount": t.amount, "condition": t.condition, "paid_on": t.paid_on}
            for t in g.tranches.all()
        ],
        "reports": [
            {
                "id": r.pk,
                "period_start": r.period_start,
                "period_end": r.period_end,
                "progress": r.progress,
                "spent": r.spent,
                "assessment": r.assessment,
                "assessment_notes": r.assessment_notes,
            }
            for r in g.reports.all()
        ],
    }


def account_out(a: GrantAccountYear) -> dict[str, Any]:
    return {
        "institute": a.institute.identifier,
        "year": a.year,
        "brought_forward": a.brought_forward,
        "received": a.received,
        "paid": a.paid,
        "balance": a.balance,
        "status": a.status,
        "carried_forward": a.carried_forward,
        "closed_on": a.closed_on,
    }


@router.post(
    "/grants/applications/{number}/agreement",
    auth=TokenAuth(),
    response={201: GrantAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record the grant agreement: tranches and the counter-obligations' yearly targets (IP-42.1, IP-27.3)",
    openapi_extra=explain(
        {
            403: "Only the development institute concludes agreements, on approved applications.",
            404: "No application with this number among those you may see.",
            422: "The tranches do not sum to the approved amount, a date is outside the term, a target is outside "
            "the agreement's years, or an agreement exists already; `detail` gives every reason.",
        }
    ),
)
def agreement_conclude(request: HttpRequest, payload: GrantAgreementIn, number: str = application_number()) -> Any:
    actor = actor_for(request.user)
    found = selectors.applications_for(actor).filter(number=number).first()
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    try:
        agreement = services.agreement_conclude(
            actor=actor,
            application=found,
            signed_on=payload.signed_on,
            ends_on=payload.ends_on,
            tranches=[(t.planned_on, t.amount, t.condition) for t in payload.tranches],
            counter_obligations=[t.dict() for t in payload.counter_obligations],
        )
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, agreement_out(agreement))


def _agreement(request: HttpRequest, number: str) -> GrantAgreement | None:
    found: GrantAgreement | None = selectors.agreements_for(actor_for(request.user)).filter(number=number).first()
    return found


@router.get(
    "/grants/agreements/{number}",
    auth=TokenAuth(),
    response={200: GrantAgreementOut, 404: Problem},
    summary="A grant agreement: counter-obligations, tranches and monitoring reports",
    openapi_extra=explain({404: NO_AGREEMENT}),
)
def agreement(request: HttpRequest, number: str = agreement_number()) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    return agreement_out(found)


AGREEMENT_STATUSES = explain(
    {
        403: "The step is not yours on this agreement, or not in its state.",
        404: NO_AGREEMENT + " Or no such tranche or report on it.",
        422: "The step is refused; `detail` says why.",
    }
)


def _on_agreement(request: HttpRequest, number: str, act: Any) -> Any:
    found = _agreement(request, number)
    if found is None:
        return Status(404, {"detail": _("No such agreement among those you can see.")})
    try:
        act(actor_for(request.user), found)
    except LookupError:
        return Status(404, {"detail": _("No such record on this agreement.")})
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    found.refresh_from_db()
    return agreement_out(found)


@router.post(
    "/grants/agreements/{number}/tranches/{pk}/payment",
    auth=TokenAuth(),
    response={200: GrantAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Pay a tranche from the grant account (IP-42.5): in order, none while the obligations stand breached",
    openapi_extra=AGREEMENT_STATUSES,
)
def tranche_pay(request: HttpRequest, payload: GrantPaymentIn, number: str = agreement_number(), pk: int = ID) -> Any:
    def act(actor: Any, found: GrantAgreement) -> Any:
        tranche = found.tranches.filter(pk=pk).first()
        if tranche is None:
            raise LookupError(pk)
        return services.tranche_release(actor=actor, tranche=tranche, **payload.dict())

    return _on_agreement(request, number, act)


@router.post(
    "/grants/agreements/{number}/reports",
    auth=TokenAuth(),
    response={200: GrantAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Report on the project's planned results for a period (IP-42.4; the recipient)",
    openapi_extra=AGREEMENT_STATUSES,
)
def report_submit(request: HttpRequest, payload: GrantReportIn, number: str = agreement_number()) -> Any:
    return _on_agreement(
        request, number, lambda actor, found: services.report_submit(actor=actor, agreement=found, **payload.dict())
    )


@router.post(
    "/grants/agreements/{number}/reports/{pk}/assessment",
    auth=TokenAuth(),
    response={200: GrantAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The institute's assessment of a report: on track, at risk, or obligations breached",
    openapi_extra=AGREEMENT_STATUSES,
)
def report_assess(request: HttpRequest, payload: GrantAssessIn, number: str = agreement_number(), pk: int = ID) -> Any:
    def act(actor: Any, found: GrantAgreement) -> Any:
        report = found.reports.filter(pk=pk).first()
        if report is None:
            raise LookupError(pk)
        return services.report_assess(actor=actor, report=report, **payload.dict())

    return _on_agreement(request, number, act)


@router.get(
    "/grants/account",
    auth=TokenAuth(),
    response=list[GrantAccountYearOut],
    summary="The grant account's years (IP-42.5): brought forward, received, paid, carried over",
)
def account(request: HttpRequest) -> Any:
    return [account_out(a) for a in selectors.accounts_for(actor_for(request.user))[:200]]


@router.post(
    "/grants/account/receipts",
    auth=TokenAuth(),
    response={200: GrantAccountYearOut, 403: Problem, 422: Problem},
    summary="Record budget funds received on the grant account (the development institute)",
    openapi_extra=explain(
        {
            403: "Only the development institute's officers record the account's funds.",
            422: "The amount, date or document is wrong, or the year is closed.",
        }
    ),
)
def account_receive(request: HttpRequest, payload: GrantReceiptIn) -> Any:
    actor = actor_for(request.user)
    institute = selectors.institute_of(actor)
    if institute is None:
        return Status(403, {"detail": _("Budget funds are recorded by the development institute's officers.")})
    try:
        year = services.account_receive(actor=actor, institute=institute, **payload.dict())
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return account_out(year)


@router.post(
    "/grants/account/{year}/close",
    auth=TokenAuth(),
    response={200: GrantAccountYearOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Close a financial year on 31 December and carry its balance into the next (IP-42.5)",
    openapi_extra=explain(
        {
            403: "Only the development institute closes a year of its account, once.",
            404: "The institute's account has no such year.",
            422: "The year has not ended yet (31 December), or the next year is already closed.",
        }
    ),
)
def account_close(request: HttpRequest, year: int = Path(..., ge=2000, le=2100)) -> Any:
    actor = actor_for(request.user)
    institute = selectors.institute_of(actor)
    found = selectors.accounts_for(actor).filter(institute=institute, year=year).first() if institute else None
    if found is None:
        return Status(404, {"detail": _("The grant account has no such year.")})
    try:
        closed = services.account_year_close(actor=actor, account=found)
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return account_out(closed)
