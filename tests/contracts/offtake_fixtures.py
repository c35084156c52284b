"""Fixtures of the off-take area's tests: a large customer and a manufacturer with their users, and contracts of
each kind concluded and signed through the services. Imported by the area's test modules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import ContractKind, DevelopmentContract, LargeCustomerKind
from nisi.contracts.services import offtake as services
from nisi.core.authz import Actor, Grant, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from tests.conftest import hs_codes_loaded

TODAY = dt.date(2026, 3, 2)
OFFICER = Actor(user_id=9001, label="officer", grants=(Grant(Role.AUTHORIZED_BODY),))


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def hs_codes(db: None) -> None:
    hs_codes_loaded()


@pytest.fixture
def customer(make_org: Any) -> Organization:
    return make_org("АО «Горнорудная компания»", email="customer@test.kz")


@pytest.fixture
def manufacturer(make_org: Any) -> Organization:
    return make_org("ТОО «Завод шаров»", email="plant@test.kz")


@pytest.fixture
def customer_user(make_user: Any, customer: Organization) -> Any:
    return make_user(Role.MAJOR_CUSTOMER, customer)


@pytest.fixture
def manufacturer_user(make_user: Any, manufacturer: Organization) -> Any:
    return make_user(Role.APPLICANT, manufacturer)


@pytest.fixture
def officer_user(make_user: Any) -> Any:
    return make_user(Role.AUTHORIZED_BODY)


def terms(manufacturer: Organization, kind: str = ContractKind.OFFTAKE, **changes: Any) -> services.Terms:
    base: dict[str, Any] = {
        "kind": kind,
        "manufacturer": manufacturer,
        "customer_kind": LargeCustomerKind.SUBSOIL_USER,
        "hs_code": "732690",
        "goods_name": "Grinding balls, 100 mm",
        "characteristics": "Diameter 100 mm ± 2; hardness 58-62 HRC; GOST 7524-2015",
        "unit": "t",
        "unit_price": Decimal("450000.00"),
        "amount": Decimal("1350000000.00"),
        "starts_on": dt.date(2026, 4, 1),
        "ends_on": dt.date(2028, 3, 31),
        "volumes": {2026: Decimal(1000), 2027: Decimal(1000), 2028: Decimal(1000)},
        "min_domestic_value": Decimal("60.00"),
        "programme_duty": True,
        "liability": "",
    }
    if kind == ContractKind.GUARANTEED_PURCHASE:
        base.update(
            liability="0.1 % of the undelivered value per day of delay",
            starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2028, 4, 1),
            min_domestic_value=None,
            programme_duty=False,
        )
    if kind == ContractKind.CONTRACT_PROCUREMENT:
        base.update(
            customer_year_purchases=Decimal("3000000000.00"),
            offset_conditions=[
                ("training", "A training centre in Temirtau", Decimal("70000000.00"), dt.date(2027, 12, 31))
            ],
            min_domestic_value=None,
            programme_duty=False,
        )
    base.update(changes)
    return services.Terms(**base)


@pytest.fixture
def proposed(
    today: dt.date, hs_codes: None, customer: Organization, customer_user: Any, manufacturer: Organization
) -> DevelopmentContract:
    return services.contract_conclude(actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer))


@pytest.fixture
def signed(proposed: DevelopmentContract, manufacturer_user: Any) -> DevelopmentContract:
    return services.contract_confirm(actor=actor_for(manufacturer_user), contract=proposed)
