"""The pages of contracts aimed at industrial development and the public register of off-take contracts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.contracts.models import DevelopmentContract, Penalty
from nisi.contracts.services import offtake as services
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(number: str) -> str:
    return f"/en/contracts/offtake/contracts/{number}/"


def test_the_customer_concludes_by_the_form_and_sees_the_refusal_on_the_question(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    client = _client(customer_user)
    answers = {
        "kind": "offtake",
        "manufacturer": manufacturer.identifier,
        "customer_kind": "subsoil_user",
        "hs_code": "732690",
        "goods_name": "Grinding balls",
        "characteristics": "100 mm, 58-62 HRC",
        "unit": "t",
        "unit_price": "450000",
        "amount": "900000000",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "volumes": "2026: 1000\n2027: 1000",
        "min_domestic_value": "60",
        "programme_duty": "on",
    }
    refused = client.post("/en/contracts/offtake/contracts/new/", {**answers, "volumes": "2026: 1000"})
    assert refused.status_code == 200
    assert "calendar year of the term" in refused.content.decode()
    assert 'href="#id_volumes"' in refused.content.decode()
    done = client.post("/en/contracts/offtake/contracts/new/", answers)
    contract = DevelopmentContract.objects.get()
    assert done.status_code == 302
    assert done["Location"] == page(contract.number)


def test_the_manufacturer_signs_on_the_page_and_both_see_the_years_commitment(
    proposed: DevelopmentContract, manufacturer_user: Any, customer_user: Any
) -> None:
    client = _client(manufacturer_user)
    assert "Confirm and sign" in client.get(page(proposed.number)).content.decode()
    assert client.post(page(proposed.number), {"step": "confirm"}).status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == DevelopmentContract.Status.IN_FORCE
    with clock.frozen(dt.date(2026, 5, 5)):
        client.post(
            page(proposed.number),
            {"step": "record_delivery", "delivery-delivered_on": "2026-05-05", "delivery-volume": "400"},
        )
        customer_page = _client(customer_user).get(page(proposed.number)).content.decode()
    assert "Commitment against delivery" in customer_page
    assert "Record an acceptance" in customer_page


def test_the_customer_cannot_take_the_manufacturers_step(proposed: DevelopmentContract, customer_user: Any) -> None:
    assert _client(customer_user).post(page(proposed.number), {"step": "confirm"}).status_code == 403


def test_adding_characteristics_after_signing_is_refused_on_the_page(
    signed: DevelopmentContract, customer_user: Any
) -> None:
    r = _client(customer_user).post(page(signed.number), {"step": "add_characteristics", "chars-text": "Chromium 2 %"})
    assert r.status_code == 200
    assert "IP-47.8" in r.content.decode()


def test_a_negative_pilot_batch_on_the_page_terminates(signed: DevelopmentContract, customer_user: Any) -> None:
    r = _client(customer_user).post(
        page(signed.number),
        {
            "step": "record_pilot_result",
            "pilot-kind": "laboratory",
            "pilot-tested_on": "2026-03-02",
            "pilot-positive": "no",
            "pilot-findings": "Hardness 50 HRC",
        },
    )
    assert r.status_code == 302
    signed.refresh_from_db()
    assert signed.status == DevelopmentContract.Status.TERMINATED


def test_another_organization_cannot_see_the_contract(
    signed: DevelopmentContract, make_user: Any, make_org: Any
) -> None:
    stranger = make_user(Role.APPLICANT, make_org("ТОО «Другой»"))
    assert _client(stranger).get(page(signed.number)).status_code == 404
    assert signed.number not in _client(stranger).get("/en/contracts/offtake/contracts/").content.decode()


def test_the_authorized_body_sees_every_contract(signed: DevelopmentContract, officer_user: Any) -> None:
    body = _client(officer_user).get("/en/contracts/offtake/contracts/?status=in_force").content.decode()
    assert signed.number in body


def test_the_public_register_shows_signed_off_take_contracts_searched_filtered_and_as_csv(
    proposed: DevelopmentContract,
    signed: DevelopmentContract,
    customer: Any,
    customer_user: Any,
    manufacturer: Any,
    manufacturer_user: Any,
) -> None:

    unsigned = services.contract_conclude(actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer))
    client = Client()
    body = client.get("/en/contracts/offtake/register/").content.decode()
    assert signed.number in body
    assert unsigned.number not in body
    assert (
        signed.number
        in client.get(
            "/en/contracts/offtake/register/", {"q": "Grinding", "hs_code": "7326", "year": "2027"}
        ).content.decode()
    )
    assert signed.number not in client.get("/en/contracts/offtake/register/", {"hs_code": "84"}).content.decode()
    assert client.get("/en/contracts/offtake/register/", {"year": "abc", "page": "x"}).status_code == 200
    entry = client.get(f"/en/contracts/offtake/register/{signed.number}/").content.decode()
    assert manufacturer.identifier in entry
    assert "450" not in entry  # the price is not part of the register
    assert client.get(f"/en/contracts/offtake/register/{unsigned.number}/").status_code == 404
    csv = client.get("/en/contracts/offtake/register.csv").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("number,status,customer_bin")
    assert csv[1].startswith(signed.number)
    assert "2026:1000 2027:1000 2028:1000" in csv[1]


def test_the_register_speaks_russian_and_kazakh(signed: DevelopmentContract) -> None:
    for language in ("ru", "kk"):
        assert Client().get(f"/{language}/contracts/offtake/register/").status_code == 200


def bearer(user: Any) -> dict[str, str]:
    from nisi.core.services.tokens import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='test')[1]}", **EN}


def test_the_api_concludes_confirms_delivers_accepts_and_closes(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, manufacturer_user: Any
) -> None:
    client = Client()
    body = {
        "customer": customer.identifier,
        "manufacturer": manufacturer.identifier,
        "kind": "offtake",
        "customer_kind": "subsoil_user",
        "hs_code": "732690",
        "goods_name": "Grinding balls",
        "characteristics": "100 mm",
        "unit": "t",
        "unit_price": "1000.00",
        "amount": "2000000.00",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "volumes": [{"year": 2026, "volume": "1000"}, {"year": 2027, "volume": "1000"}],
        "min_domestic_value": "55",
        "programme_duty": True,
    }
    made = client.post(
        "/api/v1/contracts/offtake/contracts", body, content_type="application/json", **bearer(customer_user)
    )
    assert made.status_code == 201, made.content
    number = made.json()["number"]
    assert "confirm" not in made.json()["actions"]
    as_manufacturer = bearer(manufacturer_user)
    assert (
        client.post(f"/api/v1/contracts/offtake/contracts/{number}/confirm", **bearer(customer_user)).status_code == 403
    )
    signed = client.post(f"/api/v1/contracts/offtake/contracts/{number}/confirm", **as_manufacturer)
    assert signed.json()["status"] == "in_force"
    with clock.frozen(dt.date(2026, 6, 1)):
        delivered = client.post(
            f"/api/v1/contracts/offtake/contracts/{number}/deliveries",
            {"delivered_on": "2026-06-01", "volume": "1000"},
            content_type="application/json",
            **as_manufacturer,
        ).json()
        accepted = client.post(
            f"/api/v1/contracts/offtake/contracts/{number}/acceptances",
            {"delivery": delivered["deliveries"][0]["id"], "accepted_volume": "800", "reasons": "Storage full"},
            content_type="application/json",
            **bearer(customer_user),
        ).json()
    assert accepted["years"][0]["still_due"] == "200.000" or Decimal(accepted["years"][0]["still_due"]) == 200
    from nisi.contracts.services.offtake_performance import contracts_daily

    contracts_daily(today=dt.date(2027, 1, 1))
    assert Penalty.objects.get().amount == Decimal("20000.00")
    register = client.get("/api/v1/contracts/offtake/register", {"q": number}).json()
    assert [e["number"] for e in register] == [number]


def test_the_api_refuses_a_reduction_by_its_proposer_and_bad_input_at_the_edge(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    client = Client()
    url = f"/api/v1/contracts/offtake/contracts/{signed.number}"
    proposed = client.post(
        f"{url}/amendments",
        {"volumes": [{"year": 2027, "volume": "10"}], "explanation": "Less"},
        content_type="application/json",
        **bearer(customer_user),
    )
    assert proposed.json()["amendments"][0]["reduces"] == ["volume:2027"]
    own = client.post(
        f"{url}/amendments/decision", {"accept": True}, content_type="application/json", **bearer(customer_user)
    )
    assert own.status_code == 422
    assert "IP-48.2" in own.json()["detail"]
    assert (
        client.post(
            f"{url}/deliveries",
            {"delivered_on": "2026-05-01", "volume": "-1"},
            content_type="application/json",
            **bearer(manufacturer_user),
        ).status_code
        == 422
    )
    assert client.get("/api/v1/contracts/offtake/contracts/CT-XX-1", **bearer(customer_user)).status_code == 422
    assert client.get("/api/v1/contracts/offtake/register", {"hs_code": "abc"}).status_code == 422


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR, Role.AKIMAT])
def test_readers_and_others_by_role(signed: DevelopmentContract, make_user: Any, role: str) -> None:
    user = make_user(role, region="35" if role == Role.AKIMAT else None)
    status = _client(user).get(page(signed.number)).status_code
    assert status == (404 if role == Role.AKIMAT else 200)


def test_out_of_range_answers_are_refused_on_the_form_not_with_an_error_page(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    base = {
        "kind": "contract_procurement",
        "manufacturer": manufacturer.identifier,
        "customer_kind": "subsoil_user",
        "hs_code": "732690",
        "goods_name": "Balls",
        "characteristics": "100 mm",
        "unit": "t",
        "unit_price": "1",
        "amount": "1000",
        "starts_on": "1900-01-01",
        "ends_on": "1900-12-31",
        "volumes": "1900: 1",
        "customer_year_purchases": "3000000000",
    }
    client = _client(customer_user)
    for change in (
        {},  # a term long before the contract
        {"volumes": "1900: 99999999999999999999"},
        {"offset_conditions": "training; x; 1e30; 2027-01-01"},
        {"offset_conditions": "training; x; 100; 0001-01-01"},
    ):
        r = client.post("/en/contracts/offtake/contracts/new/", {**base, **change})
        assert r.status_code == 200
        assert "There is a problem" in r.content.decode()
    assert not DevelopmentContract.objects.exists()
