"""A world of domestic raw materials made through the services, as each role would: two copper producers in the
register of Kazakhstani commodity producers (one operating since 2015, one new), two manufacturers, and the actors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.authz import Actor, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.law import clock
from nisi.raw_materials.models import Agreement, ListingApplication, Producer, RawMaterial
from nisi.raw_materials.rules import REQUIRED_DOCUMENTS
from nisi.raw_materials.services import agreements, listing
from tests.contracts.purchases_fixtures import put_in_register

TODAY = dt.date(2026, 3, 2)
CODE = "260300"  # copper ores and concentrates
ALL_DOCUMENTS = [key for key, _label in REQUIRED_DOCUMENTS]


@dataclass
class World:
    producer: Organization
    new_producer: Organization
    manufacturer: Organization
    other_manufacturer: Organization
    producer_actor: Actor
    new_producer_actor: Actor
    manufacturer_actor: Actor
    other_actor: Actor
    officer: Actor
    auditor: Actor
    akimat: Actor


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def world(make_org: Any, make_user: Any, today: dt.date) -> World:
    return make_world(make_org, make_user)


def make_world(make_org: Any, make_user: Any) -> World:
    """The producers in the register, the manufacturers and the actors of every role."""
    producer = make_org("АО «Медь Казахстана»")
    new_producer = make_org("ТОО «Новая медь»")
    manufacturer = make_org("ТОО «Кабельный завод»")
    other = make_org("ТОО «Перепродавец»")
    for org in (producer, new_producer):
        put_in_register(org, periods=[(dt.date(2025, 1, 10), None)], goods=[(CODE, None, dt.date(2025, 1, 10), None)])

    def actor(role: str, organization: Organization | None = None, region: str | None = None) -> Actor:
        return actor_for(make_user(role, organization=organization, region=region))

    return World(
        producer=producer,
        new_producer=new_producer,
        manufacturer=manufacturer,
        other_manufacturer=other,
        producer_actor=actor(Role.APPLICANT, producer),
        new_producer_actor=actor(Role.APPLICANT, new_producer),
        manufacturer_actor=actor(Role.APPLICANT, manufacturer),
        other_actor=actor(Role.APPLICANT, other),
        officer=actor(Role.AUTHORIZED_BODY),
        auditor=actor(Role.AUDITOR),
        akimat=actor(Role.AKIMAT, region="35"),
    )


def apply(world: World, **changes: Any) -> ListingApplication:
    data: dict[str, Any] = {
        "manufacturer": world.manufacturer.identifier,
        "code": CODE,
        "name": "Медный концентрат",
        "purpose": "Катанка и кабель",
        "documents": ALL_DOCUMENTS,
    }
    data.update(changes)
    return listing.application_submit(actor=world.manufacturer_actor, **data)


@pytest.fixture
def listed(world: World) -> RawMaterial:
    return make_listed(world)


def make_listed(world: World) -> RawMaterial:
    """Copper concentrate listed, the established producer operating since 2015, the other since 2025 (new)."""
    listing.application_decide(actor=world.officer, application=apply(world))
    material = RawMaterial.objects.get(code=CODE)
    for org, since in ((world.producer, dt.date(2015, 6, 1)), (world.new_producer, dt.date(2025, 1, 10))):
        listing.producer_facts_set(
            actor=world.officer,
            producer=Producer.objects.get(organization=org),
            operating_since=since,
            excluded_ground="",
        )
    return material


def conclude(world: World, **changes: Any) -> Agreement:
    data: dict[str, Any] = {
        "raw_material": CODE,
        "producer": world.producer.identifier,
        "manufacturer": world.manufacturer.identifier,
        "price": Decimal("950000.00"),
        "min_export_price": Decimal("1000000.00"),
        "yearly_volume": Decimal("1200"),
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "processing": "Катанка: рост переработки на 10 % в год",
    }
    data.update(changes)
    return agreements.agreement_conclude(actor=world.officer, **data)
