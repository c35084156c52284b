"""Demo data of the industrial grants (IP-42), made through the app's services: the industrial development
institute's grant account with last year's balance carried into this year on 31 December (IP-42.5), last year's
call decided on the examination by the demo expert, its grant agreement with counter-obligations, a paid tranche
and an assessed report (IP-42.4), and a call open today for the demo applicants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant, actor_for
from nisi.core.financing.rules import Criterion
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark
from nisi.core.services.organizations import organization_register
from nisi.incentives.models import GrantAccountYear, GrantCall
from nisi.incentives.services import grant_agreements, grants
from nisi.law import clock

INSTITUTE = ("10124000034", "АО «Казахстанский центр индустрии и экспорта «QazIndustry»»", "711110000")
INSTITUTE_ACCOUNT = "demo-institute"
EXPERT_ACCOUNT = "demo-expert"
CRITERIA = [
    Criterion("competitiveness", "Конкурентоспособность продукции", Decimal(40), 10),
    Criterion("export", "Экспортный потенциал", Decimal(30), 10),
    Criterion("readiness", "Готовность проекта и софинансирование", Decimal(30), 10),
]


def _institute() -> Organization:
    first11, name, kato = INSTITUTE
    identifier = identifiers.complete(first11)
    return Organization.objects.filter(identifier=identifier).first() or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, email=f"{identifier}@institute.demo"
    )


def _user(username: str, role: str, organization: Organization | None) -> Actor:
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@nisi.demo"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_account_mark(user=user)
    RoleAssignment.objects.get_or_create(user=user, role=role, organization=organization)
    return actor_for(get_user_model().objects.get(pk=user.pk))


def _call(actor: Actor, institute: Organization, title: str, opens_on: dt.date, closes_on: dt.date) -> GrantCall:
    call = grants.call_create(
        actor=actor,
        institute=institute,
        title=title,
        description="Гранты на индустриально-инновационные проекты по выпуску товаров из перечня приоритетных.",
        opens_on=opens_on,
        closes_on=closes_on,
        budget=Decimal("1500000000.00"),
        max_per_project=Decimal("300000000.00"),
        pass_score=Decimal(60),
        experts_per_application=1,
        criteria=CRITERIA,
    )
    return grants.call_open(actor=actor, call=call)


def grants_demo(orgs: list[Organization]) -> None:
    """Idempotent: nothing is made twice."""
    if GrantCall.objects.exists():
        return
    today = clock.today()
    last = today.year - 1
    institute = _institute()
    officer = _user(INSTITUTE_ACCOUNT, Role.DEVELOPMENT_INSTITUTE, institute)
    expert = _user(EXPERT_ACCOUNT, Role.INDEPENDENT_EXPERT, None)
    steel = orgs[0]
    applicant = Actor(user_id=None, label="demo applicant", grants=(Grant(Role.APPLICANT, organization_id=steel.pk),))

    with clock.frozen(dt.date(last, 1, 20)):
        grant_agreements.account_receive(
            actor=officer,
            institute=institute,
            amount=Decimal("600000000.00"),
            received_on=dt.date(last, 1, 20),
            document_reference="Платёжное поручение № 14",
        )
    with clock.frozen(dt.date(last, 2, 1)):
        call = _call(officer, institute, f"Промышленные гранты {last}", dt.date(last, 2, 1), dt.date(last, 3, 2))
        application = grants.application_submit(
            actor=applicant,
            call=call,
            organization=steel,
            project_title="Линия горячего проката для плоского проката",
            project_summary="Новая линия прокатного стана: выпуск проката из перечня приоритетных товаров (7208).",
            requested_amount=Decimal("250000000.00"),
            own_contribution=Decimal("120000000.00"),
            project_starts_on=dt.date(last, 4, 1),
            project_ends_on=dt.date(last + 1, 12, 31),
        )
    with clock.frozen(dt.date(last, 3, 10)):
        grants.call_close(actor=officer, call=call)
        assignment = grants.expert_assign(
            actor=officer, application=application, expert_user_id=int(expert.user_id or 0)
        )
        grants.assignment_declare(actor=expert, assignment=assignment, conflict=False)
        grants.assignment_score(
            actor=expert,
            assignment=assignment,
            scores={"competitiveness": 8, "export": 7, "readiness": 9},
            comment="Продукция конкурентоспособна, есть экспортные контракты, софинансирование подтверждено.",
        )
        grants.call_decide(actor=officer, call=call)
        application.refresh_from_db()
    with clock.frozen(dt.date(last, 3, 20)):
        agreement = grant_agreements.agreement_conclude(
            actor=officer,
            application=application,
            signed_on=dt.date(last, 3, 20),
            ends_on=dt.date(last + 1, 12, 31),
            tranches=[
                (dt.date(last, 4, 1), Decimal("150000000.00"), "Начало строительно-монтажных работ"),
                (dt.date(last + 1, 2, 2), Decimal("100000000.00"), "Монтаж оборудования"),
            ],
            counter_obligations=[
                {"area": "labour_productivity", "year": last, "target": "15"},
                {"area": "export_output", "year": last + 1, "target": "2400000000"},
                {"area": "domestic_market", "year": last + 1, "target": "1800000000"},
            ],
        )
    with clock.frozen(dt.date(last, 4, 1)):
        first = agreement.tranches.order_by("planned_on")[0]
        grant_agreements.tranche_release(
            actor=officer, tranche=first, paid_on=dt.date(last, 4, 1), document_reference="Платёжное поручение № 51"
        )
    with clock.frozen(dt.date(last, 10, 5)):
        report = grant_agreements.report_submit(
            actor=applicant,
            agreement=agreement,
            period_start=dt.date(last, 3, 20),
            period_end=dt.date(last, 9, 19),
            progress="Фундаменты и здание цеха готовы, оборудование законтрактовано.",
            spent=Decimal("140000000.00"),
        )
        grant_agreements.report_assess(actor=officer, report=report, assessment="on_track", notes="")
    with clock.frozen(dt.date(last, 12, 31)):
        account = GrantAccountYear.objects.get(institute=institute, year=last)
        grant_agreements.account_year_close(actor=officer, account=account)
    opens = today - dt.timedelta(days=5)
    with clock.frozen(opens):
        _call(officer, institute, f"Промышленные гранты {today.year}", opens, today + dt.timedelta(days=40))
