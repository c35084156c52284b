"""Demo data of domestic raw materials (IP-60), made through the apps' services on the days they would have
happened: copper ores and concentrates (260300) listed on the cable maker's application a month ago with its two
producers in the register — the mining company (account demo-producer) and a new facility — their 2025 production
and shares, an agreement fulfilled in 2025, another terminated for a resale with its manufacturer barred, a refused
application, an issued export licence with its signed PDF, and one awaiting the officer's decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from nisi.core import identifiers
from nisi.core.authz import SYSTEM, Actor, Grant
from nisi.core.models import Organization
from nisi.core.roles import CompetentBody, Role
from nisi.core.services.organizations import organization_register
from nisi.demo.accounts import demo_account_give
from nisi.law import clock
from nisi.raw_materials.models import ListingApplication, Producer
from nisi.raw_materials.rules import REQUIRED_DOCUMENTS
from nisi.raw_materials.services import agreements, licences, listing, volumes
from nisi.registry.services import feeds

CODE = "260300"
NEW_FACILITY = ("24054000031", "ТОО «Жезказган Мыс Жаңа»", "621010000", "07291", "info@zhmys.demo")
PRODUCER_ACCOUNT = "demo-producer"
OFFICER = Actor(user_id=None, label="demo-officer", grants=(Grant(Role.AUTHORIZED_BODY),))


def _of(organization: Organization) -> Actor:
    return Actor(
        user_id=None, label=organization.name, grants=(Grant(Role.APPLICANT, organization_id=organization.pk),)
    )


def _new_facility(today: dt.date) -> Organization:
    """A copper producer whose production started 500 days ago (a new facility, IP-60.4), in the register as a
    producer of goods wholly produced in Kazakhstan (IP-51-3)."""
    identifier = identifiers.complete(NEW_FACILITY[0])
    org = Organization.objects.filter(identifier=identifier).first()
    if org is None:
        org = organization_register(
            actor=SYSTEM,
            identifier=identifier,
            name=NEW_FACILITY[1],
            kato=NEW_FACILITY[2],
            oked=NEW_FACILITY[3],
            email=NEW_FACILITY[4],
        )
    subsoil = Actor(
        user_id=None, label="demo-competent", grants=(Grant(Role.COMPETENT_BODY, body=CompetentBody.SOLID_MINERALS),)
    )
    with clock.frozen(today - dt.timedelta(days=60)):
        entry = feeds.wholly_produced_receive(
            actor=subsoil,
            source="solid_minerals",
            identifier=org.identifier,
            organization_name=org.name,
            document_kind="licence",
            document_number="9012-EL",
            valid_from=today - dt.timedelta(days=500),
            valid_to=None,
            hs_code=CODE,
            name_ru="Руды и концентраты медные",
            annual_capacity=Decimal(200000),
            unit="т",
        )
        feeds.wholly_produced_enter(actor=OFFICER, entry=entry)
    return org


def raw_materials_demo(orgs: list[Organization]) -> None:
    """Idempotent: does nothing once an application exists."""
    steel, cable, _software, mining, plastics = orgs[:5]
    demo_account_give(PRODUCER_ACCOUNT, Role.APPLICANT, mining, None)
    if ListingApplication.objects.exists():
        return
    today = clock.today()
    new_facility = _new_facility(today)
    documents = [key for key, _label in REQUIRED_DOCUMENTS]
    with clock.frozen(today - dt.timedelta(days=45)):
        application = listing.application_submit(
            actor=_of(cable),
            manufacturer=cable.identifier,
            code=CODE,
            name="Руды и концентраты медные",
            purpose="Медная катанка и силовой кабель",
            documents=documents,
        )
        refused = listing.application_submit(
            actor=_of(plastics),
            manufacturer=plastics.identifier,
            code="390110",
            name="Полиэтилен",
            purpose="Полимерные трубы",
            documents=documents[:1],
        )
    with clock.frozen(today - dt.timedelta(days=30)):
        listing.application_decide(actor=OFFICER, application=application)
        listing.application_decide(actor=OFFICER, application=refused)
        for org, since in ((mining, dt.date(2005, 3, 1)), (new_facility, today - dt.timedelta(days=500))):
            producer = Producer.objects.get(raw_material__code=CODE, organization=org)
            listing.producer_facts_set(actor=OFFICER, producer=producer, operating_since=since, excluded_ground="")
    year = today.year - 1
    producer = Producer.objects.get(raw_material__code=CODE, organization=mining)
    volumes.volume_report(actor=_of(mining), producer=producer, data=volumes.VolumeIn(year, Decimal(850000)))
    theirs = Producer.objects.get(raw_material__code=CODE, organization=new_facility)
    volumes.volume_report(actor=_of(new_facility), producer=theirs, data=volumes.VolumeIn(year, Decimal(150000)))
    with clock.frozen(today - dt.timedelta(days=25)):
        fulfilled = agreements.agreement_conclude(
            actor=OFFICER,
            raw_material=CODE,
            producer=mining.identifier,
            manufacturer=cable.identifier,
            price=Decimal("950000.00"),
            min_export_price=Decimal("1000000.00"),
            yearly_volume=Decimal(12000),
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year + 2, 12, 31),
            processing="Рост выпуска медной катанки на 10 % в год",
        )
        resold = agreements.agreement_conclude(
            actor=OFFICER,
            raw_material=CODE,
            producer=mining.identifier,
            manufacturer=steel.identifier,
            price=Decimal("980000.00"),
            min_export_price=Decimal("1000000.00"),
            yearly_volume=Decimal(2000),
            starts_on=today - dt.timedelta(days=25),
            ends_on=dt.date(year + 2, 12, 31),
            processing="Медь для бронзового литья",
        )
    agreements.delivery_report(actor=_of(mining), agreement=fulfilled, year=year, delivered=Decimal(12150))
    with clock.frozen(today - dt.timedelta(days=10)):
        agreements.agreement_terminate_for_resale(
            actor=OFFICER, agreement=resold, reasons="Концентрат перепродан третьему лицу (счёт-фактура № 118)"
        )
    issued = licences.licence_apply(
        actor=_of(mining), producer=producer, year=today.year, volume=Decimal(200000), destination="Китай"
    )
    licences.licence_issue(actor=OFFICER, licence=issued)
    licences.licence_apply(
        actor=_of(mining), producer=producer, year=today.year + 1, volume=Decimal(250000), destination="Китай"
    )
