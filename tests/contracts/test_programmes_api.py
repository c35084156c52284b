"""The programmes' API: the customer's and the authorized body's systems go through the same services and policy as
the pages (IP-61-1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.contracts.programmes_fixtures import START

pytestmark = pytest.mark.django_db
BASE = "/api/v1/contracts/programmes"


def token_client(make_user: Any, role: str, organization: Any = None) -> Client:
    user = make_user(role, organization=organization)
    raw = api_token_create(actor=actor_for(user), name="test")[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")


def post(client: Client, path: str, body: Any = None) -> Any:
    return client.post(path, body or {}, content_type="application/json")


def test_the_whole_cycle_through_the_api(make_user: Any, make_org: Any) -> None:
    org = make_org(name="АО «Квазигос»")
    customer = token_client(make_user, Role.MAJOR_CUSTOMER, org)
    officer = token_client(make_user, Role.AUTHORIZED_BODY)
    with clock.frozen(START):
        created = post(customer, BASE, {"customer_kind": "quasi_public", "title": "Local content", "first_year": 2026})
        assert created.status_code == 201, created.content
        number = created.json()["number"]
        here = f"{BASE}/{number}"
        assert post(customer, f"{here}/submission").status_code == 422  # nothing planned yet
        values = {"2026": "10", "2027": "11", "2028": "12"}
        for area, share in (("domestic_share", True), ("industrial_contracts", False), ("sme_development", False)):
            answer = post(
                customer,
                f"{here}/targets",
                {
                    "area": area,
                    "indicator": f"{area} indicator",
                    "unit": "%",
                    "is_share": share,
                    "baseline": "9",
                    "values": values,
                },
            )
            assert answer.status_code == 200, answer.content
            answer = post(
                customer, f"{here}/actions", {"area": area, "description": f"Do {area}", "due_on": "2026-12-01"}
            )
            assert answer.status_code == 200, answer.content
        submitted = post(customer, f"{here}/submission")
        assert submitted.json()["status"] == "submitted"
        assert post(customer, f"{here}/agreement").status_code == 403  # the customer never agrees
        assert "agree" in officer.get(here).json()["allowed_actions"]
        refused = post(officer, f"{here}/refusal", {"ground": "late", "reasons": "x"})
        assert refused.status_code == 422  # not a ground of IP-61-1.2
        assert post(officer, f"{here}/agreement").json()["status"] == "agreed"
        assert post(officer, f"{here}/agreement").status_code == 409  # already agreed
    targets = customer.get(here).json()["targets"]
    with clock.frozen(dt.date(2027, 2, 1)):
        report = post(
            customer,
            f"{here}/reports",
            {"year": 2026, "summary": "Done", "figures": {str(t["id"]): "11" for t in targets}},
        )
        assert report.status_code == 201, report.content
        monitored = post(officer, f"{here}/reports/2026/monitoring", {"assessment": "on_track"})
        assert monitored.json()["assessment"] == "on_track"
    reached = customer.get(here).json()["targets"][0]["values"][0]
    assert (reached["year"], reached["planned"], reached["reached"]) == (2026, "10.00", "11.00")


def test_the_api_refuses_bad_input_without_a_server_error(make_user: Any, make_org: Any) -> None:
    org = make_org()
    customer = token_client(make_user, Role.MAJOR_CUSTOMER, org)
    with clock.frozen(START):
        assert post(customer, BASE, {"customer_kind": "bank", "title": "T", "first_year": 2026}).status_code == 422
        assert (
            post(customer, BASE, {"customer_kind": "quasi_public", "title": "", "first_year": 2026}).status_code == 422
        )
        number = post(customer, BASE, {"customer_kind": "quasi_public", "title": "T", "first_year": 2026}).json()[
            "number"
        ]
        too_big = {"area": "other", "indicator": "i", "unit": "u", "baseline": "1e20", "values": {}}
        assert post(customer, f"{BASE}/{number}/targets", too_big).status_code == 422
        assert customer.get(f"{BASE}/DVP-1").status_code == 422
        assert customer.get(f"{BASE}/DVP-2026-99999").status_code == 404
        assert customer.get(f"{BASE}/{number}/reports/1999").status_code == 422
        assert customer.delete(f"{BASE}/{number}/actions/99999").status_code == 422


def test_a_user_without_a_programme_role_is_refused(make_user: Any, make_org: Any) -> None:
    applicant = token_client(make_user, Role.APPLICANT, make_org())
    assert applicant.get(BASE).status_code == 403
    with clock.frozen(START):
        answer = post(applicant, BASE, {"customer_kind": "quasi_public", "title": "T", "first_year": 2026})
    assert answer.status_code == 403
