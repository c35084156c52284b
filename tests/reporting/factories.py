"""The incentives' records that the effectiveness figures read, written straight into the tables (the incentives
app's own tests make them through its services): operators, measures, agreements with their payments, yearly
reports and refunds, and grant agreements with paid tranches."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from nisi.core.models import Organization
from nisi.incentives.models import (
    CounterObligationAgreement,
    CounterObligationRefund,
    CounterObligationReport,
    IncentiveApplication,
    Measure,
    Operator,
    RequestedMeasure,
    SupportPayment,
)
from nisi.law import clock

REGIONS = ("35", "71", "75", "47")


@dataclass
class World:
    operators: list[Organization] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    entities: list[Organization] = field(default_factory=list)
    agreements: list[CounterObligationAgreement] = field(default_factory=list)


def operator(make_org: Any, name: str, code: str, kind: str = "financing") -> tuple[Organization, Measure]:
    org = make_org(name, kato="711010000")
    op = Operator.objects.create(organization=org, kind="development_bank", recorded_at=clock.now())
    measure = Measure.objects.create(code=code, kind=kind, operator=op, title=f"Measure {code}", created_at=clock.now())
    return org, measure


_seq = iter(range(1, 10_000_000))


def agreement(
    entity: Organization,
    measure: Measure,
    *,
    region: str | None = None,
    payments: list[tuple[dt.date, str]] = (),  # type: ignore[assignment]
    reports: list[tuple[dt.date, str]] = (),  # type: ignore[assignment]
    refunds: list[tuple[dt.date, str]] = (),  # type: ignore[assignment]
) -> CounterObligationAgreement:
    n = next(_seq)
    application = IncentiveApplication.objects.create(
        number=f"IA-T-{n:07d}",
        organization=entity,
        region_id=region,
        applied_on=dt.date(2023, 1, 10),
        submitted_at=clock.now(),
        submitted_by_label="test",
        project="Project",
        purpose="new_production",
        status="decided",
    )
    request = RequestedMeasure.objects.create(
        number=f"RM-T-{n:07d}",
        application=application,
        measure=measure,
        operator=measure.operator.organization,
        status="granted",
    )
    made = CounterObligationAgreement.objects.create(
        number=f"CO-T-{n:07d}",
        request=request,
        organization=entity,
        operator=measure.operator.organization,
        concluded_on=dt.date(2023, 2, 1),
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        concluded_by_label="test",
    )
    for day, amount in payments:
        SupportPayment.objects.create(agreement=made, paid_on=day, amount=Decimal(amount))
    for end, level in reports:
        CounterObligationReport.objects.create(
            agreement=made,
            period_start=dt.date(end.year, 1, 1),
            period_end=end,
            actuals={},
            level=Decimal(level),
            submitted_at=clock.now(),
            submitted_by_label="test",
        )
    for end, total in refunds:
        CounterObligationRefund.objects.create(
            agreement=made,
            period_start=dt.date(end.year, 1, 1),
            period_end=end,
            determined_on=end,
            determined_by_label="test",
            level=Decimal("0.5"),
            share=Decimal("0.5"),
            support=Decimal(total) * 2,
            principal=Decimal(total),
            interest=Decimal(0),
            total=Decimal(total),
        )
    return made


def random_world(make_org: Any, *, seed: int, entities: int = 12, agreements: int = 40) -> World:
    """A generated sample: two operators with two measures, entities in several regions, agreements with payments,
    reports and refunds over 2023–2025 at random."""
    rng = random.Random(seed)
    world = World()
    for i in range(2):
        org, measure = operator(make_org, f"Operator {i}", f"measure-{seed}-{i}")
        world.operators.append(org)
        world.measures.append(measure)
        _org, extra = operator(make_org, f"Operator {i}b", f"measure-{seed}-{i}b", kind="interest_subsidy")
        world.measures.append(extra)
    world.entities = [make_org(f"Entity {i}", kato=f"{rng.choice(REGIONS)}1010000") for i in range(entities)]
    for _ in range(agreements):
        years = [2023, 2024, 2025]
        world.agreements.append(
            agreement(
                rng.choice(world.entities),
                rng.choice(world.measures),
                region=rng.choice([None, *REGIONS]),
                payments=[
                    (
                        dt.date(y, rng.randint(1, 12), rng.randint(1, 28)),
                        f"{rng.randint(1, 10**9)}.{rng.randint(0, 99):02d}",
                    )
                    for y in years
                    for _ in range(rng.randint(0, 2))
                ],
                reports=[
                    (dt.date(y, 12, 31), f"{rng.randint(0, 15000) / 10000:.4f}") for y in years if rng.random() < 0.7
                ],
                refunds=[
                    (dt.date(y, 12, 31), f"{rng.randint(1, 10**7)}.{rng.randint(0, 99):02d}")
                    for y in years
                    if rng.random() < 0.2
                ],
            )
        )
    return world
