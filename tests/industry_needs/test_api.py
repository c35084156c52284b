"""The needs API: the same services and policies as the pages (IP-55.1, IP-57); every refusal a described 4xx."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create

API = "/api/v1/industry-needs"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _not_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("nisi.core.outbox.dispatch_committed", lambda pk: None)


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


SPECIALIST = {
    "speciality_code": "6B07101",
    "speciality_name": "Химическая инженерия",
    "number": 10,
    "region": "35",
    "year_needed": 2027,
    "level": "bachelor",
}
RESEARCH = {
    "subject": "Переработка шлаков",
    "oked": "24101",
    "desired_result": "Технология извлечения металлов",
    "budget_min": "50000000",
    "budget_max": "120000000",
    "deadline": "2027-12-31",
    "contact_consent": False,
}


def test_an_entity_gives_reads_and_amends_its_needs(client: Client, people: dict[str, Any], today: dt.date) -> None:
    entity = _auth(people["entity"])
    r = client.post(
        f"{API}/needs/specialists", {"year": 2026, "needs": [SPECIALIST]}, content_type="application/json", **entity
    )
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert r.json()["specialists"][0]["region"] == "35"
    r = client.post(
        f"{API}/needs/specialists", {"year": 2026, "needs": [SPECIALIST]}, content_type="application/json", **entity
    )
    assert r.status_code == 422
    assert "given already" in r.json()["detail"]
    r = client.post(
        f"{API}/needs/specialists", {"year": 2027, "needs": [SPECIALIST]}, content_type="application/json", **entity
    )
    assert (r.status_code, "has not begun" in r.json()["detail"]) == (422, True)
    r = client.post(
        f"{API}/needs/{number}/versions",
        {"reason": "Новый цех", "specialists": [{**SPECIALIST, "number": 12}]},
        content_type="application/json",
        **entity,
    )
    assert r.status_code == 201, r.content
    assert (r.json()["version"], r.json()["replaces"]) == (2, number)
    assert client.get(f"{API}/needs/{number}", **entity).json()["current"] is False
    assert len(client.get(f"{API}/needs", **entity).json()) == 2
    stranger = _auth(people["entities"][1])
    assert client.get(f"{API}/needs/{number}", **stranger).status_code == 404
    officer = _auth(people["officer"])
    r = client.post(
        f"{API}/needs/specialists", {"year": 2026, "needs": [SPECIALIST]}, content_type="application/json", **officer
    )
    assert r.status_code == 403


def test_a_file_through_the_api(client: Client, people: dict[str, Any], today: dt.date) -> None:
    entity = _auth(people["entity"])
    content = (
        "year,subject,oked,desired_result,budget_min,budget_max,deadline,contact_consent\n"
        "2026,Переработка шлаков,24101,Технология извлечения металлов,50,100,31.12.2027,yes\n"
        "2026,Х,24101,Технология,50,100,31.12.2027,yes\n"
    ).encode()
    r = client.post(
        f"{API}/imports/research", {"file": SimpleUploadedFile("n.csv", content, content_type="text/csv")}, **entity
    )
    assert r.status_code == 422
    assert "line 3" in r.json()["detail"]
    good = content.splitlines(keepends=True)[:2]
    r = client.post(
        f"{API}/imports/research",
        {"file": SimpleUploadedFile("n.csv", b"".join(good), content_type="text/csv")},
        **entity,
    )
    assert r.status_code == 201, r.content
    assert r.json()[0]["research"][0]["contact_consent"] is True


def test_the_authorized_body_forms_approves_sends_and_places(
    client: Client, people: dict[str, Any], submitted: list, today: dt.date
) -> None:
    officer = _auth(people["officer"])
    r = client.post(f"{API}/proposals", {"year": 2026}, content_type="application/json", **officer)
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert {"speciality": "6B07101", "region": "35", "number": 20, "entities": 2, "suppressed": False} in r.json()[
        "cells"
    ]
    assert client.post(f"{API}/proposals/{number}/send", **officer).status_code == 403
    assert client.post(f"{API}/proposals/{number}/approve", **officer).json()["status"] == "approved"
    assert client.post(f"{API}/proposals/{number}/send", **officer).json()["status"] == "sent"
    auditor = _auth(people["auditor"])
    cells = client.get(f"{API}/proposals/{number}", **auditor).json()["cells"]
    assert {"speciality": "6B07101", "region": "35", "number": None, "entities": None, "suppressed": True} in cells
    assert client.post(f"{API}/proposals", {"year": 2026}, content_type="application/json", **auditor).status_code == (
        403
    )
    assert client.get(f"{API}/proposals/PSP-2026-999999", **officer).status_code == 404
    entity = _auth(people["entity"])
    client.post(f"{API}/needs/research", {"year": 2026, "needs": [RESEARCH]}, content_type="application/json", **entity)
    r = client.post(f"{API}/placements", {"year": 2026}, content_type="application/json", **officer)
    assert (r.status_code, r.json()["count"]) == (201, 1)
    r = client.post(f"{API}/placements", {"year": 2026}, content_type="application/json", **officer)
    assert r.status_code == 422
    public = client.get(f"{API}/research?year=2026").json()
    assert [(n["subject"], n["entity_name"]) for n in public] == [("Переработка шлаков", None)]
