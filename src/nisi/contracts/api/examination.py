"""The examination of applications (IP-47.7, IP-47.8) and producers' objections to excluded goods (IP-47.3,
IP-47.4) through the API: the same services and policies as the pages. Applications, objections and plans are
named by their numbers, organizations by BIN."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.contracts.api.offtake import money, volume
from nisi.contracts.api.plans import PlanApplicationOut, _application, _plan_number
from nisi.contracts.models import ExclusionObjection, PlanApplication
from nisi.contracts.selectors import objections as objection_selectors
from nisi.contracts.selectors import plans as selectors
from nisi.contracts.services import examination, objections
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.core.transitions import TransitionError
from nisi.law.api_common import Day, Identifier, Problem, explain, path_code, text

router = Router(tags=["Contracts: examination of applications and objections to exclusions"])
NO_APPLICATION = "No application with this number among those the token's user can see."
NO_OBJECTION = "No objection with this number among those the token's user can see."
STEP = {
    403: "The token's user may not take this step (their side, their role, or the record's state).",
    409: "A rule refuses it; `detail` says what to do. Nothing was stored.",
}


def _application_number() -> Any:
    return path_code(r"^PA-[0-9]{4}-[0-9]{6,19}$", "the application's number", "PA-2026-000001")


def _objection_number() -> Any:
    return path_code(r"^OB-[0-9]{4}-[0-9]{6,19}$", "the objection's number", "OB-2026-000001")


class ExaminationReasonsIn(Schema):
    reasons: str = text(5000, min_length=1)


class AwardIn(Schema):
    technical_characteristics: str = text(10_000, min_length=1)
    physical_chemical_properties: str = text(10_000, min_length=1)
    configuration: str = text(10_000, min_length=1)


class ConcludeVolumeIn(Schema):
    year: int = Field(ge=2000, le=2199)
    volume: Decimal = volume()


class ConcludeIn(Schema):
    """The contract's terms; its kind, parties, good and characteristics are the award's."""

    unit_price: Decimal = money()
    amount: Decimal = money()
    starts_on: Day
    ends_on: Day
    volumes: list[ConcludeVolumeIn] = Field(
        min_length=1, max_length=12, description="the volume of each calendar year of the term"
    )
    min_domestic_value: Decimal | None = Field(None, gt=0, le=100, max_digits=5, decimal_places=2)
    programme_duty: bool = False
    liability: str = text(5000, default="")


class ExcludedGoodOut(Schema):
    plan: str
    position: int
    customer_identifier: str
    customer: str
    product_code: str
    description: str
    quantity: Decimal
    unit: str
    year: int
    exclusion: str
    exclusion_reason: str


class ExclusionObjectionIn(Schema):
    identifier: Identifier = Field(description="the BIN of the producer objecting, one the token's user acts for")
    note: str = text(5000, min_length=1)


class ExclusionObjectionOut(Schema):
    number: str
    plan: str
    identifier: str
    customer_identifier: str
    product_code: str
    description: str
    year: int
    exclusion: str
    note: str
    status: str = Field(description="pending, accepted or rejected (IP-47.4)")
    filed_on: dt.date
    decided_on: dt.date | None
    decision_reasons: str


def _objection(o: ExclusionObjection) -> dict[str, Any]:
    out = {name: getattr(o, name) for name in ("number", "product_code", "description", "year", "exclusion", "note")}
    out |= {name: getattr(o, name) for name in ("status", "filed_on", "decided_on", "decision_reasons")}
    return out | {
        "plan": o.plan.number,
        "identifier": o.organization.identifier,
        "customer_identifier": o.customer.identifier,
    }


def _step(found: Any, act: Callable[[Any], Any], out: Callable[[Any], dict[str, Any]], code: int = 200) -> Any:
    try:
        act(found)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except TransitionError as exc:
        return Status(409, {"detail": str(exc)})
    found.refresh_from_db()
    return Status(code, out(found))


def _found_application(request: HttpRequest, number: str) -> PlanApplication | None:
    return selectors.applications_for(actor_for(request.user)).filter(number=number).first()


APPLICATION_RESPONSES = {200: PlanApplicationOut, 403: Problem, 404: Problem, 409: Problem}


@router.get(
    "/plans-applications/{number}",
    auth=TokenAuth(),
    response={200: PlanApplicationOut, 404: Problem},
    summary="An application, its examination and its contract (IP-47.6, IP-47.7)",
    openapi_extra=explain({404: NO_APPLICATION}),
)
def application(request: HttpRequest, number: str = _application_number()) -> Any:
    found = _found_application(request, number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    return _application(found)


@router.post(
    "/plans-applications/{number}/refuse",
    auth=TokenAuth(),
    response=APPLICATION_RESPONSES,
    summary="Refuse an application with its reasons (the customer, IP-47.7)",
    openapi_extra=explain({**STEP, 404: NO_APPLICATION}),
)
def refuse(request: HttpRequest, payload: ExaminationReasonsIn, number: str = _application_number()) -> Any:
    actor = actor_for(request.user)
    found = _found_application(request, number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    return _step(
        found,
        lambda a: examination.application_refuse(actor=actor, application=a, reasons=payload.reasons),
        _application,
    )


@router.post(
    "/plans-applications/{number}/award",
    auth=TokenAuth(),
    response=APPLICATION_RESPONSES,
    summary="Award an application, fixing the good's characteristics before signing (the customer, IP-47.7, IP-47.8)",
    openapi_extra=explain({**STEP, 404: NO_APPLICATION}),
)
def award(request: HttpRequest, payload: AwardIn, number: str = _application_number()) -> Any:
    actor = actor_for(request.user)
    found = _found_application(request, number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    return _step(
        found, lambda a: examination.application_award(actor=actor, application=a, **payload.dict()), _application
    )


@router.post(
    "/plans-applications/{number}/conclude",
    auth=TokenAuth(),
    response={201: PlanApplicationOut, 403: Problem, 404: Problem, 409: Problem},
    summary="Conclude the contract of the application's kind from its award (the customer, IP-47.7); the "
    "manufacturer then confirms it at /offtake/contracts/{number}/confirm",
    openapi_extra=explain(
        {
            **STEP,
            404: NO_APPLICATION,
            409: "Refused by the contract's rules (a volume for each calendar year of the term, the minimum "
            "domestic value and the programme duty of an off-take contract, the 1 to 10 years of a guaranteed "
            "purchase agreement); `detail` says what to do. Nothing was stored.",
        }
    ),
)
def conclude(request: HttpRequest, payload: ConcludeIn, number: str = _application_number()) -> Any:
    actor = actor_for(request.user)
    found = _found_application(request, number)
    if found is None:
        return Status(404, {"detail": _("No such application among those you can see.")})
    volumes: dict[int, Decimal] = {}
    for v in payload.volumes:
        if v.year in volumes:
            return Status(409, {"detail": _("Give each year once.")})
        volumes[v.year] = v.volume
    data = payload.dict(exclude={"volumes"})
    return _step(
        found,
        lambda a: examination.application_conclude(actor=actor, application=a, volumes=volumes, **data),
        _application,
        code=201,
    )


@router.get(
    "/plans-excluded",
    auth=TokenAuth(),
    response=list[ExcludedGoodOut],
    summary="Goods excluded from plans under review shown to the token's user (a producer: those it is in the "
    "register for, by HS subheading; IP-47.3)",
)
def excluded(
    request: HttpRequest, offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=200)
) -> Any:
    lines = objection_selectors.excluded_for(actor_for(request.user))[offset : offset + limit]
    return [
        {
            "plan": line.plan.number,
            "position": line.position,
            "customer_identifier": line.plan.organization.identifier,
            "customer": line.plan.organization.name,
            **{
                name: getattr(line, name)
                for name in ("product_code", "description", "quantity", "unit", "year", "exclusion", "exclusion_reason")
            },
        }
        for line in lines
    ]


@router.post(
    "/plans/{number}/lines/{position}/objections",
    auth=TokenAuth(),
    response={201: ExclusionObjectionOut, 403: Problem, 404: Problem, 409: Problem},
    summary='Object to a good excluded from a plan under review: "we make this" (producers in the register, IP-47.3)',
    openapi_extra=explain(
        {
            403: "The token's user does not act for a producer with this BIN.",
            404: "No such excluded good among those shown to the token's user.",
            409: "Refused: not in the register for the good's HS subheading, the plan no longer under review, or "
            "objected already; `detail` says which.",
        }
    ),
)
def objection_file(
    request: HttpRequest,
    payload: ExclusionObjectionIn,
    number: str = _plan_number(),
    position: int = Path(..., ge=1, le=10**9),
) -> Any:
    actor = actor_for(request.user)
    line = objection_selectors.excluded_for(actor).filter(plan__number=number, position=position).first()
    if line is None:
        return Status(404, {"detail": _("No such excluded good among those shown to you.")})
    organization = Organization.objects.filter(identifier=payload.identifier).first()
    if organization is None or organization.pk not in actor.organization_ids():
        return Status(403, {"detail": _("Object for your own organization: give its BIN.")})
    try:
        filed = objections.objection_file(actor=actor, line=line, organization=organization, note=payload.note)
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    except TransitionError as exc:
        return Status(409, {"detail": str(exc)})
    return Status(201, _objection(filed))


@router.get(
    "/plans-objections",
    auth=TokenAuth(),
    response=list[ExclusionObjectionOut],
    summary="Objections to excluded goods the token's user filed, received or decides (IP-47.3, IP-47.4)",
)
def objections_list(
    request: HttpRequest, offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=200)
) -> Any:
    return [_objection(o) for o in objection_selectors.objections_for(actor_for(request.user))[offset : offset + limit]]


def _found_objection(request: HttpRequest, number: str) -> ExclusionObjection | None:
    return objection_selectors.objections_for(actor_for(request.user)).filter(number=number).first()


OBJECTION_RESPONSES = {200: ExclusionObjectionOut, 403: Problem, 404: Problem, 409: Problem}


@router.post(
    "/plans-objections/{number}/accept",
    auth=TokenAuth(),
    response=OBJECTION_RESPONSES,
    summary="Accept an objection: the customer plans the good before the plan is agreed (the authorized body, IP-47.4)",
    openapi_extra=explain({**STEP, 404: NO_OBJECTION}),
)
def objection_accept(request: HttpRequest, payload: ExaminationReasonsIn, number: str = _objection_number()) -> Any:
    actor = actor_for(request.user)
    found = _found_objection(request, number)
    if found is None:
        return Status(404, {"detail": _("No such objection among those you can see.")})
    return _step(
        found,
        lambda o: objections.objection_accept(actor=actor, objection=o, reasons=payload.reasons),
        _objection,
    )


@router.post(
    "/plans-objections/{number}/reject",
    auth=TokenAuth(),
    response=OBJECTION_RESPONSES,
    summary="Reject an objection, with its reasons (the authorized body, IP-47.4)",
    openapi_extra=explain({**STEP, 404: NO_OBJECTION}),
)
def objection_reject(request: HttpRequest, payload: ExaminationReasonsIn, number: str = _objection_number()) -> Any:
    actor = actor_for(request.user)
    found = _found_objection(request, number)
    if found is None:
        return Status(404, {"detail": _("No such objection among those you can see.")})
    return _step(
        found,
        lambda o: objections.objection_reject(actor=actor, objection=o, reasons=payload.reasons),
        _objection,
    )
