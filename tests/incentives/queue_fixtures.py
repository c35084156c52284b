"""Helpers of the queue's tests: a budget for a measure and an application with its amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.incentives.models import IncentiveApplication, Measure, MeasureBudget
from nisi.incentives.services import applications as app_services
from nisi.incentives.services import queue as services
from tests.incentives.fixtures import World, put_in_register


def budget(measure: Measure, amount: str = "100.00", start: dt.date = dt.date(2026, 1, 1)) -> MeasureBudget:
    return services.budget_record(
        actor=SYSTEM,
        measure=measure,
        period_start=start,
        period_end=dt.date(start.year, 12, 31),
        amount=Decimal(amount),
        basis="Закон о республиканском бюджете на 2026 год",
    )


def individual_entrepreneur(name: str = "ИП Сериков Арман Болатович") -> Organization:
    """An individual entrepreneur, known by an IIN: a natural person."""
    for tail in range(10_000, 99_999):
        try:
            iin = identifiers.complete(f"850412{tail:05d}")
        except identifiers.InvalidIdentifier:
            continue
        return organization_register(actor=SYSTEM, identifier=iin, name=name, kato="351010000")
    raise AssertionError("no IIN")


def entity(make_org: Any, make_user: Any, name: str, org: Organization | None = None) -> tuple[Organization, Any]:
    """Another applicant in the register, with its user's actor."""
    org = org or make_org(name)
    put_in_register(org, [(dt.date(2025, 1, 10), None)])
    return org, actor_for(make_user(Role.APPLICANT, org))


def apply_for(
    w: World,
    amount: str | None,
    *,
    org: Organization | None = None,
    actor: Any = None,
    code: str = "dbk-financing",
    **kw: Any,
) -> IncentiveApplication:
    values: dict[str, Any] = {
        "actor": actor or w.applicant_actor,
        "organization": org or w.applicant,
        "measure_codes": [code],
        "project": "Сборочный завод",
        "purpose": "new_production",
        "hs_codes": ["870421"],
        "counter_obligations_accepted": True,
        "amounts": {} if amount is None else {code: amount},
    }
    values.update(kw)
    return app_services.application_submit(**values)
