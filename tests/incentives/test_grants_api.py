"""The industrial grants through the API (IP-42): the institute makes and opens a call, an entity applies with
co-financing, an expert declares and scores, the institute decides and concludes the agreement with its
counter-obligations, pays a tranche from the grant account and closes the year — the pages' services and policies;
bad input gets a clear 4xx, never a 5xx."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.incentives.grants_fixtures import CRITERIA, TARGETS, Grants

API = "/api/v1/incentives/grants"


def token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def post(path: str, body: dict[str, Any] | None, user: Any) -> Any:
    return Client().post(f"{API}{path}", json.dumps(body or {}), content_type="application/json", **token(user))


def get(path: str, user: Any = None) -> Any:
    return Client().get(f"{API}{path}", **(token(user) if user else {}))


def test_a_grant_from_call_to_agreement_through_the_api(grants_world: Grants, english: None) -> None:
    w = grants_world
    institute, applicant = w.users["institute"], w.users["applicant"]
    call_body = {
        "title": "Гранты 2026",
        "description": "",
        "opens_on": "2026-03-02",
        "closes_on": "2026-03-31",
        "budget": "500000000.00",
        "max_per_project": "200000000.00",
        "pass_score": "60",
        "experts_per_application": 1,
        "criteria": [{"code": c.code, "title": c.title, "weight": str(c.weight), "max_score": 10} for c in CRITERIA],
    }
    assert post("/calls", call_body, applicant).status_code == 403
    assert post("/calls", call_body | {"criteria": [call_body["criteria"][0]]}, institute).status_code == 422
    created = post("/calls", call_body, institute)
    assert created.status_code == 201, created.content
    number = created.json()["number"]
    assert get(f"/calls/{number}").status_code == 404  # a draft is not published
    assert post(f"/calls/{number}/open", None, applicant).status_code == 404  # a draft is the institute's
    opened = post(f"/calls/{number}/open", None, institute).json()
    assert (opened["status"], opened["own_share_min"]) == ("open", "0.2000")
    assert get(f"/calls/{number}").json()["criteria"][0]["code"] == "c1"
    body = {
        "identifier": w.applicant.identifier,
        "project_title": "Линия труб",
        "project_summary": "Новое производство",
        "requested_amount": "100000000.00",
        "own_contribution": "10000000.00",
        "project_starts_on": "2026-05-01",
        "project_ends_on": "2027-12-31",
    }
    refused = post(f"/calls/{number}/applications", body, applicant)
    assert refused.status_code == 422
    assert "IP-42.2" in refused.json()["detail"]
    assert post(f"/calls/{number}/applications", body | {"own_contribution": "-1"}, applicant).status_code == 422
    assert post(f"/calls/{number}/applications", body, w.users["other"]).status_code == 403
    applied = post(f"/calls/{number}/applications", body | {"own_contribution": "40000000.00"}, applicant)
    assert applied.status_code == 201, applied.content
    app_number = applied.json()["number"]
    expert = w.experts[0]
    with clock.frozen(dt.date(2026, 4, 1)):
        assert post(f"/calls/{number}/close", None, institute).json()["status"] == "assessment"
        assigned = post(f"/applications/{app_number}/experts", {"expert_user_id": expert.user_id}, institute)
        assert assigned.status_code == 201, assigned.content
        pk = assigned.json()["id"]
        expert_user = type(institute).objects.get(pk=expert.user_id)
        assert (
            post(f"/assignments/{pk}/scores", {"scores": {"c1": 9, "c2": 9}, "comment": "x"}, expert_user).status_code
            == 403
        )
        assert post(f"/assignments/{pk}/declaration", {"conflict": False, "details": ""}, institute).status_code == 403
        assert (
            post(f"/assignments/{pk}/declaration", {"conflict": False, "details": ""}, expert_user).status_code == 200
        )
        assert (
            post(f"/assignments/{pk}/scores", {"scores": {"c1": 99, "c2": 9}, "comment": "x"}, expert_user).status_code
            == 422
        )
        assert (
            post(f"/assignments/{pk}/scores", {"scores": {"c1": 9, "c2": 8}, "comment": "x"}, expert_user).status_code
            == 200
        )
        assert post(f"/assignments/{2**70}/scores", {"scores": {}, "comment": "x"}, expert_user).status_code == 422
        assert post(f"/calls/{number}/decide", None, institute).json()["status"] == "decided"
    decided = get(f"/applications/{app_number}", applicant).json()
    assert (decided["status"], decided["approved_amount"]) == ("approved", "100000000.00")
    agreement_body = {
        "signed_on": "2026-04-01",
        "ends_on": "2027-12-31",
        "tranches": [{"planned_on": "2026-05-04", "amount": "100000000.00", "condition": ""}],
        "counter_obligations": TARGETS,
    }
    with clock.frozen(dt.date(2026, 4, 1)):
        bad = agreement_body | {"counter_obligations": [{"area": "export_output", "year": 2026, "target": "-5"}]}
        assert post(f"/applications/{app_number}/agreement", bad, institute).status_code == 422
        assert post(f"/applications/{app_number}/agreement", agreement_body, applicant).status_code == 403
        concluded = post(f"/applications/{app_number}/agreement", agreement_body, institute)
        assert concluded.status_code == 201, concluded.content
    agreement = concluded.json()
    assert [t["area"] for t in agreement["counter_obligations"]] == ["labour_productivity", "export_output"]
    tranche = agreement["tranches"][0]["id"]
    with clock.frozen(dt.date(2026, 5, 4)):
        pay = {"paid_on": "2026-05-04", "document_reference": "ПП 1"}
        path = f"/agreements/{agreement['number']}/tranches/{tranche}/payment"
        assert post(path, pay, institute).status_code == 422  # nothing on the account yet
        receipt = {"amount": "150000000.00", "received_on": "2026-05-04", "document_reference": "ПП 0"}
        assert post("/account/receipts", receipt, applicant).status_code == 403
        assert post("/account/receipts", receipt, institute).json()["balance"] == "150000000.00"
        assert post(path, pay, institute).json()["tranches"][0]["paid_on"] == "2026-05-04"
        assert post(f"/agreements/{agreement['number']}/tranches/999999/payment", pay, institute).status_code == 404
        assert post("/account/2026/close", None, institute).status_code == 422
    with clock.frozen(dt.date(2026, 12, 31)):
        closed = post("/account/2026/close", None, institute).json()
    assert (closed["status"], closed["carried_forward"]) == ("closed", "50000000.00")
    years = get("/account", institute).json()
    assert [(y["year"], y["brought_forward"]) for y in years] == [(2027, "50000000.00"), (2026, "0.00")]
    assert get("/account", applicant).json() == []
