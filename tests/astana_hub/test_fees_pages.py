"""Membership fee pages and API as their users use them: a participant's statement (its own only; CSV, PDF), the
Fund's overview sorted by arrears, charging, payments, cancellation; who may and who may not; bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub import participation
from nisi.astana_hub.models import FeeCharge, FeePayment, FeeSchedule, HubActor
from nisi.astana_hub.services import fees
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.astana_hub.conftest import FUND

D = dt.date
TODAY = D(2025, 4, 20)
pytestmark = pytest.mark.law("AH-10.1.4-2")


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def ledger(hub_actor: HubActor, fee_schedule: FeeSchedule, make_org: Any) -> dict[str, Any]:
    """Charged February to April 2025 (25,000 each, due 17 February, 17 March, 15 April) and paid 30,000 on
    1 March: February is settled, March 5,000 of it; on 20 April the arrears are 45,000 (20,000 of March and all
    of April)."""
    org = hub_actor.organization
    for period, on in (("2025-02", D(2025, 2, 2)), ("2025-03", D(2025, 3, 2)), ("2025-04", D(2025, 4, 2))):
        with clock.frozen(on):
            fees.fees_charge_period(actor=FUND, period=period, hub_participant_ids=participation.hub_participant_ids)
    with clock.frozen(D(2025, 3, 1)):
        fees.fee_payment_record(
            actor=FUND,
            organization=org,
            amount=Decimal("30000"),
            paid_on=D(2025, 3, 1),
            payment_reference="PP-501",
            is_hub_participant=participation.is_hub_participant,
        )
    other = make_org(name="ТОО «Other Participant»")
    return {"org": org, "other": other}


def _csv(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_a_participant_sees_its_own_statement(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date, english: None
) -> None:
    org = ledger["org"]
    client.force_login(make_user(Role.APPLICANT, organization=org))
    page = client.get("/en/astana-hub/fees/statement/?period=2025")
    assert page.status_code == 200
    html = page.content.decode()
    for text in ("Membership fee for 2025-02", "Payment order PP-501", "45,000.00 tenge owed", "15.04.2025"):
        assert text in html
    assert "Arrears on 20.04.2025" in html
    assert "45,000.00 tenge</strong>" in html
    assert "Cancel" not in html  # a participant cannot cancel charges
    # The same through the BIN, and one quarter only.
    quarter = client.get(f"/en/astana-hub/fees/{org.identifier}/statement/?period=2025-Q2")
    assert quarter.status_code == 200
    assert "Membership fee for 2025-04" in quarter.content.decode()
    assert "Membership fee for 2025-02" not in quarter.content.decode()
    assert "20,000.00 tenge owed" in quarter.content.decode()  # the opening balance on 1 April


def test_a_participant_cannot_see_another_organizations_statement(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=ledger["other"]))
    for suffix in ("statement/", "statement.csv", "statement.pdf"):
        assert client.get(f"/en/astana-hub/fees/{ledger['org'].identifier}/{suffix}").status_code == 403
    assert client.get("/en/astana-hub/fees/").status_code == 403
    assert client.get("/en/astana-hub/fees/payments/new/").status_code == 403
    charge = f"/en/astana-hub/fees/{ledger['org'].identifier}/charges/2025-03/cancel/"
    assert client.get(charge).status_code == 404  # not among the charges it can see


def test_signed_out_users_are_sent_to_sign_in(client: Client, ledger: dict[str, Any]) -> None:
    response = client.get(f"/en/astana-hub/fees/{ledger['org'].identifier}/statement/")
    assert response.status_code == 302
    assert "sign-in" in response["Location"]


def test_the_statement_downloads_as_csv_and_pdf(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date
) -> None:
    org = ledger["org"]
    client.force_login(make_user(Role.APPLICANT, organization=org))
    response = client.get("/en/astana-hub/fees/statement.csv?period=2025")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0] == ["date", "kind", "reference", "due_on", "charged", "paid", "balance"]
    assert rows[1] == ["2025-01-01", "opening", "", "", "", "", "0.00"]
    assert [
        "2025-03-01",
        "payment",
        "PP-501",
        "",
        "",
        "30000.00",
        "20000.00",
    ] in rows  # after the March charge that day
    assert rows[-2] == ["2025-12-31", "closing", "", "", "75000.00", "30000.00", "45000.00"]
    assert rows[-1] == ["2025-12-31", "arrears", "", "", "", "", "45000.00"]  # counted on today, 20 April
    pdf = client.get(f"/en/astana-hub/fees/{org.identifier}/statement.pdf?period=2025")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert client.get("/en/astana-hub/fees/statement.csv?period=2025-13").status_code == 400


def test_a_bad_period_is_a_form_error_not_a_failure(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.APPLICANT, organization=ledger["org"]))
    response = client.get("/en/astana-hub/fees/statement/?period=March")
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert "Write the period as a month (2025-03)" in response.content.decode()


def test_the_fund_sees_every_participant_sorted_by_arrears(
    client: Client, make_user: Any, make_org: Any, ledger: dict[str, Any], today: dt.date, english: None
) -> None:
    rich = make_org(name="ТОО «Aardvark Labs»")
    HubActor.objects.create(
        number="AH-A-2025-00009",
        organization=rich,
        status=HubActor.Status.REGISTERED,
        activity="x",
        applied_on=D(2025, 1, 1),
        registered_on=D(2025, 1, 1),
    )
    for user in (make_user(Role.ASTANA_HUB_FUND), make_user(Role.AUDITOR)):
        client.force_login(user)
        page = client.get("/en/astana-hub/fees/?sort=arrears")
        assert page.status_code == 200
        html = page.content.decode()
        assert html.index(ledger["org"].name) < html.index(rich.name)  # 45,000 in arrears before none
        by_name = client.get("/en/astana-hub/fees/?sort=name").content.decode()
        assert by_name.index(rich.name) < by_name.index(ledger["org"].name)
        assert client.get("/en/astana-hub/fees/?sort=nonsense").status_code == 200
        statement = client.get(f"/en/astana-hub/fees/{ledger['org'].identifier}/statement/?period=2025")
        assert statement.status_code == 200


def test_the_fund_charges_a_period_with_the_button_once(
    client: Client, make_user: Any, hub_actor: HubActor, fee_schedule: FeeSchedule, today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    response = client.post("/en/astana-hub/fees/", {"period": "2025-04"}, follow=True)
    assert "2025-04: 1 participant(s) charged now" in response.content.decode()
    response = client.post("/en/astana-hub/fees/", {"period": "2025-04"}, follow=True)
    assert "0 participant(s) charged now, 1 charged before" in response.content.decode()
    assert FeeCharge.objects.count() == 1
    bad = client.post("/en/astana-hub/fees/", {"period": "2025-Q2"})
    assert bad.status_code == 400
    assert "charge 2025-04 instead of 2025-Q2" in bad.content.decode()
    auditor = Client()
    auditor.force_login(make_user(Role.AUDITOR))
    assert auditor.post("/en/astana-hub/fees/", {"period": "2025-04"}).status_code == 403


def test_the_fund_records_a_payment_and_sees_form_errors(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    org = ledger["org"]
    data = {"identifier": org.identifier, "amount": "20000.00", "paid_on": "2025-04-18", "payment_reference": "PP-9"}
    response = client.post("/en/astana-hub/fees/payments/new/", data)
    assert response.status_code == 302
    assert org.identifier in response["Location"]
    assert FeePayment.objects.filter(payment_reference="PP-9").exists()
    for bad, message in (
        ({**data, "payment_reference": "PP-9"}, "already recorded"),
        ({**data, "identifier": "000000000000"}, "No organization with this BIN"),
        ({**data, "identifier": "12345"}, "A BIN has 12 digits"),
        ({**data, "amount": "abc"}, "Enter the amount as a number"),
        ({**data, "amount": "-1"}, "greater than zero"),
        ({**data, "paid_on": "2025-02-30"}, "Enter a real date"),
        ({**data, "identifier": ledger["other"].identifier, "payment_reference": "X"}, "not an Astana Hub participant"),
    ):
        response = client.post("/en/astana-hub/fees/payments/new/", bad)
        assert response.status_code == 400, message
        assert message in response.content.decode()
    assert FeePayment.objects.count() == 2


def test_the_fund_cancels_a_charge_with_a_reason(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date, english: None
) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    org = ledger["org"]
    url = f"/en/astana-hub/fees/{org.identifier}/charges/2025-04/cancel/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 400
    assert "Enter the reason" in empty.content.decode()
    response = client.post(url, {"reason": "Charged by mistake"}, follow=True)
    assert "Charged by mistake" in response.content.decode()
    assert FeeCharge.objects.get(period_start=D(2025, 4, 1)).cancellation_reason == "Charged by mistake"
    assert client.get(url).status_code == 403  # cancelled already
    assert client.get(f"/en/astana-hub/fees/{org.identifier}/charges/2025-13/cancel/").status_code == 404


def test_the_schedule_page(client: Client, make_user: Any, fee_schedule: FeeSchedule, today: dt.date) -> None:
    client.force_login(make_user(Role.ASTANA_HUB_FUND))
    data = {"applies_from": "2025-07-01", "period": "quarterly", "amount": "70000", "due_days": "10", "basis": "5.2"}
    assert client.post("/en/astana-hub/fees/schedule/", data).status_code == 302
    bad = client.post("/en/astana-hub/fees/schedule/", {**data, "applies_from": "2025-08-01"})
    assert bad.status_code == 400
    assert FeeSchedule.objects.count() == 2
    reader = Client()
    reader.force_login(make_user(Role.AUDITOR))
    assert reader.get("/en/astana-hub/fees/schedule/").status_code == 200
    assert reader.post("/en/astana-hub/fees/schedule/", data).status_code == 403


# --- API -------------------------------------------------------------------------------------------------------


def _token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def test_api_statement_own_only(client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date) -> None:
    org = ledger["org"]
    own = _token(make_user(Role.APPLICANT, organization=org))
    r = client.get(f"/api/v1/astana-hub/fees/statements/{org.identifier}?period=2025", **own)
    assert r.status_code == 200
    body = r.json()
    assert (body["closing"], body["arrears"], body["period"]) == ("45000.00", "45000.00", "2025")
    assert [line["reference"] for line in body["lines"]] == ["2025-02", "2025-03", "PP-501", "2025-04"]
    other = _token(make_user(Role.APPLICANT, organization=ledger["other"]))
    assert client.get(f"/api/v1/astana-hub/fees/statements/{org.identifier}", **other).status_code == 403
    assert client.get(f"/api/v1/astana-hub/fees/statements/{org.identifier}").status_code == 401
    assert client.get(f"/api/v1/astana-hub/fees/statements/{org.identifier}?period=x", **own).status_code == 422
    assert client.get("/api/v1/astana-hub/fees/statements/123", **own).status_code == 422
    assert client.get("/api/v1/astana-hub/fees/participants", **own).status_code == 403


def test_api_the_fund_records_payments_and_charges(
    client: Client, make_user: Any, ledger: dict[str, Any], today: dt.date
) -> None:
    fund = _token(make_user(Role.ASTANA_HUB_FUND))
    org = ledger["org"]
    payment = {"identifier": org.identifier, "amount": "20000.00", "paid_on": "2025-04-19", "payment_reference": "B-1"}
    r = client.post("/api/v1/astana-hub/fees/payments", payment, content_type="application/json", **fund)
    assert r.status_code == 201
    assert r.json()["payment_reference"] == "B-1"
    r = client.post("/api/v1/astana-hub/fees/payments", payment, content_type="application/json", **fund)
    assert r.status_code == 422
    assert "already recorded" in r.json()["detail"]
    bad = {**payment, "amount": "-5", "payment_reference": "B-2"}
    assert (
        client.post("/api/v1/astana-hub/fees/payments", bad, content_type="application/json", **fund).status_code == 422
    )
    participant = _token(make_user(Role.APPLICANT, organization=org))
    r = client.post(
        "/api/v1/astana-hub/fees/payments",
        {**payment, "payment_reference": "B-3"},
        content_type="application/json",
        **participant,
    )
    assert r.status_code == 403
    rows = client.get("/api/v1/astana-hub/fees/participants", **fund).json()
    assert rows[0]["identifier"] == org.identifier
    assert rows[0]["arrears"] == "25000.00"
    assert client.post("/api/v1/astana-hub/fees/charges/2025-04", **fund).json()["already"] == [org.identifier]
    assert client.post("/api/v1/astana-hub/fees/charges/2025-04", **participant).status_code == 403
    assert client.post("/api/v1/astana-hub/fees/charges/2025-99", **fund).status_code == 422
    assert client.get("/api/v1/astana-hub/fees/schedule").json()[0]["amount"] == "25000.00"


def test_a_charges_deadline_links_to_the_participants_statement(ledger: dict[str, Any]) -> None:
    from nisi.core.links import subject_url
    from nisi.core.models import Deadline

    deadline = Deadline.objects.filter(subject_type="fee_charge").order_by("due_on").first()
    assert deadline is not None
    assert deadline.subject_id == f"{ledger['org'].identifier}/2025-02"
    url = subject_url(deadline.subject_type, deadline.subject_id)
    assert url is not None
    assert url.endswith(f"/astana-hub/fees/{ledger['org'].identifier}/statement/?period=2025")
