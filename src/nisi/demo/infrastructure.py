"""Demo data of the infrastructure register and of the territorial clusters (IP-17 … IP-24, IP-40), made through the
app's services on the dates they would have happened: technoparks, a commercialization centre, a design bureau, a
technology transfer centre, an innovation cluster and a competence centre included by the authorized body
(demo-officer), one suspended since; a competitive selection of territorial clusters decided on an independent
expert's scores (demo-expert), whose winner — the Karaganda steel cluster — entered the register of territorial
clusters on the day of the results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant, actor_for
from nisi.core.financing.rules import Criterion
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.infrastructure.services import register, selection
from nisi.law import clock

ELEMENTS = [
    # (kind, first 11 digits of the BIN, organization, element, KATO, months ago)
    ("technopark", "10054000031", "ТОО «Технопарк Алатау»", "Парк инновационных технологий «Алатау»", "751210000", 30),
    ("technopark", "12064000021", "ТОО «Технопарк Сарыарка»", "Региональный технопарк «Сарыарка»", "351010000", 20),
    (
        "commercialization_centre",
        "13074000011",
        "НАО «КазНУ им. аль-Фараби»",
        "Центр коммерциализации технологий КазНУ",
        "751210000",
        18,
    ),
    ("design_bureau", "14084000041", "ТОО «КБ Машиностроение»", "Конструкторское бюро машиностроения", "551010000", 14),
    (
        "technology_transfer_centre",
        "15094000051",
        "АО «QazTech Ventures»",
        "Международный центр трансфера технологий",
        "711110000",
        12,
    ),
    (
        "competence_centre",
        "16104000061",
        "ТОО «Центр компетенций горно-металлургической отрасли»",
        "Отраслевой центр технологических компетенций ГМК",
        "631010000",
        9,
    ),
]


def _org(first11: str, name: str, kato: str) -> str:
    identifier = identifiers.complete(first11)
    if not Organization.objects.filter(identifier=identifier).exists():
        organization_register(actor=SYSTEM, identifier=identifier, name=name, kato=kato)
    return identifier


def _months_ago(today: dt.date, months: int) -> dt.date:
    return today - dt.timedelta(days=30 * months)


def infrastructure_demo(orgs: list[Organization]) -> None:
    today = clock.today()
    officer = actor_for(get_user_model().objects.get(username="demo-officer"))
    expert_user = get_user_model().objects.get(username="demo-expert")
    entries = []
    for kind, first11, organization, name, kato, months in ELEMENTS:
        entries.append(
            register.entry_include(
                actor=officer,
                kind=kind,
                identifier=_org(first11, organization, kato),
                name=name,
                kato=kato,
                included_on=_months_ago(today, months),
                basis_reference=f"Приказ МПС РК № {months * 7}",
            )
        )
    with clock.frozen(_months_ago(today, 3)):
        register.entry_decide(
            actor=officer,
            entry=entries[3],
            decision="suspend",
            reasons="Не представлен отчёт о деятельности за прошлый год; приостановлено до его представления.",
        )
    # An innovation cluster of the IT companies in Astana.
    register.entry_include(
        actor=officer,
        kind="innovation_cluster",
        identifier=orgs[2].identifier,
        name="Инновационный кластер цифровых технологий Астаны",
        kato="711110000",
        included_on=_months_ago(today, 8),
        specialization="Информационные технологии (ОКЭД 62)",
        participants=[orgs[5].identifier, orgs[6].identifier],
    )
    # The competitive selection of territorial clusters, decided two months ago.
    cluster_org = orgs[0]
    applicant = Actor(user_id=None, label="demo", grants=(Grant(Role.APPLICANT, organization_id=cluster_org.pk),))
    with clock.frozen(_months_ago(today, 6)):
        call = selection.call_create(
            actor=officer,
            title="Конкурсный отбор территориальных кластеров",
            description="Отбор территориальных кластеров для мер государственного стимулирования (ст. 40 Закона).",
            opens_on=_months_ago(today, 6),
            closes_on=_months_ago(today, 4),
            budget=Decimal("1000000000.00"),
            max_per_project=Decimal("400000000.00"),
            pass_score=Decimal("60"),
            experts_per_application=1,
            criteria=[
                Criterion("cooperation", "Кооперация участников кластера", Decimal(40), 10),
                Criterion("plan", "Качество плана развития кластера", Decimal(35), 10),
                Criterion("region", "Вклад в экономику региона", Decimal(25), 10),
            ],
        )
        selection.call_open(actor=officer, call=call)
        application = selection.application_submit(
            actor=applicant,
            call=call,
            organization=cluster_org,
            cluster_name="Карагандинский металлургический кластер",
            development_plan="Совместные закупки сырья, подготовка кадров с вузами региона, трансфер технологий литья.",
            specialization="Металлургия (ОКЭД 24)",
            kato="351010000",
            participants=[orgs[1].identifier, orgs[3].identifier, orgs[4].identifier],
            requested_amount=Decimal("350000000.00"),
            plan_starts_on=_months_ago(today, 2),
            plan_ends_on=today + dt.timedelta(days=730),
        )
    with clock.frozen(_months_ago(today, 4) + dt.timedelta(days=1)):
        assignment = selection.expert_assign(actor=officer, application=application, expert_user_id=expert_user.pk)
        expert = actor_for(expert_user)
        selection.assignment_declare(actor=expert, assignment=assignment, conflict=False)
        selection.assignment_score(
            actor=expert,
            assignment=assignment,
            scores={"cooperation": 9, "plan": 8, "region": 8},
            comment="Сильная кооперация предприятий и вузов, реалистичный план.",
        )
        selection.call_close(actor=officer, call=call)
    with clock.frozen(_months_ago(today, 2)):
        selection.call_decide(actor=officer, call=call)
