"""The examination's and the objections' pages and API as their users use them: the customer awards with the
characteristics and concludes, the manufacturer sees the contract, an overdue examination shows on both sides; a
producer in the register sees an excluded good and objects, the authorized body decides; who may not is refused."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import DevelopmentContract, ExclusionObjection, PlanApplication
from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.examination_fixtures import AWARD, EXCLUDED, D, applied, producer_in_register, under_review
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BASE = "/api/v1/contracts"


def client_of(user: object) -> Client:
    client = Client(**EN)
    client.force_login(user)  # type: ignore[arg-type]
    return client


def token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def post(client: Client, path: str, body: Any, auth: dict[str, str]) -> Any:
    return client.post(f"{BASE}{path}", body, content_type="application/json", **auth)


CONCLUDE_FORM = {
    "step": "conclude",
    "conclude-unit_price": "850000",
    "conclude-amount": "25500000",
    "conclude-starts_on": "2026-04-01",
    "conclude-ends_on": "2027-03-31",
    "conclude-volumes": "2026: 20\n2027: 10",
    "conclude-min_domestic_value": "55",
    "conclude-programme_duty": "on",
}


def test_the_customer_awards_and_concludes_on_the_page_and_both_sides_see_the_contract(cycle: Cycle) -> None:
    application = applied(cycle)
    url = reverse("contracts:application", args=[application.number])
    customer, maker = client_of(cycle.users["customer"]), client_of(cycle.users["manufacturer"])
    with clock.frozen(D(2026, 3, 2)):
        page = customer.get(url).content.decode()
        assert 'value="award"' in page
        assert 'value="refuse"' in page
        assert 'value="award"' not in maker.get(url).content.decode()
        assert maker.post(url, {"step": "award"}).status_code == 403
        empty = customer.post(url, {"step": "award", "award-technical_characteristics": "x"})
        assert empty.status_code == 200
        assert "configuration" in empty.content.decode()
        awarded = customer.post(url, {"step": "award", **{f"award-{k}": v for k, v in AWARD.items()}})
        assert awarded.status_code == 302
    with clock.frozen(D(2026, 3, 5)):
        short = customer.post(url, {**CONCLUDE_FORM, "conclude-volumes": "2026: 20"})
        assert short.status_code == 200
        assert "IP-48.5" in short.content.decode()
        assert customer.post(url, CONCLUDE_FORM).status_code == 302
    contract = DevelopmentContract.objects.get(application__number=application.number)
    with clock.frozen(D(2026, 3, 5)):
        mine = maker.get(url).content.decode()
        assert contract.number in mine
        assert AWARD["configuration"] in mine
        contract_page = maker.get(reverse("contracts:offtake_contract", args=[contract.number])).content.decode()
        assert application.number in contract_page
        assert 'value="confirm"' in contract_page


def test_an_overdue_examination_shows_on_both_sides_and_a_refusal_reads_its_reasons(cycle: Cycle) -> None:
    application = applied(cycle)
    url = reverse("contracts:application", args=[application.number])
    customer, maker = client_of(cycle.users["customer"]), client_of(cycle.users["manufacturer"])
    with clock.frozen(D(2026, 3, 26)):
        assert "Overdue" not in maker.get(url).content.decode()
    with clock.frozen(D(2026, 3, 27)):
        assert "Overdue" in maker.get(url).content.decode()
        assert "Overdue" in customer.get(url).content.decode()
        assert customer.post(url, {"step": "refuse", "refuse-reasons": "Нет потребности"}).status_code == 302
        page = maker.get(url).content.decode()
    assert "Overdue" not in page
    assert "Нет потребности" in page
    assert client_of(cycle.users["akimat"]).get(url).status_code == 404


def test_the_examination_through_the_api(cycle: Cycle) -> None:
    application = applied(cycle)
    client = Client(**EN)
    customer, maker = token(cycle.users["customer"]), token(cycle.users["manufacturer"])
    path = f"/plans-applications/{application.number}"
    with clock.frozen(D(2026, 3, 2)):
        assert client.get(f"{BASE}{path}", **maker).json()["status"] == "submitted"
        assert post(client, f"{path}/award", AWARD, maker).status_code == 403
        assert post(client, f"{path}/award", {**AWARD, "configuration": ""}, customer).status_code == 422
        assert post(client, f"{path}/conclude", {}, customer).status_code == 422
        done = post(client, f"{path}/award", AWARD, customer)
        assert done.status_code == 200, done.content
        assert done.json()["configuration"] == AWARD["configuration"]
    terms = {
        "unit_price": "850000",
        "amount": "25500000",
        "starts_on": "2026-04-01",
        "ends_on": "2027-03-31",
        "volumes": [{"year": 2026, "volume": "20"}],
        "min_domestic_value": "55",
        "programme_duty": True,
    }
    with clock.frozen(D(2026, 3, 5)):
        refused = post(client, f"{path}/conclude", terms, customer)
        assert refused.status_code == 409
        assert "IP-48.5" in refused.json()["detail"]
        terms["volumes"] = [{"year": 2026, "volume": "20"}, {"year": 2027, "volume": "10"}]
        concluded = post(client, f"{path}/conclude", terms, customer)
        assert concluded.status_code == 201, concluded.content
    number = concluded.json()["contract"]
    assert number.startswith("CT-OT-2026-")
    seen = client.get(f"{BASE}/offtake/contracts/{number}", **maker)
    assert seen.json()["application"] == application.number
    assert client.get(f"{BASE}{path}", **token(cycle.users["akimat"])).status_code == 404
    assert PlanApplication.objects.get(number=application.number).status == "concluded"


def test_a_producer_objects_on_the_page_and_the_authorized_body_decides(
    cycle: Cycle, make_org: Any, make_user: Any
) -> None:
    plan = under_review(cycle)
    _producer, producer_actor = producer_in_register(cycle, make_org, make_user)
    user = producer_actor.user_id
    producer_client = client_of(get_user_model().objects.get(pk=user))
    with clock.frozen(D(2025, 12, 15)):
        listed = producer_client.get(reverse("contracts:excluded")).content.decode()
        assert EXCLUDED in listed
        assert "730429" not in listed  # planned goods are not shown, nor goods it does not make
        position = plan.lines.get(product_code=EXCLUDED).position
        new = reverse("contracts:objection_new", args=[plan.number, position])
        assert producer_client.post(new, {"note": ""}).status_code == 200
        assert producer_client.post(new, {"note": "Выпускаем 5 000 шт. в год"}).status_code == 302
        assert client_of(cycle.users["manufacturer"]).get(new).status_code == 404  # not in the register for it
    objection = ExclusionObjection.objects.get()
    url = reverse("contracts:objection", args=[objection.number])
    officer = client_of(cycle.users["officer"])
    with clock.frozen(D(2025, 12, 20)):
        assert 'value="accept"' in officer.get(url).content.decode()
        assert 'value="accept"' not in client_of(cycle.users["customer"]).get(url).content.decode()
        assert producer_client.post(url, {"step": "accept", "accept-reasons": "x"}).status_code == 403
        assert officer.post(url, {"step": "reject", "reject-reasons": "Мощности не подтверждены"}).status_code == 302
    assert objection.number in officer.get(reverse("contracts:objections")).content.decode()
    objection.refresh_from_db()
    assert objection.status == "rejected"


def test_objections_through_the_api(cycle: Cycle, make_org: Any, make_user: Any) -> None:
    plan = under_review(cycle)
    producer, producer_actor = producer_in_register(cycle, make_org, make_user)
    producer_token = token(get_user_model().objects.get(pk=producer_actor.user_id))
    officer = token(cycle.users["officer"])
    client = Client(**EN)
    position = plan.lines.get(product_code=EXCLUDED).position
    with clock.frozen(D(2025, 12, 15)):
        shown = client.get(f"{BASE}/plans-excluded", **producer_token).json()
        assert [g["product_code"] for g in shown] == [EXCLUDED]
        path = f"/plans/{plan.number}/lines/{position}/objections"
        wrong = post(client, path, {"identifier": cycle.customer.identifier, "note": "x"}, producer_token)
        assert wrong.status_code == 403
        filed = post(client, path, {"identifier": producer.identifier, "note": "Делаем"}, producer_token)
        assert filed.status_code == 201, filed.content
        again = post(client, path, {"identifier": producer.identifier, "note": "Делаем"}, producer_token)
        assert again.status_code == 409
        number = filed.json()["number"]
        assert post(client, f"/plans/{plan.number}/agree", {}, officer).status_code == 409
        accepted = post(client, f"/plans-objections/{number}/accept", {"reasons": "Подтверждено"}, officer)
        assert accepted.json()["status"] == "accepted"
        assert post(client, f"/plans-objections/{number}/reject", {"reasons": "x"}, officer).status_code == 403
    assert [o["number"] for o in client.get(f"{BASE}/plans-objections", **token(cycle.users["customer"])).json()] == [
        number
    ]
