"""The goods planned for purchase through the API as of a day (ADR 45, IP-47.5): answered from the changes the
published lists made, as the page answers them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nisi.law import clock
from tests.contracts.plans_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.plans_fixtures import TODAY as PLANS_TODAY
from tests.contracts.plans_fixtures import Cycle
from tests.contracts.test_plans_publication import published
from tests.core.publication.helpers import assert_api_as_of_refused


@pytest.mark.law("IP-47.5")
def test_the_goods_planned_as_of_a_day_leave_out_a_list_published_later(cycle: Cycle, client: Client) -> None:
    first = published(cycle, PLANS_TODAY, "730429")
    later = PLANS_TODAY + dt.timedelta(days=3)
    second = published(cycle, later, "848180", year=2027)
    with clock.frozen(later):
        now = client.get("/api/v1/contracts/plans/goods").json()
        assert {g["plan"] for g in now} == {first.number, second.number}
        past = client.get("/api/v1/contracts/plans/goods", {"as_of": PLANS_TODAY.isoformat()}).json()
        assert past == [g for g in now if g["plan"] == first.number]  # the same shape and values
        coded = {"as_of": later.isoformat(), "code": "8481"}
        assert [g["plan"] for g in client.get("/api/v1/contracts/plans/goods", coded).json()] == [second.number]
        assert client.get("/api/v1/contracts/plans/goods", {"as_of": "2020-01-01"}).json() == []
        assert_api_as_of_refused(client, "/api/v1/contracts/plans/goods")
