"""Demo data enough for the public dashboard's other charts (IP-16.3) to show figures without weakening suppression
(ADR 35: a cell of fewer than three entities is never published). The dashboard counts this year's records up to
yesterday, so everything here is dated yesterday (or earlier for the Hub):

- measures given (`incentives_measures`, keyed by measure): three of the dashboard's mining enterprises, one in each
  region, are granted the Development Bank's financing of a processing plant whose good is on the list of priority
  goods (IP-26.3) and conclude agreements with counter-obligations (IP-27);
- contracts concluded (`contracts_kinds`, keyed by kind, counted by manufacturer): the mining and metallurgical
  company concludes guaranteed purchase agreements for the ore of three of those enterprises, which the register
  has for it (IP-48-1), and off-take contracts with three machine-building plants for goods they will start
  producing (IP-48);
- Astana Hub participants (`hub_participants`): three more IT companies registered as Astana Hub actors
  (AH-8-1.5-7), besides the demo's start-up.

Made through the apps' services, as in real use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.astana_hub.models import HubActor
from nisi.astana_hub.services import participants as hub
from nisi.contracts.models import ContractKind, DevelopmentContract, LargeCustomerKind
from nisi.contracts.rules import offtake as offtake_rules
from nisi.contracts.services import offtake as contracts
from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.incentives.models import CounterObligationAgreement, Measure, RequestedMeasure
from nisi.incentives.rules.counter_obligations import agreement_periods
from nisi.incentives.services import agreements, applications
from nisi.law import clock

# The demo's mining and metallurgical company (the customer of the contracts).
CUSTOMER = "15064000023"
# Three IT companies registered as Astana Hub actors: (first 11 digits of the BIN, name, KATO, direction, activity)
HUB_ACTORS = [
    ("21054000011", "ТОО «Qazaq Data Systems»", "711110000", "artificial_intelligence",
     "Платформа анализа данных промышленных датчиков для прогнозного обслуживания оборудования."),
    ("22034000021", "ТОО «Tulpar Pay»", "751110000", "fintech",
     "Сервис безналичных платежей и рассрочки для малого бизнеса."),
    ("20084000031", "ТОО «Bilim Cloud»", "711110000", "edtech",
     "Облачная платформа дистанционного обучения на казахском и русском языках."),
]  # fmt: skip
# Three machine-building plants that will start producing a good for the company (off-take, IP-48):
# (first 11 digits of the BIN, name, KATO, OKED, HS code, good, characteristics, unit, price)
PLANTS = [
    ("19114000041", "ТОО «Қарағанды Машзавод»", "351010000", "28921", "847420", "Дробилки конусные КСД-1750",
     "Диаметр конуса 1750 мм; производительность 160–300 т/ч; ГОСТ 6937-91", "шт", "185000000.00"),
    ("23064000051", "ТОО «Павлодар Насос»", "551010000", "28139", "841370", "Насосы шламовые ГрАТ 700/40",
     "Подача 700 м³/ч; напор 40 м; проточная часть из износостойкого чугуна ИЧХ28Н2", "шт", "42000000.00"),
    ("24024000061", "АО «Өскемен Футеровка»", "631010000", "24520", "732599", "Футеровка стальная для мельниц МШЦ",
     "Сталь 110Г13Л; твёрдость 200–240 HB; комплект на мельницу МШЦ 3600×5500", "т", "1350000.00"),
]  # fmt: skip
# Volumes a year of the plants' goods and of the enterprises' ore.
PLANT_VOLUMES = (Decimal(4), Decimal(12), Decimal(300))
# What the enterprises' financed projects produce (on the list of priority goods, IP-26.3), in their order.
PROJECTS = [
    ("Строительство цеха электролитического рафинирования меди", "740311"),
    ("Строительство установки прямого восстановления железа", "720310"),
    ("Строительство цинкового электролизного цеха", "790111"),
]
ORE_GRADE = "Содержание металла не ниже паспортного; влажность не более 8 %; крупность 0–300 мм"
LIABILITY = "Неустойка 0,1 % стоимости непоставленного объёма за каждый день просрочки, не более 10 %."
CRITERIA = {
    "innovativeness": "adequate",
    "competitiveness": "strong",
    "scale": "adequate",
    "export_orientation": "adequate",
    "labour_productivity": "strong",
}


def _as(role: str, organization: Organization | None = None) -> Actor:
    grant = Grant(role, organization_id=organization.pk if organization else None)
    return Actor(user_id=None, label=f"demo {role}", grants=(grant,))


def _organization(first11: str, name: str, kato: str, oked: str, email: str) -> Organization:
    identifier = identifiers.complete(first11)
    found = Organization.objects.filter(identifier=identifier).first()
    return found or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, oked=oked, email=email
    )


def _fund() -> Actor:
    user = get_user_model().objects.filter(username="demo-hub").first()
    return Actor(user_id=user.pk if user else None, label="demo-hub", grants=(Grant(Role.ASTANA_HUB_FUND),))


def _hub(today: dt.date) -> None:
    fund = _fund()
    for index, (first11, name, kato, direction, activity) in enumerate(HUB_ACTORS):
        org = _organization(first11, name, kato, "62011", f"{first11}@hub.demo")
        if HubActor.objects.filter(organization=org).exists():
            continue
        applied = today - dt.timedelta(days=150 - 40 * index)
        with clock.frozen(applied):
            record = hub.hub_actor_apply(
                actor=_as(Role.APPLICANT, org), organization=org, activity=activity, priority_direction=direction
            )
        with clock.frozen(applied + dt.timedelta(days=5)):
            hub.hub_actor_register(actor=fund, hub_actor=record)


def _agreements(enterprises: list[Organization], on: dt.date) -> None:
    """Three enterprises in three regions, each granted the Development Bank's financing (IP-27)."""
    if not Measure.objects.filter(code="dbk-financing").exists():
        return  # the incentives demo did not run
    for index, (org, (project, hs_code)) in enumerate(zip(enterprises, PROJECTS, strict=True)):
        if CounterObligationAgreement.objects.filter(organization=org).exists():
            continue
        with clock.frozen(on):
            applications.application_submit(
                actor=_as(Role.APPLICANT, org),
                organization=org,
                measure_codes=["dbk-financing"],
                project=project,
                purpose="modernization",
                hs_codes=[hs_code],
                counter_obligations_accepted=True,
            )
            request = (
                RequestedMeasure.objects.filter(
                    application__organization=org,
                    measure__code="dbk-financing",
                    status=RequestedMeasure.Status.WITH_OPERATOR,
                )
                .select_related("operator")
                .first()
            )
            if request is None:
                continue
            bank = _as(Role.INCENTIVE_OPERATOR, request.operator)
            applications.request_assess(actor=bank, request=request, **CRITERIA)
            applications.request_grant(actor=bank, request=request)
            ends_on = on.replace(year=on.year + 2) - dt.timedelta(days=1)
            periods = agreement_periods(on, ends_on)
            output = 2_000_000_000 + 500_000_000 * index
            agreements.agreement_conclude(
                actor=bank,
                request=request,
                starts_on=on,
                ends_on=ends_on,
                payments=[(on, Decimal(800_000_000 + 350_000_000 * index))],
                targets={
                    p.start: {
                        "labour_productivity": str(10 + index + n),
                        "export_output": str(output + 300_000_000 * n),
                    }
                    for n, p in enumerate(periods)
                },
            )


