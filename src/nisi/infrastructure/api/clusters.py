"""The territorial clusters' competitive selection through the API (IP-9.16, IP-40.1)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.financing import api as financing_api
from nisi.core.financing.api import CallStepsApi, ExpertApi, call_step_endpoints, expert_endpoints, expert_schemas
from nisi.core.financing.rules import Criterion
from nisi.core.financing.scheme import FinancingError
from nisi.infrastructure import selectors
from nisi.infrastructure.api.common import (
    ASSIGNMENT_ID,
    KATO,
    NO_APPLICATION,
    NO_CALL,
    application_number,
    call_number,
    money,
)
from nisi.infrastructure.models import ClusterApplication, ClusterCall
from nisi.infrastructure.rules import InfrastructureError
from nisi.infrastructure.services import selection
from nisi.law.api_common import Day, Identifier, Problem, explain, text

router = Router()


class ClusterCriterionIO(Schema):
    code: str = Field(..., pattern=r"^[a-z0-9_-]{1,40}$")
    title: str = text(300, min_length=1)
    weight: Decimal = Field(gt=0, le=100, max_digits=5, decimal_places=2, description="share of the total, %")
    max_score: int = Field(10, ge=1, le=100)


class ClusterCriterionOut(ClusterCriterionIO):
    """A criterion as answered."""


class ClusterCallIn(Schema):
    title: str = text(300, min_length=1)
    description: str = text(20_000, default="")
    opens_on: Day
    closes_on: Day
    budget: Decimal = money("the support to be given to the clusters selected")
    max_per_project: Decimal = money("the ceiling per cluster")
    pass_score: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)
    experts_per_application: int = Field(3, ge=1, le=9)
    criteria: list[ClusterCriterionIO] = Field(..., min_length=1, max_length=10, description="weights sum to 100")


class ClusterCallOut(Schema):
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
    criteria: list[ClusterCriterionOut]


class ClusterApplicationIn(Schema):
    identifier: Identifier = Field(description="the cluster organization's BIN, one the token's user acts for")
    cluster_name: str = text(300, min_length=1)
    development_plan: str = text(20_000, min_length=1)
    specialization: str = text(300, min_length=1)
    kato: str = KATO
    participants: list[Identifier] = Field(..., min_length=1, max_length=500)
    requested_amount: Decimal = money()
    plan_starts_on: Day
    plan_ends_on: Day


class ClusterApplicationOut(Schema):
    number: str
    call: str
    identifier: str
    cluster_name: str
    specialization: str
    region: str
    participants: list[str]
    requested_amount: Decimal
    submitted_on: dt.date
    status: str
    average_score: Decimal | None
    approved_amount: Decimal | None
    decided_on: dt.date | None
    decision_reasons: str


EXPERT_SCHEMAS = expert_schemas("Cluster", __name__)


def call_out(c: ClusterCall) -> dict[str, Any]:
    return financing_api.call_out(c)


def application_out(a: ClusterApplication) -> dict[str, Any]:
    return financing_api.application_out(
        a,
        cluster_name=a.project_title,
        specialization=a.specialization,
        region=a.region_id,
        participants=list(a.participants),
    )


def _no_call() -> Status:
    return Status(404, {"detail": _("No call with this number that you may see.")})


@router.get("/clusters/calls", response=list[ClusterCallOut], summary="Calls of the competitive selection (public)")
def calls(request: HttpRequest) -> Any:
    return [call_out(c) for c in selectors.calls_for(actor_for(request.user)).prefetch_related("criteria")[:200]]


@router.post(
    "/clusters/calls",
    auth=TokenAuth(),
    response={201: ClusterCallOut, 403: Problem, 422: Problem},
    summary="Create a draft call of the competitive selection with its criteria (the authorized body; IP-9.16)",
    openapi_extra=explain(
        {
            403: "Only the authorized body's officers make calls.",
            422: "The call's terms or criteria are wrong (window, ceiling over budget, weights not summing to 100).",
        }
    ),
)
def call_create(request: HttpRequest, payload: ClusterCallIn) -> Any:
    data = payload.dict()
    data["criteria"] = [Criterion(c["code"], c["title"], c["weight"], c["max_score"]) for c in data["criteria"]]
    try:
        created = selection.call_create(actor=actor_for(request.user), **data)
    except FinancingError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, call_out(created))


@router.get(
    "/clusters/calls/{number}",
    response={200: ClusterCallOut, 404: Problem},
    summary="A call of the competitive selection",
    openapi_extra=explain({404: NO_CALL}),
)
def call(request: HttpRequest, number: str = call_number()) -> Any:
    found = selectors.call_for(actor_for(request.user), number)
    return _no_call() if found is None else call_out(found)


@router.get(
    "/clusters/calls/{number}/results",
    response={200: list[ClusterApplicationOut], 404: Problem},
    summary="The published results of a decided call: every decided application with its score (public)",
    openapi_extra=explain({404: NO_CALL}),
)
def call_results(request: HttpRequest, number: str = call_number()) -> Any:
    found = selectors.call_for(actor_for(request.user), number)
    return _no_call() if found is None else [application_out(a) for a in selectors.results_of(found)]


STEP_STATUSES = explain(
    {
        403: "Only the authorized body takes this step, in the call's state that allows it.",
        404: NO_CALL,
        422: "The step is refused now (the window has not passed, an expert has not finished); `detail` says why.",
    }
)


call_step_endpoints(
    router,
    CallStepsApi(
        prefix="/clusters",
        call_number=call_number,
        call_schema=ClusterCallOut,
        find=selectors.call_for,
        out=call_out,
        steps={
            "open": (selection.call_open, "Publish a call and its criteria; it takes applications in its window"),
            "close": (selection.call_close, "Stop taking applications after the window; the assessment goes on"),
            "decide": (
                selection.call_decide,
                "Decide the selection on the experts' scores; the winners enter the register of territorial clusters",
            ),
        },
        statuses=STEP_STATUSES,
        module=__name__,
        errors=(FinancingError, InfrastructureError),
    ),
    auth=TokenAuth(),
)


@router.post(
    "/clusters/calls/{number}/applications",
    auth=TokenAuth(),
    response={201: ClusterApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="A cluster organization applies for its territorial cluster (IP-40.1, IP-40.2)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for an organization with this BIN, or the call takes no applications.",
            404: NO_CALL,
            422: "The application is refused (outside the window, over the ceiling, fewer than two participants, a "
            "KATO code of no region, the cluster applied for already); `detail` gives every reason.",
        }
    ),
)
def apply(request: HttpRequest, payload: ClusterApplicationIn, number: str = call_number()) -> Any:
    actor = actor_for(request.user)
    return financing_api.application_submitted(
        actor,
        selectors.call_for(actor, number),
        payload,
        submit=selection.application_submit,
        out=application_out,
        errors=(FinancingError, InfrastructureError),
    )


@router.get(
    "/clusters/applications/{number}",
    auth=TokenAuth(),
    response={200: ClusterApplicationOut, 404: Problem},
    summary="A cluster's application: status, score, decision and its reasons",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application(request: HttpRequest, number: str = application_number()) -> Any:
    return financing_api.application_found(selectors.application_for(actor_for(request.user), number), application_out)


expert_endpoints(
    router,
    ExpertApi(
        panel=selection.PANEL,
        applications_for=selectors.applications_for,
        assignments_for=selectors.assignments_for,
        prefix="/clusters",
        application_number=application_number,
        assignment_id=ASSIGNMENT_ID,
        assign_in=EXPERT_SCHEMAS.assign_in,
        assignment_out=EXPERT_SCHEMAS.assignment_out,
        declaration_in=EXPERT_SCHEMAS.declaration_in,
        scores_in=EXPERT_SCHEMAS.scores_in,
        module=__name__,
        assign_summary="Assign an independent expert to the application (never one from the cluster organization)",
        assign_refused="Only the authorized body assigns experts, while the application is assessed.",
        no_application=NO_APPLICATION,
    ),
    auth=TokenAuth(),
)
