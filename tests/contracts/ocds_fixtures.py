"""Fixtures of the open contracting feed and the subsoil use register: the in-process gateway simulator reset around
each test, and one contracting process from the plan to a closed year, made through the services."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

import nisi.contracts
from nisi.contracts.models import DevelopmentContract, PlanApplication, ProcurementPlan
from nisi.contracts.services import offtake, offtake_performance, plans, plans_review, subsoil_register
from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.verification.simulator.app import Simulator, shared_simulator
from tests.contracts.offtake_fixtures import terms
from tests.contracts.plans_fixtures import *  # noqa: F403  (the plans area's fixtures)
from tests.contracts.plans_fixtures import Cycle, draft, line

D = dt.date
V = Decimal
SCHEMAS = Path(nisi.contracts.__file__).parent / "data" / "ocds"


def _schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


# The packages refer to the release schema as `release-schema.json`: resolved from the same folder.
_REGISTRY = Registry().with_resources(
    (name, Resource.from_contents(_schema(name), default_specification=DRAFT4))
    for name in ("release-schema.json", "release-package-schema.json", "record-package-schema.json")
)


def validate(document: dict[str, Any], schema: str) -> None:
    """Raises when the document does not match the OCDS 1.1 schema named (formats checked too)."""
    validator = jsonschema.Draft4Validator(
        _schema(schema), registry=_REGISTRY, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


@pytest.fixture
def register_sim(settings: Any) -> Iterator[Simulator]:
    """The in-process gateway simulator, the subsoil use register's source up and fast, reset around the test."""
    settings.NISI_GATEWAY_URL = "inprocess"
    settings.NISI_GATEWAY_BACKOFF_S = 0.001
    settings.NISI_GATEWAY_ATTEMPTS = 2
    sim = shared_simulator()
    state = sim.sources["subsoil_register"]
    saved = (state.latency_ms, state.error_rate, state.outage)
    state.latency_ms, state.error_rate, state.outage = 0, 0.0, False
    sim.subsoil_register.reset()
    sim.stats.clear()
    yield sim
    sim.subsoil_register.reset()
    state.latency_ms, state.error_rate, state.outage = saved


PUBLISHED_ON = dt.date(2026, 1, 20)


def publish(cycle: Cycle, *, on: dt.date = PUBLISHED_ON) -> ProcurementPlan:
    """A plan of two goods planned for purchase and one excluded, submitted, agreed and published on `on`."""
    with clock.frozen(D(2025, 12, 1)):
        plan = draft(
            cycle,
            line("730429", planned_amount=V("90000000.00")),
            line("848180", planned_amount=V("12500000.50")),
            line("850440", exclusion="domestic_market", exclusion_reason="Bought on the domestic market"),
        )
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    with clock.frozen(D(2026, 1, 15)):
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
    with clock.frozen(on):
        plans_review.plan_publish(actor=cycle.officer, plan=plan)
    return plan


@dataclass
class Process:
    cycle: Cycle
    plan: ProcurementPlan
    application: PlanApplication
    contract: DevelopmentContract


@pytest.fixture
def process(cycle: Cycle, register_sim: Simulator) -> Process:
    """Plan → published list (delivered to the register) → application → contract signed → a delivery accepted in
    part → the year closed."""
    plan = publish(cycle)
    subsoil_register.plan_publication_deliver(number=plan.number)
    good = plan.lines.get(product_code="730429")
    with clock.frozen(D(2026, 2, 10)):
        application = plans_review.application_submit(
            actor=cycle.manufacturer_actor,
            line=good,
            organization=cycle.manufacturer,
            kind=PlanApplication.Kind.OFFTAKE,
            quantity=V(200),
        )
    with clock.frozen(D(2026, 3, 2)):
        contract = offtake.contract_conclude(
            actor=cycle.customer_actor,
            customer=cycle.customer,
            terms=terms(
                cycle.manufacturer,
                hs_code="730429",
                goods_name="Трубы обсадные",
                application=application,
                volumes={2026: V(100), 2027: V(100), 2028: V(100)},
                amount=V("135000000.00"),
            ),
        )
        offtake.contract_confirm(actor=cycle.manufacturer_actor, contract=contract)
    with clock.frozen(D(2026, 5, 10)):
        delivery = offtake_performance.delivery_record(
            actor=cycle.manufacturer_actor, contract=contract, delivered_on=D(2026, 5, 10), volume=V(100)
        )
        offtake_performance.delivery_accept(
            actor=cycle.customer_actor, delivery=delivery, accepted_volume=V(70), reasons="Storage full"
        )
    offtake_performance.year_close(actor=SYSTEM, year=contract.years.get(year=2026), today=D(2027, 1, 1))
    contract.refresh_from_db()
    return Process(cycle=cycle, plan=plan, application=application, contract=contract)
