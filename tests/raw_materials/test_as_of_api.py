"""The list of domestic raw materials through the API as of a day (ADR 45, IP-60.1, IP-60.5): answered from the
changes the list published, as its page answers, in the API's own shape, the shares computed from the volumes
reported by then."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nisi.law import clock
from nisi.raw_materials.models import RawMaterial
from tests.core.publication.helpers import assert_api_as_of_refused
from tests.raw_materials.conftest import CODE, TODAY, World
from tests.raw_materials.test_publication import LATER, report

LIST = "/api/v1/raw-materials/list"


@pytest.mark.law("IP-60.5")
def test_the_list_and_a_raw_material_as_of_a_day_leave_out_a_later_volume(
    world: World, client: Client, listed: RawMaterial
) -> None:
    with clock.frozen(LATER):
        report(world, 600)
        now = client.get(LIST).json()
        past_now = client.get(LIST, {"as_of": LATER.isoformat()}).json()
        assert past_now == now  # the same answer, from the feed
        assert now[0]["country_production"] == "600.000"
        before = client.get(LIST, {"as_of": TODAY.isoformat()})
        assert before.status_code == 200
        assert [m["code"] for m in before.json()] == [CODE]
        assert before.json()[0]["year"] is None  # no volume reported yet that day
        assert {p["share_percent"] for p in before.json()[0]["producers"]} == {None}
        assert {p["bin"] for p in before.json()[0]["producers"]} == {p["bin"] for p in now[0]["producers"]}
        assert client.get(LIST, {"as_of": (TODAY - dt.timedelta(days=1)).isoformat()}).json() == []
        one = client.get(f"{LIST}/{CODE}", {"as_of": TODAY.isoformat()})
        assert one.json() == before.json()[0]
        assert client.get(f"{LIST}/{CODE}", {"as_of": LATER.isoformat()}).json() == client.get(f"{LIST}/{CODE}").json()
        gone = client.get(f"{LIST}/{CODE}", {"as_of": "2026-01-01"}, headers={"accept-language": "en"})
        assert gone.status_code == 404
        assert_api_as_of_refused(client, LIST)
        assert_api_as_of_refused(client, f"{LIST}/{CODE}")
