"""Large customers through the API (IP-1.25, IP-46.2): the public list, the authorized body records and ends a
customer, records the National Welfare Fund and the chain; a customer 50 % or more the Fund's is refused with its
reason; each operation tried as each role."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import LargeCustomer
from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.customers_fixtures import DAY, People, people_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "/api/v1/contracts"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}", **EN}


def post(path: str, body: Any, auth: dict[str, str], method: str = "post") -> Any:
    return getattr(Client(), method)(f"{BASE}{path}", body, content_type="application/json", **auth)


def _chain(people: People, share: str) -> None:
    officer = token(people.users["officer"])
    assert post("/welfare-fund", {"identifier": people.fund.identifier}, officer, "put").status_code == 200
    link = {"owner": people.fund.identifier, "owned": people.holding.identifier, "share": "100", "on": "2025-01-01"}
    assert post("/ownership-links", link, officer).status_code == 201
    link = {"owner": people.holding.identifier, "owned": people.customer.identifier, "share": share, "on": "2025-01-01"}
    assert post("/ownership-links", link, officer).status_code == 201


@pytest.mark.parametrize(
    ("who", "status"),
    [("officer", 201), ("institute", 403), ("auditor", 403), ("customer", 403), ("maker", 403), ("akimat", 403)],
)
def test_only_the_authorized_body_records_a_customer(people: People, who: str, status: int) -> None:
    body = {"identifier": people.customer.identifier, "kind": "subsoil_user", "since": DAY.isoformat()}
    with clock.frozen(DAY):
        assert post("/customers", body, token(people.users[who])).status_code == status
    assert post("/customers", body, EN).status_code == 401


def test_the_list_is_public_and_searchable(people: People) -> None:
    officer = token(people.users["officer"])
    with clock.frozen(DAY):
        for org, kind in ((people.customer, "subsoil_user"), (people.maker, "natural_monopoly")):
            body = {"identifier": org.identifier, "kind": kind, "since": DAY.isoformat()}
            assert post("/customers", body, officer).status_code == 201
    anonymous = Client(**EN)
    listed = anonymous.get(f"{BASE}/customers").json()
    assert {c["identifier"] for c in listed} == {people.customer.identifier, people.maker.identifier}
    assert [c["actions"] for c in listed] == [["view"], ["view"]]
    by_kind = anonymous.get(f"{BASE}/customers", {"kind": "natural_monopoly"}).json()
    assert [c["identifier"] for c in by_kind] == [people.maker.identifier]
    assert anonymous.get(f"{BASE}/customers", {"q": people.customer.identifier}).json()[0]["name"] == "АО «Недра»"
    assert anonymous.get(f"{BASE}/customers", {"kind": "nonsense"}).status_code == 422
    one = anonymous.get(f"{BASE}/customers/{people.customer.identifier}")
    assert one.status_code == 200
    assert one.json()["kind"] == "subsoil_user"
    assert anonymous.get(f"{BASE}/customers/{people.fund.identifier}").status_code == 404
    assert anonymous.get(f"{BASE}/customers/12ab").status_code == 422


def test_an_ended_customer_leaves_the_public_list(people: People) -> None:
    officer = token(people.users["officer"])
    with clock.frozen(DAY):
        body = {"identifier": people.customer.identifier, "kind": "quasi_public", "since": DAY.isoformat()}
        assert post("/customers", body, officer).status_code == 201
        path = f"/customers/{people.customer.identifier}/end"
        assert post(path, {"until": "2026-01-01"}, officer).status_code == 422
        assert post(path, {"until": "2026-12-31"}, token(people.users["customer"])).status_code == 403
        ended = post(path, {"until": "2026-12-31"}, officer)
    assert ended.status_code == 200
    assert ended.json()["status"] == "ended"
    assert Client().get(f"{BASE}/customers").json() == []
    assert Client().get(f"{BASE}/customers/{people.customer.identifier}").status_code == 404
    seen = Client().get(f"{BASE}/customer-records", **token(people.users["institute"]))
    assert [(c["status"], c["actions"]) for c in seen.json()] == [("ended", ["view"])]
    mine = Client().get(f"{BASE}/customer-records", **officer).json()
    assert mine[0]["actions"] == ["record", "view"]


@pytest.mark.law("IP-46.2")
@pytest.mark.parametrize(("share", "refused"), [("50", True), ("49.9999", False), ("100", True)])
def test_the_fund_s_entities_are_refused_with_the_reason(people: People, share: str, refused: bool) -> None:
    _chain(people, share)
    officer = token(people.users["officer"])
    body = {"identifier": people.customer.identifier, "kind": "quasi_public", "since": DAY.isoformat()}
    with clock.frozen(DAY):
        answer = post("/customers", body, officer)
        held = Client().get(
            f"{BASE}/customers/{people.customer.identifier}/fund-share", {"on": "2026-03-02"}, **officer
        )
    assert held.status_code == 200
    assert held.json()["excluded"] is refused
    assert [h["owned"] for h in held.json()["chain"]] == [people.holding.identifier, people.customer.identifier]
    if refused:
        assert answer.status_code == 422
        assert "IP-46.2" in answer.json()["detail"]
        assert f"Fund holds {share} %" in answer.json()["detail"]
        assert not LargeCustomer.objects.exists()
    else:
        assert answer.status_code == 201


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("institute", 200), ("auditor", 200), ("customer", 403)])
def test_the_chain_is_read_by_the_officers(people: People, who: str, status: int) -> None:
    _chain(people, "60")
    auth = token(people.users[who])
    assert Client().get(f"{BASE}/ownership-links", **auth).status_code == status
    assert Client().get(f"{BASE}/welfare-fund", **auth).status_code == status
    path = f"{BASE}/customers/{people.customer.identifier}/fund-share"
    assert Client().get(path, **auth).status_code == status
    link = {"owner": people.maker.identifier, "owned": people.customer.identifier, "share": "1", "on": "2025-01-01"}
    assert post("/ownership-links", link, auth).status_code == (201 if who == "officer" else 403)
    assert post("/welfare-fund", {"identifier": people.fund.identifier}, auth, "put").status_code == (
        200 if who == "officer" else 403
    )


def test_bad_input_is_422(people: People) -> None:
    officer = token(people.users["officer"])
    assert (
        post(
            "/customers", {"identifier": "000000000000", "kind": "subsoil_user", "since": "2026-01-01"}, officer
        ).status_code
        == 422
    )
    assert (
        post(
            "/customers", {"identifier": people.customer.identifier, "kind": "x", "since": "2026-01-01"}, officer
        ).status_code
        == 422
    )
    same = {"owner": people.maker.identifier, "owned": people.maker.identifier, "share": "10", "on": "2025-01-01"}
    assert post("/ownership-links", same, officer).status_code == 422
    assert (
        post("/ownership-links", {**same, "owned": people.customer.identifier, "share": "100.5"}, officer).status_code
        == 422
    )
    assert (
        post("/ownership-links", {**same, "owned": people.customer.identifier, "share": "0"}, officer).status_code
        == 422
    )
    assert Client().get(f"{BASE}/customers/{people.customer.identifier}/fund-share", **officer).status_code == 422
