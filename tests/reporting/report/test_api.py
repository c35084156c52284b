"""The National Report and the dashboard through the API: the same services and policies as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.reporting.models import ReportInput
from nisi.reporting.services import report as services

API = "/api/v1/reporting"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def test_a_report_asked_for_built_and_downloaded(
    client: Client, actors: dict[str, Any], producers: Any, today: Any, django_capture_on_commit_callbacks: Any
) -> None:
    producers(3, "35")
    officer = _auth(actors["officer"])
    r = client.post(
        f"{API}/reports", {"year": 2025, "cut_off": "2025-06-01"}, content_type="application/json", **officer
    )
    assert r.status_code == 422
    assert "cut-off" in r.json()["detail"]
    r = client.post(
        f"{API}/reports",
        {"year": 2025, "cut_off": "2026-03-15"},
        content_type="application/json",
        **_auth(actors["akimat"]),
    )
    assert r.status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            f"{API}/reports", {"year": 2025, "cut_off": "2026-03-15"}, content_type="application/json", **officer
        )
    assert r.status_code == 202
    number = r.json()["number"]
    status = client.get(f"{API}/reports/{number}", **officer).json()
    assert status["status"] == "ready"
    assert status["progress"] == 100
    assert len(status["editions"]) == 3
    assert all(e["verify_url"] for e in status["editions"])
    pdf = client.get(f"{API}/reports/{number}/kk.pdf", **officer)
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    html = client.get(f"{API}/reports/{number}/en.html", **officer)
    assert html.status_code == 200
    assert "Kazakhstani commodity producers" in html.content.decode()
    assert client.get(f"{API}/reports/{number}/de.pdf", **officer).status_code == 422
    assert client.get(f"{API}/reports/NR-2025-9999", **officer).status_code == 404
    assert client.get(f"{API}/reports/{number}", **_auth(actors["akimat"])).status_code == 404


def test_a_report_not_built_yet_is_not_downloaded(client: Client, actors: dict[str, Any], today: Any) -> None:
    report = services.report_request(actor=actors["officer"], year=2025, cut_off=today.replace(day=15))
    r = client.get(f"{API}/reports/{report.number}/ru.pdf", **_auth(actors["officer"]))
    assert r.status_code == 409


def test_an_input_given_through_the_api(client: Client, actors: dict[str, Any], today: Any) -> None:
    services.report_inputs_open(actor=actors["officer"], year=2025, bodies=[actors["ministry"]])
    body = _auth(actors["body"])
    mine = ReportInput.objects.get(organization=actors["ministry"])
    listed = client.get(f"{API}/inputs", **body).json()
    assert [i["id"] for i in listed] == [mine.pk]
    r = client.post(f"{API}/inputs/{mine.pk}", {"sections": []}, content_type="application/json", **body)
    assert r.status_code == 422
    r = client.post(
        f"{API}/inputs/{mine.pk}",
        {"sections": [{"title": "Энергетика", "text": "Ввод"}], "figures": [{"name": "МВт", "value": "350.5"}]},
        content_type="application/json",
        **body,
    )
    assert r.status_code == 200
    assert r.json()["status"] == "submitted"
    assert r.json()["late"] is True
    akimat_input = ReportInput.objects.get(region_id="35")
    r = client.post(
        f"{API}/inputs/{akimat_input.pk}",
        {"sections": [{"title": "a", "text": "b"}]},
        content_type="application/json",
        **body,
    )
    assert r.status_code == 404


@pytest.mark.law("IP-16.3")
def test_the_dashboard_data_is_public(client: Client, producers: Any, today: Any) -> None:
    producers(3, "35")
    producers(2, "71")
    r = client.get(f"{API}/dashboard")
    assert r.status_code == 200
    cells = {c["key"]: c for c in r.json()["tables"]["register_regions"]["cells"]}
    assert cells["35"]["count"] == 3
    assert cells["71"] == {"key": "71", "count": None, "amount": None, "jobs": None, "suppressed": True}
    assert "ids" not in r.content.decode()
