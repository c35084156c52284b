"""A contract pledged as collateral (IP-48.1, IP-48-1.1) and offset conditions (IP-49.2, IP-49.3), by the page's
steps and through the API: who may take each step and who may not, and bad input refused in words with nothing
written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import ContractKind, DevelopmentContract, OffsetCondition, Penalty, Pledge
from nisi.contracts.services import offtake as services
from nisi.core.authz import actor_for
from nisi.core.models import JournalEntry
from nisi.core.roles import Role
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PLEDGE = {"pledgee": "АО «Банк развития Казахстана»", "agreement_reference": "З-17/2026", "pledged_on": "2026-03-02"}
API = "/api/v1/contracts/offtake/contracts"


def _page(number: str) -> str:
    return f"/en/contracts/offtake/contracts/{number}/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _bearer(user: Any) -> dict[str, str]:
    from nisi.core.services.tokens import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='test')[1]}", **EN}


def _journal(contract: DevelopmentContract) -> int:
    return JournalEntry.objects.filter(subject_id=contract.number).count()


@pytest.fixture
def with_offset(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, manufacturer_user: Any
) -> DevelopmentContract:
    contract = services.contract_conclude(
        actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer, ContractKind.CONTRACT_PROCUREMENT)
    )
    return services.contract_confirm(actor=actor_for(manufacturer_user), contract=contract)


def _others(make_user: Any) -> dict[str, Any]:
    return {
        role: make_user(role, region="35" if role == Role.AKIMAT else None)
        for role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR, Role.AKIMAT)
    }


@pytest.mark.law("IP-48.1")
def test_ip_48_1_the_manufacturer_pledges_the_contract_by_the_page_and_no_one_else_may(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, make_user: Any
) -> None:
    answers = {"step": "record_pledge", **{f"pledge-{k}": v for k, v in PLEDGE.items()}}
    assert _client(customer_user).post(_page(signed.number), answers).status_code == 403
    for role, user in _others(make_user).items():
        assert _client(user).post(_page(signed.number), answers).status_code == (404 if role == Role.AKIMAT else 403)
    assert not Pledge.objects.exists()
    done = _client(manufacturer_user).post(_page(signed.number), answers)
    assert done.status_code == 302
    pledge = Pledge.objects.get()
    assert (pledge.pledgee, pledge.pledged_on) == (PLEDGE["pledgee"], dt.date(2026, 3, 2))


def test_a_pledge_with_bad_answers_is_refused_on_the_page_and_nothing_is_written(
    signed: DevelopmentContract, manufacturer_user: Any
) -> None:
    before = _journal(signed)
    for answers, words in (
        ({**PLEDGE, "pledgee": " "}, 'href="#id_pledge-pledgee"'),
        ({**PLEDGE, "pledged_on": "2026-12-31"}, "after signing and not later than today"),
    ):
        post = {"step": "record_pledge", **{f"pledge-{k}": v for k, v in answers.items()}}
        refused = _client(manufacturer_user).post(_page(signed.number), post, **EN)
        assert refused.status_code == 200
        assert "govuk-error-summary" in refused.content.decode()
        assert words in refused.content.decode()
    assert not Pledge.objects.exists()
    assert _journal(signed) == before


def test_the_pledges_route_by_role_and_bad_input(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, make_user: Any
) -> None:
    client, url = Client(), f"{API}/{signed.number}/pledges"

    def post(user: Any, body: dict[str, Any]) -> Any:
        return client.post(url, body, content_type="application/json", **_bearer(user))

    assert post(customer_user, PLEDGE).status_code == 403
    for role, user in _others(make_user).items():
        assert post(user, PLEDGE).status_code == (404 if role == Role.AKIMAT else 403), role
    for bad in (
        {**PLEDGE, "pledgee": ""},
        {**PLEDGE, "pledged_on": "2026-02-30"},
        {**PLEDGE, "pledged_on": "2027-01-01"},
    ):
        refused = post(manufacturer_user, bad)
        assert refused.status_code == 422, bad
        assert refused.json()["detail"]
    assert not Pledge.objects.exists()
    done = post(manufacturer_user, PLEDGE)
    assert done.status_code == 200
    assert Pledge.objects.count() == 1


@pytest.mark.law("IP-49.2")
def test_ip_49_2_an_offset_below_five_per_cent_is_refused_by_the_api_and_the_page_and_nothing_is_written(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    body = {
        "customer": customer.identifier,
        "manufacturer": manufacturer.identifier,
        "kind": "contract_procurement",
        "customer_kind": "subsoil_user",
        "hs_code": "732690",
        "goods_name": "Grinding balls",
        "characteristics": "100 mm",
        "unit": "t",
        "unit_price": "450000.00",
        "amount": "1000000000.00",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "volumes": [{"year": 2026, "volume": "1000"}, {"year": 2027, "volume": "1000"}],
        "customer_year_purchases": "3000000000.00",
        "offset_conditions": [
            {"kind": "training", "description": "A training centre", "value": "49999999.99", "due_on": "2027-12-31"}
        ],
    }
    refused = Client().post(API, body, content_type="application/json", **_bearer(customer_user))
    assert refused.status_code == 422
    assert "5" in refused.json()["detail"]
    assert "IP-49.2" in refused.json()["detail"]
    negative = {**body, "offset_conditions": [{**body["offset_conditions"][0], "value": "-1"}]}
    assert Client().post(API, negative, content_type="application/json", **_bearer(customer_user)).status_code == 422
    assert not DevelopmentContract.objects.exists()
    assert not OffsetCondition.objects.exists()
    exactly = {**body, "offset_conditions": [{**body["offset_conditions"][0], "value": "50000000.00"}]}
    assert Client().post(API, exactly, content_type="application/json", **_bearer(customer_user)).status_code == 201


@pytest.mark.law("IP-49.3")
def test_ip_49_3_offset_steps_on_the_page_by_role(
    with_offset: DevelopmentContract, customer_user: Any, manufacturer_user: Any, officer_user: Any, make_user: Any
) -> None:
    condition = with_offset.offset_conditions.get()
    report = {"step": "report_offset", "offset-condition": condition.pk, "offset-evidence": "Centre opened"}
    failure = {
        "step": "record_offset_failure",
        "failure-condition": condition.pk,
        "failure-evidence": "No centre by the due day",
        "failure-penalty": "-5",
    }
    with clock.frozen(dt.date(2026, 6, 1)):
        report["offset-on"] = failure["failure-on"] = "2026-06-01"
        assert _client(customer_user).post(_page(with_offset.number), report).status_code == 403
        assert _client(officer_user).post(_page(with_offset.number), report).status_code == 403
        assert _client(manufacturer_user).post(_page(with_offset.number), failure).status_code == 403
        assert _client(customer_user).post(_page(with_offset.number), failure).status_code == 403
        negative = _client(officer_user).post(_page(with_offset.number), failure, **EN)
        assert negative.status_code == 200
        assert "greater than or equal to 0" in negative.content.decode()
        assert not Penalty.objects.exists()
        condition.refresh_from_db()
        assert condition.status == OffsetCondition.Status.PENDING
        done = _client(officer_user).post(_page(with_offset.number), {**failure, "failure-penalty": "7000000"})
        assert done.status_code == 302
    condition.refresh_from_db()
    assert condition.status == OffsetCondition.Status.FAILED
    assert Penalty.objects.get().amount == Decimal("7000000.00")


def test_the_offset_conditions_route_by_role_and_bad_input(
    with_offset: DevelopmentContract, customer_user: Any, manufacturer_user: Any, officer_user: Any
) -> None:
    client, url = Client(), f"{API}/{with_offset.number}/offset-conditions"
    condition = with_offset.offset_conditions.get()
    fulfilled = {"condition": condition.pk, "fulfilled": True, "evidence": "Centre opened", "on": "2026-06-01"}
    failed = {**fulfilled, "fulfilled": False, "evidence": "Nothing built", "penalty": "1000.00"}

    def post(user: Any, body: dict[str, Any]) -> Any:
        return client.post(url, body, content_type="application/json", **_bearer(user))

    with clock.frozen(dt.date(2026, 6, 1)):
        assert post(customer_user, fulfilled).status_code == 403
        assert post(officer_user, fulfilled).status_code == 403
        assert post(manufacturer_user, failed).status_code == 403
        for bad in (
            {**failed, "penalty": "-1"},
            {**failed, "evidence": ""},
            {**failed, "on": "2026-07-01"},
            {**failed, "condition": 0},
        ):
            assert post(officer_user, bad).status_code == 422, bad
        assert post(officer_user, {**failed, "condition": condition.pk + 1000}).status_code == 404
        assert not Penalty.objects.exists()
        assert post(manufacturer_user, fulfilled).status_code == 200
        again = post(officer_user, failed)
    assert again.status_code == 422
    assert "already recorded" in again.json()["detail"]
    condition.refresh_from_db()
    assert condition.status == OffsetCondition.Status.FULFILLED
    assert not Penalty.objects.exists()
