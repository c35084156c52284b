"""The API of the agreements (IP-27, IP-28): the same services and policies as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from nisi.law import clock
from tests.incentives.agreements_fixtures import granted
from tests.incentives.fixtures import World
from tests.incentives.test_api import API, post, token


def get(path: str, user: Any) -> Any:
    return Client().get(f"{API}{path}", **token(user))


BODY = {
    "starts_on": "2026-03-02",
    "ends_on": "2028-03-01",
    "payments": [{"paid_on": "2026-03-02", "amount": "1000000000.00"}],
    "targets": [
        {"period_start": "2026-03-02", "labour_productivity": "100", "export_output": "2000000"},
        {"period_start": "2027-03-02", "labour_productivity": "110"},
    ],
}


def test_conclude_report_estimate_and_refund_through_the_api(world: World, english: None) -> None:
    request = granted(world)
    bad = post(
        f"/requests/{request.number}/agreement",
        BODY
        | {
            "targets": [
                {"period_start": "2026-03-02", "labour_productivity": "-1"},
                {"period_start": "2027-03-02", "labour_productivity": "110"},
            ]
        },
        world.users["bank"],
    )
    assert bad.status_code == 422
    assert "не может быть отрицательным" in bad.json()["detail"]  # the API speaks Russian unless asked
    assert post(f"/requests/{request.number}/agreement", BODY, world.users["applicant"]).status_code == 403
    made = post(f"/requests/{request.number}/agreement", BODY, world.users["bank"])
    assert made.status_code == 201, made.content
    number = made.json()["number"]
    assert [p["report_due_on"] is not None for p in made.json()["periods"]] == [True, True]
    report = {"period_start": "2026-03-02", "labour_productivity": "80", "export_output": "1000000"}
    outside = post(f"/agreements/{number}/reports", report | {"period_start": "2030-01-01"}, world.users["applicant"])
    assert outside.status_code == 422
    sent = post(f"/agreements/{number}/reports", report, world.users["applicant"])
    assert sent.status_code == 201
    assert sent.json()["periods"][0]["level"] == "0.6500"
    again = post(f"/agreements/{number}/reports", report, world.users["applicant"])
    assert again.status_code == 422
    estimate = get(f"/agreements/{number}/periods/2026-03-02/estimate", world.users["applicant"])
    assert estimate.status_code == 200
    assert estimate.json()["provisional"] is True
    assert estimate.json()["principal"] == "350000000.00"
    assert estimate.json()["lines"][0]["provision"] == "IP-27.4"
    early = post(f"/agreements/{number}/periods/2026-03-02/refund", {}, world.users["bank"])
    assert early.status_code == 422
    with clock.frozen(dt.date(2027, 3, 10)):
        late = get("/agreements-late-reports", world.users["bank"])
        refund = post(f"/agreements/{number}/periods/2026-03-02/refund", {}, world.users["bank"])
    assert late.json() == []
    assert refund.status_code == 201
    assert refund.json()["total"] == "413000000.00"
    assert refund.json()["document"]
    assert get(f"/agreements/{number}", world.users["other"]).status_code == 404


def test_competitiveness_through_the_api(world: World, english: None) -> None:
    body = {"organization": world.applicant.identifier, "subject": "Локализация", "ends_on": "2029-12-31"}
    assert post("/competitiveness", body, world.users["applicant"]).status_code == 403
    made = post("/competitiveness", body, world.users["officer"])
    assert made.status_code == 201
    number = made.json()["number"]
    done = post(f"/competitiveness/{number}/fulfilment", {"fulfilled": False}, world.users["officer"])
    assert done.json()["fulfilment"] == "not_fulfilled"
    no_evidence = post(
        f"/competitiveness/{number}/beyond-control",
        {"circumstances": "Паводок", "evidence": [" "]},
        world.users["officer"],
    )
    assert no_evidence.status_code == 422
    ended = post(f"/competitiveness/{number}/terminate", {"reasons": "Срок"}, world.users["officer"])
    assert ended.json()["status"] == "terminated"
    assert get(f"/competitiveness/{number}", world.users["applicant"]).status_code == 200
