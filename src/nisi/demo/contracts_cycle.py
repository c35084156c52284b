"""Demo data of the contracts' yearly cycle after the plans (IP-46 … IP-49, IP-47-1, IP-61-1), made through the
app's services on the dates they would have happened:

- an off-take contract between the mining company (demo-customer) and the steel foundry (demo-applicant) in its
  second year: the first year closed with a breach and its penalty (IP-48.2, IP-48.4), this year's deliveries partly
  accepted (the year's due, accepted and still owed; the last-quarter warning from October), pledged with a bank
  (IP-48.1), and an amendment reducing next year's volume awaiting the manufacturer's consent;
- a guaranteed purchase agreement of the grid company (demo-customer-grid) with the foundry, from its existing
  production (IP-48-1, IP-46.1.1-1);
- contract procurement with offset (IP-49): one offset condition fulfilled, one failed with its penalty;
- the mining company's purchase lines, whose domestic value figure the purchases page computes;
- last year's approved list of systemic enterprises (IP-47-1) from two akimats' production volumes (IP-11.3), and
  the Karaganda akimat's submission of its systemic enterprise's purchases;
- the mining company's domestic value development programme, agreed, with last year's report monitored (IP-61-1);
- the grid company's plan submitted forty days ago and not reviewed: overdue in the authorized body's work queue.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from nisi.contracts.models import (
    ContractKind,
    ContractYear,
    DevelopmentContract,
    LargeCustomer,
    LargeCustomerKind,
    OffsetCondition,
    Pledge,
)
from nisi.contracts.rules import offtake as offtake_rules
from nisi.contracts.rules.plans import LineIn
from nisi.contracts.services import customers, plans, programmes, purchases, systemic
from nisi.contracts.services import offtake as contracts
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_performance as performance
from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization, Region
from nisi.core.roles import Role
from nisi.demo.accounts import demo_account_give
from nisi.demo.contracts import _monopoly
from nisi.demo.registry import history_start
from nisi.law import clock

# Marks the demo as made: the pledge of the off-take contract (IP-48.1).
PLEDGE_REFERENCE = "ДЗ-2025/017"
# A supplier no register knows: its lines do not count as Kazakhstani.
FOREIGN_SUPPLIER = identifiers.complete("99014000001")
OFFICER = Actor(user_id=None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))
# The contracts' accounts besides the core's: the grid company's user and the Pavlodar akimat.
# A delivery of the story: its day, its volume, what the customer accepts of it (None: not yet) and why not the rest.
Step = tuple[dt.date, int, int | None, str]
ACCOUNTS = (("demo-customer-grid", Role.MAJOR_CUSTOMER), ("demo-akimat-pavlodar", Role.AKIMAT))


def _as(role: str, organization: Organization | None = None, region: str | None = None) -> Actor:
    grant = Grant(role, organization_id=organization.pk if organization else None, region_code=region)
    return Actor(user_id=None, label=f"demo {role}", grants=(grant,))


def _day(year: int, month: int, day: int, today: dt.date) -> dt.date:
    """A day of the story, never after today (the demo may run early in a year)."""
    return min(dt.date(year, month, day), today)


@transaction.atomic
def contracts_cycle_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice."""
    if Pledge.objects.filter(agreement_reference=PLEDGE_REFERENCE).exists():
        return
    foundry, cable, miner, monopoly = orgs[0], orgs[1], orgs[3], _monopoly()
    demo_account_give(ACCOUNTS[0][0], ACCOUNTS[0][1], monopoly, None)
    demo_account_give(ACCOUNTS[1][0], ACCOUNTS[1][1], None, "55")
    for org, kind in ((miner, LargeCustomerKind.SUBSOIL_USER), (monopoly, LargeCustomerKind.NATURAL_MONOPOLY)):
        if not LargeCustomer.objects.filter(organization=org).exists():
            customers.customer_record(actor=SYSTEM, organization=org, kind=kind, since=dt.date(2025, 9, 1))
    offtake = _offtake(miner, foundry)
    _guaranteed_purchase(monopoly, foundry)
    _offset(miner, cable)
    _purchases(miner, foundry, cable)
    _systemic(foundry, cable, monopoly)
    _programme(miner)
    _overdue_review(monopoly)
    # The daily run closes what has ended and warns of this year's acceptance still due from October (IP-48.2).
    performance.contracts_daily()
    changes.pledge_record(
        actor=_as(Role.APPLICANT, foundry),
        contract=offtake,
        pledgee="АО «Банк Развития Казахстана»",
        agreement_reference=PLEDGE_REFERENCE,
        pledged_on=min((offtake.signed_on or clock.today()) + dt.timedelta(days=35), clock.today()),
    )


