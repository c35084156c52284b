"""Reads of goods excluded from plans under review and of producers' objections to them (IP-47.3), scoped to the
actor: a producer sees the excluded goods it is in the register of Kazakhstani commodity producers for (matched
on the HS subheading, through the register's own selectors), a customer its own plans', officers every one."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from nisi.contracts.models import ExclusionObjection, PlanLine
from nisi.contracts.rules import objections as rules
from nisi.core.authz import OFFICERS_SEE, Actor, scope
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.registry import selectors as register


def producer_organizations(actor: Actor) -> list[Organization]:
    """The manufacturers the actor acts for (its applicant grants)."""
    ids = [g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id]
    return list(Organization.objects.filter(pk__in=ids).order_by("name"))


def register_codes(organization: Organization) -> set[str]:
    """The HS subheadings the organization is in the register of Kazakhstani commodity producers for, today."""
    goods = register.public_goods(identifier=organization.identifier)
    return {rules.hs_subheading(code) for code in goods.values_list("hs_code", flat=True)}


def _under(codes: set[str]) -> Q:
    condition = Q(pk__in=[])
    for code in sorted(codes):
        condition |= Q(product_code__startswith=code)
    return condition


def excluded_lines() -> QuerySet[PlanLine]:
    """Goods excluded (IP-47.3) from the plans under review (IP-47.4)."""
    return (
        PlanLine.objects.exclude(exclusion="")
        .filter(plan__status__in=rules.UNDER_REVIEW)
        .select_related("plan__organization", "region")
        .order_by("product_code", "plan__number", "position")
    )


def excluded_for(actor: Actor) -> QuerySet[PlanLine]:
    """The excluded goods the actor may see: officers every one, a customer its own plans', a producer those it is
    in the register for; nobody else any."""
    lines = excluded_lines()
    if any(g.role in OFFICERS_SEE for g in actor.grants):
        return lines
    condition = Q(pk__in=[])
    customers = [g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER and g.organization_id]
    if customers:
        condition |= Q(plan__organization_id__in=customers)
    for organization in producer_organizations(actor):
        condition |= _under(register_codes(organization))
    return lines.filter(condition)


def objections_for(actor: Actor) -> QuerySet[ExclusionObjection]:
    """The objections the actor may see: a producer's own, those to a customer's plans, every one for officers."""
    everything = ExclusionObjection.objects.select_related("plan", "organization", "customer", "line")
    return everything.filter(pk__in=scope(actor, everything).values("pk"))
