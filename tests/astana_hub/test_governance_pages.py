"""The governance pages and API: the Fund records, the informatization authority and auditors read, others get 403."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import CommitteeDecision, StrategicTask
from nisi.core.roles import Role
from tests.astana_hub.conftest import bearer

pytestmark = pytest.mark.django_db


def test_the_fund_records_a_decision_and_the_basis_shows_it(
    client: Client, make_user: Any, frozen_today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    page = client.get("/en/astana-hub/governance/?year=2025&on=2025-03-14")
    assert page.status_code == 200
    assert "Not approved" in page.content.decode()
    bad = client.post("/en/astana-hub/governance/decisions/new/", {"matter": "annual_budget", "decided_on": "x"})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "There is a problem" in text
    assert "Enter a real date" in text
    assert "Summarise what the Committee decided" in text
    refused = client.post(
        "/en/astana-hub/governance/decisions/new/",
        {
            "matter": "annual_budget",
            "decided_on": "2024-12-15",
            "applies_from": "2025-01-01",
            "period_year": "2025",
            "summary": "Budget 2025",
            "minutes_reference": "No. 9",
        },
    )
    assert "Give the amount of the budget" in refused.content.decode()
    assert not CommitteeDecision.objects.exists()
    done = client.post(
        "/en/astana-hub/governance/decisions/new/",
        {
            "matter": "annual_budget",
            "decided_on": "2024-12-15",
            "applies_from": "2025-01-01",
            "period_year": "2025",
            "amount": "4500000000.00",
            "summary": "Budget 2025",
            "minutes_reference": "No. 9",
        },
    )
    decision = CommitteeDecision.objects.get()
    assert done.status_code == 302
    assert decision.number in done["Location"]
    page = client.get("/en/astana-hub/governance/?year=2025&on=2025-03-14").content.decode()
    assert "4,500,000,000.00" in page  # money grouped as the reader's language writes it
    assert decision.number in page
    assert client.get(f"/en/astana-hub/governance/decisions/{decision.number}/").status_code == 200
    assert client.get("/en/astana-hub/governance/?year=abc").status_code == 200  # a bad query is a form error


def test_a_strategic_task_is_recorded_and_closed(client: Client, make_user: Any, frozen_today: dt.date) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    response = client.post(
        "/en/astana-hub/governance/tasks/new/",
        {"title": "Export", "set_on": "2025-01-20", "meeting_reference": "Board No. 1", "target_year": "2027"},
    )
    task = StrategicTask.objects.get()
    assert response.status_code == 302
    client.post(f"/en/astana-hub/governance/tasks/{task.number}/", {"outcome": "achieved", "reason": "Met"})
    task.refresh_from_db()
    assert task.status == StrategicTask.Status.ACHIEVED


@pytest.mark.parametrize("role", [Role.INFORMATIZATION_AUTHORITY, Role.AUDITOR])
def test_readers_read_but_do_not_record(client: Client, make_user: Any, role: str, frozen_today: dt.date) -> None:
    client.force_login(make_user(role))
    assert client.get("/en/astana-hub/governance/").status_code == 200
    assert client.get("/en/astana-hub/governance/decisions/new/").status_code == 403
    assert client.post("/en/astana-hub/governance/tasks/new/", {"title": "x"}).status_code == 403


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.INDEPENDENT_EXPERT, Role.MIGRATION_AUTHORITY])
def test_others_are_refused(client: Client, make_user: Any, make_org: Any, role: str) -> None:
    user = make_user(role, organization=make_org() if role == Role.APPLICANT else None)
    client.force_login(user)
    assert client.get("/en/astana-hub/governance/").status_code == 403
    assert client.get("/api/v1/astana-hub/governance/basis", **bearer(user)).status_code == 403


def test_the_api_answers_the_basis(
    client: Client, make_user: Any, approved_budget: CommitteeDecision, frozen_today: dt.date
) -> None:
    auth = bearer(make_user(Role.INFORMATIZATION_AUTHORITY))
    body = client.get("/api/v1/astana-hub/governance/basis?year=2025", **auth).json()
    assert body["annual_budget"]["number"] == approved_budget.number
    assert body["annual_budget"]["amount"] == "100000000.00"
    assert body["procurement_rules"] is None
    assert client.get("/api/v1/astana-hub/governance/basis?year=1900", **auth).status_code == 422
    assert client.get("/api/v1/astana-hub/governance/basis?on=notadate", **auth).status_code == 422
    assert client.get("/api/v1/astana-hub/governance/basis").status_code == 401
    listed = client.get("/api/v1/astana-hub/governance/decisions?matter=annual_budget", **auth).json()
    assert [d["number"] for d in listed] == [approved_budget.number]