def _offtake(miner: Organization, foundry: Organization) -> DevelopmentContract:
    today = clock.today()
    first, this = today.year - 1, today.year
    customer, maker = _as(Role.MAJOR_CUSTOMER, miner), _as(Role.APPLICANT, foundry)
    terms = contracts.Terms(
        kind=ContractKind.OFFTAKE,
        manufacturer=foundry,
        customer_kind=LargeCustomerKind.SUBSOIL_USER,
        hs_code="732690",
        tnved_code="7326909807",
        goods_name="Шары мелющие стальные, 100 мм",
        characteristics="Диаметр 100 ± 2 мм; твёрдость поверхности 58–62 HRC; ГОСТ 7524-2015, группа твёрдости V",
        unit="т",
        unit_price=Decimal("450000.00"),
        amount=Decimal("1530000000.00"),
        starts_on=dt.date(first, 2, 1),
        ends_on=dt.date(this + 1, 12, 31),
        volumes={first: Decimal(1000), this: Decimal(1200), this + 1: Decimal(1200)},
        min_domestic_value=Decimal("60.00"),
        programme_duty=True,
    )
    with clock.frozen(dt.date(first, 1, 20)):
        contract = contracts.contract_conclude(actor=customer, customer=miner, terms=terms)
    with clock.frozen(dt.date(first, 1, 27)):
        contracts.contract_confirm(actor=maker, contract=contract)
    # The first year: the customer left 80 t of the last delivery unaccepted, below the 100 % minimum (IP-48.2).
    last_year: list[Step] = [
        (dt.date(first, 4, 10), 400, 400, ""),
        (dt.date(first, 8, 14), 400, 400, ""),
        (dt.date(first, 11, 20), 200, 120, "Склад обогатительной фабрики заполнен; приёмка остатка перенесена."),
    ]
    for step in last_year:
        _deliver(contract, maker, customer, step)
    with clock.frozen(dt.date(this, 1, 2)):
        year = ContractYear.objects.get(contract=contract, year=first)
        performance.year_close(actor=SYSTEM, year=year)
    # This year: two deliveries accepted (one in part), the third awaiting the customer's acceptance.
    this_year: list[Step] = [
        (_day(this, 3, 16, today), 300, 300, ""),
        (_day(this, 6, 11, today), 300, 150, "150 т не прошли входной контроль по твёрдости (ниже 58 HRC)."),
        (_day(this, 9, 22, today), 250, None, ""),
    ]
    for step in this_year:
        _deliver(contract, maker, customer, step)
    # The customer proposes reducing next year's volume: it takes effect only if the manufacturer agrees (IP-48.2).
    changes.amendment_propose(
        actor=customer,
        contract=contract,
        volumes={this + 1: Decimal(900)},
        unit_price=None,
        explanation="Снижение объёма добычи на руднике в следующем году: предлагаем 900 т вместо 1 200 т.",
    )
    contract.refresh_from_db()
    return contract


def _deliver(
    contract: DevelopmentContract,
    maker: Actor,
    customer: Actor,
    step: Step,
) -> None:
    """The manufacturer records a delivery; the customer accepts it (all or part) five days later, or not yet."""
    delivered_on, volume, accepted, reasons = step
    with clock.frozen(delivered_on):
        delivery = performance.delivery_record(
            actor=maker,
            contract=contract,
            delivered_on=delivered_on,
            volume=Decimal(volume),
            document=f"ТТН-{delivered_on:%y%m%d}",
        )
    if accepted is not None:
        with clock.frozen(min(delivered_on + dt.timedelta(days=5), clock.today())):
            performance.delivery_accept(
                actor=customer, delivery=delivery, accepted_volume=Decimal(accepted), reasons=reasons
            )


