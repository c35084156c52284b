"""API of project financing (AH-10.2-1): the published calls (public), and for innovation cluster actors' systems,
applying and following an application; the Fund assigns independent experts, who declare and score (AH-4.5) on the
core's expert endpoints (`nisi.core.financing.api`). Calls and applications are named by their numbers,
organizations by BIN."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.astana_hub.models import FinancingApplication, FinancingCall
from nisi.astana_hub.selectors import financing as selectors
from nisi.astana_hub.services import financing as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.financing import api as financing_api
from nisi.core.financing.api import ExpertApi, expert_endpoints, expert_schemas
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code, text

router = Router(tags=["Astana Hub"])
NO_CALL = "No call with this number is published."


def _call_number() -> Any:
    return path_code(r"^AH-C-[0-9]{4}-[0-9]{5,19}$", "the call's number", "AH-C-2025-00001")


def _application_number() -> Any:
    return path_code(r"^AH-P-[0-9]{4}-[0-9]{5,19}$", "the application's number", "AH-P-2025-00001")


class CriterionOut(Schema):
    code: str
    title: str
    weight: Decimal
    max_score: int


class CallOut(Schema):
    number: str
    title: str
    description: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    budget: Decimal
    max_per_project: Decimal
    pass_score: Decimal
    experts_per_application: int
    criteria: list[CriterionOut]


class ApplicationIn(Schema):
    identifier: Identifier = Field(description="the BIN of the organization applying, one the token's user acts for")
    project_title: str = text(300, min_length=1)
    project_summary: str = text(20_000, min_length=1, description="the project's aims, activities and results")
    requested_amount: Decimal = Field(gt=0, le=Decimal("99999999999999.99"), max_digits=16, decimal_places=2)
    project_starts_on: Day
    project_ends_on: Day


class ApplicationOut(Schema):
    number: str
    call: str
    identifier: str
    project_title: str
    requested_amount: Decimal
    submitted_on: dt.date
    status: str
    average_score: Decimal | None
    approved_amount: Decimal | None
    decided_on: dt.date | None
    decision_reasons: str


EXPERT_SCHEMAS = expert_schemas("Financing", __name__)


def _call(c: FinancingCall) -> dict[str, Any]:
    return financing_api.call_out(c)


def _application(a: FinancingApplication) -> dict[str, Any]:
    return financing_api.application_out(a, project_title=a.project_title)


@router.get("/financing/calls", response=list[CallOut], summary="Calls for project financing (AH-10.2-1)")
def calls(request: HttpRequest) -> Any:
    """The published calls, at most 200."""
    return [_call(c) for c in selectors.calls_for(actor_for(request.user)).prefetch_related("criteria")[:200]]


@router.get(
    "/financing/calls/{number}",
    response={200: CallOut, 404: Problem},
    summary="A call for financing",
    openapi_extra=explain({404: NO_CALL}),
)
def call(request: HttpRequest, number: str = _call_number()) -> Any:
    found = selectors.calls_for(actor_for(request.user)).filter(number=number).first()
    if found is None:
        return Status(404, {"detail": _("No such call among the published ones.")})
    return _call(found)


@router.post(
    "/financing/calls/{number}/applications",
    auth=TokenAuth(),
    response={201: ApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Apply for the financing of a project (innovation cluster actors, AH-10.2-1)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for an organization with this BIN, or may not apply.",
            404: NO_CALL,
            422: "The application is refused (the call is not open, the amount is over its ceiling, the "
            "organization is not an innovation cluster actor, the project was applied for already); `detail` "
            "gives every reason.",
        }
    ),
)
def apply(request: HttpRequest, payload: ApplicationIn, number: str = _call_number()) -> Any:
    actor = actor_for(request.user)
    return financing_api.application_submitted(
        actor,
        selectors.calls_for(actor).filter(number=number).first(),
        payload,
        submit=services.application_submit,
        out=_application,
        errors=services.FinancingError,
        missing=_("No such call among the published ones."),
    )


@router.get(
    "/financing/applications/{number}",
    auth=TokenAuth(),
    response={200: ApplicationOut, 404: Problem},
    summary="An application for financing: status, score, decision and its reasons",
    openapi_extra=explain({404: "No application with this number among those the token's user can see."}),
)
def application(
    request: HttpRequest,
    number: str = _application_number(),
) -> Any:
    found = selectors.applications_for(actor_for(request.user)).filter(number=number).first()
    return financing_api.application_found(found, _application)


expert_endpoints(
    router,
    ExpertApi(
        panel=services.PANEL,
        applications_for=selectors.applications_for,
        assignments_for=selectors.assignments_for,
        prefix="/financing",
        application_number=_application_number,
        assignment_id=Path(..., ge=1, le=2**62, description="the assignment's id"),
        assign_in=EXPERT_SCHEMAS.assign_in,
        assignment_out=EXPERT_SCHEMAS.assignment_out,
        declaration_in=EXPERT_SCHEMAS.declaration_in,
        scores_in=EXPERT_SCHEMAS.scores_in,
        module=__name__,
        assign_summary="Assign an independent expert to the application (AH-4.5; never one from the applicant)",
        assign_refused="Only the Fund's officers assign experts, while the application is assessed.",
        score_summary="The expert scores every published criterion, with reasons (AH-4.5)",
        no_application="No application with this number among those the token's user can see.",
    ),
    auth=TokenAuth(),
)
