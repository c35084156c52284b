"""The foreign trade API: the same services and policies as the pages (IP-52, IP-43.2.3), every refusal in the one
error shape and described in the schema."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.trade.models import ImportDeclaration, PriceSignal
from nisi.trade.services import monitoring
from tests.trade.conftest import Q1_IMPORTS, csv_of

API = "/api/v1/trade"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_upload_read_and_review(client: Client, priced: dict[str, Any]) -> None:
    officer = _auth(priced["officer"])
    r = client.get(f"{API}/prices?period=2026-Q1", **officer)
    assert r.status_code == 200
    steel = next(x for x in r.json() if x["hs_code"] == "720810")
    assert steel["median"] == "62000.00"
    assert steel["ratio"] == "0.6327"
    assert steel["signal"] is True
    assert steel["threshold_unconfirmed"] is True
    assert len(steel["producers"]) == 2
    r = client.get(f"{API}/prices/730630?period=2026-03", **officer)
    assert [x["declarations"] for x in r.json()] == [1]
    assert client.get(f"{API}/prices?period=2026-13", **officer).status_code == 422
    assert client.get(f"{API}/prices?period=2026-Q1", **_auth(priced["producer"])).status_code == 403
    [signal] = monitoring.monitoring_run(actor=priced["officer"], period="2026-Q1")
    r = client.get(f"{API}/signals", **officer)
    assert [s["number"] for s in r.json()] == [signal.number]
    url = f"{API}/signals/{signal.number}/review"
    assert (
        client.post(url, {"conclusion": "x"}, content_type="application/json", **_auth(priced["auditor"])).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/signals/IPS-2026-999999/review", {"conclusion": "x"}, content_type="application/json", **officer
        ).status_code
        == 404
    )
    assert client.post(url, {"conclusion": ""}, content_type="application/json", **officer).status_code == 422
    r = client.post(url, {"conclusion": "Referred."}, content_type="application/json", **officer)
    assert r.status_code == 200
    assert r.json()["status"] == "reviewed"
    assert PriceSignal.objects.get().status == "reviewed"


def test_a_bad_file_is_refused_with_its_lines(client: Client, people: dict[str, Any], today: Any) -> None:
    content = csv_of([Q1_IMPORTS[0], ("N-2", "720810", "KZ", "t", "1", "100", "2026-01-20")])
    r = client.post(
        f"{API}/declarations/import", {"file": SimpleUploadedFile("d.csv", content)}, **_auth(people["officer"])
    )
    assert r.status_code == 422
    assert "line 3" in r.json()["detail"]
    r = client.post(
        f"{API}/declarations/import",
        {"file": SimpleUploadedFile("d.csv", csv_of(Q1_IMPORTS))},
        **_auth(people["producer"]),
    )
    assert r.status_code == 403
    r = client.post(
        f"{API}/declarations/import",
        {"file": SimpleUploadedFile("d.csv", csv_of(Q1_IMPORTS))},
        **_auth(people["officer"]),
    )
    assert r.status_code == 201
    assert len(r.json()) == 4
    assert ImportDeclaration.objects.count() == 4


def test_producer_prices(client: Client, people: dict[str, Any], today: Any) -> None:
    body = {"hs_code": "720810", "unit": "t", "period": "2026-Q1", "unit_price": "98000.00"}
    r = client.post(f"{API}/producer-prices", body, content_type="application/json", **_auth(people["producer"]))
    assert r.status_code == 201
    assert r.json()["unit_price"] == "98000.00"
    r = client.post(f"{API}/producer-prices", body, content_type="application/json", **_auth(people["producer"]))
    assert r.status_code == 422
    assert "reported already" in r.json()["detail"]
    r = client.post(f"{API}/producer-prices", body, content_type="application/json", **_auth(people["officer"]))
    assert r.status_code == 403
    r = client.post(
        f"{API}/producer-prices",
        {**body, "unit_price": "-1"},
        content_type="application/json",
        **_auth(people["producer"]),
    )
    assert r.status_code == 422


def test_the_catalogue_profiles_and_editions(client: Client, people: dict[str, Any], today: Any) -> None:
    identifier = people["first"].identifier
    r = client.get(f"{API}/catalogue?code=720810", HTTP_ACCEPT_LANGUAGE="en")
    assert r.status_code == 200
    assert r.json()["edition"] is None
    assert {p["identifier"] for p in r.json()["producers"]} == {identifier, people["second"].identifier}
    assert client.get(f"{API}/catalogue?edition=2026-01").status_code == 404
    assert client.get(f"{API}/catalogue?code=abc").status_code == 422
    institute = _auth(people["institute"])
    body = {"identifier": identifier, "markets": ["DE"], "certifications": ["ISO 9001"]}
    assert (
        client.post(f"{API}/profiles", body, content_type="application/json", **_auth(people["producer"])).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/profiles", {**body, "identifier": "000000000000"}, content_type="application/json", **institute
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/profiles", {**body, "markets": ["KZ"]}, content_type="application/json", **institute
        ).status_code
        == 422
    )
    assert client.post(f"{API}/profiles", body, content_type="application/json", **institute).status_code == 201
    answer = {"confirm": True, "contacts_consent": True}
    assert (
        client.post(
            f"{API}/profiles/{identifier}/answer", answer, content_type="application/json", **_auth(people["producer2"])
        ).status_code
        == 404
    )
    r = client.post(
        f"{API}/profiles/{identifier}/answer", answer, content_type="application/json", **_auth(people["producer"])
    )
    assert r.status_code == 200
    assert r.json()["contacts_consent"] is True
    assert client.post(f"{API}/catalogue/editions", **_auth(people["producer"])).status_code == 403
    r = client.post(f"{API}/catalogue/editions", **institute)
    assert r.status_code == 201
    assert r.json()["number"] == "2026-05"
    assert client.post(f"{API}/catalogue/editions", **institute).status_code == 422
    r = client.get(f"{API}/catalogue?edition=2026-05&code=720810")
    entry = next(p for p in r.json()["producers"] if p["identifier"] == identifier)
    assert entry["contacts"]["email"] == "org@test.kz"
    assert entry["markets"] == ["DE"]
    assert [e["number"] for e in client.get(f"{API}/catalogue/editions").json()] == ["2026-05"]
