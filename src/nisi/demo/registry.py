"""The register part of the demo data, made through the same services as real use."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.demo.accounts import BODIES
from nisi.demo.scrap_metal import scrap_metal_demo, scrap_metal_lodge_demo
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import Appeal, RegisterRecord, Removal
from nisi.registry.services import appeals, applications, certificates, decisions, feeds, monitoring, register
from nisi.registry.services.catalogue import conditions_approve, conditions_draft

OFFICER = Actor(user_id=None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))
# The first bytes of an MP4 file: the demo's "video of the technological process".
DEMO_VIDEO = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 1024

STEEL = {
    "product_code": "7208",
    "title": "Прокат плоский из железа или нелегированной стали, горячекатаный",
    "conditions": [
        {"kind": "raw_material", "text": "Слябы, выплавленные в Республике Казахстан"},
        {"kind": "testing", "text": "Механические испытания каждой партии"},
    ],
    "operations": [
        {"code": "heating", "name": "Нагрев слябов", "mandatory": True},
        {"code": "rolling", "name": "Горячая прокатка", "mandatory": True},
        {"code": "pickling", "name": "Травление"},
        {"code": "cutting", "name": "Резка в размер"},
        {"code": "coiling", "name": "Смотка в рулоны"},
    ],
    "minimum_operations": 3,
    "agreements": [
        {
            "body": "Министерство промышленности и строительства",
            "agreed_by": "Директор Департамента металлургической промышленности",
            "agreed_on": dt.date(2025, 7, 15),
            "reference": "04-2-11/1187 от 15.07.2025",
        }
    ],
}
CABLE = {
    "product_code": "8544",
    "title": "Провода и кабели изолированные",
    "conditions": [
        {"kind": "documents", "text": "Сертификат соответствия ТР ТС 004/2011"},
        {"kind": "testing", "text": "Испытания высоким напряжением"},
    ],
    "operations": [
        {"code": "drawing", "name": "Волочение проволоки", "mandatory": True},
        {"code": "stranding", "name": "Скрутка жил"},
        {"code": "insulating", "name": "Наложение изоляции", "mandatory": True},
        {"code": "sheathing", "name": "Наложение оболочки"},
        {"code": "testing", "name": "Испытания"},
    ],
    "minimum_operations": 3,
    "agreements": [
        {
            "body": "Министерство промышленности и строительства",
            "agreed_by": "Директор Департамента машиностроения",
            "agreed_on": dt.date(2025, 7, 22),
            "reference": "04-3-08/1240 от 22.07.2025",
        }
    ],
}


def _applicant(org: Organization) -> Actor:
    return Actor(
        user_id=None, label=f"demo user of {org.name}", grants=(Grant(Role.APPLICANT, organization_id=org.pk),)
    )


def _account(username: str, role: str, region: str | None = None) -> Actor:
    """The demo account's actor, so that what it enters is listed as its own when it signs in."""
    user = get_user_model().objects.filter(username=username).first()
    grant = Grant(role, region_code=region, body=BODIES.get(username))
    return Actor(user_id=user.pk if user else None, label=username, grants=(grant,))


def _apply(
    org: Organization,
    *,
    hs_code: str,
    name: str,
    operations: list[str],
    capacity: str,
    unit: str,
    ex_works: str,
    foreign: str,
) -> object:
    actor = _applicant(org)
    application = applications.application_start(actor=actor, organization=org)
    applications.application_update(
        actor=actor,
        application=application,
        site_kato=org.kato,
        site_address=org.address or "—",
        declared_conditions="Сырьё и испытания по условиям производства; протоколы приложены.",
    )
    applications.product_add(
        actor=actor,
        application=application,
        hs_code=hs_code,
        name_ru=name,
        annual_capacity=Decimal(capacity),
        unit=unit,
        declared_operations=operations,
        ex_works_cost=Decimal(ex_works),
        foreign_materials_cost=Decimal(foreign),
    )
    applications.evidence_upload(
        actor=actor,
        application=application,
        kind="video",
        upload=io.BytesIO(DEMO_VIDEO),
        name="technological-process.mp4",
    )
    applications.application_consent(
        actor=actor, application=application, personal_data=True, site_access=True, video_surveillance=True
    )
    with transaction.atomic():
        applications.application_submit(actor=actor, application=application)
    application.refresh_from_db()
    return application


