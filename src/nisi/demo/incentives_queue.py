"""Demo data of the queues of measures with a limited budget and the alerts when a measure opens, made through the
app's services: a budget for the financial agent's guarantees, the producers in the register applying for them (each
request that passes takes a place; the last one waits beyond the budget), and the foundry asking to be told when the
Development Bank's leasing opens. The daily jobs (alerts, figures from the state's systems) are run once."""

from __future__ import annotations

from decimal import Decimal

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.incentives.models import Measure, MeasureBudget, RequestedMeasure
from nisi.incentives.services import alerts, applications, queue, state_actuals
from nisi.law import clock

AMOUNTS = ("350000000.00", "120000000.00", "90000000.00", "200000000.00")


def _as(organization: Organization) -> Actor:
    return Actor(user_id=None, label="demo applicant", grants=(Grant(Role.APPLICANT, organization_id=organization.pk),))


def queue_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice; nothing when the catalogue's demo measures are missing."""
    guarantees = Measure.objects.filter(code="damu-guarantees").first()
    leasing = Measure.objects.filter(code="dbk-leasing").first()
    if guarantees is None or leasing is None or MeasureBudget.objects.exists():
        return
    today = clock.today()
    queue.budget_record(
        actor=SYSTEM,
        measure=guarantees,
        period_start=today.replace(month=1, day=1),
        period_end=today.replace(month=12, day=31),
        amount=Decimal("500000000.00"),
        basis="Демо: постановление Правительства о распределении бюджетных средств",
    )
    for organization, amount in zip(orgs[:4], AMOUNTS, strict=False):
        applications.application_submit(
            actor=_as(organization),
            organization=organization,
            measure_codes=["damu-guarantees"],
            project="Расширение производства",
            purpose="expansion",
            hs_codes=["720810"],
            counter_obligations_accepted=True,
            amounts={"damu-guarantees": amount},
        )
    if not RequestedMeasure.objects.filter(measure=guarantees, queue_place__isnull=False).exists():
        return
    alerts.alert_ask(actor=_as(orgs[0]), organization=orgs[0], measure=leasing)
    alerts.alerts_check(on=today)
    state_actuals.state_actuals_fetch(on=today)
