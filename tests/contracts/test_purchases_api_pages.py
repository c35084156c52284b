"""The purchases area through the API and the pages: the same services, scoped to each role, amounts withheld
where the price is the customer's secret, no input giving a 5xx."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import Actor
from nisi.core.services.tokens import api_token_create
from tests.contracts.purchases_fixtures import csv_of, today, world  # noqa: F401  (fixtures)
from tests.contracts.test_purchases_systemic import approve_list_with

pytestmark = pytest.mark.django_db


def _auth(actor: Actor) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor, name='t')[1]}", "HTTP_ACCEPT_LANGUAGE": "en"}


def _client(actor: Actor) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def _lines(world: dict[str, Any]) -> list[dict[str, Any]]:  # noqa: F811
    s = world["steady"].identifier
    return [
        {
            "supplier_bin": s,
            "product_code": "720711",
            "quantity": "1",
            "amount": "1000",
            "purchase_date": "2026-01-15",
            "contract_reference": "Д-1",
        },
        {
            "supplier_bin": s,
            "product_code": "730630",
            "quantity": "1",
            "amount": "500",
            "purchase_date": "2026-01-15",
            "contract_reference": "Д-2",
            "price_confidential": True,
        },
    ]


def test_api_records_lines_and_explains_the_figure(world: dict[str, Any], client: Client) -> None:  # noqa: F811
    bin_ = world["customer"].identifier
    auth = _auth(world["users"]["customer"])
    answer = client.post(
        f"/api/v1/contracts/purchases/{bin_}/lines", {"lines": _lines(world)}, content_type="application/json", **auth
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["written"] == 2
    figure = client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value?start=2026-01-01", **auth).json()
    assert figure["share"] == "73.33"  # (600 + 500) / 1500
    assert figure["confidential_amount"] == "500.00"
    lines = client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value/lines?start=2026-01-01", **auth).json()
    assert [line["verdict"] for line in lines["lines"]] == ["counted", "counted_whole"]
    register = client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value/register?start=2026-01-01", **auth)
    assert register.json()[0]["periods"] == [{"included_from": "2025-01-01", "included_to": None}]
    assert {g["hs_code"] for g in register.json()[0]["goods"]} == {"720711", "730630"}


def test_api_refuses_bad_lines_with_every_line_named(world: dict[str, Any], client: Client) -> None:  # noqa: F811
    bad = [*_lines(world), {**_lines(world)[0], "amount": "-1"}, {**_lines(world)[0], "supplier_bin": "190540000124"}]
    answer = client.post(
        f"/api/v1/contracts/purchases/{world['customer'].identifier}/lines",
        {"lines": bad},
        content_type="application/json",
        **_auth(world["users"]["customer"]),
    )
    assert answer.status_code == 422
    assert [p["line"] for p in answer.json()["problems"]] == [3, 4]


@pytest.mark.parametrize("who", ["other_customer", "other_akimat", "applicant"])
def test_api_hides_other_customers(world: dict[str, Any], client: Client, who: str) -> None:  # noqa: F811
    bin_ = world["customer"].identifier
    auth = _auth(world["users"][who])
    assert client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value", **auth).status_code == 404
    answer = client.post(
        f"/api/v1/contracts/purchases/{bin_}/lines", {"lines": _lines(world)}, content_type="application/json", **auth
    )
    assert answer.status_code == 404


def test_institute_reads_without_secret_amounts(world: dict[str, Any], client: Client) -> None:  # noqa: F811
    bin_ = world["customer"].identifier
    client.post(
        f"/api/v1/contracts/purchases/{bin_}/lines",
        {"lines": _lines(world)},
        content_type="application/json",
        **_auth(world["users"]["customer"]),
    )
    auth = _auth(world["users"]["institute"])
    figure = client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value?start=2026-01-01", **auth).json()
    assert figure["share"] == "73.33"
    assert figure["confidential_amount"] is None
    lines = client.get(f"/api/v1/contracts/purchases/{bin_}/domestic-value/lines?start=2026-01-01", **auth).json()
    assert [line["amount"] for line in lines["lines"]] == ["1000.00", None]
    auditor = client.get(
        f"/api/v1/contracts/purchases/{bin_}/domestic-value?start=2026-01-01", **_auth(world["users"]["auditor"])
    ).json()
    assert auditor["confidential_amount"] == "500.00"


@pytest.mark.parametrize(
    "query", ["start=2026-02-01&end=2026-01-01", "start=2000-01-01&end=2026-01-01", "start=x", "verdict=maybe"]
)
def test_api_bad_periods_are_422(world: dict[str, Any], client: Client, query: str) -> None:  # noqa: F811
    bin_ = world["customer"].identifier
    answer = client.get(
        f"/api/v1/contracts/purchases/{bin_}/domestic-value/lines?{query}", **_auth(world["users"]["customer"])
    )
    assert answer.status_code == 422


def test_systemic_through_the_api(world: dict[str, Any], client: Client) -> None:  # noqa: F811
    body = {
        "region": "35",
        "year": 2025,
        "territory_total": "100",
        "volumes": [
            {"manufacturer": world["customer"].identifier, "volume": "3.5"},
            {"manufacturer": world["steady"].identifier, "volume": "3"},
        ],
    }
    akimat = _auth(world["users"]["akimat"])
    made = client.post("/api/v1/contracts/systemic/submissions", body, content_type="application/json", **akimat)
    assert made.status_code == 201, made.content
    wrong = client.post(
        "/api/v1/contracts/systemic/submissions",
        body,
        content_type="application/json",
        **_auth(world["users"]["other_akimat"]),
    )
    assert wrong.status_code == 403
    assert (
        client.post(f"/api/v1/contracts/systemic/submissions/{made.json()['id']}/submit", **akimat).status_code == 200
    )
    officer = _auth(world["users"]["authorized_body"])
    draft = client.post("/api/v1/contracts/systemic/lists/2025", **officer)
    assert [e["manufacturer"] for e in draft.json()["entries"]] == [world["customer"].identifier]
    assert client.get("/api/v1/contracts/systemic/lists").json() == []  # the public sees no draft
    assert client.post("/api/v1/contracts/systemic/lists/2025/1/approve", **officer).status_code == 200
    assert client.get("/api/v1/contracts/systemic/lists").json()[0]["status"] == "approved"
    monitored = client.get("/api/v1/contracts/systemic/lists/2025/1/monitoring", **akimat).json()
    assert monitored[0]["share"] is None


def test_customer_page_imports_and_explains(world: dict[str, Any]) -> None:  # noqa: F811
    client = _client(world["users"]["customer"])
    url = f"/en/contracts/purchases/{world['customer'].identifier}/"
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = [(world["steady"].identifier, "720711", "1", "1000", "2026-01-15", "Д-1", "")]
    bad = client.post(url, {"file": SimpleUploadedFile("p.csv", csv_of([*rows, ("x", "1", "1", "1", "1", "", "")]))})
    assert bad.status_code == 200
    assert b"Nothing was recorded" in bad.content
    done = client.post(url, {"file": SimpleUploadedFile("p.csv", csv_of(rows))})
    assert done.status_code == 302
    page = client.get(url + "?year=2026")
    assert b"60.00 %" in page.content
    assert b"Counted:" in page.content
    assert client.get(url + "?year=abc&page=-3&verdict=zzz").status_code == 200
    assert _client(world["users"]["other_customer"]).get(url).status_code == 404


def test_systemic_pages_for_each_role(world: dict[str, Any]) -> None:  # noqa: F811
    approve_list_with(world, world["customer"], region="35")
    assert Client().get("/en/contracts/systemic/2025/1/").status_code == 200  # public once approved
    akimat = _client(world["users"]["akimat"])
    assert b"Draft a submission" in akimat.get("/en/contracts/systemic/submissions/").content
    posted = akimat.post(
        "/en/contracts/systemic/submissions/",
        {"region": "35", "year": "2025", "territory_total": "100", "volumes": f"{world['steady'].identifier};5"},
    )
    assert posted.status_code == 302
    other = _client(world["users"]["other_akimat"]).get("/en/contracts/systemic/submissions/")
    assert b"No submissions." in other.content
    officer = _client(world["users"]["authorized_body"])
    computed = officer.post("/en/contracts/systemic/", {"year": "2025"})
    assert computed.status_code == 302
    assert b"Approve this version" in officer.get(computed["Location"]).content