COMMISSION = Actor(user_id=None, label="demo-commission", grants=(Grant(Role.APPEALS_COMMISSION),))


def history_start(today: dt.date) -> dt.date:
    """A year before today, but never before the register began (IP-51-1 applies from sixty days after Law No.
    188-VIII was published), with a fortnight for the conditions approved first."""
    return max(today - dt.timedelta(days=365), selectors.register_start() + dt.timedelta(days=14))


def _include_steel(steel: Organization) -> None:
    application = _apply(
        steel,
        hs_code="720810",
        name="Прокат плоский горячекатаный в рулонах",
        operations=["heating", "rolling", "coiling"],
        capacity="120000",
        unit="т",
        ex_works="250000.00",
        foreign="37500.00",
    )
    product = application.products.get()  # type: ignore[attr-defined]
    decisions.assessment_record(
        actor=OFFICER,
        application=application,  # type: ignore[arg-type]
        confirmed_operations={product.pk: ["heating", "rolling", "coiling"]},
        conditions_met={product.pk: True},
        evidence_sufficient=True,
        participants="Ассоциация горнодобывающих и горно-металлургических предприятий",
    )


def _prior_certificates(steel: Organization, mining: Organization) -> bytes:
    rows = [
        "kind;number;identifier;organization_name;hs_code;product_name;issued_on;valid_to",
        f"ct_kz;KZ-7208-2024-00417;{steel.identifier};{steel.name};720810;Прокат плоский горячекатаный;"
        "2024-04-10;2025-04-09",
        f"ct_kz;KZ-7208-2025-00311;{steel.identifier};{steel.name};720810;Прокат плоский горячекатаный;"
        "2025-04-10;2026-04-09",
        f"industrial;IC-2023-0098;{mining.identifier};{mining.name};260300;Руды и концентраты медные;"
        "2023-02-01;2026-01-31",
    ]
    return "\n".join(rows).encode("utf-8")


def _history(steel: Organization, removed_on: dt.date) -> None:
    """A past quarter's monitoring, and a producer removed by it who objected and was reinstated (IP-51-4, 51-5):
    so that "in the register on a past date" has something to show."""
    with clock.frozen(removed_on - dt.timedelta(days=1)):
        run = monitoring.monitoring_start(actor=SYSTEM)
        monitoring.monitoring_dispatch(run=run)
    with clock.frozen(removed_on):
        removal = register.record_remove(
            actor=SYSTEM,
            record=RegisterRecord.objects.get(organization=steel),
            ground=Removal.Ground.MONITORING,
            on=removed_on,
            reasons=[{"criterion": "gcvp_employees", "found": "no pension contributions reported for the quarter"}],
        )
    with clock.frozen(removed_on + dt.timedelta(days=6)):
        appeal = appeals.appeal_file(
            actor=_applicant(steel),
            removal=removal,
            grounds="Взносы уплачены в срок; ошибка в отчёте исправлена, подтверждение ЕНПФ приложено.",
        )
    with clock.frozen(removed_on + dt.timedelta(days=20)):
        appeals.appeal_decide(
            actor=COMMISSION,
            appeal=appeal,
            outcome=Appeal.Status.UPHELD,
            decision="Взносы подтверждены ЕНПФ: основание исключения отпало; производитель восстанавливается.",
        )


