"""The National Report's test data: producers in the register, projects in the map (made through the map's own
services), the officers of each role, and the report's inputs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord
from tests.industrialization.conftest import apply, included, people  # noqa: F401  (the map's fixtures, reused)

TODAY = dt.date(2026, 3, 20)  # after the inputs of 2025 were due (2 March 2026: 1 March was a Sunday)
CUT_OFF = dt.date(2026, 3, 15)


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def actors(make_org: Any, make_user: Any) -> dict[str, Actor]:
    ministry = make_org("Министерство энергетики", kato="711010000")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "ministry": ministry,  # type: ignore[dict-item]
        "officer": actor(Role.AUTHORIZED_BODY),
        "auditor": actor(Role.AUDITOR),
        "akimat": actor(Role.AKIMAT, region="35"),
        "akimat_away": actor(Role.AKIMAT, region="75"),
        "body": actor(Role.RESPONSIBLE_BODY, ministry),
        "applicant": actor(Role.APPLICANT, make_org("ТОО «Заявитель»")),
        "institute": actor(Role.DEVELOPMENT_INSTITUTE),
    }


@pytest.fixture
def producers(make_org: Any) -> Any:
    """`n` producers in the register of `region` since `since`, each with a good of HS chapter `chapter`."""
    counter = iter(range(1, 10_000))

    def make(n: int, region: str, chapter: str = "72", since: dt.date = dt.date(2024, 1, 10)) -> list[RegisterRecord]:
        records = []
        for _ in range(n):
            k = next(counter)
            org = make_org(f"ТОО «Производитель {region}-{k}»", kato=f"{region}1010000")
            record = RegisterRecord.objects.create(
                number=f"KZ-T-{region}-{k:05d}",
                organization=org,
                basis="assessed",
                included_on=since,
                region_code=region,
                site_kato=f"{region}1010000",
                updated_at=clock.now(),
            )
            RecordPeriod.objects.create(record=record, included_from=since)
            RegisterGood.objects.create(
                record=record,
                hs_code=f"{chapter}0110",
                name_ru="Товар",
                annual_capacity=Decimal(100),
                unit="t",
                domestic_value_share=Decimal("50.00"),
                included_on=since,
            )
            records.append(record)
        return records

    return make
