"""Reads of large customers (IP-1.25, IP-46.2): the public list, the ownership chain and the National Welfare Fund
for the authorized body and the officers who read them."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nisi.contracts.models import LargeCustomer, NationalWelfareFund, OwnershipLink
from nisi.core.authz import Actor, allowed_actions, scope

LIST_LIMIT = 500


def public_customers(*, q: str = "", kind: str = "") -> QuerySet[LargeCustomer]:
    """The large customers in force (public, `contracts/policies.py`): manufacturers apply to them. Searchable by
    name or BIN and by kind."""
    found = LargeCustomer.objects.select_related("organization").filter(status=LargeCustomer.Status.ACTIVE)
    words = q.strip()
    if words:
        found = found.filter(Q(organization__name__icontains=words) | Q(organization__identifier=words))
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("organization__name", "id")


def customers_for(actor: Actor) -> QuerySet[LargeCustomer]:
    """Every large customer record the actor may read: the ended ones too for the officers."""
    return scope(actor, LargeCustomer.objects.select_related("organization")).order_by("organization__name", "id")


def customer_by_identifier(actor: Actor, identifier: str) -> LargeCustomer | None:
    found = LargeCustomer.objects.select_related("organization").filter(organization__identifier=identifier).first()
    if found is None or "view" not in allowed_actions(actor, found):
        return None
    return found


def links_for(actor: Actor) -> QuerySet[OwnershipLink]:
    """The ownership chain the authorized body was given, for those who may read it."""
    return scope(actor, OwnershipLink.objects.select_related("owner", "owned")).order_by(
        "owned__name", "owner__name", "-on"
    )


def fund_for(actor: Actor) -> NationalWelfareFund | None:
    fund = NationalWelfareFund.objects.select_related("organization").first()
    if fund is None or "view" not in allowed_actions(actor, fund):
        return None
    return fund
