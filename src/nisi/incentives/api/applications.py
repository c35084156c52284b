"""API of the one-stop application (IP-25.8): apply once for several measures, read the decision on each with its
reasons, and the operators' assessment (IP-25.4) and decision — the pages' services and policies."""

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
from nisi.core.models import Organization
from nisi.incentives.api.catalogue import ConditionOut, FindingOut, condition_out, finding_out
from nisi.incentives.models import CRITERIA, Assessment, IncentiveApplication, Purpose, RequestedMeasure
from nisi.incentives.selectors import applications as selectors
from nisi.incentives.services import applications as services
from nisi.law.api_common import Identifier, Problem, explain, one_of, path_code, text

router = Router(tags=["Incentives: one-stop applications"])
APPLICATION_NUMBER = r"^IA-[0-9]{4}-[0-9]{6,19}$"
REQUEST_NUMBER = r"^IA-[0-9]{4}-[0-9]{6,19}-[0-9]{1,2}$"
CODE = r"^[-a-zA-Z0-9_]{1,40}$"
HS = r"^[0-9]{4,10}$"


class IncentiveApplicationIn(Schema):
    organization: Identifier = Field(description="the applying entity's BIN (the token's user's organization)")
    measures: list[str] = Field(..., min_length=1, max_length=services.MAX_MEASURES, description="measure codes")
    project: str = text(300, min_length=1)
    purpose: str = one_of(Purpose.values)
    hs_codes: list[str] = Field(..., min_length=1, max_length=services.MAX_GOODS, description="4 to 10 digits each")
    counter_obligations_accepted: bool
    productivity_costs: list[str] = Field(default_factory=list, max_length=4, description="IP-39.2's kinds")
    cluster_basis: str = Field("", max_length=40, description="competitive_selection or cluster_register (IP-40.1)")
    restructuring_forms: list[str] = Field(default_factory=list, max_length=6, description="IP-41.2's forms")
    amounts: dict[str, Decimal] = Field(
        default_factory=dict,
        max_length=14,
        description="measure code: the amount asked in tenge, required for a measure with a limited budget (its queue)",
    )


class RequestedMeasureOut(Schema):
    number: str
    measure: str
    measure_title: str
    operator: str = Field(description="the operator's BIN")
    status: str
    findings: list[FindingOut] = Field(description="why the nisi refused it (IP-25.6): provision, data, source")
    innovativeness: str
    competitiveness: str
    scale: str
    export_orientation: str
    labour_productivity: str
    reasons: str = Field(description="the operator's reasons for a refusal")
    decided_on: dt.date | None


class IncentiveApplicationOut(Schema):
    number: str
    organization: str
    applied_on: dt.date
    status: str
    project: str
    purpose: str
    hs_codes: list[str]
    conditions: list[ConditionOut]
    measures: list[RequestedMeasureOut]


def request_out(r: RequestedMeasure) -> dict[str, Any]:
    return {
        "number": r.number,
        "measure": r.measure.code,
        "measure_title": r.measure.title,
        "operator": r.operator.identifier,
        "status": r.status,
        "findings": [finding_out(f) for f in r.problems],
        **{c: getattr(r, c) for c in CRITERIA},
        "reasons": r.reasons,
        "decided_on": r.decided_on,
    }


def application_out(a: IncentiveApplication) -> dict[str, Any]:
    return {
        "number": a.number,
        "organization": a.organization.identifier,
        "applied_on": a.applied_on,
        "status": a.status,
        "project": a.project,
        "purpose": a.purpose,
        "hs_codes": a.hs_codes,
        "conditions": [condition_out(c) for c in a.conditions],
        "measures": [request_out(r) for r in a.measures.select_related("measure", "operator").order_by("number")],
    }


