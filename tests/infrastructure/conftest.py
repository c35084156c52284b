"""The infrastructure register and the selection of territorial clusters made through the services, as each role
would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.core import identifiers
from nisi.core.authz import Actor, actor_for
from nisi.core.financing.rules import Criterion
from nisi.core.roles import Role
from nisi.infrastructure.services import register, selection
from nisi.law import clock

TODAY = dt.date(2026, 6, 15)


def bins(*seeds: int) -> list[str]:
    """Valid BINs, made from 11 digits (skipping those no check digit fits)."""
    found = []
    seed = 0
    while len(found) < len(seeds):
        try:
            found.append(identifiers.complete(f"2101400{seeds[len(found)] * 10 + seed:04d}"))
            seed = 0
        except identifiers.InvalidIdentifier:
            seed += 1
    return found


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    park = make_org("ТОО «Технопарк Алатау»", kato="751210000")
    cluster_org = make_org("ТОО «Кластерная организация»", kato="351010000")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "park": park,
        "cluster_org": cluster_org,
        "officer": actor(Role.AUTHORIZED_BODY),
        "institute": actor(Role.DEVELOPMENT_INSTITUTE),
        "auditor": actor(Role.AUDITOR),
        "akimat": actor(Role.AKIMAT, region="35"),
        "applicant": actor(Role.APPLICANT, cluster_org),
        "park_user": actor(Role.APPLICANT, park),
        "expert_user": make_user(Role.INDEPENDENT_EXPERT),
        "expert2_user": make_user(Role.INDEPENDENT_EXPERT),
    }


@pytest.fixture
def included(people: dict[str, Any], today: dt.date) -> Any:
    def make(**changes: Any) -> Any:
        data: dict[str, Any] = {
            "kind": "technopark",
            "identifier": people["park"].identifier,
            "name": "Технопарк «Алатау»",
            "kato": "751210000",
            "included_on": dt.date(2026, 1, 15),
            "basis_reference": "Приказ № 12 от 15.01.2026",
            **changes,
        }
        return register.entry_include(actor=people["officer"], **data)

    return make


CRITERIA = [
    Criterion("cooperation", "Depth of cooperation between participants", Decimal(60), 10),
    Criterion("plan", "Quality of the development plan", Decimal(40), 10),
]


@pytest.fixture
def call(people: dict[str, Any]) -> Any:
    """An open call of the selection, window 1 March – 30 April 2026."""
    with clock.frozen(dt.date(2026, 2, 20)):
        made = selection.call_create(
            actor=people["officer"],
            title="Конкурсный отбор территориальных кластеров 2026",
            description="Отбор кластеров для государственного стимулирования",
            opens_on=dt.date(2026, 3, 1),
            closes_on=dt.date(2026, 4, 30),
            budget=Decimal("500000000.00"),
            max_per_project=Decimal("300000000.00"),
            pass_score=Decimal("60"),
            experts_per_application=1,
            criteria=CRITERIA,
        )
        return selection.call_open(actor=people["officer"], call=made)


@pytest.fixture
def applied(people: dict[str, Any], call: Any) -> Any:
    with clock.frozen(dt.date(2026, 3, 10)):
        return selection.application_submit(
            actor=people["applicant"],
            call=call,
            organization=people["cluster_org"],
            cluster_name="Карагандинский металлургический кластер",
            development_plan="Совместные закупки, обучение кадров, трансфер технологий",
            specialization="Металлургия (ОКЭД 24)",
            kato="351010000",
            participants=bins(1, 2),
            requested_amount=Decimal("200000000.00"),
            plan_starts_on=dt.date(2026, 7, 1),
            plan_ends_on=dt.date(2028, 12, 31),
        )


@pytest.fixture
def selected(people: dict[str, Any], call: Any, applied: Any) -> Any:
    """The application scored 8/10 and 7/10 by one expert; the call closed on 1 May and decided on 20 May 2026."""
    with clock.frozen(dt.date(2026, 5, 1)):
        assignment = selection.expert_assign(
            actor=people["officer"], application=applied, expert_user_id=people["expert_user"].pk
        )
        expert = actor_for(people["expert_user"])
        selection.assignment_declare(actor=expert, assignment=assignment, conflict=False)
        selection.assignment_score(
            actor=expert, assignment=assignment, scores={"cooperation": 8, "plan": 7}, comment="Сильная кооперация"
        )
        selection.call_close(actor=people["officer"], call=call)
    with clock.frozen(dt.date(2026, 5, 20)):
        selection.call_decide(actor=people["officer"], call=call)
    applied.refresh_from_db()
    return applied
