"""Financing pages and API: who may (and may not) do what, bad input gets a form error or a 4xx, never a 500."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import CommitteeDecision, ExpertAssignment, FinancingApplication, FinancingCall, HubActor
from nisi.astana_hub.rules.financing import Criterion
from nisi.astana_hub.services import financing as services
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import FUND, bearer

pytestmark = pytest.mark.django_db
D = dt.date
CALL_FORM = {
    "title": "Deep tech",
    "opens_on": "2025-03-01",
    "closes_on": "2025-03-31",
    "budget": "50000000.00",
    "max_per_project": "20000000.00",
    "pass_score": "60",
    "experts_per_application": "1",
    "criterion_1_title": "Novelty",
    "criterion_1_weight": "60",
    "criterion_1_max": "10",
    "criterion_2_title": "Team",
    "criterion_2_weight": "40",
    "criterion_2_max": "5",
}


@pytest.fixture
def call(approved_budget: CommitteeDecision) -> FinancingCall:
    with clock.frozen(D(2025, 3, 1)):
        draft = services.call_create(
            actor=FUND,
            title="Deep tech",
            description="",
            opens_on=D(2025, 3, 1),
            closes_on=D(2025, 3, 31),
            budget=Decimal(50_000_000),
            max_per_project=Decimal(20_000_000),
            pass_score=Decimal(60),
            experts_per_application=1,
            criteria=[Criterion("c1", "Novelty", Decimal(60), 10), Criterion("c2", "Team", Decimal(40), 5)],
        )
        return services.call_open(actor=FUND, call=draft)


def test_the_fund_creates_and_opens_a_call(
    client: Client, make_user: Any, approved_budget: CommitteeDecision, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    with clock.frozen(D(2025, 3, 1)):
        bad = client.post("/en/astana-hub/financing/calls/new/", {**CALL_FORM, "criterion_2_weight": "30"})
        assert "must sum to 100; they sum to 90" in bad.content.decode()
        bad = client.post("/en/astana-hub/financing/calls/new/", {**CALL_FORM, "budget": "lots", "pass_score": "101"})
        text = bad.content.decode()
        assert "Enter the amount in tenge" in text
        assert "from 0 to 100" in text
        assert not FinancingCall.objects.exists()
        created = client.post("/en/astana-hub/financing/calls/new/", CALL_FORM)
        call = FinancingCall.objects.get()
        assert created.status_code == 302
        assert list(call.criteria.values_list("code", "weight")) == [("c1", Decimal(60)), ("c2", Decimal(40))]
        assert f"/financing/calls/{call.number}/" in client.get("/en/astana-hub/financing/calls/").content.decode()
        client.post(f"/en/astana-hub/financing/calls/{call.number}/open/")
    call.refresh_from_db()
    assert call.status == FinancingCall.Status.OPEN


def test_drafts_are_hidden_and_steps_are_refused(client: Client, make_user: Any, call: FinancingCall) -> None:
    call.status = FinancingCall.Status.DRAFT
    call.save()
    assert client.get(f"/en/astana-hub/financing/calls/{call.number}/").status_code == 404
    assert call.number not in client.get("/en/astana-hub/financing/calls/").content.decode()
    assert client.get("/api/v1/astana-hub/financing/calls").json() == []
    client.force_login(make_user(Role.AUDITOR))
    assert client.get(f"/en/astana-hub/financing/calls/{call.number}/").status_code == 200
    assert client.post(f"/en/astana-hub/financing/calls/{call.number}/open/").status_code == 403
    assert client.get("/en/astana-hub/financing/calls/new/").status_code == 403
    assert client.post(f"/en/astana-hub/financing/calls/{call.number}/nonsense/").status_code == 404


def test_a_cluster_actor_applies_and_an_outsider_is_told_why_not(
    client: Client, make_user: Any, make_org: Any, call: FinancingCall, hub_actor: HubActor, english: None
) -> None:
    data = {
        "project_title": "Vision AI",
        "project_summary": "CV for QA",
        "requested_amount": "15000000.00",
        "project_starts_on": "2025-05-01",
        "project_ends_on": "2026-04-30",
    }
    outsider = make_user(Role.APPLICANT, organization=make_org(name="ТОО «Outside»"))
    client.force_login(outsider)
    with clock.frozen(D(2025, 3, 10)):
        refused = client.post(f"/en/astana-hub/financing/calls/{call.number}/apply/", data)
        assert "innovation cluster actors only" in refused.content.decode()
        client.force_login(make_user(Role.APPLICANT, organization=hub_actor.organization))
        bad = client.post(f"/en/astana-hub/financing/calls/{call.number}/apply/", {**data, "project_starts_on": "soon"})
        assert "Enter a real date" in bad.content.decode()
        done = client.post(f"/en/astana-hub/financing/calls/{call.number}/apply/", data)
    application = FinancingApplication.objects.get()
    assert done["Location"].endswith(f"/financing/applications/{application.number}/")
    assert client.get(f"/en/astana-hub/financing/applications/{application.number}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/en/astana-hub/financing/applications/{application.number}/").status_code == 404
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    assert client.get(f"/en/astana-hub/financing/calls/{call.number}/apply/").status_code == 403


def test_the_expert_sees_only_their_assignment(
    client: Client, make_user: Any, call: FinancingCall, hub_actor: HubActor, english: None
) -> None:
    org = hub_actor.organization
    applicant = make_user(Role.APPLICANT, organization=org)
    with clock.frozen(D(2025, 3, 10)):
        client.force_login(applicant)
        client.post(
            f"/en/astana-hub/financing/calls/{call.number}/apply/",
            {
                "project_title": "Vision AI",
                "project_summary": "CV",
                "requested_amount": "1000.00",
                "project_starts_on": "2025-05-01",
                "project_ends_on": "2026-04-30",
            },
        )
    application = FinancingApplication.objects.get()
    expert, other = make_user(Role.INDEPENDENT_EXPERT), make_user(Role.INDEPENDENT_EXPERT)
    client.force_login(applicant)
    assert (
        client.post(
            f"/en/astana-hub/financing/applications/{application.number}/", {"assign": "1", "expert": expert.pk}
        ).status_code
        == 403
    )
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    client.post(f"/en/astana-hub/financing/applications/{application.number}/", {"assign": "1", "expert": expert.pk})
    assignment = ExpertAssignment.objects.get()
    url = f"/en/astana-hub/financing/assessments/{assignment.pk}/"
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert url.removeprefix("/en") not in client.get("/en/astana-hub/financing/assessments/").content.decode()
    assert client.get(f"/en/astana-hub/financing/applications/{application.number}/").status_code == 404
    client.force_login(applicant)
    assert client.get("/en/astana-hub/financing/assessments/").status_code == 403
    client.force_login(expert)
    assert url.removeprefix("/en") in client.get("/en/astana-hub/financing/assessments/").content.decode()
    assert client.post(url, {"score": "1", "score_c1": "5", "score_c2": "5", "comment": "x"}).status_code == 403
    empty = client.post(url, {"declare": "1", "conflict": "yes"})
    assert "Describe the conflict of interest" in empty.content.decode()
    client.post(url, {"declare": "1", "conflict": "no"})
    bad = client.post(url, {"score": "1", "score_c1": "11", "score_c2": "x", "comment": ""})
    text = bad.content.decode()
    assert "with a whole number from 0 to 10" in text
    assert "Give the reasons for your scores" in text
    client.post(url, {"score": "1", "score_c1": "10", "score_c2": "5", "comment": "Excellent"})
    application.refresh_from_db()
    assert application.average_score == Decimal("100.00")


def test_the_api(client: Client, make_user: Any, make_org: Any, call: FinancingCall, hub_actor: HubActor) -> None:
    calls = client.get("/api/v1/astana-hub/financing/calls").json()
    assert [c["number"] for c in calls] == [call.number]
    assert calls[0]["criteria"][0]["weight"] == "60.00"
    assert client.get("/api/v1/astana-hub/financing/calls/AH-C-1999-00001").status_code == 404
    org = hub_actor.organization
    auth = bearer(make_user(Role.APPLICANT, organization=org))
    body = {
        "identifier": org.identifier,
        "project_title": "Vision AI",
        "project_summary": "CV",
        "requested_amount": "1000.00",
        "project_starts_on": "2025-05-01",
        "project_ends_on": "2026-04-30",
    }
    url = f"/api/v1/astana-hub/financing/calls/{call.number}/applications"
    with clock.frozen(D(2025, 3, 10)):
        assert client.post(url, body, content_type="application/json").status_code == 401
        other = bearer(make_user(Role.APPLICANT, organization=make_org()))
        assert client.post(url, body, content_type="application/json", **other).status_code == 403
        too_much = client.post(
            url, {**body, "requested_amount": "20000000.01"}, content_type="application/json", **auth
        )
        assert too_much.status_code == 422
        assert "at most" in too_much.json()["detail"]
        bad = client.post(url, {**body, "requested_amount": "many"}, content_type="application/json", **auth)
        assert bad.status_code == 422
        created = client.post(url, body, content_type="application/json", **auth)
    assert created.status_code == 201
    number = created.json()["number"]
    got = client.get(f"/api/v1/astana-hub/financing/applications/{number}", **auth).json()
    assert got["status"] == "submitted"
    assert got["identifier"] == org.identifier
    assert client.get(f"/api/v1/astana-hub/financing/applications/{number}", **other).status_code == 404
