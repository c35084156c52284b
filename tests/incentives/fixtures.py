"""Fixtures of the incentives: operators and measures open today, a version of the list of priority goods, an
applicant in the register, and the actors of every role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from nisi.core.authz import SYSTEM, Actor, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import Measure, PriorityList
from nisi.incentives.services import catalogue, priority
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from tests.contracts.purchases_fixtures import put_in_register as register_with_goods

TODAY = dt.date(2026, 3, 2)
LIST_CSV = (
    "hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n"
    "8704,Грузовые автомобили,high,80,70,75\n"
    "730429,Трубы обсадные,medium,55,60,70\n"
).encode()


@dataclass
class World:
    applicant: Organization
    applicant_actor: Actor
    bank: Organization
    bank_actor: Actor
    agent: Organization
    agent_actor: Actor
    officer: Actor
    auditor: Actor
    financing: Measure
    subsidy: Measure
    closed: Measure
    priority_list: PriorityList
    users: dict[str, Any]


def put_in_register(organization: Organization, periods: list[tuple[dt.date, dt.date | None]]) -> RegisterRecord:
    """The producer's periods in the register (no goods), written as the register's services leave them."""
    return register_with_goods(organization, periods=periods, goods=[])


@pytest.fixture(name="today")
def today_fixture() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture(name="world")
def world_fixture(make_org: Any, make_user: Any, today: dt.date) -> World:
    applicant = make_org("ТОО «Казавтопром»")
    bank = make_org("АО «Банк Развития Казахстана»")
    agent = make_org("АО «ФРП «Даму»»")
    users = {
        "applicant": make_user(Role.APPLICANT, applicant),
        "bank": make_user(Role.INCENTIVE_OPERATOR, bank),
        "agent": make_user(Role.INCENTIVE_OPERATOR, agent),
        "officer": make_user(Role.AUTHORIZED_BODY),
        "auditor": make_user(Role.AUDITOR),
        "institute": make_user(Role.DEVELOPMENT_INSTITUTE),
        "other": make_user(Role.APPLICANT, make_org("ТОО «Другое»")),
    }
    bank_op = catalogue.operator_record(actor=SYSTEM, organization=bank, kind="development_bank")
    agent_op = catalogue.operator_record(actor=SYSTEM, organization=agent, kind="financial_agent")
    financing = catalogue.measure_publish(
        actor=SYSTEM, code="dbk-financing", kind="financing", operator=bank_op, title="Финансирование проектов"
    )
    subsidy = catalogue.measure_publish(
        actor=SYSTEM, code="damu-subsidy", kind="interest_subsidy", operator=agent_op, title="Субсидирование ставки"
    )
    closed = catalogue.measure_publish(
        actor=SYSTEM, code="damu-guarantee", kind="guarantees", operator=agent_op, title="Гарантии по кредитам"
    )
    catalogue.measure_window_open(actor=SYSTEM, measure=financing, opens_on=dt.date(2026, 1, 1))
    catalogue.measure_window_open(
        actor=SYSTEM, measure=subsidy, opens_on=dt.date(2026, 2, 1), closes_on=dt.date(2026, 12, 31)
    )
    catalogue.measure_window_open(actor=SYSTEM, measure=closed, opens_on=dt.date(2026, 4, 1))
    plist = priority.priority_list_upload(
        actor=SYSTEM, content=LIST_CSV, name="list.csv", in_force_from=today, basis="Приказ № 1"
    )
    put_in_register(applicant, [(dt.date(2025, 1, 10), None)])
    return World(
        applicant=applicant,
        applicant_actor=actor_for(users["applicant"]),
        bank=bank,
        bank_actor=actor_for(users["bank"]),
        agent=agent,
        agent_actor=actor_for(users["agent"]),
        officer=actor_for(users["officer"]),
        auditor=actor_for(users["auditor"]),
        financing=financing,
        subsidy=subsidy,
        closed=closed,
        priority_list=plist,
        users=users,
    )
