"""Demo data of the unified map of industrialization (IP-6.2), made through the app's services: a ministry as the
responsible state body with its officer's account (demo-responsible), projects across the regions included in the
map at different stages, one application awaiting its check, one project excluded, and the last quarter's
information given by the Karaganda akimat (demo-akimat) for some of its projects."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import Actor, Grant
from nisi.core.models import ClassifierCode, Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.accounts import DEMO_PASSWORD, demo_account_mark
from nisi.core.services.organizations import organization_register
from nisi.industrialization.models import Project
from nisi.industrialization.rules import last_ended_quarter
from nisi.industrialization.services import projects as services
from nisi.industrialization.services import reports
from nisi.law import clock

MINISTRY = ("17024000089", "ГУ «Министерство промышленности и строительства РК»", "711010000", "84111", "mps@demo.gov")
RESPONSIBLE_ACCOUNT = "demo-responsible"
# (name, index of the initiator in the demo's organizations, KATO, latitude, longitude, OKED, HS codes, investment in
# tenge, jobs, capacity, who informs, stage, years to commissioning)
PROJECTS = [
    (
        "Литейно-механический завод",
        0,
        "351010000",
        "49.80600",
        "73.08500",
        "24511",
        ["732510"],
        "18500000000.00",
        420,
        "60 000 т отливок в год",
        "akimat",
        "construction",
        1,
    ),
    (
        "Производство кабельной продукции",
        1,
        "551010000",
        "52.28700",
        "76.96700",
        "27320",
        ["854449"],
        "9200000000.00",
        260,
        "25 000 км кабеля в год",
        "akimat",
        "operation",
        0,
    ),
    (
        "Завод медного катода",
        3,
        "631010000",
        "49.94800",
        "82.62800",
        "24440",
        ["740311"],
        "61000000000.00",
        900,
        "70 000 т катодной меди в год",
        "state_body",
        "commissioning",
        0,
    ),
    (
        "Полимерные трубы",
        4,
        "791010000",
        "42.31700",
        "69.59600",
        "22210",
        ["391723"],
        "4100000000.00",
        150,
        "12 000 т труб в год",
        "akimat",
        "operation",
        0,
    ),
    (
        "Газохимический комплекс",
        0,
        "231010000",
        "47.10000",
        "51.90000",
        "20161",
        ["390110"],
        "310000000000.00",
        1100,
        "1 250 000 т полиэтилена в год",
        "state_body",
        "construction",
        2,
    ),
    (
        "Завод ферросплавов",
        3,
        "151010000",
        "50.28300",
        "57.16700",
        "24100",
        ["720241"],
        "27000000000.00",
        540,
        "240 000 т ферросплавов в год",
        "state_body",
        "preparation",
        3,
    ),
    (
        "Сборка сельхозтехники",
        1,
        "391010000",
        "53.21400",
        "63.62400",
        "28301",
        ["843351"],
        "6300000000.00",
        310,
        "1 500 комбайнов в год",
        "akimat",
        "operation",
        0,
    ),
    (
        "Центр обработки данных",
        2,
        "711010000",
        "51.12800",
        "71.43000",
        "63111",
        [],
        "15000000000.00",
        120,
        "20 МВт",
        "state_body",
        "construction",
        1,
    ),
]


def _as(role: str, organization: Organization | None = None, region: str | None = None) -> Actor:
    grant = Grant(role, organization_id=organization.pk if organization else None, region_code=region)
    return Actor(user_id=None, label=f"demo {role}", grants=(grant,))


def _ministry() -> Organization:
    first11, name, kato, oked, email = MINISTRY
    identifier = identifiers.complete(first11)
    found = Organization.objects.filter(identifier=identifier).first()
    return found or organization_register(
        actor=_as(Role.AUTHORIZED_BODY), identifier=identifier, name=name, kato=kato, oked=oked, email=email
    )


def _responsible_account(ministry: Organization) -> None:
    user, created = get_user_model().objects.get_or_create(
        username=RESPONSIBLE_ACCOUNT, defaults={"email": f"{RESPONSIBLE_ACCOUNT}@nisi.demo"}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    demo_account_mark(user=user)
    RoleAssignment.objects.get_or_create(user=user, role=Role.RESPONSIBLE_BODY, organization=ministry)


def _known(codes: list[str]) -> list[str]:
    return list(
        ClassifierCode.objects.filter(system=ClassifierCode.System.HS, code__in=codes).values_list("code", flat=True)
    )


def industrialization_demo(orgs: list[Organization]) -> None:
    """Idempotent: does nothing once the map has projects."""
    ministry = _ministry()
    _responsible_account(ministry)
    if Project.objects.exists():
        return
    officer = _as(Role.AUTHORIZED_BODY)
    today = clock.today()
    made: list[Project] = []
    for name, org, kato, lat, lon, oked, hs, investment, jobs, capacity, kind, stage, years in PROJECTS:
        commissioning = dt.date(today.year + years, 6, 30) if years else dt.date(today.year - 1, 9, 15)
        stages = [services.StagePlan("construction", dt.date(today.year - 2, 4, 1), dt.date(today.year - 2, 5, 10))]
        stages.append(
            services.StagePlan("commissioning", commissioning, commissioning if stage == "operation" else None)
        )
        project = services.project_apply(
            actor=officer,
            name=name,
            initiator=orgs[org].identifier,
            kato=kato,
            latitude=Decimal(lat),
            longitude=Decimal(lon),
            oked=oked,
            hs_codes=_known(hs),
            investment=Decimal(investment),
            jobs=jobs,
            capacity=capacity,
            responsible_kind=kind,
            responsible=ministry.identifier if kind == "state_body" else None,
            stages=stages,
        )
        services.project_check(actor=officer, project=project)
        services.project_include(actor=officer, project=project)
        if stage != "preparation":
            Project.objects.filter(pk=project.pk).update(stage=stage)
            services.version_write(Project.objects.get(pk=project.pk))
        made.append(project)
    # One application awaiting its check, one project excluded with its reasons.
    services.project_apply(
        actor=_as(Role.APPLICANT, orgs[0]),
        name="Расширение литейного цеха",
        initiator=orgs[0].identifier,
        kato="351010000",
        latitude=Decimal("49.84000"),
        longitude=Decimal("73.12000"),
        oked="24511",
        hs_codes=_known(["732510"]),
        investment=Decimal("2400000000.00"),
        jobs=80,
        capacity="15 000 т отливок в год",
        responsible_kind="akimat",
        responsible=None,
        stages=[services.StagePlan("commissioning", dt.date(today.year + 1, 12, 1))],
    )
    services.project_exclude(
        actor=officer, project=made[-1], reasons="Инициатор отказался от реализации проекта (письмо от 01.10)."
    )
    # The Karaganda akimat gives the last quarter's information on its project; the others are awaited.
    quarter = last_ended_quarter(today)
    reports.quarterly_report_submit(
        actor=_as(Role.AKIMAT, region="35"),
        project=made[0],
        data=reports.ReportIn(
            year=quarter.year,
            quarter=quarter.number,
            stage="construction",
            investment_to_date=Decimal("11200000000.00"),
            jobs_created=310,
        ),
    )
    reports.quarter_deadlines_open(quarter=quarter)