def registry_demo(orgs: list[Organization]) -> None:
    today = clock.today()
    start = history_start(today)
    valid_from = start - dt.timedelta(days=10)
    conditions_approve(actor=OFFICER, valid_from=valid_from, **STEEL)  # type: ignore[arg-type]
    conditions_approve(actor=OFFICER, valid_from=valid_from, **CABLE)  # type: ignore[arg-type]
    steel, cable, software, mining, plastics = orgs[:5]
    # Before the register, CT-KZ and industrial certificates recognised domestic producers (IP-68).
    certificates.certificates_import(actor=OFFICER, content=_prior_certificates(steel, mining), source_name="demo.csv")
    # Included a year ago after a positive assessment, with its extract; removed by a later quarter's monitoring,
    # reinstated on an upheld objection (below).
    with clock.frozen(start):
        _include_steel(steel)
    _history(steel, start + (today - start) / 2)
    # Waiting for the officer's assessment.
    _apply(
        steel,
        hs_code="720810",
        name="Прокат плоский горячекатаный в рулонах",
        operations=["heating", "rolling", "coiling"],
        capacity="120000",
        unit="т",
        ex_works="250000.00",
        foreign="37500.00",
    )
    # Waiting for the officer's assessment.
    _apply(
        cable,
        hs_code="854449",
        name="Кабель силовой с изоляцией из ПВХ",
        operations=["drawing", "stranding", "insulating", "testing"],
        capacity="8000",
        unit="км",
        ex_works="1500000.00",
        foreign="420000.00",
    )
    # Refused by digital verification (tax arrears in the state revenue data).
    _apply(
        plastics,
        hs_code="720825",
        name="Прокат плоский горячекатаный",
        operations=["heating", "rolling", "pickling"],
        capacity="500",
        unit="т",
        ex_works="200000.00",
        foreign="20000.00",
    )
    informatization = _account("demo-informatization", Role.INFORMATIZATION_AUTHORITY)
    for name, number in (("Qoima ERP", "TS-2025-0142"), ("Qoima HR", "TS-2025-0377")):
        feeds.software_notice_receive(
            actor=informatization,
            identifier=software.identifier,
            kind="include",
            software_name=name,
            trusted_register_number=number,
        )
    # Wholly produced goods (IP-51-3): a licence entered long ago, and information awaiting the authorized body.
    subsoil = _account("demo-competent", Role.COMPETENT_BODY)
    earlier = clock.today() - dt.timedelta(days=60)
    with clock.frozen(earlier):
        for number, hs_code, name, capacity in (
            ("1234-EL", "260300", "Руды и концентраты медные", "850000"),
            ("5678-EL", "260800", "Руды и концентраты цинковые", "120000"),
        ):
            entry = feeds.wholly_produced_receive(
                actor=subsoil,
                source="solid_minerals",
                identifier=mining.identifier,
                organization_name=mining.name,
                document_kind="licence",
                document_number=number,
                valid_from=dt.date(2019, 5, 1),
                valid_to=None,
                hs_code=hs_code,
                name_ru=name,
                annual_capacity=Decimal(capacity),
                unit="т",
            )
            feeds.wholly_produced_enter(actor=OFFICER, entry=entry)
    feeds.wholly_produced_receive(
        actor=_account("demo-competent-agro", Role.COMPETENT_BODY),
        source="agriculture",
        identifier="170440000196",
        organization_name="ТОО «Костанай Астык»",
        document_kind="record",
        document_number="AGRO-2025-118",
        valid_from=clock.today() - dt.timedelta(days=200),
        valid_to=None,
        hs_code="100199",
        name_ru="Пшеница продовольственная",
        annual_capacity=Decimal("4000"),
        unit="т",
    )
    # Scrap collected in Kazakhstan (IP-51-3.1.3): lodged by the akimat from the collector's notification and
    # quarterly reports (IP-9.39, IP-51-3.6), nothing typed again; awaiting the authorized body.
    scrap_metal_demo()
    scrap_metal_lodge_demo()
    # The next version of the steel conditions, drafted and not yet approved (IP-51-7.3): stricter, as it must be.
    stricter = {
        **{k: v for k, v in STEEL.items() if k != "agreements"},  # agreed once drafted, before approval (IP-51-7.3)
        "minimum_operations": 4,
        "operations": [*STEEL["operations"], {"code": "testing", "name": "Испытания партии", "mandatory": True}],  # type: ignore[misc]
    }
    conditions_draft(actor=OFFICER, valid_from=clock.today() + dt.timedelta(days=30), **stricter)  # type: ignore[arg-type]
    # Monitoring removed the mining company; it objected, and the commission examines the objection (IP-51-5).
    removed_on = clock.today() - dt.timedelta(days=12)
    with clock.frozen(removed_on):
        removal = register.record_remove(
            actor=SYSTEM,
            record=RegisterRecord.objects.get(organization=mining),
            ground=Removal.Ground.MONITORING,
            on=removed_on,
            reasons=[{"criterion": "esf_sales", "found": "no sales of zinc concentrates in the quarter"}],
        )
    with clock.frozen(removed_on + dt.timedelta(days=5)):
        appeals.appeal_file(
            actor=_applicant(mining),
            removal=removal,
            grounds=(
                "Медные концентраты отгружались весь квартал; счета-фактуры приложены. Цинковый участок на ремонте."
            ),
        )