def _guaranteed_purchase(monopoly: Organization, foundry: Organization) -> None:
    """A guaranteed purchase is for goods from existing production (IP-46.1.1-1): the grid company's agreement is with
    the foundry, for the rolled steel it was in the register of Kazakhstani commodity producers for when the agreement
    was concluded (the cable plant's application to the register still awaits the assessment)."""
    concluded = history_start(clock.today()) + dt.timedelta(days=2)
    starts = concluded + dt.timedelta(days=14)
    ends = offtake_rules.add_years(starts, 3) - dt.timedelta(days=1)
    volumes = dict.fromkeys(offtake_rules.contract_years(starts, ends), Decimal(600))
    with clock.frozen(concluded):
        contract = contracts.contract_conclude(
            actor=_as(Role.MAJOR_CUSTOMER, monopoly),
            customer=monopoly,
            terms=contracts.Terms(
                kind=ContractKind.GUARANTEED_PURCHASE,
                manufacturer=foundry,
                customer_kind=LargeCustomerKind.NATURAL_MONOPOLY,
                hs_code="720810",
                goods_name="Прокат плоский горячекатаный в рулонах, толщина 10 мм",
                characteristics="Сталь 09Г2С; толщина 10 ± 0,5 мм; ширина 1500 мм; ГОСТ 19903-2015",
                unit="т",
                unit_price=Decimal("250000.00"),
                amount=Decimal("250000.00") * sum(volumes.values()),
                starts_on=starts,
                ends_on=ends,
                volumes=volumes,
                liability="Неустойка 0,1 % стоимости непоставленного объёма за каждый день просрочки, не более 10 %.",
            ),
        )
    with clock.frozen(concluded + dt.timedelta(days=7)):
        contracts.contract_confirm(actor=_as(Role.APPLICANT, foundry), contract=contract)


def _offset(miner: Organization, cable: Organization) -> None:
    today = clock.today()
    first = today.year - 1
    customer, maker = _as(Role.MAJOR_CUSTOMER, miner), _as(Role.APPLICANT, cable)
    with clock.frozen(dt.date(first, 8, 4)):
        contract = contracts.contract_conclude(
            actor=customer,
            customer=miner,
            terms=contracts.Terms(
                kind=ContractKind.CONTRACT_PROCUREMENT,
                manufacturer=cable,
                customer_kind=LargeCustomerKind.SUBSOIL_USER,
                hs_code="854460",
                goods_name="Кабель шахтный гибкий КГЭШ 3×35",
                characteristics="Медные жилы; резиновая изоляция; экранированный; для горных выработок, 6 кВ",
                unit="км",
                unit_price=Decimal("9500000.00"),
                amount=Decimal("950000000.00"),
                starts_on=dt.date(first, 9, 1),
                ends_on=dt.date(today.year, 8, 31),
                volumes={first: Decimal(40), today.year: Decimal(60)},
                customer_year_purchases=Decimal("3400000000.00"),
                offset_conditions=[
                    (
                        "training",
                        "Учебный центр для электриков рудника в Усть-Каменогорске",
                        Decimal("30000000.00"),
                        dt.date(first, 12, 31),
                    ),
                    (
                        "service_infrastructure",
                        "Сервисный участок по ремонту и испытанию кабеля на руднике",
                        Decimal("25000000.00"),
                        dt.date(today.year, 6, 30),
                    ),
                ],
            ),
        )
    with clock.frozen(dt.date(first, 8, 11)):
        contracts.contract_confirm(actor=maker, contract=contract)
    training, service = contract.offset_conditions.order_by("due_on")
    fulfilled_on = dt.date(first, 12, 20)
    with clock.frozen(fulfilled_on):
        changes.offset_fulfilment_report(
            actor=maker,
            condition=training,
            evidence="Учебный центр открыт 20 декабря; акт ввода в эксплуатацию № 12/2025, обучено 48 электриков.",
            on=fulfilled_on,
        )
    failed_on = _day(today.year, 7, 15, today)
    if service.status == OffsetCondition.Status.PENDING and failed_on > service.due_on:
        with clock.frozen(failed_on):
            changes.offset_failure_record(
                actor=OFFICER,
                condition=service,
                evidence="Сервисный участок не создан к 30 июня; поставщик не представил документов.",
                on=failed_on,
                penalty=Decimal("2500000.00"),
            )


