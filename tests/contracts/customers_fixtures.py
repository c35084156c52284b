"""Fixtures of the large customers' area: the authorized body, the officers who read, a customer's and a
manufacturer's users, the National Welfare Fund and a few organizations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from nisi.core.authz import SYSTEM
from nisi.core.models import Organization
from nisi.core.roles import Role

DAY = dt.date(2026, 3, 2)


@dataclass
class People:
    fund: Organization
    holding: Organization
    customer: Organization
    maker: Organization
    users: dict[str, Any]


@pytest.fixture(name="people")
def people_fixture(make_org: Any, make_user: Any) -> People:
    fund = make_org("АО «ФНБ «Самрук-Казына»»")
    holding = make_org("АО «НК «Дочерняя»»")
    customer = make_org("АО «Недра»")
    maker = make_org("ТОО «Завод»")
    users = {
        "officer": make_user(Role.AUTHORIZED_BODY),
        "institute": make_user(Role.DEVELOPMENT_INSTITUTE),
        "auditor": make_user(Role.AUDITOR),
        "customer": make_user(Role.MAJOR_CUSTOMER, customer),
        "maker": make_user(Role.APPLICANT, maker),
        "akimat": make_user(Role.AKIMAT, region="35"),
    }
    return People(fund=fund, holding=holding, customer=customer, maker=maker, users=users)


__all__ = ["DAY", "SYSTEM", "People", "people_fixture"]
