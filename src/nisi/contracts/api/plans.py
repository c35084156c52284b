"""API of procurement plans (IP-47): the public list of goods planned for purchase; for large customers' systems,
plans, their lines, submission and resubmission; for the authorized body's, the review's decisions; for
manufacturers', applications. Plans and applications are named by their numbers, organizations by BIN; the same
services and policies as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.contracts.models import Exclusion, PlanApplication, PlanLine, ProcurementPlan
from nisi.contracts.rules.plans import LineIn
from nisi.contracts.selectors import as_of as as_of_selectors
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import plans as services
from nisi.contracts.services import plans_review
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.csv_import import RowProblem
from nisi.core.models import Organization
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law.api_common import Identifier, Problem, explain, one_of, path_code, query_text, text

router = Router(tags=["Contracts: procurement plans"])
NO_PLAN = "No plan with this number among those the token's user can see."


def _quantity() -> Any:
    return Field(gt=0, le=Decimal("999999999999999.999"), max_digits=18, decimal_places=3)


def _plan_number() -> Any:
    return path_code(r"^PP-[0-9]{4}-[0-9]{5,19}$", "the plan's number", "PP-2026-00001")


class LineSchema(Schema):
    product_code: str = Field(pattern=r"^[0-9]{6}([0-9]{4})?$", description="6 digits of the HS or 10 of the TN VED")
    description: str = text(500, min_length=1)
    quantity: Decimal = _quantity()
    unit: str = text(20, min_length=1)
    year: int = Field(ge=2000, le=2100)
    region: str = Field("", pattern=r"^([0-9]{2})?$", description="the region of delivery: 2 digits of the KATO")
    planned_amount: Decimal | None = Field(
        None, ge=0, le=Decimal("9999999999999999.99"), max_digits=18, decimal_places=2
    )
    exclusion: str = one_of(
        ["", *Exclusion.values], "", description="IP-47.3: why the good is not planned for purchase"
    )
    exclusion_reason: str = Field("", max_length=500, pattern=r"^[^\x00]*$")


class PlanLineOut(LineSchema):
    position: int


class PlanIn(Schema):
    identifier: Identifier = Field(description="the BIN of the large customer, one the token's user acts for")
    first_year: int = Field(ge=2000, le=2100)
    last_year: int = Field(ge=2000, le=2100)
    title: str = Field("", max_length=300, pattern=r"^[^\x00]*$")


class PlanOut(Schema):
    number: str
    identifier: str
    customer: str
    customer_kind: str
    kind: str
    first_year: int
    last_year: int
    status: str
    due_on: dt.date
    submitted_on: dt.date | None
    late: bool
    comments: str
    resubmitted_on: dt.date | None
    resubmitted_late: bool
    agreed_on: dt.date | None
    published_on: dt.date | None
    applications_due_on: dt.date | None
    register_due_on: dt.date | None = Field(
        description="a published list: the day by which it is sent to the subsoil use register (IP-47.5)"
    )
    register_receipt: str = Field(description="the subsoil use register's number for the list; empty until it took it")
    register_received_at: dt.datetime | None = Field(description="when the subsoil use register took the list")
    register_late: bool = Field(description="taken after its due day, or still owed after it")
    lines: list[PlanLineOut]


class PlanLinesIn(Schema):
    lines: list[LineSchema] = Field(min_length=1, max_length=services.MAX_FILE_ROWS)


class CommentsIn(Schema):
    comments: str = text(5000, min_length=1)


class PlannedGoodOut(Schema):
    plan: str
    position: int
    customer_identifier: str
    customer: str
    product_code: str
    description: str
    quantity: Decimal
    unit: str
    year: int
    region: str
    applications_due_on: dt.date | None


class PlanApplicationIn(Schema):
    identifier: Identifier = Field(description="the BIN of the manufacturer applying, one the token's user acts for")
    kind: str = one_of(PlanApplication.Kind.values)
    quantity: Decimal = _quantity()
    notes: str = Field("", max_length=5000, pattern=r"^[^\x00]*$")


class PlanApplicationOut(Schema):
    number: str
    plan: str
    position: int
    identifier: str
    customer_identifier: str
    kind: str
    quantity: Decimal
    submitted_on: dt.date
    examination_due_on: dt.date
    status: str = Field(description="submitted, withdrawn, refused, awarded or concluded (IP-47.7)")
    examined_on: dt.date | None
    refusal_reasons: str
    technical_characteristics: str = Field(description="fixed at the award, before signing (IP-47.7, IP-47.8)")
    physical_chemical_properties: str
    configuration: str
    contract: str | None = Field(description="the number of the contract concluded from it")


def _line(line: PlanLine) -> dict[str, Any]:
    return {
        "position": line.position,
        "product_code": line.product_code,
        "description": line.description,
        "quantity": line.quantity,
        "unit": line.unit,
        "year": line.year,
        "region": line.region_id or "",
        "planned_amount": line.planned_amount,
        "exclusion": line.exclusion,
        "exclusion_reason": line.exclusion_reason,
    }


def _plan(p: ProcurementPlan) -> dict[str, Any]:
    fields: tuple[str, ...] = ("number", "customer_kind", "kind", "first_year", "last_year", "status", "due_on")
    fields += ("submitted_on", "late", "comments", "resubmitted_on", "resubmitted_late", "agreed_on")
    fields += ("published_on", "applications_due_on")
    out = {name: getattr(p, name) for name in fields}
    out |= {"identifier": p.organization.identifier, "customer": p.organization.name}
    register = selectors.register_delivery(p)
    out |= {
        "register_due_on": register.due_on if register else None,
        "register_receipt": register.receipt if register else "",
        "register_received_at": register.received_at if register else None,
        "register_late": register.late if register else False,
    }
    out["lines"] = [_line(line) for line in p.lines.order_by("position")]
    return out


def _application(a: PlanApplication) -> dict[str, Any]:
    return {
        "number": a.number,
        "plan": a.line.plan.number,
        "position": a.line.position,
        "identifier": a.organization.identifier,
        "customer_identifier": a.customer.identifier,
        "kind": a.kind,
        "quantity": a.quantity,
        "submitted_on": a.submitted_on,
        "examination_due_on": a.examination_due_on,
        "status": a.status,
        "examined_on": a.examined_on,
        "refusal_reasons": a.refusal_reasons,
        "technical_characteristics": a.technical_characteristics,
        "physical_chemical_properties": a.physical_chemical_properties,
        "configuration": a.configuration,
        "contract": getattr(getattr(a, "contract", None), "number", None),
    }


def _problems(problems: list[RowProblem]) -> dict[str, Any]:
    return {
        "detail": _("Nothing was stored: correct the lines named and send them again."),
        "errors": [{"loc": ["body", "lines", p.line - 1], "msg": p.message, "type": "value_refused"} for p in problems],
    }


@router.get(
    "/plans/goods",
    response={200: list[PlannedGoodOut], 400: Problem},
    summary="Goods planned for purchase by large customers (IP-47.5), now or as of a day",
    openapi_extra=as_of_statuses(),
)
def goods(  # noqa: PLR0917  (the list's three filters and its page, as query parameters)
    request: HttpRequest,
    code: str = Query("", pattern=r"^[0-9]{0,10}$", description="the first digits of the product code"),
    region: str = Query("", pattern=r"^([0-9]{2})?$", description="2 digits of the KATO"),
    customer: str = query_text(300, description="the customer's BIN or a part of its name"),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(100, ge=1, le=1000),
    as_of: str | None = as_of_query(),
) -> Any:
    """The published lists' goods, public; page with `offset` and `limit`."""
    if (day := day_asked(as_of)) is not None:
        return as_of_selectors.planned_goods_on(day, code=code, region=region, customer=customer)[
            offset : offset + limit
        ]
    lines = selectors.published_search(code=code, region=region, customer=customer)[offset : offset + limit]
    return [
        {
            "plan": line.plan.number,
            "position": line.position,
            "customer_identifier": line.plan.organization.identifier,
            "customer": line.plan.organization.name,
            "product_code": line.product_code,
            "description": line.description,
            "quantity": line.quantity,
            "unit": line.unit,
            "year": line.year,
            "region": line.region_id or line.plan.region_id or "",
            "applications_due_on": line.plan.applications_due_on,
        }
        for line in lines
    ]


