"""API of large customers (IP-1.25, IP-46.2): the public list and each customer; the authorized body records a
customer (refused with the reason for the National Welfare Fund's entities, IP-46.2, and for a systemic enterprise
the approved list in force does not name, IP-47-1.2), ends one, and records the Fund and the ownership chain; the
officers read the Fund's share in an organization on a day with the chain it rests on. The pages' services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from nisi.contracts.models import LargeCustomer, LargeCustomerKind, NationalWelfareFund, OwnershipLink
from nisi.contracts.policies import may
from nisi.contracts.selectors import customers as selectors
from nisi.contracts.services import customers as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.law import clock
from nisi.law.api_common import Day, Identifier, Problem, explain, one_of, path_code, query_one_of, query_text

router = Router(tags=["Contracts: large customers"])
BIN = path_code(r"^[0-9]{12}$", "the organization's BIN", "100140000003")


class CustomerOut(Schema):
    identifier: str
    name: str
    kind: str = Field(description="quasi_public, subsoil_user, natural_monopoly or systemic_enterprise (IP-1.25)")
    status: str = Field(description="active, or ended")
    since: dt.date
    until: dt.date | None
    actions: list[str] = Field(description="what the caller may do with it (`allowed_actions`)")


class CustomerIn(Schema):
    identifier: Identifier
    kind: str = one_of(LargeCustomerKind.values, description="the kind of large customer (IP-1.25)")
    since: Day


class CustomerEndIn(Schema):
    until: Day = Field(description="its last day as a large customer")


class HoldingOut(Schema):
    owner: str
    owned: str
    share: Decimal = Field(description="per cent of the voting shares")
    basis: str = Field(description="ownership or trust_management")
    on: dt.date
    until: dt.date | None


class HoldingIn(Schema):
    owner: Identifier
    owned: Identifier
    share: Decimal = Field(..., gt=0, le=100, max_digits=7, decimal_places=4, description="per cent")
    on: Day
    trust_management: bool = False


class FundShareOut(Schema):
    identifier: str
    on: dt.date
    share: Decimal = Field(description="per cent held by the Fund and the entities it controls (IP-46.2)")
    threshold: Decimal = Field(description="per cent from which IP-46 does not apply")
    excluded: bool = Field(description="the share is at the threshold or above: IP-46 does not apply")
    chain: list[HoldingOut]


class FundIn(Schema):
    identifier: Identifier


class FundOut(Schema):
    identifier: str
    name: str


def _customer_out(c: LargeCustomer, request: HttpRequest) -> dict[str, Any]:
    return {
        "identifier": c.organization.identifier,
        "name": c.organization.name,
        "kind": c.kind,
        "status": c.status,
        "since": c.since,
        "until": c.until,
        "actions": sorted(allowed_actions(actor_for(request.user), c)),
    }


def _link_out(link: OwnershipLink) -> dict[str, Any]:
    return {
        "owner": link.owner.identifier,
        "owned": link.owned.identifier,
        "share": link.share,
        "basis": link.basis,
        "on": link.on,
        "until": link.until,
    }


@router.get("/customers", response=list[CustomerOut], summary="The large customers in force (public), by name or BIN")
def customers(
    request: HttpRequest,
    q: str = query_text(200, description="part of the name, or the BIN"),
    kind: str | None = query_one_of(LargeCustomerKind.values, description="one kind only"),
    offset: int = Query(0, ge=0, le=10_000_000),
    limit: int = Query(50, ge=1, le=200),
) -> Any:
    rows = selectors.public_customers(q=q, kind=kind or "")[offset : offset + limit]
    return [_customer_out(c, request) for c in rows]


@router.get(
    "/customer-records",
    auth=TokenAuth(),
    response=list[CustomerOut],
    summary="Every large customer record the caller may read: the ended ones too for the officers",
)
def customer_records(
    request: HttpRequest, offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=200)
) -> Any:
    rows = selectors.customers_for(actor_for(request.user))[offset : offset + limit]
    return [_customer_out(c, request) for c in rows]


@router.get(
    "/customers/{identifier}",
    response={200: CustomerOut, 404: Problem},
    summary="One large customer in force (public)",
    openapi_extra=explain({404: "No large customer with this BIN that you may see."}),
)
def customer(request: HttpRequest, identifier: str = BIN) -> Any:
    found = selectors.customer_by_identifier(actor_for(request.user), identifier)
    if found is None:
        return Status(404, {"detail": _("No large customer with this BIN that you may see.")})
    return _customer_out(found, request)


@router.post(
    "/customers",
    auth=TokenAuth(),
    response={201: CustomerOut, 403: Problem, 422: Problem},
    summary="Record a large customer of a kind from a day (the authorized body; IP-1.25, IP-46.2, IP-47-1.2)",
    openapi_extra=explain(
        {
            403: "Only the authorized body records large customers.",
            422: "The BIN is unknown; the National Welfare Fund holds 50 % or more of it (IP-46.2, with the share "
            "and the day); or, as a systemic enterprise, the approved list in force on the day does not name it.",
        }
    ),
)
def customer_record(request: HttpRequest, body: CustomerIn) -> Any:
    actor = actor_for(request.user)
    if not may(actor, LargeCustomer, "record"):
        raise PermissionDenied(_("Only the authorized body records large customers."))
    try:
        organization = services.organization_named(body.identifier, "identifier")
        done = services.customer_record(actor=actor, organization=organization, kind=body.kind, since=body.since)
    except services.CustomerError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _customer_out(done, request))


@router.post(
    "/customers/{identifier}/end",
    auth=TokenAuth(),
    response={200: CustomerOut, 403: Problem, 404: Problem, 422: Problem},
    summary="End a large customer after its last day (the authorized body)",
    openapi_extra=explain(
        {
            403: "Only the authorized body ends a large customer, and only one in force.",
            404: "No large customer with this BIN that you may see.",
            422: "The last day is before the day it became a large customer.",
        }
    ),
)
def customer_end(request: HttpRequest, body: CustomerEndIn, identifier: str = BIN) -> Any:
    actor = actor_for(request.user)
    found = selectors.customer_by_identifier(actor, identifier)
    if found is None:
        return Status(404, {"detail": _("No large customer with this BIN that you may see.")})
    try:
        done = services.customer_end(actor=actor, customer=found, until=body.until)
    except services.CustomerError as exc:
        return Status(422, {"detail": str(exc)})
    return _customer_out(done, request)


@router.get(
    "/customers/{identifier}/fund-share",
    auth=TokenAuth(),
    response={200: FundShareOut, 403: Problem, 404: Problem, 422: Problem},
    summary="The National Welfare Fund's share in an organization on a day, with the chain (officers; IP-46.2)",
    openapi_extra=explain(
        {
            403: "Only the authorized body and the officers who read the ownership chain ask.",
            404: "No organization with this BIN.",
            422: "The National Welfare Fund is not recorded yet.",
        }
    ),
)
def fund_share(request: HttpRequest, identifier: str = BIN, on: dt.date | None = Query(None)) -> Any:
    actor = actor_for(request.user)
    if not may(actor, OwnershipLink, "view"):
        raise PermissionDenied(_("Only the authorized body and the officers who read the ownership chain see it."))
    day = on or clock.today()
    try:
        organization = services.organization_named(identifier, "identifier")
    except services.CustomerError as exc:
        return Status(404, {"detail": str(exc)})
    held = services.fund_holding(organization, day)
    if held is None:
        return Status(422, {"detail": _("The National Welfare Fund is not recorded yet: record it first.")})
    links = {(link.owner_id, link.owned_id, link.share): link for link in selectors.links_for(actor)}
    chain = [links.get((int(h.owner), int(h.owned), h.share)) for h in held.chain]
    return {
        "identifier": identifier,
        "on": day,
        "share": held.share,
        "threshold": held.threshold,
        "excluded": held.excluded,
        "chain": [_link_out(link) for link in chain if link is not None],
    }


@router.get(
    "/ownership-links",
    auth=TokenAuth(),
    response={200: list[HoldingOut], 403: Problem},
    summary="The ownership chain the authorized body was given (officers; IP-46.2)",
    openapi_extra=explain({403: "Only the authorized body and the officers who read the ownership chain see it."}),
)
def links(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    if not may(actor, OwnershipLink, "view"):
        raise PermissionDenied(_("Only the authorized body and the officers who read the ownership chain see it."))
    return [_link_out(link) for link in selectors.links_for(actor)[: selectors.LIST_LIMIT]]


@router.post(
    "/ownership-links",
    auth=TokenAuth(),
    response={201: HoldingOut, 403: Problem, 422: Problem},
    summary="Record a holding: the owner holds a share of the organization's voting shares from a day (IP-46.2)",
    openapi_extra=explain(
        {403: "Only the authorized body records the chain.", 422: "A BIN is unknown, or the owner is the owned."}
    ),
)
def link_record(request: HttpRequest, body: HoldingIn) -> Any:
    actor = actor_for(request.user)
    try:
        done = services.ownership_record(
            actor=actor,
            owner=services.organization_named(body.owner, "owner"),
            owned=services.organization_named(body.owned, "owned"),
            share=body.share,
            on=body.on,
            trust_management=body.trust_management,
        )
    except services.CustomerError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _link_out(done))


@router.get(
    "/welfare-fund",
    auth=TokenAuth(),
    response={200: FundOut, 403: Problem, 404: Problem},
    summary="Which organization is the National Welfare Fund (officers; IP-46.2)",
    openapi_extra=explain({403: "Only the officers who read the chain see it.", 404: "Not recorded yet."}),
)
def fund(request: HttpRequest) -> Any:
    actor = actor_for(request.user)
    if not may(actor, NationalWelfareFund, "view"):
        raise PermissionDenied(_("Only the authorized body and the officers who read the ownership chain see it."))
    found = selectors.fund_for(actor)
    if found is None:
        return Status(404, {"detail": _("The National Welfare Fund is not recorded yet: record it first.")})
    return {"identifier": found.organization.identifier, "name": found.organization.name}


@router.put(
    "/welfare-fund",
    auth=TokenAuth(),
    response={200: FundOut, 403: Problem, 422: Problem},
    summary="Record which organization is the National Welfare Fund (the authorized body; IP-46.2)",
    openapi_extra=explain({403: "Only the authorized body records it.", 422: "The BIN is unknown."}),
)
def fund_record(request: HttpRequest, body: FundIn) -> Any:
    actor = actor_for(request.user)
    try:
        done = services.fund_record(
            actor=actor, organization=services.organization_named(body.identifier, "identifier")
        )
    except services.CustomerError as exc:
        return Status(422, {"detail": str(exc)})
    return {"identifier": done.organization.identifier, "name": done.organization.name}
