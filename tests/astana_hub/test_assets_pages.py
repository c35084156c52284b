"""The Fund's assets pages and API: the report by source and purpose with CSV, recording receipts and uses, who
may see the accounts, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import AssetMovement
from nisi.astana_hub.services.assets import asset_receipt_record
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.astana_hub.conftest import FUND

D = dt.date
pytestmark = [pytest.mark.law("AH-10.1"), pytest.mark.law("AH-10.5")]


@pytest.fixture
def today(db: None) -> Iterator[dt.date]:
    with clock.frozen(D(2025, 6, 30)):
        asset_receipt_record(
            actor=FUND,
            amount=Decimal("1000000"),
            on=D(2025, 2, 1),
            source="contribution",
            description="Contribution of the founder",
            document_reference="RO-1",
        )
        yield D(2025, 6, 30)


@pytest.fixture
def fund_client(client: Client, make_user: Any) -> Client:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    return client


def test_the_fund_records_a_use_and_sees_the_report(fund_client: Client, today: dt.date, english: None) -> None:
    data = {
        "purpose": "operations",
        "amount": "250000.00",
        "on": "2025-03-01",
        "description": "Rent",
        "document_reference": "PO-1",
    }
    assert fund_client.post("/en/astana-hub/assets/uses/new/", data).status_code == 302
    page = fund_client.get("/en/astana-hub/assets/?start=2025-01-01&end=2025-06-30")
    assert page.status_code == 200
    html = page.content.decode()
    assert "1,000,000.00" in html
    assert "250,000.00" in html
    assert "750,000.00" in html
    rows = list(
        csv.reader(io.StringIO(fund_client.get("/en/astana-hub/assets/report.csv").content.decode("utf-8-sig")))
    )
    assert ["receipt", "contribution", "AH-10.1.1", "1000000.00"] in rows
    assert ["use", "operations", "AH-10.5", "250000.00"] in rows
    assert ["closing_balance", "", "", "750000.00"] in rows
    assert ["2025-03-01", "use", "operations", "250000.00", "", "PO-1", "Rent"] in rows


def test_a_use_over_the_balance_is_a_form_error(fund_client: Client, today: dt.date, english: None) -> None:
    data = {
        "purpose": "operations",
        "amount": "1000000.01",
        "on": "2025-03-01",
        "description": "Too much",
        "document_reference": "PO-2",
    }
    response = fund_client.post("/en/astana-hub/assets/uses/new/", data)
    assert response.status_code == 400
    assert "available on 01.03.2025 are 1000000.00 tenge" in response.content.decode()
    assert AssetMovement.objects.filter(direction="use").count() == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "membership_fees"}, "Choose a source"),  # membership fees come only as payments
        ({"source": ""}, "Choose the source of the receipt"),
        ({"amount": "1,5"}, "Enter the amount as a number"),
        ({"on": "2025-07-01"}, "cannot be in the future"),
        ({"document_reference": ""}, "Enter the accounting document"),
    ],
)
def test_a_receipt_with_bad_input_is_a_form_error(
    fund_client: Client, today: dt.date, change: dict[str, str], message: str, english: None
) -> None:
    data = {"source": "sales", "amount": "100", "on": "2025-03-01", "description": "Rent", "document_reference": "R"}
    response = fund_client.post("/en/astana-hub/assets/receipts/new/", {**data, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert AssetMovement.objects.count() == 1


def test_bad_report_dates_are_a_form_error(fund_client: Client, today: dt.date, english: None) -> None:
    response = fund_client.get("/en/astana-hub/assets/?start=2025-06-01&end=2025-01-01")
    assert response.status_code == 400
    assert "before its start" in response.content.decode()
    assert fund_client.get("/en/astana-hub/assets/report.csv?start=nonsense").status_code == 400


@pytest.mark.parametrize(
    ("role", "view", "record"),
    [(Role.AUDITOR, 200, 403), (Role.INFORMATIZATION_AUTHORITY, 200, 403), (Role.APPLICANT, 403, 403)],
)
def test_who_sees_and_who_records_the_funds_accounts(
    client: Client, make_user: Any, make_org: Any, today: dt.date, role: str, view: int, record: int
) -> None:
    org = make_org() if role == Role.APPLICANT else None
    client.force_login(make_user(role, organization=org))
    assert client.get("/en/astana-hub/assets/").status_code == view
    assert client.get("/en/astana-hub/assets/report.csv").status_code == view
    assert client.get("/en/astana-hub/assets/receipts/new/").status_code == record
    assert client.post("/en/astana-hub/assets/uses/new/", {}).status_code == record


def test_api_report_and_recording(client: Client, make_user: Any, make_org: Any, today: dt.date) -> None:
    fund = {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(make_user(Role.ASTANA_HUB_FUND)), name='t')[1]}"
    }
    r = client.get("/api/v1/astana-hub/assets/report?start=2025-01-01&end=2025-06-30", **fund)
    assert r.status_code == 200
    assert r.json()["receipts"]["contribution"] == "1000000.00"
    assert r.json()["closing"] == "1000000.00"
    use = {
        "purpose": "project_financing",
        "amount": "2000000.00",
        "on": "2025-03-01",
        "description": "x",
        "document_reference": "1",
    }
    r = client.post("/api/v1/astana-hub/assets/uses", use, content_type="application/json", **fund)
    assert r.status_code == 422
    assert "available" in r.json()["detail"]
    r = client.post(
        "/api/v1/astana-hub/assets/uses", {**use, "amount": "1000.00"}, content_type="application/json", **fund
    )
    assert r.status_code == 201
    assert r.json()["purpose"] == "project_financing"
    receipt = {
        "source": "membership_fees",
        "amount": "1.00",
        "on": "2025-03-01",
        "description": "x",
        "document_reference": "1",
    }
    r = client.post("/api/v1/astana-hub/assets/receipts", receipt, content_type="application/json", **fund)
    assert r.status_code == 422
    assert "count it twice" in r.json()["detail"]
    assert client.get("/api/v1/astana-hub/assets/report?start=2025-06-01&end=2025-01-01", **fund).status_code == 422
    member = {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(make_user(Role.APPLICANT, organization=make_org())), name='t')[1]}"
    }
    assert client.get("/api/v1/astana-hub/assets/report", **member).status_code == 403
    assert (
        client.post("/api/v1/astana-hub/assets/uses", use, content_type="application/json", **member).status_code == 403
    )
