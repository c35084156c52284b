"""Fixtures of the industrial grants (IP-42): the development institute, an applicant, three experts, and a call
run up to each step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.financing.rules import Criterion
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import GrantAgreement, GrantApplication, GrantCall
from nisi.incentives.services import grant_agreements, grants
from nisi.law import clock

OPENS = dt.date(2026, 3, 2)
CLOSES = dt.date(2026, 3, 31)
CRITERIA = [
    Criterion("c1", "Конкурентоспособность продукции", Decimal(60), 10),
    Criterion("c2", "Экспортный потенциал", Decimal(40), 10),
]
TARGETS = [
    {"area": "labour_productivity", "year": 2026, "target": "12.5"},
    {"area": "export_output", "year": 2027, "target": "300000000"},
]


@dataclass
class Grants:
    institute: Organization
    institute_actor: Actor
    applicant: Organization
    applicant_actor: Actor
    experts: list[Actor]
    users: dict[str, Any]

    def call(self, *, open_it: bool = True) -> GrantCall:
        call = grants.call_create(
            actor=self.institute_actor,
            institute=self.institute,
            title="Промышленные гранты 2026",
            description="Гранты на проекты по выпуску приоритетных товаров",
            opens_on=OPENS,
            closes_on=CLOSES,
            budget=Decimal("500000000.00"),
            max_per_project=Decimal("200000000.00"),
            pass_score=Decimal(60),
            experts_per_application=2,
            criteria=CRITERIA,
        )
        return grants.call_open(actor=self.institute_actor, call=call) if open_it else call

    def apply(self, call: GrantCall, *, own: str = "60000000.00", amount: str = "150000000.00") -> GrantApplication:
        return grants.application_submit(
            actor=self.applicant_actor,
            call=call,
            organization=self.applicant,
            project_title="Линия по выпуску обсадных труб",
            project_summary="Новое производство труб",
            requested_amount=Decimal(amount),
            own_contribution=Decimal(own),
            project_starts_on=dt.date(2026, 5, 1),
            project_ends_on=dt.date(2027, 12, 31),
        )

    def approved(self) -> GrantApplication:
        call = self.call()
        application = self.apply(call)
        with clock.frozen(dt.date(2026, 4, 2)):
            grants.call_close(actor=self.institute_actor, call=call)
            for expert in self.experts[:2]:
                assignment = grants.expert_assign(
                    actor=self.institute_actor, application=application, expert_user_id=int(expert.user_id or 0)
                )
                grants.assignment_declare(actor=expert, assignment=assignment, conflict=False)
                grants.assignment_score(
                    actor=expert, assignment=assignment, scores={"c1": 8, "c2": 7}, comment="Сильный проект"
                )
            grants.call_decide(actor=self.institute_actor, call=call)
        application.refresh_from_db()
        return application

    def agreement(self) -> GrantAgreement:
        application = self.approved()
        with clock.frozen(dt.date(2026, 4, 10)):
            return grant_agreements.agreement_conclude(
                actor=self.institute_actor,
                application=application,
                signed_on=dt.date(2026, 4, 10),
                ends_on=dt.date(2027, 12, 31),
                tranches=[
                    (dt.date(2026, 5, 4), Decimal("100000000.00"), "Начало работ"),
                    (dt.date(2026, 11, 2), Decimal("50000000.00"), "Монтаж линии"),
                ],
                counter_obligations=TARGETS,
            )


@pytest.fixture(name="grants_world")
def grants_world_fixture(make_org: Any, make_user: Any, today: dt.date) -> Grants:
    institute = make_org("АО «Казахстанский центр индустрии и экспорта «QazIndustry»»")
    applicant = make_org("ТОО «Трубный завод»")
    users = {
        "institute": make_user(Role.DEVELOPMENT_INSTITUTE, institute),
        "applicant": make_user(Role.APPLICANT, applicant),
        "other": make_user(Role.APPLICANT, make_org("ТОО «Другое»")),
        "officer": make_user(Role.AUTHORIZED_BODY),
        "auditor": make_user(Role.AUDITOR),
        "insider": make_user(Role.INDEPENDENT_EXPERT, applicant),
    }
    experts = [actor_for(make_user(Role.INDEPENDENT_EXPERT)) for _ in range(3)]
    return Grants(
        institute=institute,
        institute_actor=actor_for(users["institute"]),
        applicant=applicant,
        applicant_actor=actor_for(users["applicant"]),
        experts=experts,
        users=users,
    )
