"""The scrap API: the same services and policies as the pages (IP-9.39)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.scrap_metal.models import ScrapReport

API = "/api/v1/scrap-metal"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_notify_report_and_read(client: Client, people: dict[str, Any], today: dt.date) -> None:
    entity = _auth(people["entity"])
    body = {
        "site_kato": "351010000",
        "site_address": "Караганда",
        "activities": ["collection"],
        "metals": ["ferrous"],
        "starts_on": "2026-05-20",
    }
    r = client.post(f"{API}/notifications", body, content_type="application/json", **entity)
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    r = client.post(
        f"{API}/notifications", {**body, "starts_on": "2026-01-01"}, content_type="application/json", **entity
    )
    assert r.status_code == 422
    assert "before the activity starts" in r.json()["detail"]
    r = client.post(f"{API}/notifications", body, content_type="application/json", **_auth(people["akimat"]))
    assert r.status_code == 403
    report = {"year": 2026, "quarter": 2, "lines": [{"hs_code": "720449", "bought_tonnes": "1", "sold_tonnes": "0"}]}
    r = client.post(f"{API}/notifications/{number}/reports", report, content_type="application/json", **entity)
    assert r.status_code == 422
    assert "has not ended yet" in r.json()["detail"]
    r = client.post(
        f"{API}/notifications/{number}/reports",
        {**report, "lines": [{"hs_code": "720110", "bought_tonnes": "1", "sold_tonnes": "0"}]},
        content_type="application/json",
        **entity,
    )
    assert r.status_code == 422  # not a scrap code: refused at the edge
    assert not ScrapReport.objects.exists()
    assert client.get(f"{API}/notifications/{number}", **_auth(people["akimat"])).status_code == 200
    assert client.get(f"{API}/notifications/{number}", **_auth(people["akimat_away"])).status_code == 404
    assert client.get(f"{API}/notifications/{number}", **_auth(people["stranger"])).status_code == 404


def test_reports_and_the_period(client: Client, people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n = notified()
    entity = _auth(people["entity"])
    report = {"year": 2026, "quarter": 1, "lines": [{"hs_code": "720449", "bought_tonnes": "10.5", "sold_tonnes": "9"}]}
    r = client.post(f"{API}/notifications/{n.number}/reports", report, content_type="application/json", **entity)
    assert r.status_code == 201
    assert r.json()["late"] is True
    r = client.post(f"{API}/notifications/{n.number}/reports", report, content_type="application/json", **entity)
    assert r.status_code == 422
    assert "given already" in r.json()["detail"]
    r = client.post(
        f"{API}/notifications/{n.number}/reports", report, content_type="application/json", **_auth(people["stranger"])
    )
    assert r.status_code == 404
    assert [x["period"] for x in client.get(f"{API}/notifications/{n.number}/reports", **entity).json()] == ["2026-Q1"]
    lines = client.get(f"{API}/reports?year=2026&quarter=1", **_auth(people["akimat"])).json()
    assert [(x["notification"], x["state"]) for x in lines] == [(n.number, "late")]
    assert client.get(f"{API}/reports?year=2026&quarter=1", **_auth(people["akimat_away"])).json() == []


def test_a_file_through_the_api(client: Client, people: dict[str, Any], notified: Any, today: dt.date) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    n = notified()
    good = SimpleUploadedFile(
        "r.csv", f"notification,period,hs_code,bought_tonnes,sold_tonnes\n{n.number},2026-Q1,720449,1,1\n".encode()
    )
    r = client.post(f"{API}/reports/import", {"file": good}, **_auth(people["entity"]))
    assert r.status_code == 201
    assert len(r.json()) == 1
    again = SimpleUploadedFile(
        "r.csv", f"notification,period,hs_code,bought_tonnes,sold_tonnes\n{n.number},2026-Q1,720449,1,1\n".encode()
    )
    r = client.post(f"{API}/reports/import", {"file": again}, **_auth(people["entity"]))
    assert r.status_code == 422
    assert "line 2" in r.json()["detail"]
