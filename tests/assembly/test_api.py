"""The agreements' API: the same services and policies as the pages (IP-62 … IP-65)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.assembly.models import Agreement
from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock

from .conftest import CONCLUDED

API = "/api/v1/assembly"
pytestmark = pytest.mark.django_db


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def _body(people: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "organization": people["plant"].identifier,
        "category": "bus",
        "hs_codes": ["870210"],
        "operations": ["welding", "painting", "body_assembly"],
        "brands": {"Yutong": 1},
        "capacity": 1200,
        "assets": str(3_500_000 * 4325),
    }
    data.update(changes)
    return data


def test_conclude_and_refusals(client: Client, people: dict[str, Any]) -> None:
    officer = _auth(people["officer"])
    with clock.frozen(CONCLUDED):
        r = client.post(f"{API}/agreements", _body(people, capacity=1199), content_type="application/json", **officer)
        assert r.status_code == 422
        assert "1199" in r.json()["detail"]
        r = client.post(
            f"{API}/agreements", _body(people), content_type="application/json", **_auth(people["applicant"])
        )
        assert r.status_code == 403
        for bad in (
            {"category": "boat"},
            {"hs_codes": []},
            {"capacity": -1},
            {"assets": "1.001"},
            {"operations": ["gluing"]},
            {"organization": "12"},
        ):
            r = client.post(f"{API}/agreements", _body(people, **bad), content_type="application/json", **officer)
            assert r.status_code == 422, bad
        assert not Agreement.objects.exists()
        r = client.post(f"{API}/agreements", _body(people), content_type="application/json", **officer)
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "in_force"
    assert "notify" in body["actions"]


@pytest.mark.law("IP-62.4")
def test_violation_and_termination(client: Client, people: dict[str, Any], conclude: Any) -> None:
    agreement = conclude()
    officer = _auth(people["officer"])
    url = f"{API}/agreements/{agreement.number}"
    with clock.frozen(dt.date(2026, 2, 1)):
        r = client.post(
            f"{url}/benefits",
            {
                "hs_code": "870421",
                "period_start": "2026-01-15",
                "period_end": "2026-01-31",
                "kind": "duty",
                "amount": "55.50",
            },
            content_type="application/json",
            **officer,
        )
        assert r.status_code == 200
        r = client.post(
            f"{url}/benefits",
            {
                "hs_code": "870421",
                "period_start": "2026-01-01",
                "period_end": "2026-01-31",
                "kind": "duty",
                "amount": "1.00",
            },
            content_type="application/json",
            **officer,
        )
        assert r.status_code == 422  # before the conclusion
        r = client.post(f"{url}/notify", {"reasons": "no welding"}, content_type="application/json", **officer)
        assert r.json()["cure_ends_on"] == "2026-05-04"  # 1 May is a holiday, 2–3 May a weekend
        r = client.post(f"{url}/terminate", {"reasons": "x"}, content_type="application/json", **officer)
        assert r.status_code == 422
    with clock.frozen(dt.date(2026, 5, 5)):
        r = client.post(f"{url}/terminate", {"reasons": "not eliminated"}, content_type="application/json", **officer)
    body = r.json()
    assert body["status"] == "terminated"
    assert body["reimbursement_total"] == "55.50"
    assert any("870421" in line for line in body["reimbursement_lines"])
    assert client.get(url, **_auth(people["stranger"])).status_code == 404


@pytest.mark.law("IP-63.4")
def test_access_answer(client: Client, people: dict[str, Any], conclude: Any) -> None:
    conclude()
    r = client.get(
        f"{API}/access",
        {"bin": people["plant"].identifier, "hs_code": "870421", "on": "2026-02-01"},
        **_auth(people["customer"]),
    )
    assert r.status_code == 200
    assert r.json()["required"]
    assert not r.json()["granted"]
    r = client.get(f"{API}/access", {"bin": "x", "hs_code": "870421"}, **_auth(people["customer"]))
    assert r.status_code == 422


def test_the_api_names_every_category_and_operation() -> None:
    from typing import get_args

    from nisi.assembly import api, rules

    assert set(get_args(api.CategoryName)) == {c.value for c in rules.Category}
    assert set(get_args(api.OperationName)) == {o.value for o in rules.Operation}
