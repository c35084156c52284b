"""Fixtures of the examination and objections tests: a plan taken through review and publication, an application
against it, and a producer in the register for an excluded good."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from nisi.contracts.models import PlanApplication, ProcurementPlan
from nisi.contracts.services import examination, plans, plans_review
from nisi.core.authz import actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from tests.contracts.plans_fixtures import Cycle, draft, line
from tests.contracts.purchases_fixtures import put_in_register

D = dt.date
APPLIED_ON = D(2026, 2, 10)
EXAMINE_BY = D(2026, 3, 26)  # 30 calendar days from 19 February: 21 March, Nauryz and its days off moved it
EXCLUDED = "850440"


def under_review(c: Cycle) -> ProcurementPlan:
    """A plan submitted on 10 December 2025 with one good planned and one excluded as bought on the domestic
    market."""
    with clock.frozen(D(2025, 12, 10)):
        plan = draft(c, line(), line(EXCLUDED, exclusion="domestic_market", exclusion_reason="Есть у ТОО «Поставщик»"))
        plans.plan_submit(actor=c.customer_actor, plan=plan)
    return plan


def published(c: Cycle) -> ProcurementPlan:
    plan = under_review(c)
    with clock.frozen(D(2026, 1, 15)):
        plans_review.plan_agree(actor=c.officer, plan=plan)
    with clock.frozen(D(2026, 1, 20)):
        plans_review.plan_publish(actor=c.officer, plan=plan)
    return plan


def applied(c: Cycle, kind: str = PlanApplication.Kind.OFFTAKE) -> PlanApplication:
    plan = published(c)
    with clock.frozen(APPLIED_ON):
        return plans_review.application_submit(
            actor=c.manufacturer_actor,
            line=plan.lines.get(exclusion=""),
            organization=c.manufacturer,
            kind=kind,
            quantity=Decimal(30),
        )


AWARD: dict[str, str] = {
    "technical_characteristics": "Наружный диаметр 168,3 мм; толщина стенки 8,9 мм; группа прочности N80",
    "physical_chemical_properties": "Сталь 36Г2С; предел текучести не менее 552 МПа",
    "configuration": "Трубы с муфтами и предохранительными кольцами",
}
TERMS: dict[str, Any] = {
    "unit_price": Decimal("850000.00"),
    "amount": Decimal("25500000.00"),
    "starts_on": D(2026, 4, 1),
    "ends_on": D(2027, 3, 31),
    "volumes": {2026: Decimal(20), 2027: Decimal(10)},
    "min_domestic_value": Decimal("55.00"),
    "programme_duty": True,
}


def awarded(c: Cycle, application: PlanApplication) -> PlanApplication:
    with clock.frozen(D(2026, 3, 2)):
        return examination.application_award(actor=c.customer_actor, application=application, **AWARD)


def producer_in_register(c: Cycle, make_org: Any, make_user: Any, code: str = EXCLUDED) -> tuple[Organization, Any]:
    """A producer in the register for `code` since 2025, with its user's actor."""
    producer = make_org("ТОО «Казэлектро»", kato="351010000", email="kazelectro@test.kz")
    put_in_register(producer, periods=[(D(2025, 1, 1), None)], goods=[(code, None, D(2025, 1, 1), None)])
    return producer, actor_for(make_user(Role.APPLICANT, producer))
