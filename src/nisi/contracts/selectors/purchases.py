"""Reads of purchase lines and of the domestic value of purchases, always scoped to the actor: a customer its own,
an akimat its region's systemic enterprises (IP-11.3), the authorized body, the institute and auditors all."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from nisi.contracts.models import PurchaseBatch, PurchaseLine, SystemicEntry, SystemicList
from nisi.contracts.selectors import domestic_value
from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.models import Organization
from nisi.core.roles import ROLE_REACH, Reach, Role


def batches_for(actor: Actor) -> QuerySet[PurchaseBatch]:
    return scope(actor, PurchaseBatch.objects.select_related("customer", "region"))


def _akimat_regions(actor: Actor) -> list[str]:
    return [g.region_code for g in actor.grants if g.role == Role.AKIMAT and g.region_code]


def systemic_in(regions: list[str]) -> Q:
    """Organizations on an approved list of systemic enterprises in one of `regions`."""
    return Q(
        pk__in=SystemicEntry.objects.filter(
            systemic_list__status=SystemicList.Status.APPROVED, region_id__in=regions
        ).values("manufacturer_id")
    )


def customers_for(actor: Actor) -> QuerySet[Organization]:
    """The customers whose purchases the actor may see."""
    organizations = Organization.objects.all()
    condition = Q(pk__in=[])
    for grant in actor.grants:
        if grant.role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR):
            return organizations.filter(pk__in=PurchaseLine.objects.values("customer_id")) | organizations.filter(
                pk__in=SystemicEntry.objects.values("manufacturer_id")
            )
        if grant.role == Role.MAJOR_CUSTOMER and grant.organization_id is not None:
            condition |= Q(pk=grant.organization_id)
    regions = _akimat_regions(actor)
    if regions:
        condition |= systemic_in(regions) | Q(
            pk__in=PurchaseBatch.objects.filter(region_id__in=regions).values("customer_id")
        )
    return organizations.filter(condition)


def may_see(actor: Actor, customer: Organization) -> bool:
    return customers_for(actor).filter(pk=customer.pk).exists()


def may_import_for(actor: Actor, customer: Organization) -> bool:
    """A customer's own users, or an akimat for a systemic enterprise of its region (the service decides finally)."""
    if any(g.role == Role.MAJOR_CUSTOMER and g.organization_id == customer.pk for g in actor.grants):
        return True
    regions = _akimat_regions(actor)
    return bool(regions) and Organization.objects.filter(systemic_in(regions), pk=customer.pk).exists()


def amounts_visible(actor: Actor, customer: Organization) -> bool:
    """Whether the actor reads the amounts of the customer's lines whose prices are its commercial secret."""
    regions = _akimat_regions(actor)
    region = customer.region_id
    if regions and Organization.objects.filter(systemic_in(regions), pk=customer.pk).exists():
        region = regions[0]
    probe = PurchaseLine(customer=customer, price_confidential=True, batch=PurchaseBatch(region_id=region))
    return "view_amount" in allowed_actions(actor, probe)


def lines_for(actor: Actor, customer: Organization) -> QuerySet[PurchaseLine]:
    if not may_see(actor, customer):
        return PurchaseLine.objects.none()
    return PurchaseLine.objects.filter(customer=customer)


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def figure_for(customer: Organization, start: dt.date, end: dt.date) -> domestic_value.Figure:
    """The customer's figure (callers have checked `may_see`)."""
    found = domestic_value.figures(start=start, end=end, customers=[customer.pk])
    return found.get(customer.pk) or domestic_value.Figure(customer_id=customer.pk, start=start, end=end)


def national(actor: Actor) -> bool:
    return any(ROLE_REACH[g.role] is Reach.NATIONAL for g in actor.grants)
