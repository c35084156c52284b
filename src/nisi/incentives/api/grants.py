"""API of the industrial grants (IP-42), the pages' services and policies: the published calls (public); for the
development institute, making and opening calls, assigning experts and deciding; for the entities' systems,
applying with co-financing; for experts, the declaration and the scores. Agreements and the grant account are in
`grant_agreements.py`. Calls and applications are named by their numbers, organizations by BIN."""

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
from nisi.core.financing import api as financing_api
from nisi.core.financing.api import CallStepsApi, ExpertApi, call_step_endpoints, expert_endpoints
from nisi.core.financing.rules import Criterion
from nisi.core.financing.scheme import FinancingError
from nisi.incentives.models import GrantApplication, GrantCall
from nisi.incentives.selectors import grants as selectors
from nisi.incentives.services import grants as services
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code, text

router = Router(tags=["Incentives: industrial grants"])


def money(description: str = "") -> Any:
    """A positive amount of tenge to the tiyn."""
    top = Decimal("99999999999999.99")
    return Field(gt=0, le=top, max_digits=16, decimal_places=2, description=description or None)


CALL_NUMBER = r"^IG-C-[0-9]{4}-[0-9]{5,19}$"
APPLICATION_NUMBER = r"^IG-P-[0-9]{4}-[0-9]{5,19}$"
NO_CALL = "No call with this number that you may see."
NO_APPLICATION = "No application with this number among those you may see."
ASSIGNMENT_ID = Path(..., ge=1, le=2**62, description="the assignment's id")


def call_number() -> Any:
    return path_code(CALL_NUMBER, "the call's number", "IG-C-2026-00001")


def application_number() -> Any:
    return path_code(APPLICATION_NUMBER, "the application's number", "IG-P-2026-00001")


class GrantCriterionIO(Schema):
    code: str = Field(..., pattern=r"^[a-z0-9_-]{1,40}$")
    title: str = text(300, min_length=1)
    weight: Decimal = Field(gt=0, le=100, max_digits=5, decimal_places=2, description="share of the total, %")
    max_score: int = Field(10, ge=1, le=100)


class GrantCriterionOut(GrantCriterionIO):
    """A criterion as answered (its own name: an answer's weight is a string, a request's may be a number)."""


class GrantCallIn(Schema):
    title: str = text(300, min_length=1)
    description: str = text(20_000)
    opens_on: Day
    closes_on: Day
    budget: Decimal = money()
    max_per_project: Decimal = money()
    pass_score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    experts_per_application: int = Field(3, ge=1, le=9)
    criteria: list[GrantCriterionIO] = Field(..., min_length=1, max_length=10, description="weights sum to 100")


class GrantCallOut(Schema):
    number: str
    institute: str = Field(description="the development institute's BIN")
    title: str
    description: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    budget: Decimal
    max_per_project: Decimal
    own_share_min: Decimal = Field(description="the least own co-financing share of the project's cost (IP-42.2)")
    pass_score: Decimal
    experts_per_application: int
    criteria: list[GrantCriterionOut]


class GrantApplicationIn(Schema):
    identifier: Identifier = Field(description="the BIN of the organization applying, one the token's user acts for")
    project_title: str = text(300, min_length=1)
    project_summary: str = text(20_000, min_length=1, description="the project's aims, activities and results")
    requested_amount: Decimal = money()
    own_contribution: Decimal = money("what the applicant finances itself (IP-42.2)")
    project_starts_on: Day
    project_ends_on: Day


class GrantApplicationOut(Schema):
    number: str
    call: str
    identifier: str
    project_title: str
    requested_amount: Decimal
    own_contribution: Decimal
    submitted_on: dt.date
    status: str
    average_score: Decimal | None
    approved_amount: Decimal | None
    decided_on: dt.date | None
    decision_reasons: str
    agreement: str | None


class GrantAssignIn(Schema):
    expert_user_id: int = Field(ge=1)


class GrantAssignmentOut(Schema):
    id: int
    application: str
    status: str
    scores: dict[str, int]


class GrantDeclarationIn(Schema):
    conflict: bool
    details: str = text(4000)


class GrantScoresIn(Schema):
    scores: dict[str, int] = Field(..., description="criterion code → score from 0 to its maximum")
    comment: str = text(4000, min_length=1)


def call_out(c: GrantCall) -> dict[str, Any]:
    return financing_api.call_out(c, institute=c.institute.identifier, own_share_min=c.own_share_min)


def application_out(a: GrantApplication) -> dict[str, Any]:
    agreement = getattr(a, "agreement", None) if a.status == GrantApplication.Status.APPROVED else None
    return financing_api.application_out(
        a,
        project_title=a.project_title,
        own_contribution=a.own_contribution,
        agreement=agreement.number if agreement else None,
    )


