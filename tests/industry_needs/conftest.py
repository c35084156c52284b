"""Needs of industry made through the services, as each role would, and the in-process gateway simulator with the
employment and science systems up and fast."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.industry_needs.rules import ResearchNeedIn, SpecialistNeedIn
from nisi.industry_needs.services import needs as services
from nisi.law import clock
from nisi.verification.simulator.app import Simulator, shared_simulator

TODAY = dt.date(2026, 2, 16)  # in the first quarter of 2026: the needs of 2026 are due by 1 April


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    plants = [make_org(name) for name in ("ТОО «Завод А»", "ТОО «Завод Б»", "ТОО «Завод В»", "ТОО «Завод Г»")]

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "plants": plants,
        "entities": [actor(Role.APPLICANT, p) for p in plants],
        "entity": actor(Role.APPLICANT, plants[0]),
        "officer": actor(Role.AUTHORIZED_BODY),
        "auditor": actor(Role.AUDITOR),
        "akimat": actor(Role.AKIMAT, region="35"),
        "institute": actor(Role.DEVELOPMENT_INSTITUTE),
        "customer": actor(Role.MAJOR_CUSTOMER, plants[0]),
    }


def specialist(
    code: str = "6B07101", number: int = 10, region: str = "35", year_needed: int = 2027, level: str = "bachelor"
) -> SpecialistNeedIn:
    return SpecialistNeedIn(code, "Химическая инженерия", number, region, year_needed, level)


def research(subject: str = "Переработка шлаков ферросплавов", consent: bool = True, **changes: Any) -> ResearchNeedIn:
    data: dict[str, Any] = {
        "subject": subject,
        "oked": "24101",
        "desired_result": "Технология извлечения металлов из шлака",
        "budget_min": Decimal("50000000"),
        "budget_max": Decimal("120000000.50"),
        "deadline": dt.date(2027, 12, 31),
        "contact_consent": consent,
        **changes,
    }
    return ResearchNeedIn(**data)


@pytest.fixture
def submitted(people: dict[str, Any], today: dt.date) -> Any:
    """Each of the four plants gives its needs for specialists for 2026; the first two need chemists in Karaganda
    (35), all four metallurgists in Pavlodar (55), the first a welder in Astana (71)."""
    given = []
    for i, entity in enumerate(people["entities"]):
        lines = [specialist("6B07201", 5 + i, "55")]
        if i < 2:
            lines.append(specialist("6B07101", 10, "35"))
        if i == 0:
            lines.append(specialist("07150100", 3, "71", level="tve"))
        given.append(services.needs_submit(actor=entity, kind="specialists", year=2026, lines=lines))
    return given


@pytest.fixture
def gateway(settings: Any) -> Iterator[Simulator]:
    settings.NISI_GATEWAY_URL = "inprocess"
    settings.NISI_GATEWAY_BACKOFF_S = 0.001
    settings.NISI_GATEWAY_ATTEMPTS = 2
    sim = shared_simulator()
    saved = {}
    for source in ("employment_needs", "science_needs"):
        state = sim.sources[source]
        saved[source] = (state.latency_ms, state.error_rate, state.outage)
        state.latency_ms, state.error_rate, state.outage = 0, 0.0, False
    sim.employment_needs.reset()
    sim.science_needs.reset()
    yield sim
    sim.employment_needs.reset()
    sim.science_needs.reset()
    for source, (latency, error, outage) in saved.items():
        state = sim.sources[source]
        state.latency_ms, state.error_rate, state.outage = latency, error, outage
