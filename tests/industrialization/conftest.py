"""Projects of the map made through the services, as each role would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.industrialization.models import Project
from nisi.industrialization.services import projects as services
from nisi.law import clock

KARAGANDA = {"kato": "351010000", "latitude": Decimal("49.80600"), "longitude": Decimal("73.08500")}
ASTANA = {"kato": "711010000", "latitude": Decimal("51.12800"), "longitude": Decimal("71.43000")}
TODAY = dt.date(2026, 5, 20)  # in the second quarter of 2026: the first is the latest ended


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    initiator = make_org("ТОО «Карагандинский литейный завод»")
    ministry = make_org("Министерство промышленности и строительства", kato="711010000")
    other = make_org("ТОО «Другой»")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "initiator": initiator,
        "ministry": ministry,
        "other": other,
        "applicant": actor(Role.APPLICANT, initiator),
        "stranger": actor(Role.APPLICANT, other),
        "officer": actor(Role.AUTHORIZED_BODY),
        "akimat": actor(Role.AKIMAT, region="35"),
        "akimat_away": actor(Role.AKIMAT, region="75"),
        "body": actor(Role.RESPONSIBLE_BODY, ministry),
        "auditor": actor(Role.AUDITOR),
    }


def application(people: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Литейное производство",
        "initiator": people["initiator"].identifier,
        **KARAGANDA,
        "oked": "24100",
        "hs_codes": ["720110"],
        "investment": Decimal("12500000000.00"),
        "jobs": 350,
        "capacity": "120 000 tonnes a year",
        "responsible_kind": "akimat",
        "responsible": None,
        "stages": [
            services.StagePlan("construction", dt.date(2026, 1, 15)),
            services.StagePlan("commissioning", dt.date(2027, 6, 30)),
        ],
    }
    data.update(changes)
    return data


@pytest.fixture
def apply(people: dict[str, Any]) -> Any:
    def make(actor: Actor | None = None, **changes: Any) -> Project:
        return services.project_apply(actor=actor or people["applicant"], **application(people, **changes))

    return make


@pytest.fixture
def included(people: dict[str, Any], apply: Any) -> Any:
    def make(**changes: Any) -> Project:
        project = apply(**changes)
        services.project_check(actor=people["officer"], project=project)
        return services.project_include(actor=people["officer"], project=project)

    return make
