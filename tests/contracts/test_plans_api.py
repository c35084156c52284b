"""The plans' API on the pages' services: a customer's system starts a plan, adds lines all or none, submits; the
authorized body's returns it with comments, agrees and publishes; the public reads the list; a manufacturer's
system applies; refusals by status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import ProcurementPlan
from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.plans_fixtures import TODAY, Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401
from tests.contracts.purchases_fixtures import put_in_register

pytestmark = pytest.mark.django_db
BASE = "/api/v1/contracts"


def token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def post(client: Client, path: str, body: Any, auth: dict[str, str]) -> Any:
    return client.post(f"{BASE}{path}", body, content_type="application/json", **auth)


def test_the_cycle_through_the_api(cycle: Cycle) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    customer, officer, maker = (token(cycle.users[n]) for n in ("customer", "officer", "manufacturer"))
    ident = cycle.customer.identifier
    with clock.frozen(TODAY):
        assert (
            post(client, "/plans", {"identifier": ident, "first_year": 2026, "last_year": 2026}, maker).status_code
            == 403
        )
        created = post(
            client, "/plans", {"identifier": ident, "first_year": 2026, "last_year": 2026, "title": ""}, customer
        )
        assert created.status_code == 201, created.content
        number = created.json()["number"]
        line = {
            "product_code": "730429",
            "description": "Трубы",
            "quantity": "10",
            "unit": "t",
            "year": 2026,
            "exclusion_reason": "",
        }
        bad = post(
            client, f"/plans/{number}/lines", {"lines": [line, line, {**line, "product_code": "999999"}]}, customer
        )
        assert bad.status_code == 422
        assert {e["loc"][2] for e in bad.json()["errors"]} == {1, 2}
        zero = post(client, f"/plans/{number}/lines", {"lines": [{**line, "quantity": "0"}]}, customer)
        assert zero.status_code == 422
        assert post(client, f"/plans/{number}/lines", {"lines": [line]}, customer).status_code == 201
        assert post(client, f"/plans/{number}/agree", {}, officer).status_code == 404  # a draft is the customer's
        submitted = post(client, f"/plans/{number}/submit", {}, customer)
        assert submitted.status_code == 200
        assert submitted.json()["status"] == "submitted"
        assert post(client, f"/plans/{number}/submit", {}, customer).status_code == 403
        assert (
            post(client, f"/plans/{number}/comments", {"comments": "Уточните."}, officer).json()["status"] == "comments"
        )
        assert post(client, f"/plans/{number}/resubmit", {}, customer).status_code == 200
        assert post(client, f"/plans/{number}/agree", {}, officer).json()["status"] == "agreed"
        published = post(client, f"/plans/{number}/publish", {}, officer)
        assert published.json()["applications_due_on"] == "2025-12-22"
    goods = client.get(f"{BASE}/plans/goods", {"code": "7304"})
    assert [g["plan"] for g in goods.json()] == [number]
    assert client.get(f"{BASE}/plans/goods", {"code": "x"}).status_code == 422
    apply = f"/plans/{number}/lines/1/applications"
    body = {"identifier": cycle.manufacturer.identifier, "kind": "guaranteed_purchase", "quantity": "3", "notes": ""}
    # A guaranteed purchase is for goods from existing production (IP-46.1.1-1): the maker is in the register.
    put_in_register(
        cycle.manufacturer, periods=[(dt.date(2025, 1, 1), None)], goods=[("730429", None, dt.date(2025, 1, 1), None)]
    )
    with clock.frozen(dt.date(2025, 12, 22)):
        assert post(client, apply, body, maker).status_code == 201
    with clock.frozen(dt.date(2025, 12, 23)):
        late = post(client, apply, {**body, "kind": "offtake"}, maker)
    assert late.status_code == 422
    assert "2025-12-22" in late.json()["detail"]
    received = client.get(f"{BASE}/plans-applications", **customer).json()
    assert [a["kind"] for a in received] == ["guaranteed_purchase"]
    assert client.get(f"{BASE}/plans/{number}", **maker).status_code == 200  # published: public
    assert ProcurementPlan.objects.get(number=number).status == "published"


def test_a_draft_is_not_seen_by_others(cycle: Cycle) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    with clock.frozen(TODAY):
        created = post(
            client,
            "/plans",
            {"identifier": cycle.customer.identifier, "first_year": 2027, "last_year": 2027},
            token(cycle.users["customer"]),
        )
    number = created.json()["number"]
    for role in ("officer", "manufacturer", "akimat"):
        assert client.get(f"{BASE}/plans/{number}", **token(cycle.users[role])).status_code == 404
