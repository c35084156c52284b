"""A grant recipient's yearly results through the API (IP-42.1, IP-27.4): figures as JSON or a file, what it would
owe today, the refund of a year after it ended; bad input gets a clear 4xx and writes nothing, never a 5xx."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from nisi.incentives.models import GrantRefund, GrantResultReport
from nisi.law import clock
from tests.incentives.grant_results_fixtures import paid_agreement
from tests.incentives.grants_fixtures import Grants
from tests.incentives.test_grants_api import API, token

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def post(path: str, body: dict[str, Any] | None, user: Any) -> Any:
    return Client().post(f"{API}{path}", json.dumps(body or {}), content_type="application/json", **token(user), **EN)


def get(path: str, user: Any) -> Any:
    return Client().get(f"{API}{path}", **token(user), **EN)


def test_a_year_reported_estimated_and_refunded_through_the_api(grants_world: Grants, english: None) -> None:
    agreement = paid_agreement(grants_world)
    recipient, institute = grants_world.users["applicant"], grants_world.users["institute"]
    base = f"/agreements/{agreement.number}/results"
    with clock.frozen(dt.date(2026, 12, 20)):
        made = post(base, {"year": 2026, "labour_productivity": "10"}, recipient)
        assert made.status_code == 201, made.content
        assert made.json()["level"] == "0.8000"
        again = post(base, {"year": 2026, "labour_productivity": "11"}, recipient)
        assert again.status_code == 422
        assert "already" in again.json()["detail"]
        outside = post(base, {"year": 2030, "labour_productivity": "11"}, recipient)
        assert outside.status_code == 422
        assert "outside the agreement" in outside.json()["detail"]
        owed = get(f"{base}/2026/estimate", recipient)
        assert owed.status_code == 200, owed.content
        assert owed.json()["provisional"] is True
        assert owed.json()["principal"] == "30000000.00"
        early = post(f"{base}/2026/refund", None, institute)
        assert early.status_code == 422
        assert get(f"{base}/2026/estimate", institute).status_code == 403
    with clock.frozen(dt.date(2027, 1, 15)):
        assert post(f"{base}/2026/refund", None, recipient).status_code == 403
        refund = post(f"{base}/2026/refund", None, institute)
        assert refund.status_code == 201, refund.content
        body = refund.json()
        assert body["principal"] == "30000000.00"
        assert body["document"]
        assert body["lines"][0]["text"]
        years = get(base, recipient).json()
        assert years[0]["refund_total"] == body["total"]
        assert post(f"{base}/2099/refund", None, institute).status_code == 404
    assert GrantResultReport.objects.count() == 1
    assert GrantRefund.objects.count() == 1


def _upload(number: str, content: bytes, user: Any) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return Client().post(
        f"{API}/agreements/{number}/results/file",
        {"file": SimpleUploadedFile("figures.csv", content, content_type="text/csv")},
        **token(user),
        **EN,
    )


def test_a_file_with_a_bad_line_is_refused_line_by_line(grants_world: Grants, english: None) -> None:
    agreement = paid_agreement(grants_world)
    recipient = grants_world.users["applicant"]
    with clock.frozen(dt.date(2026, 12, 20)):
        bad = _upload(agreement.number, b"year,area,actual\n2026,labour_productivity,-3\n", recipient)
        assert bad.status_code == 422
        assert any("Line 2" in p for p in bad.json()["problems"])
        assert not GrantResultReport.objects.exists()
        good = _upload(agreement.number, b"year,area,actual\n2026,labour_productivity,12.5\n", recipient)
        assert good.status_code == 201, good.content
        assert good.json()[0]["level"] == "1.0000"


def test_another_organization_sees_no_agreement(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    assert get(f"/agreements/{agreement.number}/results", grants_world.users["other"]).status_code == 404
