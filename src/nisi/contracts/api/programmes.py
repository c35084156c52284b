"""API of the domestic value development programmes (IP-61-1), for the large customers' and the authorized body's
systems: the same services and policy as the pages. Here the programmes a caller may see, starting one and adding or
removing each area's actions and targets; the decisions on it (submission, the regulator's agreement, agreement or
refusal, each year's information, its monitoring, the recognition) are in `programmes_steps`, on this router."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from nisi.contracts.models import (
    DomesticValueProgramme,
    LargeCustomerKind,
    ProgrammeAction,
    ProgrammeArea,
    ProgrammeReport,
)
from nisi.contracts.policies import may_programmes
from nisi.contracts.selectors import programmes as selectors
from nisi.contracts.services import programmes as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions, policy_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law.api_common import Day, Problem, explain, one_of, path_code, query_one_of, text

router = Router(tags=["contracts: domestic value development programmes"])

NUMBER = r"^DVP-[0-9]{4}-[0-9]{5,19}$"
NOT_FOUND = "No programme with this number among those the token's user may see."
FORBIDDEN = "The token's user may not do this to a programme in any state (their role does not allow it)."
CONFLICT = "The programme's present state does not allow this now (e.g. a programme already submitted)."
REFUSED = "A rule of IP-61-1 or a missing piece refuses it; `detail` says what to do."
STEP = explain({403: FORBIDDEN, 404: NOT_FOUND, 409: CONFLICT, 422: REFUSED})
Amount = Annotated[Decimal, Field(ge=0, max_digits=16, decimal_places=2)]
ITEM_PATH = Path(..., ge=1, le=2**62, description="the action's or target's id, as the programme gives it")
YEAR_PATH = Path(..., ge=2000, le=2100, description="a year of the programme")


def number_path() -> Any:
    return path_code(NUMBER, "the programme's number", "DVP-2026-00001")


class ValueOut(Schema):
    year: int
    planned: Decimal
    reached: Decimal | None = Field(description="the value the year's information gave, once given")


class TargetOut(Schema):
    id: int
    area: str
    indicator: str
    unit: str
    is_share: bool = Field(description="a share of domestic value, in per cent")
    baseline: Decimal
    values: list[ValueOut]


class ActionOut(Schema):
    id: int
    area: str
    kind: str
    description: str
    due_on: dt.date


class ReportSummaryOut(Schema):
    year: int
    submitted_on: dt.date
    submitted_late: bool
    assessment: str = Field(description="empty until the authorized body has monitored it")


class ProgrammeSummaryOut(Schema):
    number: str
    customer_bin: str
    customer_name: str
    customer_kind: str
    title: str
    first_year: int
    last_year: int
    status: str
    submitted_on: dt.date | None


class DomesticValueProgrammeOut(ProgrammeSummaryOut):
    regulator_name: str
    regulator_letter: str
    regulator_agreed_on: dt.date | None
    decided_on: dt.date | None
    refusal_ground: str
    refused_by: str
    reasons: str
    recognised_on: dt.date | None
    recognition_reasons: str
    no_fault: bool
    no_fault_reason: str
    actions: list[ActionOut]
    targets: list[TargetOut]
    reports: list[ReportSummaryOut]
    allowed_actions: list[str] = Field(description="what the token's user may do to it now")


class ProgrammeIn(Schema):
    customer_kind: str = one_of(LargeCustomerKind.values, description="the customer's kind of large customer")
    title: str = text(300, min_length=1)
    first_year: int = Field(ge=2025, le=2099, description="the first of the programme's three years")


class ActionIn(Schema):
    area: str = one_of(ProgrammeArea.values, description="the area of IP-61-1.3")
    kind: str = one_of(ProgrammeAction.Kind.values, default="customer", description="whose measure (IP-61-1.4)")
    description: str = text(500, min_length=1)
    due_on: Day


class TargetIn(Schema):
    area: str = one_of(ProgrammeArea.values, description="the area of IP-61-1.3")
    indicator: str = text(300, min_length=1)
    unit: str = text(40, min_length=1)
    is_share: bool = False
    baseline: Amount
    values: dict[int, Amount] = Field(
        description="the target for each year of the programme, by year", json_schema_extra={"example": {"2026": 42}}
    )


def _summary(p: DomesticValueProgramme) -> dict[str, Any]:
    return {
        "number": p.number,
        "customer_bin": p.organization.identifier,
        "customer_name": p.organization.name,
        "customer_kind": p.customer_kind,
        "title": p.title,
        "first_year": p.first_year,
        "last_year": p.last_year,
        "status": p.status,
        "submitted_on": p.submitted_on,
    }


def _answer(actor: Actor, p: DomesticValueProgramme) -> dict[str, Any]:
    areas = selectors.programme_areas(p)
    fields = [
        "regulator_name",
        "regulator_letter",
        "regulator_agreed_on",
        "decided_on",
        "refusal_ground",
        "refused_by",
        "reasons",
        "recognised_on",
        "recognition_reasons",
        "no_fault",
        "no_fault_reason",
    ]
    return {
        **_summary(p),
        **{f: getattr(p, f) for f in fields},
        "actions": [
            {"id": a.pk, "area": a.area, "kind": a.kind, "description": a.description, "due_on": a.due_on}
            for view in areas
            for a in view.actions
        ],
        "targets": [
            {
                "id": row.target.pk,
                "area": row.target.area,
                "indicator": row.target.indicator,
                "unit": row.target.unit,
                "is_share": row.target.is_share,
                "baseline": row.target.baseline,
                "values": [
                    {"year": c["year"], "planned": c["planned"], "reached": c["actual"]}
                    for c in row.cells
                    if c["planned"] is not None
                ],
            }
            for view in areas
            for row in view.targets
        ],
        "reports": [_report_summary(r) for r in p.reports.all()],
        "allowed_actions": sorted(allowed_actions(actor, p)),
    }


def _report_summary(r: ProgrammeReport) -> dict[str, Any]:
    return {
        "year": r.year,
        "submitted_on": r.submitted_on,
        "submitted_late": r.submitted_late,
        "assessment": r.assessment,
    }


def _programme(actor: Actor, number: str) -> DomesticValueProgramme:
    programme = selectors.programme_for(actor, number)
    if programme is None:
        raise HttpError(404, _("No programme with this number among those you can see."))
    return programme


def _permit(actor: Actor, record: Any, action: str) -> None:
    """403 if the actor's role never does this, 409 if it does in another state than the record's present one."""
    if action in allowed_actions(actor, record):
        return
    policy = policy_for(record)
    if any(
        action in policy.table.get(state, {}).get(g.role, frozenset()) and policy.reaches(g, record)
        for state in policy.states
        for g in actor.grants
    ):
        raise HttpError(
            409,
            _("This cannot be done while the programme is %(state)s. Look up its present state and what it allows.")
            % {"state": str(getattr(record, "get_status_display", lambda: policy.state_of(record))())},
        )
    raise PermissionDenied(
        _("Your role does not allow this. Use the token of a user whose role does, or ask the authorized body.")
    )


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except services.ProgrammeError as exc:
        raise HttpError(422, str(exc)) from None


def _step(
    request: HttpRequest, number: str, action: str, call: Callable[[Actor, DomesticValueProgramme], Any]
) -> dict[str, Any]:
    actor = actor_for(request.user)
    programme = _programme(actor, number)
    _permit(actor, programme, action)
    with _refusals():
        call(actor, programme)
    programme.refresh_from_db()
    return _answer(actor, programme)


STEP_RESPONSES = {200: DomesticValueProgrammeOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.get(
    "/programmes",
    auth=TokenAuth(),
    response={200: list[ProgrammeSummaryOut], 403: Problem},
    summary="Domestic value development programmes the token's user may see (IP-61-1)",
    openapi_extra=explain({403: "The token's user has no role that reads programmes."}),
)
def programmes(
    request: HttpRequest,
    status: str | None = query_one_of(DomesticValueProgramme.Status.values, description="only in this state"),
    customer_kind: str | None = query_one_of(LargeCustomerKind.values, description="only of this kind of customer"),
    year: int | None = Query(None, ge=2000, le=2100, description="only those covering this year"),
) -> Any:
    """At most 500, the newest first."""
    actor = actor_for(request.user)
    if not may_programmes(actor, "view"):
        raise PermissionDenied(_("Programmes are seen by their large customers and the authorized body."))
    found = selectors.programmes_for(actor)
    if status:
        found = found.filter(status=status)
    if customer_kind:
        found = found.filter(customer_kind=customer_kind)
    if year:
        found = found.filter(first_year__lte=year, last_year__gte=year)
    return [_summary(p) for p in found[:500]]


@router.post(
    "/programmes",
    auth=TokenAuth(),
    response={201: DomesticValueProgrammeOut, 403: Problem, 422: Problem},
    summary="Start a programme (the large customer, IP-61-1.1)",
    openapi_extra=explain({403: "Only a large customer's own users start its programme.", 422: REFUSED}),
)
def programme_create(request: HttpRequest, body: ProgrammeIn) -> Any:
    actor = actor_for(request.user)
    ids = [g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER and g.organization_id]
    organization = Organization.objects.filter(pk__in=ids).order_by("pk").first()
    if organization is None:
        raise PermissionDenied(_("A large customer's own users start its domestic value development programme."))
    with _refusals():
        programme = services.programme_create(actor=actor, organization=organization, **body.dict())
    return Status(201, _answer(actor, programme))


@router.get(
    "/programmes/{number}",
    auth=TokenAuth(),
    response={200: DomesticValueProgrammeOut, 404: Problem},
    summary="A programme with its areas' actions and targets, its information and what may be done now",
    openapi_extra=explain({404: NOT_FOUND}),
)
def programme(request: HttpRequest, number: str = number_path()) -> Any:
    actor = actor_for(request.user)
    return _answer(actor, _programme(actor, number))


@router.post(
    "/programmes/{number}/actions",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Add an action to an area's action plan (IP-61-1.4)",
    openapi_extra=STEP,
)
def action_add(request: HttpRequest, body: ActionIn, number: str = number_path()) -> Any:
    return _step(
        request, number, "edit", lambda a, p: services.programme_action_add(actor=a, programme=p, **body.dict())
    )


@router.post(
    "/programmes/{number}/targets",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Add a target to an area, with its value for each year (IP-61-1.4)",
    openapi_extra=STEP,
)
def target_add(request: HttpRequest, body: TargetIn, number: str = number_path()) -> Any:
    return _step(
        request, number, "edit", lambda a, p: services.programme_target_add(actor=a, programme=p, **body.dict())
    )


def _remove(request: HttpRequest, number: str, item: str, item_id: int) -> dict[str, Any]:
    return _step(
        request,
        number,
        "edit",
        lambda a, p: services.programme_item_remove(actor=a, programme=p, item=item, item_id=item_id),
    )


@router.delete(
    "/programmes/{number}/actions/{item_id}",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Remove an action from a programme being prepared",
    openapi_extra=STEP,
)
def action_remove(request: HttpRequest, number: str = number_path(), item_id: int = ITEM_PATH) -> Any:
    return _remove(request, number, "action", item_id)


@router.delete(
    "/programmes/{number}/targets/{item_id}",
    auth=TokenAuth(),
    response=STEP_RESPONSES,
    summary="Remove a target from a programme being prepared",
    openapi_extra=STEP,
)
def target_remove(request: HttpRequest, number: str = number_path(), item_id: int = ITEM_PATH) -> Any:
    return _remove(request, number, "target", item_id)