@router.post(
    "/applications",
    auth=TokenAuth(),
    response={201: IncentiveApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Apply once for one or several measures (IP-25.8); the nisi checks IP-25.5 and routes or refuses each",
    openapi_extra=explain(
        {
            403: "Only the entity's own users apply.",
            404: "No organization with this BIN is known.",
            422: "A measure is unknown or not open today, an HS code is not 4 to 10 digits, or a measure with a "
            "limited budget has no amount above zero to the tiyn.",
        }
    ),
)
def application_submit(request: HttpRequest, body: IncentiveApplicationIn) -> Any:
    organization = Organization.objects.filter(identifier=body.organization).first()
    if organization is None:
        return Status(404, {"detail": _("No organization with this BIN is known to the system.")})
    try:
        created = services.application_submit(
            actor=actor_for(request.user),
            organization=organization,
            measure_codes=body.measures,
            project=body.project,
            purpose=body.purpose,
            hs_codes=body.hs_codes,
            counter_obligations_accepted=body.counter_obligations_accepted,
            details={
                "productivity_costs": body.productivity_costs,
                "cluster_basis": body.cluster_basis,
                "restructuring_forms": body.restructuring_forms,
            },
            amounts={code: str(amount) for code, amount in body.amounts.items()},
        )
    except services.ApplicationError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, application_out(created))


@router.get(
    "/applications",
    auth=TokenAuth(),
    response=list[IncentiveApplicationOut],
    summary="The applications the caller may see (an entity: its own)",
)
def applications(request: HttpRequest) -> Any:
    return [application_out(a) for a in selectors.applications_for(actor_for(request.user))[:200]]


@router.get(
    "/applications/{number}",
    auth=TokenAuth(),
    response={200: IncentiveApplicationOut, 404: Problem},
    summary="One application with each condition and each measure's decision, with its reasons",
    openapi_extra=explain({404: "No application with this number that you may see."}),
)
def application(
    request: HttpRequest, number: str = path_code(APPLICATION_NUMBER, "the application's number", "IA-2026-000001")
) -> Any:
    found = selectors.application_by_number(number)
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return Status(404, {"detail": _("No application with this number that you may see.")})
    return application_out(found)


@router.get(
    "/requests",
    auth=TokenAuth(),
    response=list[RequestedMeasureOut],
    summary="The requested measures the caller may see (an operator: those routed to it)",
)
def requests(request: HttpRequest) -> Any:
    return [request_out(r) for r in selectors.requests_for(actor_for(request.user))[:500]]


def _request(request: HttpRequest, number: str) -> RequestedMeasure | None:
    found = selectors.request_by_number(number)
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return None
    return found


NUMBER = path_code(REQUEST_NUMBER, "the requested measure's number", "IA-2026-000001-1")
DECISION_STATUSES = explain(
    {
        403: "Only the measure's operator decides, while the request is with it.",
        404: "No request with this number that you may see.",
        422: "The request is already decided, a criterion is missing, or the reasons are empty.",
    }
)


class AssessmentIn(Schema):
    innovativeness: str = one_of(Assessment.values)
    competitiveness: str = one_of(Assessment.values)
    scale: str = one_of(Assessment.values)
    export_orientation: str = one_of(Assessment.values)
    labour_productivity: str = one_of(Assessment.values)


class DeclineIn(Schema):
    reasons: str = text(4000, min_length=1)


def _decide(request: HttpRequest, number: str, call: Any) -> Any:
    found = _request(request, number)
    if found is None:
        return Status(404, {"detail": _("No request with this number that you may see.")})
    try:
        done = call(actor_for(request.user), found)
    except services.ApplicationError as exc:
        return Status(422, {"detail": str(exc)})
    return request_out(done)


@router.post(
    "/requests/{number}/assess",
    auth=TokenAuth(),
    response={200: RequestedMeasureOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Record the operator's assessment of the five criteria of IP-25.4",
    openapi_extra=DECISION_STATUSES,
)
def request_assess(request: HttpRequest, body: AssessmentIn, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda a, r: services.request_assess(actor=a, request=r, **body.dict()))


@router.post(
    "/requests/{number}/grant",
    auth=TokenAuth(),
    response={200: RequestedMeasureOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The operator grants the measure (after assessing the criteria)",
    openapi_extra=DECISION_STATUSES,
)
def request_grant(request: HttpRequest, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda a, r: services.request_grant(actor=a, request=r))


@router.post(
    "/requests/{number}/decline",
    auth=TokenAuth(),
    response={200: RequestedMeasureOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The operator refuses the measure, with its reasons",
    openapi_extra=DECISION_STATUSES,
)
def request_decline(request: HttpRequest, body: DeclineIn, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda a, r: services.request_decline(actor=a, request=r, reasons=body.reasons))
