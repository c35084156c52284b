"""API of contracts aimed at industrial development (IP-47.7, IP-47.8, IP-48, IP-48-1, IP-49): the public register
of off-take contracts (IP-1.8-1, IP-48.6), and for the parties' systems and the authorized body every step the pages
take, on the same services and policies. Contracts are named by their numbers, organizations by BIN."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from nisi.contracts.models import (
    ContractKind,
    DevelopmentContract,
)
from nisi.contracts.selectors import as_of as as_of_selectors
from nisi.contracts.selectors import offtake as selectors
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_performance as performance
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import Actor, actor_for, allowed_actions
from nisi.core.models import Organization
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law.api_common import Problem, explain, path_code, query_one_of, query_text

router = Router(tags=["contracts: off-take, guaranteed purchase, offset"])
NUMBER = r"^CT-(OT|GP|CP)-[0-9]{4}-[0-9]{5,19}$"
NO_CONTRACT = "No contract with this number among those the token's user can see."
COMMON = {403: Problem, 404: Problem, 422: Problem}


def money(default: Any = ..., **kwargs: Any) -> Any:
    """An amount of tenge above zero that fits its column."""
    return Field(default, gt=0, le=Decimal("9999999999999999.99"), max_digits=18, decimal_places=2, **kwargs)


def volume(**kwargs: Any) -> Any:
    """A volume of goods, zero or more, that fits its column."""
    return Field(..., ge=0, le=Decimal("999999999999999.999"), max_digits=18, decimal_places=3, **kwargs)


REFUSED = "A rule of the law or of the contract refuses it; `detail` says what to do."
FORBIDDEN = "The token's user may not do this to this contract now (their side, their role, or its state)."


def _number() -> Any:
    return path_code(NUMBER, "the contract's number", "CT-OT-2026-00001")


class PartyOut(Schema):
    identifier: str
    name: str


class VolumeOut(Schema):
    year: int
    volume: Decimal


class RegisterEntryOut(Schema):
    number: str
    status: str = Field(description="in_force, terminated or completed")
    customer: PartyOut
    manufacturer: PartyOut
    hs_code: str
    tnved_code: str
    goods_name: str
    characteristics: str
    unit: str
    signed_on: dt.date | None
    starts_on: dt.date
    ends_on: dt.date
    min_domestic_value: Decimal | None = Field(description="per cent (IP-48.5)")
    volumes: list[VolumeOut]


@router.get(
    "/offtake/register",
    response={200: list[RegisterEntryOut], 400: Problem},
    summary="The register of off-take contracts (IP-1.8-1, IP-48.6), now or as of a day",
    openapi_extra=as_of_statuses(),
)
def register(
    request: HttpRequest,
    *,
    q: str = query_text(200, description="words of the number, a party's name or BIN, or the good"),
    hs_code: str = Query("", pattern=r"^([0-9]{2,6})?$", description="the first 2 to 6 digits of the HS code"),
    year: int | None = Query(None, ge=2000, le=2199, description="contracts running in this year"),
    status: str | None = query_one_of(selectors.SIGNED),
    page: int = Query(1, ge=1, le=10_000),
    as_of: str | None = as_of_query(),
) -> Any:
    """Every off-take contract signed, without signing in: its parties, terms and goods; 100 a page."""
    if (day := day_asked(as_of)) is not None:
        past = as_of_selectors.offtake_register_on(day, q=q, hs_code=hs_code, year=year, status=status or "")
        return past[(page - 1) * 100 : page * 100]
    found = selectors.offtake_register(q=q, hs_code=hs_code, year=year, status=status or "").prefetch_related("years")
    return [selectors.register_entry(c) for c in found[(page - 1) * 100 : page * 100]]


@router.get(
    "/offtake/register/{number}",
    response={200: RegisterEntryOut, 400: Problem, 404: Problem},
    summary="An off-take contract in the register, now or as of a day",
    openapi_extra=as_of_statuses({404: "No off-take contract with this number is (or was, that day) in the register."}),
)
def register_entry(request: HttpRequest, number: str = _number(), as_of: str | None = as_of_query()) -> Any:
    if (day := day_asked(as_of)) is not None:
        past = as_of_selectors.offtake_entry_on(number, day)
        if past is None:
            return Status(404, {"detail": _("No off-take contract with this number was in the register that day.")})
        return past
    found = selectors.offtake_register().filter(number=number).prefetch_related("years").first()
    if found is None:
        return Status(404, {"detail": _("No off-take contract with this number is in the register.")})
    return selectors.register_entry(found)


class YearOut(Schema):
    year: int
    status: str = Field(description="open, met, breached or closed")
    contracted: Decimal
    delivered: Decimal
    accepted: Decimal
    awaiting: Decimal = Field(description="delivered and not yet accepted")
    minimum: Decimal | None = Field(description="what the customer must accept (off-take contracts, IP-48.2)")
    still_due: Decimal | None


class DeliveryOut(Schema):
    id: int
    delivered_on: dt.date
    volume: Decimal
    document: str
    accepted_volume: Decimal | None
    refusal_reasons: str


class AmendmentOut(Schema):
    id: int
    proposed_by: str
    status: str
    volumes: dict[str, str]
    unit_price: Decimal | None
    explanation: str
    reduces: list[str] = Field(description="what it reduces: volume:<year> or price (IP-48.2)")


class OffsetOut(Schema):
    id: int
    kind: str
    description: str
    value: Decimal
    due_on: dt.date
    status: str


class PenaltyOut(Schema):
    ground: str
    year: int | None
    amount: Decimal
    basis: str
    unconfirmed: bool = Field(description="computed with a parameter whose value is not yet confirmed")
    recorded_on: dt.date


class ContractOut(Schema):
    number: str
    kind: str
    status: str
    customer: PartyOut
    customer_kind: str
    manufacturer: PartyOut
    hs_code: str
    goods_name: str
    characteristics: str
    unit: str
    unit_price: Decimal
    amount: Decimal
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    min_domestic_value: Decimal | None
    programme_duty: bool
    liability: str
    termination_reasons: str
    application: str | None = Field(
        description="the number of the application it was concluded from (IP-47.7); none if recorded without one"
    )
    years: list[YearOut]
    deliveries: list[DeliveryOut]
    amendments: list[AmendmentOut]
    offset_conditions: list[OffsetOut]
    penalties: list[PenaltyOut]
    actions: list[str] = Field(description="what the token's user may do with it now")


def _party(o: Organization) -> dict[str, str]:
    return {"identifier": o.identifier, "name": o.name}


def _contract_out(actor: Actor, c: DevelopmentContract) -> dict[str, Any]:
    return {
        **{
            f: getattr(c, f)
            for f in (
                "number",
                "kind",
                "status",
                "customer_kind",
                "hs_code",
                "goods_name",
                "characteristics",
                "unit",
                "unit_price",
                "amount",
                "starts_on",
                "ends_on",
                "signed_on",
                "min_domestic_value",
                "programme_duty",
                "liability",
                "termination_reasons",
            )
        },
        "customer": _party(c.customer),
        "manufacturer": _party(c.manufacturer),
        "application": c.application.number if c.application is not None else None,
        "years": [
            {
                "year": s.year.year,
                "status": s.year.status,
                "contracted": s.year.contracted_volume,
                "delivered": s.delivered,
                "accepted": s.accepted,
                "awaiting": s.awaiting,
                "minimum": s.minimum,
                "still_due": s.still_due,
            }
            for s in performance.year_standings(c)
        ],
        "deliveries": list(
            c.deliveries.values("id", "delivered_on", "volume", "document", "accepted_volume", "refusal_reasons")
        ),
        "amendments": list(
            c.amendments.values("id", "proposed_by", "status", "volumes", "unit_price", "explanation", "reduces")
        ),
        "offset_conditions": list(c.offset_conditions.values("id", "kind", "description", "value", "due_on", "status")),
        "penalties": [
            {
                "ground": p.ground,
                "year": p.year,
                "amount": p.amount,
                "basis": p.basis_text,  # in the request's language
                "unconfirmed": p.unconfirmed,
                "recorded_on": p.recorded_on,
            }
            for p in c.penalties.all()
        ],
        "actions": sorted(allowed_actions(actor, c)),
    }


def _found(actor: Actor, number: str) -> DevelopmentContract:
    contract = selectors.contracts_for(actor).filter(number=number).first()
    if contract is None:
        raise HttpError(404, _("No such contract among those you can see."))
    return contract


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except services.ContractError as exc:
        raise HttpError(422, str(exc)) from None


def _done(actor: Actor, number: str) -> dict[str, Any]:
    return _contract_out(actor, _found(actor, number))


@router.get(
    "/offtake/contracts", auth=TokenAuth(), response=list[ContractOut], summary="The contracts the token's user can see"
)
def contracts(
    request: HttpRequest,
    kind: str | None = query_one_of(ContractKind.values),
    status: str | None = query_one_of(DevelopmentContract.Status.values),
    page: int = Query(1, ge=1, le=10_000),
) -> Any:
    """A party's own contracts (as customer or manufacturer), every contract for the authorized body; 50 a page."""
    actor = actor_for(request.user)
    found = selectors.contracts_filtered(selectors.contracts_for(actor), kind=kind or "", status=status or "").order_by(
        "-proposed_on", "-id"
    )
    return [_contract_out(actor, c) for c in found[(page - 1) * 50 : page * 50]]


@router.get(
    "/offtake/contracts/{number}",
    auth=TokenAuth(),
    response={200: ContractOut, 404: Problem},
    summary="A contract: its terms, the year's commitment against delivery, what may be done",
    openapi_extra=explain({404: NO_CONTRACT}),
)
def contract(request: HttpRequest, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    return _contract_out(actor, _found(actor, number))
