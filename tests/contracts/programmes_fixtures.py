"""Fixtures of the domestic value development programmes' tests: a large customer, its actors by role, and a
programme built through the services (draft, complete, submitted, agreed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import DomesticValueProgramme
from nisi.contracts.services import programmes as services
from nisi.core.authz import Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock

OFFICER = Actor(user_id=9301, label="industry officer", grants=(Grant(Role.AUTHORIZED_BODY),))
INSTITUTE = Actor(user_id=9302, label="institute officer", grants=(Grant(Role.DEVELOPMENT_INSTITUTE),))
AUDITOR = Actor(user_id=9303, label="auditor", grants=(Grant(Role.AUDITOR),))
START = dt.date(2026, 1, 15)  # the day the programme is prepared and submitted


def customer_of(org: Organization, user_id: int = 9310) -> Actor:
    return Actor(
        user_id=user_id, label=f"user of {org.name}", grants=(Grant(Role.MAJOR_CUSTOMER, organization_id=org.pk),)
    )


def applicant_of(org: Organization) -> Actor:
    return Actor(user_id=9320, label="applicant", grants=(Grant(Role.APPLICANT, organization_id=org.pk),))


def akimat_of(region: str = "351010000") -> Actor:
    return Actor(user_id=9330, label="akimat officer", grants=(Grant(Role.AKIMAT, region_code=region),))


def plan(actor: Actor, programme: DomesticValueProgramme) -> DomesticValueProgramme:
    """The three required areas, each with an action and a target for each year (IP-61-1.3, 61-1.4)."""
    years = programme.years
    share = {y: Decimal(40 + 3 * i) for i, y in enumerate(years)}
    count = {y: Decimal(3 + i) for i, y in enumerate(years)}
    services.programme_target_add(
        actor=actor,
        programme=programme,
        area="domestic_share",
        indicator="Share of domestic value in goods",
        unit="%",
        is_share=True,
        baseline=Decimal(38),
        values=share,
    )
    services.programme_target_add(
        actor=actor,
        programme=programme,
        area="industrial_contracts",
        indicator="Off-take contracts concluded",
        unit="contracts",
        is_share=False,
        baseline=Decimal(2),
        values=count,
    )
    services.programme_target_add(
        actor=actor,
        programme=programme,
        area="sme_development",
        indicator="SME suppliers trained",
        unit="enterprises",
        is_share=False,
        baseline=Decimal(10),
        values=count,
    )
    for area in ("domestic_share", "industrial_contracts", "sme_development"):
        services.programme_action_add(
            actor=actor,
            programme=programme,
            area=area,
            kind="customer",
            description=f"Action in {area}",
            due_on=dt.date(years[0], 9, 30),
        )
    return programme


@pytest.fixture
def customer_org(make_org: Any) -> Organization:
    return make_org(name="АО «Горнорудная компания»", kato="351010000")


@pytest.fixture
def customer(customer_org: Organization) -> Actor:
    return customer_of(customer_org)


def make_programme(actor: Actor, org: Organization, kind: str = "subsoil_user", first_year: int = 2026) -> Any:
    with clock.frozen(START):
        return services.programme_create(
            actor=actor, organization=org, customer_kind=kind, title="Local content 2026–2028", first_year=first_year
        )


@pytest.fixture
def draft(customer: Actor, customer_org: Organization) -> DomesticValueProgramme:
    return make_programme(customer, customer_org)


@pytest.fixture
def submitted(customer: Actor, draft: DomesticValueProgramme) -> DomesticValueProgramme:
    with clock.frozen(START):
        plan(customer, draft)
        return services.programme_submit(actor=customer, programme=draft)


@pytest.fixture
def agreed(submitted: DomesticValueProgramme) -> DomesticValueProgramme:
    with clock.frozen(START + dt.timedelta(days=10)):
        return services.programme_agree(actor=OFFICER, programme=submitted)
