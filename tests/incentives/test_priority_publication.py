"""The list of priority goods in the feed of changes (ADR 37): a new version publishes each good that enters,
changes or leaves the list, once, effective on the day it comes into force; replayed from any sequence; the
snapshot carries its sequence; as of a day, the version in force that day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nisi.core.authz import SYSTEM
from nisi.core.publication import selectors as publication
from nisi.incentives.services import catalogue, priority
from nisi.law import clock
from tests.core.publication.helpers import assert_as_of_refused, events, snapshot
from tests.incentives.fixtures import TODAY, World

HEADER = "hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n"
LATER = dt.date(2026, 7, 1)


def second_version(world: World) -> None:
    content = (HEADER + "8704,Грузовые автомобили,high,80,70,75\n").encode()
    priority.priority_list_upload(actor=world.officer, content=content, name="v2.csv", in_force_from=LATER, basis="№ 2")


@pytest.mark.law("IP-26")
def test_a_new_version_publishes_each_good_that_enters_or_leaves_once(world: World, client: Client) -> None:
    first = events(client, "priority-goods")
    codes = sorted(e["record"]["key"] for e in first)
    assert codes == sorted(g.hs_code for g in world.priority_list.goods.all())
    assert {e["kind"] for e in first} == {"priority.good.listed"}
    second_version(world)
    later = events(client, "priority-goods", after=first[-1]["seq"])
    # 8704 stays with new scores; every other good leaves with the new version.
    assert sorted((e["record"]["key"], e["kind"]) for e in later) == sorted(
        (code, "priority.good.changed" if code == "8704" else "priority.good.delisted") for code in codes
    )
    assert {e["effective_on"] for e in later} == {LATER.isoformat()}
    assert all(e["state"] is None for e in later if e["kind"].endswith("delisted"))
    assert events(client, "priority-goods", after=later[-1]["seq"]) == []


def test_the_snapshot_and_the_list_as_of_a_day(world: World, client: Client) -> None:
    taken = snapshot(client, "priority-goods")
    assert taken["sequence"] == publication.last_sequence() > 0
    assert sorted(r["hs_code"] for r in taken["records"]) == sorted(g.hs_code for g in world.priority_list.goods.all())
    second_version(world)
    with clock.frozen(LATER + dt.timedelta(days=1)):
        before = snapshot(client, "priority-goods", as_of=TODAY.isoformat())["records"]
        after = snapshot(client, "priority-goods", as_of=LATER.isoformat())["records"]
        assert "730429" in [r["hs_code"] for r in before]
        assert [r["hs_code"] for r in after] == ["8704"]
        page = client.get("/en/incentives/priority-goods/", {"as_of": TODAY.isoformat()})
        assert page.status_code == 200
        assert "730429" in page.content.decode()
        assert (
            "730429" not in client.get("/en/incentives/priority-goods/", {"as_of": LATER.isoformat()}).content.decode()
        )
        record = client.get("/api/v1/feed/records/priority-goods/8704", {"as_of": LATER.isoformat()})
        assert record.json()["state"]["version"] == 2
        assert (
            client.get("/api/v1/feed/records/priority-goods/8704", {"as_of": TODAY.isoformat()}).json()["state"][
                "version"
            ]
            == 1
        )
        assert client.get("/api/v1/feed/records/priority-goods/730429", {"as_of": LATER.isoformat()}).status_code == 404
        assert_as_of_refused(client, "priority-goods", "/en/incentives/priority-goods/")


@pytest.mark.law("IP-29")
def test_the_catalogue_of_measures_publishes_each_change_once_and_answers_as_of_a_day(
    world: World, client: Client
) -> None:
    first = events(client, "incentive-measures")
    assert {e["record"]["key"] for e in first} == {world.financing.code, world.subsidy.code, world.closed.code}
    with clock.frozen(LATER):
        catalogue.measure_window_open(actor=SYSTEM, measure=world.subsidy, opens_on=dt.date(2027, 1, 1))
        later = events(client, "incentive-measures", after=first[-1]["seq"])
        assert [(e["kind"], e["record"]["key"]) for e in later] == [("incentives.measure.changed", world.subsidy.code)]
        assert len(later[0]["state"]["windows"]) == len(world.subsidy.windows.all())
        taken = snapshot(client, "incentive-measures")
        assert taken["sequence"] == later[0]["seq"]
        before = client.get(
            f"/api/v1/feed/records/incentive-measures/{world.subsidy.code}", {"as_of": TODAY.isoformat()}
        )
        assert len(before.json()["state"]["windows"]) == len(world.subsidy.windows.all()) - 1
        page = client.get(f"/en/incentives/measures/{world.subsidy.code}/", {"as_of": TODAY.isoformat()})
        assert page.status_code == 200
        assert "2027-01-01" not in page.content.decode()
        assert world.closed.code in client.get("/en/incentives/", {"as_of": TODAY.isoformat()}).content.decode()
        assert_as_of_refused(client, "incentive-measures", "/en/incentives/")
