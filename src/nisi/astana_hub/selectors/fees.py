"""Reads of membership fees (AH-10.1.4-2), scoped to the actor: a participant's users see their own organization,
the Fund's officers and auditors every participant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from nisi.astana_hub import participation
from nisi.astana_hub.models import FeeCharge, FeePayment, FeeSchedule
from nisi.astana_hub.rules import fees as rules
from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.models import Organization


def sees_every_participant(actor: Actor) -> bool:
    """The Fund's officers and auditors (national reach on charges); a participant's users do not."""
    return "view" in allowed_actions(actor, FeeCharge())


def may_see_statement(actor: Actor, organization: Organization) -> bool:
    return "view" in allowed_actions(actor, FeeCharge(organization=organization))


def may(actor: Actor, action: str, record: object) -> bool:
    return action in allowed_actions(actor, record)


def schedules() -> QuerySet[FeeSchedule]:
    """Every version of the fee, newest first (the Fund's operating rules are public)."""
    return FeeSchedule.objects.order_by("-applies_from")


def schedule_in_force(on: dt.date) -> FeeSchedule | None:
    return FeeSchedule.objects.filter(applies_from__lte=on).order_by("-applies_from").first()


def own_organizations(actor: Actor) -> QuerySet[Organization]:
    """The organizations whose statements the actor sees as their own (a participant's users)."""
    return Organization.objects.filter(pk__in=actor.organization_ids()).order_by("name")


def organization_by_identifier(identifier: str) -> Organization | None:
    return Organization.objects.filter(identifier=identifier.strip()).first()


def charges_for(actor: Actor) -> QuerySet[FeeCharge]:
    return scope(actor, FeeCharge.objects.select_related("organization", "schedule"))


def payments_for(actor: Actor) -> QuerySet[FeePayment]:
    return scope(actor, FeePayment.objects.select_related("organization"))


def charge_key(charge: FeeCharge) -> str:
    return rules.period_containing(charge.schedule.period, charge.period_start).label


def _rules_charges(charges: list[FeeCharge]) -> list[rules.Charge]:
    return [
        rules.Charge(
            key=charge_key(c), amount=c.amount, due_on=c.due_on, period_start=c.period_start, period_end=c.period_end
        )
        for c in charges
    ]


def _rules_payments(payments: list[FeePayment]) -> list[rules.Payment]:
    return [rules.Payment(key=p.payment_reference, amount=p.amount, paid_on=p.paid_on) for p in payments]


@dataclass
class StatementView:
    organization: Organization
    statement: rules.Statement
    cancelled: list[FeeCharge]
    participant: bool  # an Astana Hub participant at the end of the period


def statement_for(actor: Actor, organization: Organization, start: dt.date, end: dt.date) -> StatementView:
    """A participant's statement for [start, end] as the actor may see it (`PermissionDenied` otherwise is the
    caller's check: `may_see_statement`)."""
    charges = list(charges_for(actor).filter(organization=organization))
    live = [c for c in charges if c.cancelled_at is None]
    payments = list(payments_for(actor).filter(organization=organization))
    return StatementView(
        organization=organization,
        statement=rules.statement(_rules_charges(live), _rules_payments(payments), start, end, as_of=_today()),
        cancelled=[c for c in charges if c.cancelled_at is not None and c.period_start <= end],
        participant=participation.is_hub_participant(organization.pk, min(end, _today())),
    )


def _today() -> dt.date:
    from nisi.law import clock

    return clock.today()


@dataclass
class OverviewRow:
    organization: Organization
    charged: Decimal
    paid: Decimal
    balance: Decimal  # positive: owed; negative: credit
    arrears: Decimal
    participant: bool

    @property
    def credit(self) -> Decimal:
        return -self.balance if self.balance < 0 else rules.ZERO


SORTS = {
    "arrears": lambda r: (-r.arrears, r.organization.name),
    "balance": lambda r: (-r.balance, r.organization.name),
    "name": lambda r: (r.organization.name,),
}


def overview(actor: Actor, on: dt.date, sort: str = "arrears") -> list[OverviewRow]:
    """Every participant that is or was charged, and every current Astana Hub participant, with its balance and
    arrears on `on`; sorted by arrears (largest first) unless asked otherwise."""
    if not sees_every_participant(actor):
        return []
    charges = list(charges_for(actor).filter(cancelled_at__isnull=True, period_start__lte=on))
    payments = list(payments_for(actor).filter(paid_on__lte=on))
    current = set(participation.hub_participant_ids(on))
    org_ids = current | {c.organization_id for c in charges} | {p.organization_id for p in payments}
    rows = []
    for organization in Organization.objects.filter(pk__in=org_ids):
        mine_c = _rules_charges([c for c in charges if c.organization_id == organization.pk])
        mine_p = _rules_payments([p for p in payments if p.organization_id == organization.pk])
        charged = sum((c.amount for c in mine_c), rules.ZERO)
        paid = sum((p.amount for p in mine_p), rules.ZERO)
        rows.append(
            OverviewRow(
                organization=organization,
                charged=charged,
                paid=paid,
                balance=charged - paid,
                arrears=rules.arrears_on(mine_c, mine_p, on),
                participant=organization.pk in current,
            )
        )
    return sorted(rows, key=SORTS.get(sort, SORTS["arrears"]))


def charge_of(actor: Actor, organization: Organization, period_label: str) -> FeeCharge | None:
    """A charge by its public key: the participant's BIN and the period (`2025-03`, `2025-Q2`, `2025`)."""
    try:
        period = rules.parse_period(period_label)
    except rules.PeriodError:
        return None
    return (
        charges_for(actor)
        .filter(Q(organization=organization) & Q(period_start=period.start) & Q(period_end=period.end))
        .first()
    )
