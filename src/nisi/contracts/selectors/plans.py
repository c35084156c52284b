"""Reads of large customers, plans, the public list of goods planned for purchase and the applications, scoped to
the actor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from nisi.contracts.models import LargeCustomer, PlanApplication, PlanLine, ProcurementPlan
from nisi.contracts.rules import plans as rules
from nisi.core.authz import Actor, scope
from nisi.core.roles import Role
from nisi.law import clock


def customers_for(actor: Actor) -> QuerySet[LargeCustomer]:
    everything = LargeCustomer.objects.select_related("organization")
    visible = scope(actor, everything)
    return everything.filter(Q(pk__in=visible.values("pk")) | Q(status=LargeCustomer.Status.ACTIVE))


def plans_for(actor: Actor) -> QuerySet[ProcurementPlan]:
    """The plans the actor may see: the customer's own, every submitted one for the reviewers, published ones for
    everyone (drafts stay the customer's)."""
    everything = ProcurementPlan.objects.select_related("organization", "region")
    visible = scope(actor, everything).exclude(
        Q(status=ProcurementPlan.Status.DRAFT) & ~Q(organization_id__in=_customer_orgs(actor))
    )
    return everything.filter(Q(pk__in=visible.values("pk")) | Q(status=ProcurementPlan.Status.PUBLISHED))


def review_queue(actor: Actor) -> QuerySet[ProcurementPlan]:
    """Plans awaiting the reviewers or the customer (submitted, returned with comments, agreed)."""
    return plans_for(actor).filter(
        status__in=[ProcurementPlan.Status.SUBMITTED, ProcurementPlan.Status.COMMENTS, ProcurementPlan.Status.AGREED]
    )


def published_lines() -> QuerySet[PlanLine]:
    """IP-47.5: the goods planned for purchase of every published list (excluded goods are not on it)."""
    return PlanLine.objects.filter(plan__status=ProcurementPlan.Status.PUBLISHED, exclusion="").select_related(
        "plan__organization", "region"
    )


def published_search(*, code: str = "", region: str = "", customer: str = "") -> QuerySet[PlanLine]:
    """The public list searched by product code (its first digits), region (KATO 2 digits) and customer (BIN or
    name)."""
    lines = published_lines()
    if code:
        lines = lines.filter(product_code__startswith=code)
    if region:
        lines = lines.filter(Q(region_id=region) | Q(region__isnull=True, plan__region_id=region))
    if customer:
        lines = lines.filter(
            Q(plan__organization__identifier=customer) | Q(plan__organization__name__icontains=customer)
        )
    return lines.order_by("product_code", "plan__number", "position")


def _customer_orgs(actor: Actor) -> list[int]:
    return [g.organization_id for g in actor.grants if g.role == Role.MAJOR_CUSTOMER and g.organization_id]


def applications_for(actor: Actor) -> QuerySet[PlanApplication]:
    """A manufacturer's own applications, those addressed to a customer, every one for officers."""
    everything = PlanApplication.objects.select_related("line__plan", "organization", "customer", "contract")
    visible = scope(actor, everything)
    return everything.filter(Q(pk__in=visible.values("pk")) | Q(customer_id__in=_customer_orgs(actor)))


def applications_received(actor: Actor) -> QuerySet[PlanApplication]:
    """The applications a customer received against its lists (IP-47.6)."""
    return applications_for(actor).filter(customer_id__in=_customer_orgs(actor))


@dataclass(frozen=True)
class RegisterDelivery:
    """Where a published list stands with the register of goods, works and services used in subsoil use operations
    (IP-47.5): due by 1 February; the register's receipt once it took it; late when it came (or is still owed) after
    that day; the attempts that failed so far."""

    due_on: dt.date
    receipt: str
    received_at: dt.datetime | None
    late: bool
    attempts: int
    last_error: str

    @property
    def delivered(self) -> bool:
        return bool(self.receipt) or self.received_at is not None


def register_delivery(plan: ProcurementPlan, today: dt.date | None = None) -> RegisterDelivery | None:
    if plan.status != ProcurementPlan.Status.PUBLISHED:
        return None
    # Late or not by the day the receipt came back (the one clock); the register's own time is shown as it said.
    delivered_on = timezone.localdate(plan.register_sent_at) if plan.register_sent_at else None
    return RegisterDelivery(
        due_on=rules.publication_due(plan.first_year).value,
        receipt=plan.register_receipt,
        received_at=plan.register_received_at or plan.register_sent_at,
        late=rules.register_delivery_late(plan.first_year, delivered_on, today or clock.today()),
        attempts=plan.register_attempts,
        last_error=plan.register_last_error,
    )


def sees_register_delivery(actor: Actor, plan: ProcurementPlan) -> bool:
    """The customer and the authorized body see the delivery's attempts and errors (others: its receipt)."""
    return any(
        g.role == Role.AUTHORIZED_BODY or (g.role == Role.MAJOR_CUSTOMER and g.organization_id == plan.organization_id)
        for g in actor.grants
    )
