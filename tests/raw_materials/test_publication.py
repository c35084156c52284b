"""The list of domestic raw materials in the feed of changes (ADR 37): listing, a producer's facts and a volume
each published once (an application alone publishes nothing), replayed from any sequence, the snapshot's sequence,
and the list and a raw material as of a day."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from nisi.core.publication import selectors
from nisi.law import clock
from nisi.raw_materials.models import Producer, RawMaterial
from nisi.raw_materials.services import volumes
from tests.core.publication.helpers import assert_as_of_refused, events, snapshot
from tests.raw_materials.conftest import CODE, TODAY, World, apply, make_listed

LATER = TODAY + dt.timedelta(days=4)


def report(world: World, volume: int) -> None:
    mine = Producer.objects.get(organization=world.producer)
    volumes.volume_report(actor=world.producer_actor, producer=mine, data=volumes.VolumeIn(2025, Decimal(volume)))


@pytest.mark.law("IP-60.1")
def test_listing_facts_and_volumes_are_published_once_each_and_replayed(world: World, client: Client) -> None:
    apply(world, code="740311", name="Катоды медные")
    assert events(client, "raw-materials") == []  # an application is not on the list
    make_listed(world)
    found = events(client, "raw-materials")
    assert [(e["kind"], e["record"]["key"]) for e in found] == [
        ("raw_material.listed", CODE),
        ("raw_material.changed", CODE),
        ("raw_material.changed", CODE),
    ]
    assert {p["operating_since"] for p in found[-1]["state"]["producers"]} == {"2015-06-01", "2025-01-10"}
    report(world, 600)
    later = events(client, "raw-materials", after=found[-1]["seq"])
    assert [e["kind"] for e in later] == ["raw_material.changed"]
    assert "2025:600" in {p["volumes"] for p in later[0]["state"]["producers"]}
    report(world, 600)  # the same figure again changes nothing public
    assert events(client, "raw-materials", after=later[0]["seq"]) == []


def test_the_snapshot_and_the_list_as_of_a_day(world: World, client: Client, listed: RawMaterial) -> None:
    taken = snapshot(client, "raw-materials")
    assert taken["sequence"] == selectors.last_sequence() > 0
    assert [r["code"] for r in taken["records"]] == [CODE]
    with clock.frozen(LATER):
        report(world, 600)
        assert len(events(client, "raw-materials", after=taken["sequence"])) == 1
        before = snapshot(client, "raw-materials", as_of=TODAY.isoformat())["records"]
        assert {p["volumes"] for p in before[0]["producers"]} == {""}
        assert snapshot(client, "raw-materials", as_of=(TODAY - dt.timedelta(days=1)).isoformat())["records"] == []
        page = client.get(f"/en/raw-materials/list/{CODE}/", {"as_of": TODAY.isoformat()})
        assert page.status_code == 200
        assert "2025:600" not in page.content.decode()
        assert (
            "2025:600" in client.get(f"/en/raw-materials/list/{CODE}/", {"as_of": LATER.isoformat()}).content.decode()
        )
        assert CODE in client.get("/en/raw-materials/", {"as_of": TODAY.isoformat()}).content.decode()
        assert_as_of_refused(client, "raw-materials", "/en/raw-materials/")
