"""The catalogue of measures and the list of priority goods through the API as of a day (ADR 45): the catalogue
from the changes it published (as its page), the priority goods by the version in force (as its page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nisi.core.authz import SYSTEM
from nisi.incentives.services import catalogue
from nisi.law import clock
from tests.core.publication.helpers import assert_api_as_of_refused
from tests.incentives.fixtures import TODAY, World
from tests.incentives.test_priority_publication import LATER, second_version

MEASURES = "/api/v1/incentives/measures"


@pytest.mark.law("IP-29")
def test_the_catalogue_and_a_measure_as_of_a_day_leave_out_a_later_window(world: World, client: Client) -> None:
    with clock.frozen(LATER):
        catalogue.measure_window_open(actor=SYSTEM, measure=world.subsidy, opens_on=dt.date(2027, 1, 1))
        now = client.get(MEASURES, {"on": TODAY.isoformat()}).json()
        past = client.get(MEASURES, {"as_of": TODAY.isoformat()})
        assert past.status_code == 200
        assert {m["code"] for m in past.json()} == {m["code"] for m in now}
        subsidy_then = next(m for m in past.json() if m["code"] == world.subsidy.code)
        subsidy_now = next(m for m in now if m["code"] == world.subsidy.code)
        assert len(subsidy_then["windows"]) == len(subsidy_now["windows"]) - 1  # the later window is not there
        assert {k: v for k, v in subsidy_then.items() if k not in {"windows", "next_opening"}} == {
            k: v for k, v in subsidy_now.items() if k not in {"windows", "next_opening"}
        }
        assert client.get(MEASURES, {"as_of": "2020-01-01"}).json() == []  # before it was published
        one = client.get(f"{MEASURES}/{world.subsidy.code}", {"as_of": TODAY.isoformat()})
        assert one.json() == subsidy_then
        assert client.get(f"{MEASURES}/{world.subsidy.code}", {"as_of": "2020-01-01"}).status_code == 404
        assert_api_as_of_refused(client, MEASURES)
        assert_api_as_of_refused(client, f"{MEASURES}/{world.subsidy.code}")


@pytest.mark.law("IP-26")
def test_the_priority_goods_as_of_a_day_are_the_version_in_force_then(world: World, client: Client) -> None:
    second_version(world)
    with clock.frozen(LATER + dt.timedelta(days=1)):
        before = client.get("/api/v1/incentives/priority-goods", {"as_of": TODAY.isoformat()}).json()
        after = client.get("/api/v1/incentives/priority-goods", {"as_of": LATER.isoformat()}).json()
        assert "730429" in [g["hs_code"] for g in before["goods"]]  # left with the later version: there before
        assert [g["hs_code"] for g in after["goods"]] == ["8704"]
        assert after == client.get("/api/v1/incentives/priority-goods").json()
        assert client.get("/api/v1/incentives/priority-goods", {"as_of": "2020-01-01"}).status_code == 404
        assert_api_as_of_refused(client, "/api/v1/incentives/priority-goods")
