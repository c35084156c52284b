"""Fixtures of the procurement plans area: a large customer, its user, the authorized body, a manufacturer, and a
few HS codes of the classifier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import LargeCustomerKind, ProcurementPlan
from nisi.contracts.rules.plans import LineIn
from nisi.contracts.services import customers, plans
from nisi.core.authz import SYSTEM, Actor, actor_for
from nisi.core.models import ClassifierCode, Organization
from nisi.core.roles import Role
from nisi.law import clock

CODES = ("730429", "848180", "850440")
TODAY = dt.date(2025, 11, 20)


@dataclass
class Cycle:
    customer: Organization
    customer_actor: Actor
    officer: Actor
    institute: Actor
    manufacturer: Organization
    manufacturer_actor: Actor
    akimat: Actor
    auditor: Actor
    users: dict[str, Any]


def line(code: str = "730429", year: int = 2026, **kw: Any) -> LineIn:
    values: dict[str, Any] = {
        "product_code": code,
        "description": "Трубы обсадные",
        "quantity": Decimal(100),
        "unit": "t",
        "year": year,
    }
    values.update(kw)
    return LineIn(**values)


@pytest.fixture(name="hs_codes")
def hs_codes_fixture(db: None) -> None:
    for code in CODES:
        ClassifierCode.objects.get_or_create(
            system=ClassifierCode.System.HS, code=code, defaults={"level": 6, "parent_code": code[:4]}
        )


@pytest.fixture(name="cycle")
def cycle_fixture(make_org: Any, make_user: Any, hs_codes: None) -> Any:
    with clock.frozen(TODAY):
        customer = make_org("АО «Недра»", kato="351010000", email="nedra@test.kz")
        manufacturer = make_org("ТОО «Завод труб»", kato="351010000", email="zavod@test.kz")
        customers.customer_record(
            actor=SYSTEM, organization=customer, kind=LargeCustomerKind.SUBSOIL_USER, since=dt.date(2025, 9, 1)
        )
        users = {
            "customer": make_user(Role.MAJOR_CUSTOMER, customer),
            "officer": make_user(Role.AUTHORIZED_BODY),
            "institute": make_user(Role.DEVELOPMENT_INSTITUTE),
            "manufacturer": make_user(Role.APPLICANT, manufacturer),
            "akimat": make_user(Role.AKIMAT, region="35"),
            "auditor": make_user(Role.AUDITOR),
        }
        yield Cycle(
            customer=customer,
            customer_actor=actor_for(users["customer"]),
            officer=actor_for(users["officer"]),
            institute=actor_for(users["institute"]),
            manufacturer=manufacturer,
            manufacturer_actor=actor_for(users["manufacturer"]),
            akimat=actor_for(users["akimat"]),
            auditor=actor_for(users["auditor"]),
            users=users,
        )


def draft(c: Cycle, *lines: LineIn) -> ProcurementPlan:
    plan = plans.plan_create(actor=c.customer_actor, organization=c.customer, first_year=2026, last_year=2027)
    for item in lines or (line(),):
        plans.line_add(actor=c.customer_actor, plan=plan, line=item)
    return plan
