"""Industrial assembly agreements made through the services, as each role would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.assembly import rules, services
from nisi.assembly.models import Agreement
from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.law import clock

CONCLUDED = dt.date(2026, 1, 15)
TRUCK_FACTS = rules.Facts(
    operations=frozenset({"welding", "painting", "body_assembly"}),
    brands={"KAMAZ": 2},
    capacity=10_000,
    assets=Decimal(3_500_000 * 4325),
)


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    plant = make_org("ТОО «СарыаркаАвтоПром»")
    other = make_org("ТОО «Другой завод»")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "plant": plant,
        "other": other,
        "applicant": actor(Role.APPLICANT, plant),
        "stranger": actor(Role.APPLICANT, other),
        "officer": actor(Role.AUTHORIZED_BODY),
        "auditor": actor(Role.AUDITOR),
        "akimat": actor(Role.AKIMAT, region="35"),
        "customer": actor(Role.MAJOR_CUSTOMER, other),
    }


@pytest.fixture
def conclude(people: dict[str, Any]) -> Any:
    def make(on: dt.date = CONCLUDED, **changes: Any) -> Agreement:
        data: dict[str, Any] = {
            "actor": people["officer"],
            "organization": people["plant"].identifier,
            "category": "truck",
            "hs_codes": ["870421", "870422"],
            "facts": TRUCK_FACTS,
        }
        data.update(changes)
        with clock.frozen(on):
            return services.agreement_conclude(**data)

    return make
