"""Industrial assembly agreements through the API (/api/v1/assembly/): the same services and policies as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.assembly import rules, selectors, services
from nisi.assembly.models import Agreement
from nisi.core.api_auth import TokenAuth
from nisi.core.api_steps import found_or_404, not_found, record_step, refused
from nisi.core.authz import actor_for, allowed_actions
from nisi.law import clock
from nisi.law.api_common import Identifier, Problem, explain

router = Router(tags=["Industrial assembly agreements"])
NUMBER = Path(..., pattern=r"^IA-[0-9]{4}-[0-9]{5}$", description="the agreement's number, e.g. IA-2026-00001")
CategoryName = Literal[
    "passenger_car",
    "truck_tractor",
    "bus",
    "special_equipment",
    "truck",
    "other_vehicle",
    "agricultural_major",
    "agricultural_other",
    "vehicle_components",
    "agricultural_components",
]
OperationName = Literal["welding", "painting", "cataphoresis", "body_assembly", "cutting", "bending", "assembly"]
HS = Field(..., pattern=r"^[0-9]{4,10}$", description="FEA CN (HS) code")


class AssemblyFactsIn(Schema):
    operations: list[OperationName] = Field(default_factory=list, max_length=7)
    brands: dict[str, int] = Field(default_factory=dict, description="brand: number of models", max_length=20)
    capacity: int | None = Field(None, ge=0, le=10_000_000, description="two-shift capacity, units a year")
    assets: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=2, description="production assets, tenge")
    equipment: bool = True
    painting_in_design: bool = True

    def facts(self) -> rules.Facts:
        return rules.Facts(
            operations=frozenset(self.operations),
            brands=dict(self.brands),
            capacity=self.capacity,
            assets=self.assets,
            equipment=self.equipment,
            painting_in_design=self.painting_in_design,
        )


class AssemblyConcludeIn(AssemblyFactsIn):
    organization: Identifier
    category: CategoryName
    hs_codes: list[str] = Field(..., min_length=1, max_length=services.MAX_CODES)
    parent: str | None = Field(None, pattern=r"^IA-[0-9]{4}-[0-9]{5}$", description="multilateral: within (IP-63.3)")
    parties: list[Identifier] = Field(default_factory=list, max_length=20)


class AssemblyCheckIn(AssemblyFactsIn):
    obligations_met: bool
    note: str = Field("", max_length=4000)


class AssemblyReasonsIn(Schema):
    reasons: str = Field(..., min_length=1, max_length=4000)


class AssemblyBenefitIn(Schema):
    hs_code: str = HS
    period_start: dt.date
    period_end: dt.date
    kind: str = Field(..., min_length=1, max_length=200)
    amount: Decimal = Field(..., gt=0, max_digits=18, decimal_places=2, description="tenge")


class AssemblyRecallIn(Schema):
    started_on: dt.date
    models_affected: str = Field(..., min_length=1, max_length=300)
    units: int = Field(..., ge=1, le=10_000_000)
    defect: str = Field(..., min_length=1, max_length=4000)
    remedy: str = Field(..., min_length=1, max_length=4000)
    buyers_notified: int = Field(0, ge=0, le=10_000_000)


class AssemblyAgreementOut(Schema):
    number: str
    organization: str
    category: str
    hs_codes: list[str]
    concluded_on: dt.date
    status: str
    parent: str | None
    cure_ends_on: dt.date | None
    terminated_on: dt.date | None
    reimbursement_total: Decimal | None
    reimbursement_lines: list[str]
    actions: list[str]


class AssemblyAccessOut(Schema):
    required: bool
    granted: bool
    agreement: str | None
    reasons: list[str]


class AssemblyAccessQuery(Schema):
    bin: Identifier
    hs_code: str = HS
    on: dt.date | None = None


def _out(agreement: Agreement, request: HttpRequest) -> dict[str, Any]:
    notice = selectors.open_notice(agreement)
    language = (getattr(request, "LANGUAGE_CODE", "") or "en")[:2]
    trace = agreement.reimbursement_trace.get(language) or agreement.reimbursement_trace.get("en", [])
    return {
        "number": agreement.number,
        "organization": agreement.organization.identifier,
        "category": agreement.category,
        "hs_codes": agreement.hs_codes,
        "concluded_on": agreement.concluded_on,
        "status": agreement.status,
        "parent": agreement.parent.number if agreement.parent else None,
        "cure_ends_on": notice.cure_ends_on if notice else None,
        "terminated_on": agreement.terminated_on,
        "reimbursement_total": agreement.reimbursement_total,
        "reimbursement_lines": [line["text"] for line in trace],
        "actions": sorted(allowed_actions(actor_for(request.user), agreement)),
    }


def _missing() -> str:
    return _("No agreement with this number that you may see.")


@router.get(
    "/agreements", auth=TokenAuth(), response=list[AssemblyAgreementOut], summary="Agreements the caller may see"
)
def agreements(request: HttpRequest) -> Any:
    return [_out(a, request) for a in selectors.agreements_for(actor_for(request.user)).order_by("number")[:1000]]


@router.post(
    "/agreements",
    auth=TokenAuth(),
    response={201: AssemblyAgreementOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Conclude an industrial assembly agreement on its standard form (the authorized body; IP-62.1, IP-63.3)",
    openapi_extra=explain(
        {
            403: "Only the authorized body concludes agreements.",
            404: "No agreement with the parent's number that you may see.",
            422: "An unknown BIN or code, a code of another category, a condition of IP-63.2 / IP-64 not met, or a "
            "multilateral agreement the law does not allow (IP-63.3).",
        }
    ),
)
def agreement_conclude(request: HttpRequest, body: AssemblyConcludeIn) -> Any:
    actor = actor_for(request.user)
    parent = None
    if body.parent:
        parent = selectors.agreement_by_number(actor, body.parent)
        if parent is None:
            return not_found(_missing())
    try:
        created = services.agreement_conclude(
            actor=actor,
            organization=body.organization,
            category=body.category,
            hs_codes=body.hs_codes,
            facts=body.facts(),
            parent=parent,
            parties=body.parties,
        )
    except services.AssemblyError as exc:
        return refused(exc)
    return Status(201, _out(created, request))


@router.get(
    "/agreements/{number}",
    auth=TokenAuth(),
    response={200: AssemblyAgreementOut, 404: Problem},
    summary="An agreement, with the benefits to reimburse once terminated",
    openapi_extra=explain({404: "No agreement with this number that you may see."}),
)
def agreement(request: HttpRequest, number: str = NUMBER) -> Any:
    found = selectors.agreement_by_number(actor_for(request.user), number)
    return found_or_404(found, _missing(), lambda a: _out(a, request))


DECIDED = explain(
    {
        403: "Only the authorized body decides on an agreement; the entity records its recall campaigns.",
        404: "No agreement with this number that you may see.",
        422: "The agreement is not in a state this step starts from, the term has not ended, or the input is refused.",
    }
)
DECIDED_RESPONSES: dict[int, Any] = {200: AssemblyAgreementOut, 403: Problem, 404: Problem, 422: Problem}


def _decide(request: HttpRequest, number: str, call: Any) -> Any:
    return record_step(
        request,
        find=lambda actor: selectors.agreement_by_number(actor, number),
        missing=_missing(),
        act=call,
        answer=lambda a: _out(a, request),
        error=services.AssemblyError,
    )


@router.post(
    "/agreements/{number}/check",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Record a check of the conditions and obligations (IP-62.3)",
)
def agreement_check(request: HttpRequest, body: AssemblyCheckIn, number: str = NUMBER) -> Any:
    return _decide(
        request,
        number,
        lambda actor, a: services.agreement_check(
            actor=actor, agreement=a, facts=body.facts(), obligations_met=body.obligations_met, note=body.note
        ),
    )


@router.post(
    "/agreements/{number}/notify",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Notify violations: three months to eliminate them (IP-62.4)",
)
def agreement_notify(request: HttpRequest, body: AssemblyReasonsIn, number: str = NUMBER) -> Any:
    return _decide(
        request, number, lambda actor, a: services.agreement_notify(actor=actor, agreement=a, violations=body.reasons)
    )


@router.post(
    "/agreements/{number}/cure",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Record the violations eliminated (IP-62.4)",
)
def agreement_cure(request: HttpRequest, body: AssemblyReasonsIn, number: str = NUMBER) -> Any:
    return _decide(
        request, number, lambda actor, a: services.agreement_cure(actor=actor, agreement=a, note=body.reasons)
    )


@router.post(
    "/agreements/{number}/terminate",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Terminate unilaterally after the three months; the benefits to reimburse (IP-62.4, IP-62.6)",
)
def agreement_terminate(request: HttpRequest, body: AssemblyReasonsIn, number: str = NUMBER) -> Any:
    return _decide(
        request, number, lambda actor, a: services.agreement_terminate(actor=actor, agreement=a, reasons=body.reasons)
    )


@router.post(
    "/agreements/{number}/benefits",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Record a benefit granted for a code and period (IP-62.6)",
)
def benefit_record(request: HttpRequest, body: AssemblyBenefitIn, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda actor, a: services.benefit_record(actor=actor, agreement=a, **body.dict()))


@router.post(
    "/agreements/{number}/recalls",
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
    openapi_extra=DECIDED,
    summary="Record a recall campaign (the manufacturer; IP-62.5)",
)
def recall_record(request: HttpRequest, body: AssemblyRecallIn, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda actor, a: services.recall_record(actor=actor, agreement=a, **body.dict()))


@router.get(
    "/access",
    auth=TokenAuth(),
    response=AssemblyAccessOut,
    summary="Whether an executed agreement opens contracts aimed at industrial development for a code (IP-63.4)",
)
def access(request: HttpRequest, q: Query[AssemblyAccessQuery]) -> Any:
    result = selectors.development_contract_access(
        organization_identifier=q.bin, hs_code=q.hs_code, on=q.on or clock.today()
    )
    return {
        "required": result.required,
        "granted": result.granted,
        "agreement": result.agreement,
        "reasons": list(result.reasons),
    }
