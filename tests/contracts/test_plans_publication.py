"""The published lists of goods planned for purchase in the feed of changes (ADR 37): a list is published once, when
it is published (never while it is a draft or under review), replayed from any sequence, in the snapshot with its
sequence, and answered as of a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from nisi.contracts.models import ProcurementPlan
from nisi.contracts.services import plans, plans_review
from nisi.core.publication import selectors
from nisi.law import clock
from tests.contracts.plans_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.plans_fixtures import TODAY, Cycle, draft, line
from tests.core.publication.helpers import assert_as_of_refused, events, snapshot


def published(cycle: Cycle, on: dt.date, *codes: str, year: int = 2026) -> ProcurementPlan:
    with clock.frozen(on):
        plan = plans.plan_create(
            actor=cycle.customer_actor, organization=cycle.customer, first_year=year, last_year=year
        )
        for code in codes:
            plans.line_add(actor=cycle.customer_actor, plan=plan, line=line(code, year=year))
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
        plans_review.plan_agree(actor=cycle.officer, plan=plan)
        return plans_review.plan_publish(actor=cycle.officer, plan=plan)


@pytest.mark.law("IP-47.5")
def test_a_list_is_published_once_when_published_and_replayed_from_any_sequence(cycle: Cycle, client: Client) -> None:
    with clock.frozen(TODAY):
        draft(cycle)
    assert events(client, "planned-purchases") == []  # a draft is not public
    cycle.customer.procurement_plans.all().delete()
    first = published(cycle, TODAY, "730429", "848180")
    found = events(client, "planned-purchases")
    assert [(e["kind"], e["record"]["key"]) for e in found] == [("planned.list.listed", first.number)]
    assert [g["product_code"] for g in found[0]["state"]["goods"]] == ["730429", "848180"]
    assert found[0]["state"]["customer_bin"] == cycle.customer.identifier
    second = published(cycle, TODAY + dt.timedelta(days=3), "848180", year=2027)
    again = events(client, "planned-purchases", after=found[0]["seq"])
    assert [e["record"]["key"] for e in again] == [second.number]


def test_the_snapshot_carries_its_sequence_and_the_list_as_of_a_day(cycle: Cycle, client: Client) -> None:
    first = published(cycle, TODAY, "730429")
    taken = snapshot(client, "planned-purchases")
    assert taken["sequence"] == selectors.last_sequence() > 0
    assert [r["plan"] for r in taken["records"]] == [first.number]
    later = TODAY + dt.timedelta(days=3)
    second = published(cycle, later, "848180", year=2027)
    assert [e["record"]["key"] for e in events(client, "planned-purchases", after=taken["sequence"])] == [second.number]
    with clock.frozen(later):
        on_first_day = snapshot(client, "planned-purchases", as_of=TODAY.isoformat())["records"]
        assert [r["plan"] for r in on_first_day] == [first.number]
        page = client.get("/en/contracts/goods/", {"as_of": TODAY.isoformat()}).content.decode()
        assert first.number in page
        assert second.number not in page
        assert second.number in client.get("/en/contracts/goods/", {"as_of": later.isoformat()}).content.decode()
        assert_as_of_refused(client, "planned-purchases", "/en/contracts/goods/")
