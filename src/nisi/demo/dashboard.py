"""Demo data enough for the public dashboard (IP-16.3) to show figures without weakening its suppression (ADR 35):
a figure built from fewer than three entities is never published, and the rest of the demo has one or two
producers in each region. Here nine mining and metallurgy enterprises in three regions — three in each — have their
wholly produced goods entered in the register from the subsoil licences the competent body sent (IP-51-3.7), a
third of them on each of three past days, so the register by region, by product group and over time each have
cells of three or more; and six of them carry out projects included in the unified map (IP-6.2), three in each of
two regions, so the map by stage and by region does too. Made through the apps' services, as in real use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import organization_register
from nisi.demo.accounts import BODIES
from nisi.demo.dashboard_measures import dashboard_measures_demo
from nisi.industrialization.models import Project
from nisi.industrialization.services import projects as map_services
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.registry.services import feeds

OFFICER = Actor(user_id=None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))
# (first 11 digits of the BIN, name, KATO, latitude, longitude, HS code, good)
ENTERPRISES = [
    ("16044000011", "ТОО «Қарағанды Мыс»", "351010000", "49.83000", "73.16000", "260300", "Руды медные"),
    ("16044000022", "ТОО «Сарыарқа Кен»", "351010000", "49.75000", "73.05000", "260300", "Концентрат медный"),
    ("16044000033", "АО «Теміртау Руда»", "351010000", "50.05400", "72.96400", "260111", "Руды железные"),
    ("16044000044", "ТОО «Павлодар Минерал»", "551010000", "52.30000", "77.02000", "260111", "Руды железные"),
    ("16044000055", "ТОО «Павлодар Глинозём»", "551010000", "52.26000", "76.99000", "260600", "Руды алюминиевые"),
    ("16044000066", "АО «Ертіс Кен»", "551010000", "52.34100", "76.95100", "260800", "Руды цинковые"),
    ("16044000077", "ТОО «Алтай Полиметалл»", "631010000", "49.94800", "82.62800", "260700", "Руды свинцовые"),
    ("16044000088", "ТОО «Риддер Мырыш»", "631010000", "50.34400", "83.51300", "260800", "Руды цинковые"),
    ("16044000099", "АО «Өскемен Титан»", "631010000", "49.95600", "82.61300", "261400", "Руды титановые"),
]
# The days each third of them entered the register, the first at the end of a past year: the register over time has
# three or more there. Entries of wholly produced goods are made from 20 July 2025 (IP-51-3.1 applies from then).
DAYS_AGO = (480, 400, 300)
FIRST_ENTRY = dt.date(2025, 8, 1)


def _enterprise(first11: str, name: str, kato: str) -> Organization:
    identifier = identifiers.complete(first11)
    found = Organization.objects.filter(identifier=identifier).first()
    return found or organization_register(
        actor=SYSTEM, identifier=identifier, name=name, kato=kato, oked="07299", email=f"{first11}@mining.demo"
    )


def _competent_body() -> Actor:
    """The demo's subsoil competent body (demo-competent), so that its entries are listed as its own."""
    user = get_user_model().objects.filter(username="demo-competent").first()
    grant = Grant(Role.COMPETENT_BODY, body=BODIES.get("demo-competent"))
    return Actor(user_id=user.pk if user else None, label="demo-competent", grants=(grant,))


def _register(enterprises: list[Organization]) -> None:
    subsoil = _competent_body()
    today = clock.today()
    for index, (org, row) in enumerate(zip(enterprises, ENTERPRISES, strict=True)):
        if RegisterRecord.objects.filter(organization=org).exists():
            continue
        on = max(today - dt.timedelta(days=DAYS_AGO[index % 3]), FIRST_ENTRY) + dt.timedelta(days=index)
        with clock.frozen(on):
            entry = feeds.wholly_produced_receive(
                actor=subsoil,
                source="solid_minerals",
                identifier=org.identifier,
                organization_name=org.name,
                document_kind="licence",
                document_number=f"{row[0][-4:]}-EL",
                valid_from=on - dt.timedelta(days=400),
                valid_to=None,
                hs_code=row[5],
                name_ru=row[6],
                annual_capacity=Decimal(100000 + 25000 * index),
                unit="т",
            )
            feeds.wholly_produced_enter(actor=OFFICER, entry=entry)


def _map(enterprises: list[Organization]) -> None:
    # A month ago: the dashboard shows the records as they stood at the end of yesterday.
    with clock.frozen(clock.today() - dt.timedelta(days=30)):
        _projects(enterprises)


def _projects(enterprises: list[Organization]) -> None:
    today = clock.today()
    for index, (org, row) in enumerate(zip(enterprises[:6], ENTERPRISES[:6], strict=True)):
        if Project.objects.filter(initiator=org).exists():
            continue
        commissioning = dt.date(today.year + 1 + index % 2, 6, 30)
        project = map_services.project_apply(
            actor=OFFICER,
            name=f"Модернизация обогатительной фабрики — {org.name}",
            initiator=org.identifier,
            kato=row[2],
            latitude=Decimal(row[3]),
            longitude=Decimal(row[4]),
            oked="07299",
            hs_codes=[],
            investment=Decimal(4_000_000_000 + 1_500_000_000 * index),
            jobs=150 + 40 * index,
            capacity="1 млн т руды в год",
            responsible_kind="akimat",
            responsible=None,
            stages=[
                map_services.StagePlan("construction", dt.date(today.year - 1, 4, 1), dt.date(today.year - 1, 5, 1)),
                map_services.StagePlan("commissioning", commissioning),
            ],
        )
        map_services.project_check(actor=OFFICER, project=project)
        map_services.project_include(actor=OFFICER, project=project)
        Project.objects.filter(pk=project.pk).update(stage="construction")  # as the industrialization demo does
        map_services.version_write(Project.objects.get(pk=project.pk))


def dashboard_demo() -> None:
    """Idempotent: each enterprise is entered and each project made once."""
    enterprises = [_enterprise(first11, name, kato) for first11, name, kato, *_rest in ENTERPRISES]
    _register(enterprises)
    _map(enterprises)
    # One enterprise in each region: measures given and contracts concluded (dashboard_measures).
    dashboard_measures_demo(enterprises[::3], [(row[5], row[6]) for row in ENTERPRISES[::3]])