def _purchases(miner: Organization, foundry: Organization, cable: Organization) -> None:
    """The mining company's purchases of the year so far: the steel it bought from the foundry counts as
    Kazakhstani on the days the foundry was in the register for it; the cable plant is not in the register yet."""
    today = clock.today()
    lines = []
    for days, bin_, code, quantity, amount, reference in (
        (300, foundry.identifier, "720810", "400", "100000000.00", "ДП-0112"),
        (200, foundry.identifier, "720810", "300", "75000000.00", "ДП-0112"),
        (120, foundry.identifier, "720810", "500", "125000000.00", "ДП-0240"),
        (40, foundry.identifier, "720810", "250", "62500000.00", "ДП-0240"),
        (150, cable.identifier, "854460", "12", "114000000.00", "КЗ-2025-07"),
        (60, FOREIGN_SUPPLIER, "843143", "4", "236000000.00", "ИМ-0031"),
    ):
        day = today - dt.timedelta(days=days)
        lines.append(
            {
                "supplier_bin": bin_,
                "product_code": code,
                "quantity": quantity,
                "amount": amount,
                "purchase_date": day.isoformat(),
                "contract_reference": reference,
                "price_confidential": "no",
            }
        )
    purchases.purchases_record(actor=_as(Role.MAJOR_CUSTOMER, miner), customer=miner, lines=lines, skip_bad=True)
    # Last year's last quarter, a closed year: its figure is public, with its lines and the register's inputs
    # (ADR 21, addendum 6).
    last_year = today.year - 1
    closed = [
        {
            "supplier_bin": bin_,
            "product_code": code,
            "quantity": quantity,
            "amount": amount,
            "purchase_date": dt.date(last_year, month, day).isoformat(),
            "contract_reference": reference,
            "price_confidential": secret,
        }
        for month, day, bin_, code, quantity, amount, reference, secret in (
            (10, 14, foundry.identifier, "720810", "350", "87500000.00", "ДП-0098", "no"),
            (11, 18, cable.identifier, "854460", "8", "76000000.00", "КЗ-2025-03", "no"),
            (12, 9, FOREIGN_SUPPLIER, "843143", "2", "118000000.00", "ИМ-0027", "no"),
        )
    ]
    with clock.frozen(_day(today.year, 1, 20, today)):
        purchases.purchases_record(actor=_as(Role.MAJOR_CUSTOMER, miner), customer=miner, lines=closed, skip_bad=True)


def _systemic(foundry: Organization, cable: Organization, monopoly: Organization) -> None:
    """Last year's production volumes from the Karaganda and Pavlodar akimats (IP-11.3), the list computed and
    approved (IP-47-1): more than 3 % of the territory's output is systemic, exactly 3 % is not."""
    today = clock.today()
    year = today.year - 1
    karaganda, pavlodar = _as(Role.AKIMAT, region="35"), _as(Role.AKIMAT, region="55")
    for akimat, region, total, volumes in (
        (karaganda, "35", "2400000000000", [(foundry.identifier, "96000000000")]),
        (
            pavlodar,
            "55",
            "1800000000000",
            [(cable.identifier, "54000000000"), (monopoly.identifier, "117000000000")],
        ),
    ):
        with clock.frozen(_day(today.year, 2, 20, today)):
            draft = systemic.submission_create(
                actor=akimat,
                region=Region.objects.get(code=region),
                year=year,
                territory_total=Decimal(total),
                volumes=volumes,
            )
            systemic.submission_submit(actor=akimat, submission=draft)
    with clock.frozen(_day(today.year, 3, 10, today)):
        draft_list = systemic.systemic_list_compute(actor=OFFICER, year=year)
        systemic.systemic_list_approve(actor=OFFICER, systemic_list=draft_list)
    # The Karaganda akimat submits its systemic enterprise's purchases for monitoring (IP-11.3).
    lines = [
        {
            "supplier_bin": foundry.identifier,
            "product_code": "720810",
            "quantity": "50",
            "amount": "12500000.00",
            "purchase_date": (today - dt.timedelta(days=20)).isoformat(),
            "contract_reference": "ВН-2026-004",
            "price_confidential": "yes",
        }
    ]
    purchases.purchases_record(actor=karaganda, customer=foundry, lines=lines, skip_bad=True)