def _contract(customer: Organization, maker: Organization, terms: contracts.Terms) -> None:
    contract = contracts.contract_conclude(actor=_as(Role.MAJOR_CUSTOMER, customer), customer=customer, terms=terms)
    contracts.contract_confirm(actor=_as(Role.APPLICANT, maker), contract=contract)


def _contracts(enterprises: list[Organization], goods: list[tuple[str, str]], on: dt.date) -> None:
    customer = Organization.objects.filter(identifier=identifiers.complete(CUSTOMER)).first()
    if customer is None:
        return
    # Deliveries from next year: none fall due in the year the contracts are concluded.
    starts = dt.date(on.year + 1, 1, 1)
    # Guaranteed purchases of the enterprises' ore, which the register has (IP-48-1): three years.
    ends = offtake_rules.add_years(starts, 3) - dt.timedelta(days=1)
    years = offtake_rules.contract_years(starts, ends)
    with clock.frozen(on):
        for index, (org, (hs_code, good)) in enumerate(zip(enterprises, goods, strict=True)):
            if DevelopmentContract.objects.filter(manufacturer=org, customer=customer).exists():
                continue
            volume = Decimal(200_000 + 50_000 * index)
            price = Decimal("18500.00") + Decimal(1500 * index)
            _contract(
                customer,
                org,
                contracts.Terms(
                    kind=ContractKind.GUARANTEED_PURCHASE,
                    manufacturer=org,
                    customer_kind=LargeCustomerKind.SUBSOIL_USER,
                    hs_code=hs_code,
                    goods_name=good,
                    characteristics=ORE_GRADE,
                    unit="т",
                    unit_price=price,
                    amount=price * volume * len(years),
                    starts_on=starts,
                    ends_on=ends,
                    volumes=dict.fromkeys(years, volume),
                    liability=LIABILITY,
                ),
            )
        # Off-take contracts with three plants for goods they will start producing (IP-48): two years.
        ends = offtake_rules.add_years(starts, 2) - dt.timedelta(days=1)
        years = offtake_rules.contract_years(starts, ends)
        for (first11, name, kato, oked, hs_code, good, characteristics, unit, plant_price), volume in zip(
            PLANTS, PLANT_VOLUMES, strict=True
        ):
            plant = _organization(first11, name, kato, oked, f"{first11}@plant.demo")
            if DevelopmentContract.objects.filter(manufacturer=plant).exists():
                continue
            _contract(
                customer,
                plant,
                contracts.Terms(
                    kind=ContractKind.OFFTAKE,
                    manufacturer=plant,
                    customer_kind=LargeCustomerKind.SUBSOIL_USER,
                    hs_code=hs_code,
                    goods_name=good,
                    characteristics=characteristics,
                    unit=unit,
                    unit_price=Decimal(plant_price),
                    amount=Decimal(plant_price) * volume * len(years),
                    starts_on=starts,
                    ends_on=ends,
                    volumes=dict.fromkeys(years, volume),
                    min_domestic_value=Decimal("55.00"),
                    programme_duty=True,
                ),
            )


def dashboard_measures_demo(enterprises: list[Organization], goods: list[tuple[str, str]]) -> None:
    """Idempotent. `enterprises` the dashboard's mining enterprises in three regions, `goods` their (HS code, good)
    in the register. Agreements and contracts are concluded yesterday: the dashboard shows the figures up to then."""
    today = clock.today()
    yesterday = today - dt.timedelta(days=1)
    _hub(today)
    _agreements(enterprises, yesterday)
    _contracts(enterprises, goods, yesterday)
