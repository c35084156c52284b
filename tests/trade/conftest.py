"""Foreign trade made through the services, as each role would: the register's producers of 720810 (two), 720851
(taken out on 1 March) and 730630 (its producer removed on 1 April), all included on 15 January 2026."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.trade.services import monitoring
from nisi.verification.simulator.app import Simulator, shared_simulator
from tests.registry.conftest import lookup_register  # noqa: F401  (a fixture)

TODAY = dt.date(2026, 5, 20)  # the second quarter of 2026: the first is the last ended


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(lookup_register: list[RegisterRecord], make_user: Any, make_org: Any) -> dict[str, Any]:  # noqa: F811
    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    first, second, removed = (r.organization for r in lookup_register)
    outsider = make_org("ТОО «Не в реестре»")
    return {
        "first": first,
        "second": second,
        "removed": removed,
        "outsider": outsider,
        "producer": actor(Role.APPLICANT, first),
        "producer2": actor(Role.APPLICANT, second),
        "stranger": actor(Role.APPLICANT, outsider),
        "officer": actor(Role.AUTHORIZED_BODY),
        "auditor": actor(Role.AUDITOR),
        "institute": actor(Role.DEVELOPMENT_INSTITUTE),
        "akimat": actor(Role.AKIMAT, region="35"),
    }


def csv_of(rows: list[tuple[str, ...]]) -> bytes:
    header = "number,code,country,unit,quantity,customs_value,declared_on\n"
    return (header + "".join(",".join(r) + "\n" for r in rows)).encode()


Q1_IMPORTS = [
    ("10005/150126/0000001-1", "7208100000", "CN", "t", "10", "600000.00", "2026-01-20"),  # 60,000 per t
    ("10005/150226/0000002-1", "7208100000", "CN", "t", "5", "310000.00", "2026-02-15"),  # 62,000 per t
    ("10005/100326/0000003-1", "720810", "RU", "t", "2", "130000.00", "2026-03-10"),  # 65,000 per t
    ("10005/100326/0000004-1", "730630", "TR", "t", "4", "1000000.00", "2026-03-11"),  # 250,000 per t
]


@pytest.fixture
def priced(people: dict[str, Any], today: dt.date) -> dict[str, Any]:
    """Q1 2026 imports of 720810 at a median of 62,000 per t, against the two producers' 100,000 and 96,000."""
    from nisi.trade.services import declarations

    declarations.declarations_import(actor=people["officer"], content=csv_of(Q1_IMPORTS), name="q1.csv")
    for who, org, price in (("producer", "first", "100000"), ("producer2", "second", "96000")):
        monitoring.price_report(
            actor=people[who],
            organization=people[org],
            hs_code="720810",
            unit="t",
            period="2026-Q1",
            unit_price=Decimal(price),
        )
    return people


@pytest.fixture
def customs(settings: Any) -> Iterator[Simulator]:
    settings.NISI_GATEWAY_URL = "inprocess"
    settings.NISI_GATEWAY_BACKOFF_S = 0.001
    settings.NISI_GATEWAY_ATTEMPTS = 2
    sim = shared_simulator()
    state = sim.sources["customs"]
    saved = (state.latency_ms, state.error_rate, state.outage)
    state.latency_ms, state.error_rate, state.outage = 0, 0.0, False
    sim.customs.reset()
    yield sim
    sim.customs.reset()
    state.latency_ms, state.error_rate, state.outage = saved
