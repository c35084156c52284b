"""Scrap notifications and reports made through the services, as each role would."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.roles import Role
from nisi.law import clock
from nisi.scrap_metal import services
from nisi.scrap_metal.models import ScrapNotification

TODAY = dt.date(2026, 5, 20)  # in the second quarter of 2026: the first is the latest ended


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    collector = make_org("ТОО «Карагандинский вторчермет»")
    other = make_org("ТОО «Другой»")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "collector": collector,
        "other": other,
        "entity": actor(Role.APPLICANT, collector),
        "stranger": actor(Role.APPLICANT, other),
        "officer": actor(Role.AUTHORIZED_BODY),
        "akimat": actor(Role.AKIMAT, region="35"),
        "akimat_away": actor(Role.AKIMAT, region="75"),
        "auditor": actor(Role.AUDITOR),
        "customer": actor(Role.MAJOR_CUSTOMER, collector),
    }


@pytest.fixture
def notified(people: dict[str, Any]) -> Any:
    """A notification lodged on 10 January 2026 for an activity from that day, in Karaganda region (35)."""

    def make(actor: Actor | None = None, kato: str = "351010000", **changes: Any) -> ScrapNotification:
        with clock.frozen(dt.date(2026, 1, 10)):
            data: dict[str, Any] = {
                "site_kato": kato,
                "site_address": "Караганда, ул. Заводская, 5",
                "activities": ["collection", "sale"],
                "metals": ["ferrous", "non_ferrous"],
                "starts_on": dt.date(2026, 1, 10),
                **changes,
            }
            return services.notification_lodge(actor=actor or people["entity"], **data)

    return make


def lines(*rows: tuple[str, str, str]) -> tuple[services.LineIn, ...]:
    return tuple(services.LineIn(code, Decimal(bought), Decimal(sold)) for code, bought, sold in rows)


def report(year: int = 2026, quarter: int = 1, *rows: tuple[str, str, str]) -> services.ReportIn:
    return services.ReportIn(year, quarter, lines(*(rows or (("720449", "120.5", "100"), ("760200", "3.25", "3")))))