def _programme(miner: Organization) -> None:
    """The mining company's programme from last year: agreed, its first year's report monitored (IP-61-1.5)."""
    today = clock.today()
    first = today.year - 1
    customer = _as(Role.MAJOR_CUSTOMER, miner)
    with clock.frozen(max(dt.date(first, 8, 1), dt.date(2025, 7, 21))):
        programme = programmes.programme_create(
            actor=customer,
            organization=miner,
            customer_kind=LargeCustomerKind.SUBSOIL_USER,
            title=f"Программа развития внутристрановой ценности на {first}–{first + 2} годы",
            first_year=first,
        )
        years = programme.years
        targets = []
        for area, indicator, unit, is_share, baseline, start, step in (
            ("domestic_share", "Доля внутристрановой ценности в закупках товаров", "%", True, 38, 40, 3),
            ("industrial_contracts", "Заключённые офтейк-контракты", "договоров", False, 2, 3, 1),
            ("sme_development", "Обученные поставщики из числа МСП", "предприятий", False, 10, 12, 4),
        ):
            targets.append(
                programmes.programme_target_add(
                    actor=customer,
                    programme=programme,
                    area=area,
                    indicator=indicator,
                    unit=unit,
                    is_share=is_share,
                    baseline=Decimal(baseline),
                    values={y: Decimal(start + step * i) for i, y in enumerate(years)},
                )
            )
        for area, description in (
            ("domestic_share", "Перевод закупок мелющих шаров на отечественных производителей"),
            ("industrial_contracts", "Офтейк-контракты на мелющие шары и футеровку мельниц"),
            ("sme_development", "Школа поставщика для малых предприятий Восточно-Казахстанской области"),
        ):
            programmes.programme_action_add(
                actor=customer,
                programme=programme,
                area=area,
                kind="customer",
                description=description,
                due_on=dt.date(first, 12, 15),
            )
        programmes.programme_submit(actor=customer, programme=programme)
    with clock.frozen(max(dt.date(first, 8, 12), dt.date(2025, 7, 21))):
        programmes.programme_agree(actor=OFFICER, programme=programme)
    with clock.frozen(_day(today.year, 2, 25, today)):
        report = programmes.programme_report_submit(
            actor=customer,
            programme=programme,
            year=first,
            summary="Доля ВЦ в закупках товаров — 41 %; заключены три офтейк-контракта; обучено 13 предприятий МСП.",
            figures=dict(zip([t.pk for t in targets], [Decimal(41), Decimal(3), Decimal(13)], strict=True)),
        )
    with clock.frozen(_day(today.year, 3, 20, today)):
        programmes.programme_report_monitor(
            actor=OFFICER, report=report, assessment="on_track", notes="Целевые показатели первого года достигнуты."
        )


def _overdue_review(monopoly: Organization) -> None:
    """A plan submitted early, forty days ago, for the year after next: its 30-day review is overdue (IP-47.4)."""
    today = clock.today()
    customer = _as(Role.MAJOR_CUSTOMER, monopoly)
    with clock.frozen(today - dt.timedelta(days=40)):
        plan = plans.plan_create(
            actor=customer, organization=monopoly, first_year=today.year + 2, last_year=today.year + 2
        )
        for code, name, quantity, unit in (
            ("854449", "Кабель силовой АВВГ 4×95 на 1 кВ", "180", "км"),
            ("850423", "Трансформаторы силовые 110 кВ", "6", "шт"),
        ):
            plans.line_add(
                actor=customer,
                plan=plan,
                line=LineIn(code, name, Decimal(quantity), unit, today.year + 2, region="55"),
            )
        plans.plan_submit(actor=customer, plan=plan)