@router.get("/plans", auth=TokenAuth(), response=list[PlanOut], summary="Procurement plans the token's user sees")
def plans_list(
    request: HttpRequest, offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=200)
) -> Any:
    actor = actor_for(request.user)
    return [_plan(p) for p in selectors.plans_for(actor).order_by("-id")[offset : offset + limit]]


@router.post(
    "/plans",
    auth=TokenAuth(),
    response={201: PlanOut, 403: Problem, 422: Problem},
    summary="Start a procurement plan (large customers, IP-47.1)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for a large customer with this BIN.",
            422: "Refused: the organization is not a large customer, the years are wrong, or it has a plan from "
            "that year already.",
        }
    ),
)
def plan_create(request: HttpRequest, payload: PlanIn) -> Any:
    actor = actor_for(request.user)
    organization = Organization.objects.filter(identifier=payload.identifier).first()
    if organization is None or organization.pk not in actor.organization_ids():
        return Status(403, {"detail": _("Start a plan for your own organization: give its BIN.")})
    try:
        plan = services.plan_create(
            actor=actor,
            organization=organization,
            first_year=payload.first_year,
            last_year=payload.last_year,
            title=payload.title,
        )
    except services.PlanError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _plan(plan))


def _found(request: HttpRequest, number: str) -> ProcurementPlan | None:
    return selectors.plans_for(actor_for(request.user)).filter(number=number).first()


