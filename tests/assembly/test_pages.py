"""The agreements' pages: the authorized body concludes by form (errors in the GOV.UK summary, answers kept), checks,
notifies, terminates after the three months with the benefits shown line by line; the entity records a recall."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.assembly import services
from nisi.assembly.models import Agreement, Recall
from nisi.law import clock

from .conftest import CONCLUDED

pytestmark = pytest.mark.django_db
LIST = "/en/assembly/agreements/"


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def _form(people: dict[str, Any], **changes: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organization": people["plant"].identifier,
        "category": "truck",
        "hs_codes": "870421, 870422",
        "operations": ["welding", "painting", "body_assembly"],
        "brands": "KAMAZ: 2",
        "capacity": "10000",
        "assets": str(3_500_000 * 4325),
        "equipment": "on",
    }
    data.update(changes)
    return data


def test_conclude_by_form(client: Client, people: dict[str, Any]) -> None:
    _login(client, people["officer"])
    with clock.frozen(CONCLUDED):
        r = client.post(LIST, _form(people, capacity="9999"))
        assert r.status_code == 200
        html = r.content.decode()
        assert "govuk-error-summary" in html
        assert "9999" in html
        assert not Agreement.objects.exists()
        r = client.post(LIST, _form(people, brands="KAMAZ two"))
        assert "govuk-error-summary" in r.content.decode()
        r = client.post(LIST, _form(people))
    agreement = Agreement.objects.get()
    assert r.status_code == 302
    assert r["Location"].endswith(f"/assembly/agreements/{agreement.number}/")


def test_the_entity_cannot_conclude_and_sees_only_its_own(
    client: Client, people: dict[str, Any], conclude: Any
) -> None:
    agreement = conclude()
    _login(client, people["applicant"])
    html = client.get(LIST).content.decode()
    assert agreement.number in html
    assert "Conclude the agreement" not in html
    _login(client, people["stranger"])
    assert client.get(f"{LIST}{agreement.number}/").status_code == 404
    assert client.post(LIST, _form(people)).status_code == 200  # no form for it: the list only
    assert Agreement.objects.count() == 1


def test_violation_and_termination_by_the_pages(client: Client, people: dict[str, Any], conclude: Any) -> None:
    agreement = conclude()
    page = f"{LIST}{agreement.number}/"
    _login(client, people["officer"])
    with clock.frozen(dt.date(2026, 2, 27)):
        r = client.post(
            page,
            {
                "step": "record_benefit",
                "hs_code": "870421",
                "period_start": "2026-01-15",
                "period_end": "2026-01-31",
                "kind": "import customs duty",
                "amount": "1000000.50",
            },
        )
        assert r.status_code == 302
        r = client.post(page, {"step": "notify", "reasons": ""})
        assert "govuk-error-summary" in r.content.decode()
        r = client.post(page, {"step": "notify", "reasons": "localization below the schedule"})
        assert r.status_code == 302
        html = client.get(page).content.decode()
        assert "28.05.2026" in html
        assert "Terminate the agreement unilaterally" not in html
        r = client.post(page, {"step": "terminate", "reasons": "x"})  # refused in words: the term still runs
        assert r.status_code == 200
        assert "28.05.2026 inclusive" in r.content.decode()
        assert Agreement.objects.get().status == "notified"
        assert agreement.number in client.get(LIST).content.decode()  # the term in the work list
    with clock.frozen(dt.date(2026, 5, 29)):
        html = client.get(page).content.decode()
        assert "Terminate the agreement unilaterally" in html
        assert "1000000.50" in html
        r = client.post(page, {"step": "terminate", "reasons": "violations not eliminated"})
        assert r.status_code == 302
        html = client.get(page).content.decode()
    assert "Benefits to reimburse: 1000000.50" in html
    assert "870421" in html
    assert Agreement.objects.get().termination_document is not None


def test_the_entity_records_a_recall(client: Client, people: dict[str, Any], conclude: Any) -> None:
    agreement = conclude()
    _login(client, people["applicant"])
    page = f"{LIST}{agreement.number}/"
    with clock.frozen(dt.date(2026, 3, 1)):
        r = client.post(
            page,
            {
                "step": "record_recall",
                "started_on": "2026-02-20",
                "models_affected": "KAMAZ-5490",
                "units": "0",
                "defect": "brake hose",
                "remedy": "replace",
            },
        )
        assert "govuk-error-summary" in r.content.decode()
        r = client.post(
            page,
            {
                "step": "record_recall",
                "started_on": "2026-02-20",
                "models_affected": "KAMAZ-5490",
                "units": "120",
                "defect": "brake hose",
                "remedy": "replace",
            },
        )
        assert r.status_code == 302
        assert client.post(page, {"step": "notify", "reasons": "x"}).status_code == 403
    assert Recall.objects.get().units == 120


def test_reimbursement_shown_before_termination(people: dict[str, Any], conclude: Any) -> None:
    agreement = conclude()
    with clock.frozen(dt.date(2026, 2, 1)):
        services.benefit_record(
            actor=people["officer"],
            agreement=agreement,
            hs_code="870422",
            period_start=CONCLUDED,
            period_end=dt.date(2026, 1, 31),
            kind="VAT",
            amount=Decimal("10.00"),
        )
        assert services.reimbursement_of(agreement, clock.today()).value.total == Decimal("10.00")
