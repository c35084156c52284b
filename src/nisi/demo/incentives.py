"""Demo data of the state incentive measures (IP-25 … IP-42), made through the app's services: the operators of
IP-13 (the Development Bank, the financial agent, the industrial development institute, the foreign trade
authority), a measure of most kinds with its periods of applications, a version of the list of priority goods in
force since the financing window opened, the operator's demo account (demo-operator, the Development Bank), and two
applications: the steel foundry's (in the register) routed to its operators, and the plastics plant's (not in the
register) refused."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark
from nisi.core.services.organizations import organization_register
from nisi.incentives.models import Measure, Operator
from nisi.incentives.services import applications, catalogue, priority
from nisi.law import clock

OPERATORS = [
    # (first 11 digits of the BIN, name, KATO, kind of IP-13)
    ("01054000016", "АО «Банк Развития Казахстана»", "711110000", "development_bank"),
    ("97034000028", "АО «Фонд развития предпринимательства «Даму»»", "751110000", "financial_agent"),
    ("10124000034", "АО «Казахстанский центр индустрии и экспорта «QazIndustry»»", "711110000", "industrial_institute"),
    ("03014000041", "Министерство торговли и интеграции Республики Казахстан", "711110000", "foreign_trade_authority"),
]
# (code, kind, operator's index, title, opens (days from today), closes (days from today or None))
MEASURES = [
    ("dbk-financing", "financing", 0, "Финансирование проектов обрабатывающей промышленности", -90, None),
    ("dbk-leasing", "financing", 0, "Лизинговое финансирование оборудования", 30, 120),
    ("damu-guarantees", "guarantees", 1, "Гарантии по кредитам банков второго уровня", -30, 150),
    ("damu-subsidy", "interest_subsidy", 1, "Субсидирование ставки вознаграждения по кредитам", -60, 200),
    ("qi-productivity", "labour_productivity", 2, "Повышение производительности труда", -10, 80),
    ("qi-clusters", "clusters", 2, "Поддержка территориальных кластеров", 60, 150),
    ("qi-grants", "grants", 2, "Промышленные гранты", 90, 180),
    ("mti-export", "export", 3, "Возмещение затрат на продвижение на внешние рынки", -20, 100),
]
PRIORITY_LIST = (
    "hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n"
    "7208,Прокат плоский горячекатаный,medium,48,62,71\n"
    "8544,Провода и кабели изолированные,high,67,55,80\n"
    "8704,Моторные транспортные средства для перевозки грузов,high,82,58,76\n"
    "3917,Трубы и шланги из пластмасс,medium,41,35,68\n"
    "8413,Насосы жидкостные,high,74,49,66\n"
    "7203,Продукты прямого восстановления железной руды,medium,52,64,58\n"
    "7403,Медь рафинированная и сплавы медные необработанные,medium,45,81,52\n"
    "7901,Цинк необработанный,medium,43,77,49\n"
)
PRIORITY_LIST_DAYS_AGO = 90  # the day the Development Bank's financing window opened (MEASURES)
OPERATOR_ACCOUNT = "demo-operator"


def _as(role: str, organization: Organization) -> Actor:
    return Actor(user_id=None, label=f"demo {role}", grants=(Grant(role, organization_id=organization.pk),))


def _operator(first11: str, name: str, kato: str, kind: str) -> Operator:
    identifier = identifiers.complete(first11)
    org = Organization.objects.filter(identifier=identifier).first() or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, email=f"{identifier}@operator.demo"
    )
    return catalogue.operator_record(actor=SYSTEM, organization=org, kind=kind)


def _operator_account(bank: Organization) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=OPERATOR_ACCOUNT, defaults={"email": f"{OPERATOR_ACCOUNT}@nisi.demo"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_account_mark(user=user)
    RoleAssignment.objects.get_or_create(user=user, role=Role.INCENTIVE_OPERATOR, organization=bank)


def incentives_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice."""
    if Measure.objects.exists():
        return
    today = clock.today()
    operators = [_operator(*row) for row in OPERATORS]
    _operator_account(operators[0].organization)
    for code, kind, index, title, opens, closes in MEASURES:
        measure = catalogue.measure_publish(actor=SYSTEM, code=code, kind=kind, operator=operators[index], title=title)
        catalogue.measure_window_open(
            actor=SYSTEM,
            measure=measure,
            opens_on=today + dt.timedelta(days=opens),
            closes_on=today + dt.timedelta(days=closes) if closes is not None else None,
        )
    # Approved when the financing window opened: the applications of the past months were checked against it.
    approved = today - dt.timedelta(days=PRIORITY_LIST_DAYS_AGO)
    with clock.frozen(approved):
        priority.priority_list_upload(
            actor=SYSTEM,
            content=PRIORITY_LIST.encode(),
            name="demo.csv",
            in_force_from=approved,
            basis="Демо: приказ № 1",
        )
    steel, plastics = orgs[0], orgs[4]
    applications.application_submit(
        actor=_as(Role.APPLICANT, steel),
        organization=steel,
        measure_codes=["dbk-financing", "qi-productivity"],
        project="Модернизация прокатного стана",
        purpose="modernization",
        hs_codes=["720810"],
        counter_obligations_accepted=True,
        details={"productivity_costs": ["digital", "processes"]},
    )
    applications.application_submit(
        actor=_as(Role.APPLICANT, plastics),
        organization=plastics,
        measure_codes=["damu-subsidy"],
        project="Пополнение оборотных средств",
        purpose="working_capital",
        hs_codes=["391723"],
        counter_obligations_accepted=True,
    )
