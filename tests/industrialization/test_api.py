"""The map's API: the public map data, the application, the decisions and the quarterly information, with the
same services and policies as the pages (IP-6.2, IP-11.8)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.industrialization.models import Project, QuarterlyReport
from nisi.law import clock

from .conftest import KARAGANDA

API = "/api/v1/industrialization"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_the_map_is_public_and_filtered(client: Client, today: dt.date, included: Any, apply: Any) -> None:
    project = included()
    apply()  # an application is not on the map
    r = client.get(f"{API}/map")
    assert r.status_code == 200
    body = r.json()
    assert body["projects_count"] == 1
    assert body["projects"][0]["number"] == project.number
    assert {r["code"]: r["projects"] for r in body["regions"]}["35"] == 1
    assert body["investment"] == "12500000000.00"
    assert client.get(f"{API}/map", {"region": "71"}).json()["projects_count"] == 0
    assert client.get(f"{API}/map", {"as_of": "2026-Q1"}).json()["projects_count"] == 0  # included in Q2


@pytest.mark.parametrize(
    "query", [{"as_of": "2026-Q2"}, {"as_of": "2026Q1"}, {"region": "x"}, {"stage": "built"}, {"year": "1990"}]
)
def test_a_bad_map_query_is_a_422(client: Client, today: dt.date, query: dict[str, str]) -> None:
    r = client.get(f"{API}/map", query)
    assert r.status_code == 422
    assert r.json()["detail"]


def _application(people: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = {
        "name": "Литейное производство",
        "initiator": people["initiator"].identifier,
        "kato": KARAGANDA["kato"],
        "latitude": "49.80600",
        "longitude": "73.08500",
        "oked": "24100",
        "hs_codes": ["720110"],
        "investment": "1000000.00",
        "jobs": 10,
        "responsible_kind": "akimat",
        "stages": [{"stage": "commissioning", "planned_on": "2027-06-30"}],
    }
    data.update(changes)
    return data


def test_apply_decide_and_report_through_the_api(client: Client, today: dt.date, people: dict[str, Any]) -> None:
    r = client.post(
        f"{API}/projects", _application(people), content_type="application/json", **_auth(people["applicant"])
    )
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    officer = _auth(people["officer"])
    assert client.post(f"{API}/projects/{number}/include", **officer).status_code == 403
    assert client.post(f"{API}/projects/{number}/check", **officer).json()["status"] == "checked"
    assert client.post(f"{API}/projects/{number}/include", **officer).json()["status"] == "included"
    report = {"year": 2026, "quarter": 1, "stage": "construction", "investment_to_date": "5.00", "jobs_created": 3}
    r = client.post(
        f"{API}/projects/{number}/reports", report, content_type="application/json", **_auth(people["akimat"])
    )
    assert r.status_code == 201, r.content
    assert r.json()["late"] is True  # due 10 April, given 20 May
    again = client.post(
        f"{API}/projects/{number}/reports", report, content_type="application/json", **_auth(people["akimat"])
    )
    assert again.status_code == 422
    assert "already given" in again.json()["detail"]
    early = client.post(
        f"{API}/projects/{number}/reports",
        {**report, "quarter": 2},
        content_type="application/json",
        **_auth(people["akimat"]),
    )
    assert early.status_code == 422
    assert "has not ended" in early.json()["detail"]
    assert QuarterlyReport.objects.count() == 1
    status = client.get(f"{API}/reports", {"year": 2026, "quarter": 1}, **officer).json()
    assert status == [
        {"project": number, "region": "35", "state": "late", "due_on": "2026-04-10", "submitted_on": "2026-05-20"}
    ]
    away = client.get(f"{API}/reports", {"year": 2026, "quarter": 1}, **_auth(people["akimat_away"])).json()
    assert away == []
    r = client.post(
        f"{API}/projects/{number}/exclude", {"reasons": "Abandoned."}, content_type="application/json", **officer
    )
    assert r.json()["status"] == "excluded"


@pytest.mark.parametrize(
    ("changes", "status", "says"),
    [
        ({"latitude": "55.75000", "longitude": "37.60000"}, 422, "outside the territory"),
        ({"kato": "991010000"}, 422, "No region has KATO code 99"),
        ({"kato": "9910"}, 422, None),
        ({"initiator": "12"}, 422, None),
        ({"investment": "-5"}, 422, None),
    ],
)
def test_a_bad_application_through_the_api(
    client: Client, today: dt.date, people: dict[str, Any], changes: dict[str, Any], status: int, says: str | None
) -> None:
    r = client.post(
        f"{API}/projects",
        _application(people, **changes),
        content_type="application/json",
        **_auth(people["applicant"]),
    )
    assert r.status_code == status
    if says:
        assert says in r.json()["detail"]
    assert not Project.objects.exists()


def test_an_unknown_project_is_a_404(client: Client, today: dt.date, people: dict[str, Any]) -> None:
    assert client.get(f"{API}/projects/IM-2026-000999").status_code == 404
    r = client.post(f"{API}/projects/IM-2026-000999/check", **_auth(people["officer"]))
    assert r.status_code == 404


def test_the_quarter_status_refuses_a_quarter_not_ended(client: Client, people: dict[str, Any]) -> None:
    with clock.frozen(dt.date(2026, 5, 20)):
        r = client.get(f"{API}/reports", {"year": 2026, "quarter": 2}, **_auth(people["officer"]))
    assert r.status_code == 422


def test_the_roles_list(client: Client, today: dt.date, people: dict[str, Any], included: Any) -> None:
    included()
    assert len(client.get(f"{API}/projects", **_auth(people["stranger"])).json()) == 1  # public once included
    assert client.get(f"{API}/projects").status_code == 401
    _ = Role
