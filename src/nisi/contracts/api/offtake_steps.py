"""API steps on contracts aimed at industrial development: concluding one and every decision on it, on the same
services and policies as the pages (`nisi.contracts.views.offtake`). Registered on the area's router."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from nisi.contracts.api.offtake import (
    COMMON,
    FORBIDDEN,
    NO_CONTRACT,
    REFUSED,
    ContractOut,
    _done,
    _found,
    _number,
    _refusals,
    money,
    router,
    volume,
)
from nisi.contracts.models import Amendment, ContractKind, LargeCustomerKind, OffsetCondition, PilotBatchTest
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_performance as performance
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.law.api_common import Day, Identifier, explain, one_of, text


class OffsetIn(Schema):
    kind: str = one_of(OffsetCondition.Kind.values)
    description: str = text(2000, min_length=1)
    value: Decimal = money()
    due_on: Day


class ContractVolumeIn(Schema):
    year: int = Field(ge=2000, le=2199)
    volume: Decimal = volume()


class ContractIn(Schema):
    customer: Identifier = Field(description="the BIN of the large customer the token's user acts for")
    manufacturer: Identifier
    kind: str = one_of(ContractKind.values)
    customer_kind: str = one_of(LargeCustomerKind.values)
    hs_code: str = Field(pattern=r"^[0-9]{6}$")
    tnved_code: str = Field("", pattern=r"^([0-9]{10})?$")
    goods_name: str = text(300, min_length=1)
    characteristics: str = text(20_000, min_length=1, description="fixed before signing (IP-47.7, IP-47.8)")
    unit: str = text(20, min_length=1)
    unit_price: Decimal = money()
    amount: Decimal = money()
    starts_on: Day
    ends_on: Day
    volumes: list[ContractVolumeIn] = Field(
        min_length=1, max_length=12, description="the volume of each calendar year of the term"
    )
    min_domestic_value: Decimal | None = Field(None, gt=0, le=100, max_digits=5, decimal_places=2)
    programme_duty: bool = False
    liability: str = text(5000, default="")
    customer_year_purchases: Decimal | None = Field(
        None, ge=0, le=Decimal("9999999999999999.99"), max_digits=18, decimal_places=2
    )
    offset_conditions: list[OffsetIn] = Field(default_factory=list, max_length=50)


@router.post(
    "/offtake/contracts",
    auth=TokenAuth(),
    response={201: ContractOut, **COMMON},
    summary="Conclude a contract (the customer, IP-47.7); the manufacturer then confirms it",
    openapi_extra=explain(
        {
            403: "The token's user does not act for this customer as a major customer.",
            404: "No organization with the manufacturer's BIN is known.",
            422: REFUSED,
        }
    ),
)
def conclude(request: HttpRequest, payload: ContractIn) -> Any:
    actor = actor_for(request.user)
    customer = Organization.objects.filter(identifier=payload.customer).first()
    manufacturer = Organization.objects.filter(identifier=payload.manufacturer).first()
    if customer is None or customer.pk not in actor.organization_ids():
        raise PermissionDenied(_("Conclude contracts for your own organization: give its BIN."))
    if manufacturer is None:
        return Status(404, {"detail": _("No organization with this BIN is known: check it.")})
    volumes: dict[int, Decimal] = {}
    for v in payload.volumes:
        if v.year in volumes:
            return Status(422, {"detail": _("Give each year once.")})
        volumes[v.year] = v.volume
    data = payload.dict(exclude={"customer", "manufacturer", "volumes", "offset_conditions"})
    terms = services.Terms(
        manufacturer=manufacturer,
        volumes=volumes,
        offset_conditions=[(o.kind, o.description, o.value, o.due_on) for o in payload.offset_conditions],
        **data,
    )
    with _refusals():
        made = services.contract_conclude(actor=actor, customer=customer, terms=terms)
    return Status(201, _done(actor, made.number))


def _step(name: str, summary: str) -> Any:
    return router.post(
        f"/offtake/contracts/{{number}}/{name}",
        auth=TokenAuth(),
        response={200: ContractOut, **COMMON},
        summary=summary,
        openapi_extra=explain({403: FORBIDDEN, 404: NO_CONTRACT, 422: REFUSED}),
    )


class ReasonsIn(Schema):
    reasons: str = text(5000, min_length=1)


@_step("confirm", "Confirm (sign) the contract (the manufacturer, IP-47.7)")
def confirm(request: HttpRequest, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        services.contract_confirm(actor=actor, contract=_found(actor, number))
    return _done(actor, number)


@_step("decline", "Decline the contract (the manufacturer)")
def decline(request: HttpRequest, payload: ReasonsIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        services.contract_decline(actor=actor, contract=_found(actor, number), reasons=payload.reasons)
    return _done(actor, number)


class TextIn(Schema):
    text: str = text(5000, min_length=1)


@_step("characteristics", "Add characteristics before signing (refused after, IP-47.8)")
def characteristics(request: HttpRequest, payload: TextIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        services.characteristics_add(actor=actor, contract=_found(actor, number), text=payload.text)
    return _done(actor, number)


class PilotIn(Schema):
    kind: str = one_of(PilotBatchTest.Kind.values)
    tested_on: Day
    positive: bool
    findings: str = text(5000, min_length=1)


@_step("pilot-tests", "Record the result of the pilot batch tests (the customer; negative terminates, IP-47.8)")
def pilot(request: HttpRequest, payload: PilotIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        services.pilot_result_record(actor=actor, contract=_found(actor, number), **payload.dict())
    return _done(actor, number)


class DeliveryIn(Schema):
    delivered_on: Day
    volume: Decimal = Field(gt=0, le=Decimal("999999999999999.999"), max_digits=18, decimal_places=3)
    document: str = text(100, default="")


@_step("deliveries", "Record a delivery (the manufacturer)")
def delivery(request: HttpRequest, payload: DeliveryIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        performance.delivery_record(actor=actor, contract=_found(actor, number), **payload.dict())
    return _done(actor, number)


class AcceptIn(Schema):
    delivery: int = Field(ge=1, le=2**63 - 1, description="the delivery's id, from the contract's deliveries")
    accepted_volume: Decimal = volume()
    reasons: str = text(5000, default="", description="why the rest is not accepted")


@_step("acceptances", "Record what is accepted of a delivery (the customer, IP-48.2)")
def acceptance(request: HttpRequest, payload: AcceptIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    found = _found(actor, number)
    target = found.deliveries.filter(pk=payload.delivery).first()
    if target is None:
        raise HttpError(404, _("No such delivery under this contract."))
    with _refusals():
        performance.delivery_accept(
            actor=actor, delivery=target, accepted_volume=payload.accepted_volume, reasons=payload.reasons
        )
    return _done(actor, number)


class AmendmentIn(Schema):
    volumes: list[ContractVolumeIn] = Field(default_factory=list, max_length=12)
    unit_price: Decimal | None = money(None)
    explanation: str = text(5000, min_length=1)


@_step("amendments", "Propose an amendment (either party; the other decides)")
def amend(request: HttpRequest, payload: AmendmentIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        changes.amendment_propose(
            actor=actor,
            contract=_found(actor, number),
            volumes={v.year: v.volume for v in payload.volumes},
            unit_price=payload.unit_price,
            explanation=payload.explanation,
        )
    return _done(actor, number)


class AmendmentDecisionIn(Schema):
    accept: bool
    reasons: str = text(5000, default="", description="why it is rejected")


@_step("amendments/decision", "Accept or reject the proposed amendment (the other party, IP-48-1.2, IP-48.2)")
def amendment_decision(request: HttpRequest, payload: AmendmentDecisionIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    found = _found(actor, number)
    proposal = found.amendments.filter(status=Amendment.Status.PROPOSED).first()
    if proposal is None:
        raise HttpError(404, _("No amendment awaits a decision."))
    with _refusals():
        changes.amendment_decide(actor=actor, amendment=proposal, accept=payload.accept, reasons=payload.reasons)
    return _done(actor, number)


class PledgeIn(Schema):
    pledgee: str = text(300, min_length=1)
    agreement_reference: str = text(100, min_length=1)
    pledged_on: Day


@_step("pledges", "Record the contract pledged as collateral (the manufacturer, IP-48.1, IP-48-1.1)")
def pledge(request: HttpRequest, payload: PledgeIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    with _refusals():
        changes.pledge_record(actor=actor, contract=_found(actor, number), **payload.dict())
    return _done(actor, number)


class OffsetSettleIn(Schema):
    condition: int = Field(ge=1, le=2**63 - 1, description="the offset condition's id")
    fulfilled: bool = Field(
        description="true: the supplier reports it fulfilled; false: the authorized body records a failure"
    )
    evidence: str = text(5000, min_length=1)
    on: Day
    penalty: Decimal = Field(Decimal(0), ge=0, le=Decimal("9999999999999999.99"), max_digits=18, decimal_places=2)


@_step("offset-conditions", "Record an offset condition fulfilled (the supplier) or failed with its penalty (IP-49.3)")
def offset(request: HttpRequest, payload: OffsetSettleIn, number: str = _number()) -> Any:
    actor = actor_for(request.user)
    found = _found(actor, number)
    condition = found.offset_conditions.filter(pk=payload.condition).first()
    if condition is None:
        raise HttpError(404, _("No such offset condition under this contract."))
    with _refusals():
        if payload.fulfilled:
            changes.offset_fulfilment_report(actor=actor, condition=condition, evidence=payload.evidence, on=payload.on)
        else:
            changes.offset_failure_record(
                actor=actor, condition=condition, evidence=payload.evidence, on=payload.on, penalty=payload.penalty
            )
    return _done(actor, number)
