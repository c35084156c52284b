"""Reads of large customers (IP-1.25, IP-46.2): the public list, the ownership chain and the National Welfare Fund
for the authorized body and the officers who read them, and the list of systemic enterprises in force on a day
(IP-47-1.2)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from nisi.contracts.models import LargeCustomer, NationalWelfareFund, OwnershipLink, SystemicEntry, SystemicList
from nisi.contracts.rules import customers as rules
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


def _version(systemic_list: SystemicList) -> rules.ListVersion:
    assert systemic_list.approved_on is not None
    members = SystemicEntry.objects.filter(systemic_list=systemic_list).values_list("manufacturer_id", flat=True)
    return rules.ListVersion(
        year=systemic_list.year,
        version=systemic_list.version,
        approved_on=systemic_list.approved_on,
        members=frozenset(str(m) for m in members),
    )


def systemic_list_in_force(on: dt.date) -> rules.ListVersion | None:
    """The approved list of systemic enterprises in force on a day (IP-47-1.2), with its members: the version
    approved last on or before the day (approved then, superseded since, or still approved)."""
    approved = SystemicList.objects.filter(
        status__in=(SystemicList.Status.APPROVED, SystemicList.Status.SUPERSEDED), approved_on__lte=on
    ).order_by("-approved_on", "-year", "-version")
    heads = [
        rules.ListVersion(year=s.year, version=s.version, approved_on=s.approved_on, members=frozenset())
        for s in approved[:1]
        if s.approved_on is not None
    ]
    chosen = rules.list_in_force(heads, on)
    if chosen is None:
        return None
    return _version(approved.get(year=chosen.year, version=chosen.version))
