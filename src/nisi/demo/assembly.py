"""Demo data of the industrial assembly agreements (IP-62 … IP-65), made through the app's services on the dates
they would have happened: a truck plant in Kostanay concluded its agreement fourteen months ago, passed its first
check, had its benefits recorded per code and quarter, ran a recall campaign, and was notified of violations more
than three months ago without eliminating them — so the authorized body's list shows the term ended and the
agreement's page offers the unilateral termination with the benefits to reimburse; a combine harvester plant's
agreement is in force and executed. Its plant's user is `demo-assembly`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

from nisi.assembly import rules, services
from nisi.assembly.models import Agreement
from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.demo.accounts import demo_account_give
from nisi.law import clock, params

OFFICER = Actor(user_id=None, label="demo authorized_body", grants=(Grant(Role.AUTHORIZED_BODY),))
PLANTS = [
    # (first 11 digits of the BIN, name, KATO, OKED, e-mail)
    ("20064000016", "ТОО «СарыаркаАвтоПром»", "391010000", "29102", "info@saryarka-avto.demo"),
    ("17034000029", "ТОО «Агромашхолдинг KZ»", "391010000", "28301", "office@agromash.demo"),
]


def _plant(first11: str, name: str, kato: str, oked: str, email: str) -> Organization:
    identifier = identifiers.complete(first11)
    found = Organization.objects.filter(identifier=identifier).first()
    return found or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, oked=oked, email=email
    )


def _facts(category: rules.Category, on: dt.date, **changes: object) -> rules.Facts:
    ops = rules.required_operations(category)
    assets = rules.assets_threshold(category, on).value + Decimal("1250000000.00")
    capacity_name = rules.CAPACITY_PARAMETER.get(category)
    capacity = int(params.value_on(capacity_name, on).value) + 500 if capacity_name else None
    base = rules.Facts(operations=ops[0] if ops else frozenset(), brands={"KAMAZ": 2}, capacity=capacity, assets=assets)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def assembly_demo() -> None:
    """Idempotent: does nothing once there are agreements."""
    if Agreement.objects.exists():
        return
    trucks, agro = (_plant(*row) for row in PLANTS)
    demo_account_give("demo-assembly", Role.APPLICANT, trucks, None)
    plant_user = Actor(user_id=None, label="demo-assembly", grants=(Grant(Role.APPLICANT, organization_id=trucks.pk),))
    today = clock.today()
    concluded = today - dt.timedelta(days=420)
    with clock.frozen(concluded):
        truck = services.agreement_conclude(
            actor=OFFICER,
            organization=trucks.identifier,
            category="truck",
            hs_codes=["870421", "870422", "870423"],
            facts=_facts(rules.Category.TRUCK, concluded),
        )
        harvester = services.agreement_conclude(
            actor=OFFICER,
            organization=agro.identifier,
            category="agricultural_major",
            hs_codes=["843351"],
            facts=_facts(rules.Category.AGRICULTURAL_MAJOR, concluded, brands={}),
        )
    first_check = concluded + dt.timedelta(days=90)
    with clock.frozen(first_check):
        services.agreement_check(
            actor=OFFICER, agreement=truck, facts=_facts(rules.Category.TRUCK, first_check), obligations_met=True
        )
        services.agreement_check(
            actor=OFFICER,
            agreement=harvester,
            facts=_facts(rules.Category.AGRICULTURAL_MAJOR, first_check, brands={}),
            obligations_met=True,
            note="localization schedule kept",
        )
    quarter = concluded
    amounts = [Decimal("184500000.00"), Decimal("212750000.50"), Decimal("96300000.25")]
    recorded_on = today - dt.timedelta(days=110)
    with clock.frozen(recorded_on):
        for n in range(3):
            end = quarter + dt.timedelta(days=89)
            for code, share in (("870421", Decimal("0.6")), ("870422", Decimal("0.4"))):
                services.benefit_record(
                    actor=OFFICER,
                    agreement=truck,
                    hs_code=code,
                    period_start=quarter,
                    period_end=end,
                    kind="освобождение от ввозных таможенных пошлин на комплектующие",
                    amount=(amounts[n] * share).quantize(Decimal("0.01")),
                )
            quarter = end + dt.timedelta(days=1)
        services.recall_record(
            actor=plant_user,
            agreement=truck,
            started_on=recorded_on - dt.timedelta(days=20),
            models_affected="КАМАЗ-65115, партия 2025 года",
            units=240,
            defect="трещина кронштейна крепления кабины",
            remedy="замена кронштейна у дилеров за счёт изготовителя",
            buyers_notified=240,
        )
    checked = today - dt.timedelta(days=105)
    with clock.frozen(checked):
        services.agreement_check(
            actor=OFFICER,
            agreement=truck,
            facts=_facts(rules.Category.TRUCK, checked, operations=frozenset({"welding", "body_assembly"})),
            obligations_met=False,
            note="окраска кабин передана стороннему подрядчику; график локализации не выполнен",
        )
    with clock.frozen(today - dt.timedelta(days=100)):
        services.agreement_notify(
            actor=OFFICER,
            agreement=truck,
            violations="Не выполняется технологическая операция окраски кабин (IP-63.2.1); не выполнен график "
            "локализации, предусмотренный соглашением.",
        )