@router.get("/grants/calls", response=list[GrantCallOut], summary="Calls for industrial grants (IP-42.3)")
def calls(request: HttpRequest) -> Any:
    """The published calls with their criteria (drafts too for the institute), at most 200."""
    return [call_out(c) for c in selectors.calls_for(actor_for(request.user)).prefetch_related("criteria")[:200]]


@router.post(
    "/grants/calls",
    auth=TokenAuth(),
    response={201: GrantCallOut, 403: Problem, 422: Problem},
    summary="Create a draft call for industrial grants with its criteria (the development institute)",
    openapi_extra=explain(
        {
            403: "Only the development institute's officers make calls.",
            422: "The call's terms or criteria are wrong (window, ceiling over budget, weights not summing to 100).",
        }
    ),
)
def call_create(request: HttpRequest, payload: GrantCallIn) -> Any:
    actor = actor_for(request.user)
    institute = selectors.institute_of(actor)
    if institute is None:
        return Status(403, {"detail": _("Only the development institute's officers make calls for grants.")})
    data = payload.dict()
    data["criteria"] = [Criterion(c["code"], c["title"], c["weight"], c["max_score"]) for c in data["criteria"]]
    try:
        created = services.call_create(actor=actor, institute=institute, **data)
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, call_out(created))


@router.get(
    "/grants/calls/{number}",
    response={200: GrantCallOut, 404: Problem},
    summary="A call for industrial grants",
    openapi_extra=explain({404: NO_CALL}),
)
def call(request: HttpRequest, number: str = call_number()) -> Any:
    found = selectors.calls_for(actor_for(request.user)).filter(number=number).first()
    if found is None:
        return Status(404, {"detail": _("No call with this number that you may see.")})
    return call_out(found)


STEP_STATUSES = explain(
    {
        403: "Only the development institute takes this step, in the call's state that allows it.",
        404: NO_CALL,
        422: "The step is refused now (the window has not passed, an expert has not finished); `detail` says why.",
    }
)


call_step_endpoints(
    router,
    CallStepsApi(
        prefix="/grants",
        call_number=call_number,
        call_schema=GrantCallOut,
        find=lambda actor, number: selectors.calls_for(actor).filter(number=number).first(),
        out=call_out,
        steps={
            "open": (services.call_open, "Publish a call and its criteria; it takes applications in its window"),
            "close": (services.call_close, "Stop taking applications after the window; the examination goes on"),
            "decide": (services.call_decide, "Decide on every application of the call on the examination's results"),
        },
        statuses=STEP_STATUSES,
        module=__name__,
    ),
    auth=TokenAuth(),
)


@router.post(
    "/grants/calls/{number}/applications",
    auth=TokenAuth(),
    response={201: GrantApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Apply for an industrial grant with co-financing (IP-42.2)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for an organization with this BIN, or the call takes no applications.",
            404: NO_CALL,
            422: "The application is refused (outside the window, over the ceiling, the own share below the least "
            "co-financing share, the project applied for already); `detail` gives every reason.",
        }
    ),
)
def apply(request: HttpRequest, payload: GrantApplicationIn, number: str = call_number()) -> Any:
    actor = actor_for(request.user)
    found = selectors.calls_for(actor).filter(number=number).first()
    return financing_api.application_submitted(
        actor, found, payload, submit=services.application_submit, out=application_out
    )


@router.get(
    "/grants/applications/{number}",
    auth=TokenAuth(),
    response={200: GrantApplicationOut, 404: Problem},
    summary="A grant application: status, score, decision and its reasons",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application(request: HttpRequest, number: str = application_number()) -> Any:
    found = selectors.applications_for(actor_for(request.user)).filter(number=number).first()
    return financing_api.application_found(found, application_out)


expert_endpoints(
    router,
    ExpertApi(
        panel=services.PANEL,
        applications_for=selectors.applications_for,
        assignments_for=selectors.assignments_for,
        prefix="/grants",
        application_number=application_number,
        assignment_id=ASSIGNMENT_ID,
        assign_in=GrantAssignIn,
        assignment_out=GrantAssignmentOut,
        declaration_in=GrantDeclarationIn,
        scores_in=GrantScoresIn,
        module=__name__,
        assign_summary="Assign an expert to examine the application (IP-42.3; never one from the applicant)",
        assign_refused="Only the development institute assigns experts, while the application is examined.",
        score_summary="The expert scores every published criterion, with reasons (IP-42.3)",
        no_application=NO_APPLICATION,
    ),
    auth=TokenAuth(),
)