@router.get(
    "/plans/{number}",
    auth=TokenAuth(),
    response={200: PlanOut, 404: Problem},
    summary="A procurement plan with its lines",
    openapi_extra=explain({404: NO_PLAN}),
)
def plan(request: HttpRequest, number: str = _plan_number()) -> Any:
    found = _found(request, number)
    if found is None:
        return Status(404, {"detail": _("No such plan among those you can see.")})
    return _plan(found)


@router.post(
    "/plans/{number}/lines",
    auth=TokenAuth(),
    response={201: PlanOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Add goods to a plan, all or none (IP-47.3)",
    openapi_extra=explain(
        {
            403: "The plan is not a draft or returned with comments, or not the token's user's.",
            404: NO_PLAN,
            422: "Nothing was stored: `errors` names each refused line by its index (an unknown product code, a "
            "duplicate, a year outside the plan's, an exclusion without its reason).",
        }
    ),
)
def lines_add(request: HttpRequest, payload: PlanLinesIn, number: str = _plan_number()) -> Any:
    found = _found(request, number)
    if found is None:
        return Status(404, {"detail": _("No such plan among those you can see.")})
    lines = [LineIn(**line.dict()) for line in payload.lines]
    try:
        services.lines_add_many(actor=actor_for(request.user), plan=found, lines=lines)
    except services.LinesRefused as exc:
        return Status(422, _problems(exc.problems))
    return Status(201, _plan(found))


def _decide(request: HttpRequest, number: str, act: Any) -> Any:
    found = _found(request, number)
    if found is None:
        return Status(404, {"detail": _("No such plan among those you can see.")})
    try:
        done = act(found)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except services.PlanError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(200, _plan(done))


DECISION = {
    403: "The token's user may not take this step on this plan (its role or its state).",
    404: NO_PLAN,
    409: "The plan's state does not allow the step now (e.g. a plan without goods); `detail` says what to do.",
}
DECISION_RESPONSES = {200: PlanOut, 403: Problem, 404: Problem, 409: Problem}


@router.post(
    "/plans/{number}/submit",
    auth=TokenAuth(),
    response=DECISION_RESPONSES,
    summary="Submit a plan (IP-47.1; a late one is accepted and marked late)",
    openapi_extra=explain(DECISION),
)
def submit(request: HttpRequest, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    return _decide(request, number, lambda p: services.plan_submit(actor=actor, plan=p))


@router.post(
    "/plans/{number}/resubmit",
    auth=TokenAuth(),
    response=DECISION_RESPONSES,
    summary="Resubmit an amended plan (IP-47.4)",
    openapi_extra=explain(DECISION),
)
def resubmit(request: HttpRequest, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    return _decide(request, number, lambda p: plans_review.plan_resubmit(actor=actor, plan=p))


@router.post(
    "/plans/{number}/comments",
    auth=TokenAuth(),
    response=DECISION_RESPONSES,
    summary="Return a plan with comments (the authorized body, IP-47.4)",
    openapi_extra=explain(DECISION),
)
def comment(request: HttpRequest, payload: CommentsIn, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    return _decide(request, number, lambda p: plans_review.plan_comment(actor=actor, plan=p, comments=payload.comments))


@router.post(
    "/plans/{number}/agree",
    auth=TokenAuth(),
    response=DECISION_RESPONSES,
    summary="Agree a plan (the authorized body, IP-47.4)",
    openapi_extra=explain(DECISION),
)
def agree(request: HttpRequest, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    return _decide(request, number, lambda p: plans_review.plan_agree(actor=actor, plan=p))


@router.post(
    "/plans/{number}/publish",
    auth=TokenAuth(),
    response=DECISION_RESPONSES,
    summary="Publish the agreed list of goods (the authorized body, IP-47.5)",
    openapi_extra=explain(DECISION),
)
def publish(request: HttpRequest, number: str = _plan_number()) -> Any:
    actor = actor_for(request.user)
    return _decide(request, number, lambda p: plans_review.plan_publish(actor=actor, plan=p))


@router.post(
    "/plans/{number}/lines/{position}/applications",
    auth=TokenAuth(),
    response={201: PlanApplicationOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Apply for an off-take contract or a guaranteed purchase agreement (manufacturers, IP-47.6)",
    openapi_extra=explain(
        {
            403: "The token's user does not act for a manufacturer with this BIN.",
            404: "No such good on a published list.",
            422: "Refused: after the thirtieth day from publication (the date it was due is named), applied already, "
            "or the customer's own list.",
        }
    ),
)
def apply(
    request: HttpRequest,
    payload: PlanApplicationIn,
    number: str = _plan_number(),
    position: int = Path(..., ge=1, le=10**9),
) -> Any:
    actor = actor_for(request.user)
    line = selectors.published_lines().filter(plan__number=number, position=position).first()
    if line is None:
        return Status(404, {"detail": _("No such good on a published list.")})
    organization = Organization.objects.filter(identifier=payload.identifier).first()
    if organization is None or organization.pk not in actor.organization_ids():
        return Status(403, {"detail": _("Apply for your own organization: give its BIN.")})
    try:
        application = plans_review.application_submit(
            actor=actor,
            line=line,
            organization=organization,
            kind=payload.kind,
            quantity=payload.quantity,
            notes=payload.notes,
        )
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except services.PlanError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _application(application))


@router.get(
    "/plans-applications",
    auth=TokenAuth(),
    response=list[PlanApplicationOut],
    summary="Applications the token's user made or received (IP-47.6)",
)
def applications(
    request: HttpRequest, offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=200)
) -> Any:
    return [_application(a) for a in selectors.applications_for(actor_for(request.user))[offset : offset + limit]]
