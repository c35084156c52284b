"""The API of domestic raw materials: the same services and policies as the pages (IP-60)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.raw_materials.models import Agreement, ExportLicence, ListingApplication, RawMaterial
from tests.raw_materials.conftest import ALL_DOCUMENTS, CODE, World

API = "/api/v1/raw-materials"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_application_and_decision(client: Client, world: World) -> None:
    body = {
        "manufacturer": world.manufacturer.identifier,
        "code": CODE,
        "name": "Медь",
        "purpose": "Кабель",
        "documents": ALL_DOCUMENTS,
    }
    assert client.post(f"{API}/applications", body, content_type="application/json").status_code == 401
    r = client.post(
        f"{API}/applications",
        {**body, "code": "999999"},
        content_type="application/json",
        **_auth(world.manufacturer_actor),
    )
    assert r.status_code == 422
    assert "classifier" in r.json()["detail"]
    r = client.post(
        f"{API}/applications", {**body, "code": "x"}, content_type="application/json", **_auth(world.manufacturer_actor)
    )
    assert r.status_code == 422
    r = client.post(f"{API}/applications", body, content_type="application/json", **_auth(world.manufacturer_actor))
    assert r.status_code == 201
    number = r.json()["number"]
    r = client.post(f"{API}/applications/{number}/decide", **_auth(world.manufacturer_actor))
    assert r.status_code == 403
    r = client.post(f"{API}/applications/{number}/decide", **_auth(world.officer))
    assert r.status_code == 200
    assert r.json()["status"] == ListingApplication.Status.LISTED
    listed = client.get(f"{API}/list").json()
    assert [m["code"] for m in listed] == [CODE]
    assert len(listed[0]["producers"]) == 2


def test_volumes_agreements_and_licences(client: Client, world: World, listed: RawMaterial) -> None:
    r = client.post(
        f"{API}/volumes",
        {"raw_material": CODE, "producer": world.producer.identifier, "year": 2025, "volume": "600"},
        content_type="application/json",
        **_auth(world.producer_actor),
    )
    assert r.status_code == 200
    assert r.json()["share_percent"] == "100.00"
    r = client.post(
        f"{API}/volumes",
        {"raw_material": "260400", "producer": world.producer.identifier, "year": 2025, "volume": "600"},
        content_type="application/json",
        **_auth(world.producer_actor),
    )
    assert r.status_code == 422
    assert "not on the list" in r.json()["detail"]
    agreement = {
        "raw_material": CODE,
        "producer": world.producer.identifier,
        "manufacturer": world.manufacturer.identifier,
        "price": "1000000.01",
        "min_export_price": "1000000.00",
        "yearly_volume": "1200",
        "starts_on": "2025-01-01",
        "ends_on": "2027-12-31",
        "processing": "Катанка",
    }
    r = client.post(f"{API}/agreements", agreement, content_type="application/json", **_auth(world.officer))
    assert r.status_code == 422
    assert "1000000.01" in r.json()["detail"]
    assert "1000000.00" in r.json()["detail"]
    r = client.post(
        f"{API}/agreements",
        {**agreement, "price": "1000000.00"},
        content_type="application/json",
        **_auth(world.manufacturer_actor),
    )
    assert r.status_code == 403
    r = client.post(
        f"{API}/agreements",
        {**agreement, "price": "1000000.00"},
        content_type="application/json",
        **_auth(world.officer),
    )
    assert r.status_code == 201
    number = r.json()["number"]
    r = client.post(
        f"{API}/agreements/{number}/deliveries",
        {"year": 2025, "delivered": "1100"},
        content_type="application/json",
        **_auth(world.producer_actor),
    )
    assert r.status_code == 200
    assert r.json()["deliveries"][0]["owed"] == "1200.000"
    licence = {
        "raw_material": CODE,
        "producer": world.producer.identifier,
        "year": 2026,
        "volume": "500",
        "destination": "China",
    }
    r = client.post(f"{API}/licences", licence, content_type="application/json", **_auth(world.producer_actor))
    assert r.status_code == 201
    lic = r.json()["number"]
    r = client.post(f"{API}/licences/{lic}/issue", **_auth(world.officer))
    assert r.status_code == 422
    assert number in r.json()["detail"]
    assert ExportLicence.objects.get().status == ExportLicence.Status.APPLIED
    r = client.post(
        f"{API}/licences/{lic}/refuse",
        {"reasons": "Not fulfilled"},
        content_type="application/json",
        **_auth(world.officer),
    )
    assert r.status_code == 200
    assert r.json()["status"] == "refused"
    r = client.post(
        f"{API}/agreements/{number}/terminate",
        {"reasons": "Resold"},
        content_type="application/json",
        **_auth(world.officer),
    )
    assert r.status_code == 200
    assert Agreement.objects.get().status == "terminated"
    assert client.get(f"{API}/licences/RML-2026-999999", **_auth(world.officer)).status_code == 404
    assert client.get(f"{API}/list/{CODE}").json()["producers"][0]["listing_explained"]
