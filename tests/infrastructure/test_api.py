"""The infrastructure API: the public register (list, one entry, as of a day), the authorized body's writes, the
selection of territorial clusters, and every refusal answered with its described status."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from tests.core.publication.helpers import assert_api_as_of_refused
from tests.infrastructure.conftest import bins

API = "/api/v1/infrastructure"
pytestmark = pytest.mark.django_db
JSON = "application/json"


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {
        "HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}",
        "HTTP_ACCEPT_LANGUAGE": "en",
    }


def _body(people: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {
        "kind": "technopark",
        "identifier": people["park"].identifier,
        "name": "Технопарк «Алатау»",
        "kato": "751210000",
        "included_on": "2026-01-15",
        **changes,
    }


def test_include_decide_and_read_as_of(client: Client, people: dict[str, Any], today: dt.date) -> None:
    officer = _auth(people["officer"])
    r = client.post(f"{API}/register", _body(people), content_type=JSON, **officer)
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert r.json()["provisions"] == ["IP-17.3", "IP-18"]
    r = client.post(
        f"{API}/register/{number}/decisions",
        {"decision": "suspend", "reasons": "Проверка", "on": "2026-03-01"},
        content_type=JSON,
        **officer,
    )
    assert r.status_code == 200
    assert r.json()["status"] == "suspended"
    # Public reads, no token.
    assert [e["status"] for e in client.get(f"{API}/register?on=2026-02-01").json()] == ["included"]
    assert [e["status"] for e in client.get(f"{API}/register").json()] == ["suspended"]
    assert client.get(f"{API}/register?on=2026-01-01").json() == []
    assert client.get(f"{API}/register?kind=design_bureau").json() == []
    assert len(client.get(f"{API}/register?region=75").json()) == 1
    assert client.get(f"{API}/register/{number}?on=2026-02-01").json()["status"] == "included"
    assert client.get(f"{API}/register/{number}?on=2025-12-31").status_code == 404


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"identifier": "123456789012"}, 422),  # check digit
        ({"identifier": "12345"}, 422),  # shape
        ({"kind": "coworking"}, 422),
        ({"kato": "99121000"}, 422),
        ({"kato": "991210000"}, 422),  # no such region
        ({"included_on": "2026-07-01"}, 422),  # later than today
    ],
)
def test_a_bad_inclusion_is_refused_at_the_edge_or_by_the_service(
    client: Client, people: dict[str, Any], today: dt.date, changes: dict[str, Any], status: int
) -> None:
    r = client.post(f"{API}/register", _body(people, **changes), content_type=JSON, **_auth(people["officer"]))
    assert r.status_code == status, r.content
    assert r.json()["detail"]


def test_writes_are_the_authorized_bodys(client: Client, people: dict[str, Any], today: dt.date) -> None:
    r = client.post(f"{API}/register", _body(people), content_type=JSON, **_auth(people["institute"]))
    assert r.status_code == 403
    assert client.post(f"{API}/register", _body(people), content_type=JSON).status_code == 401
    r = client.post(f"{API}/register", _body(people), content_type=JSON, **_auth(people["officer"]))
    number = r.json()["number"]
    decision = {"decision": "exclude", "reasons": "x"}
    assert (
        client.post(
            f"{API}/register/{number}/decisions", decision, content_type=JSON, **_auth(people["auditor"])
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"{API}/register/INF-2026-99999/decisions", decision, content_type=JSON, **_auth(people["officer"])
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"{API}/register/bad/decisions", decision, content_type=JSON, **_auth(people["officer"])
        ).status_code
        == 422
    )
    early = {"decision": "suspend", "reasons": "x", "on": "2025-01-01"}
    assert (
        client.post(
            f"{API}/register/{number}/decisions", early, content_type=JSON, **_auth(people["officer"])
        ).status_code
        == 422
    )


@pytest.mark.law("IP-23.4")  # the competitive selection into the register of territorial clusters
def test_the_selection_through_the_api(client: Client, people: dict[str, Any]) -> None:
    officer = _auth(people["officer"])
    call_body = {
        "title": "Отбор 2026",
        "description": "",
        "opens_on": "2026-03-01",
        "closes_on": "2026-04-30",
        "budget": "500000000.00",
        "max_per_project": "300000000.00",
        "pass_score": "60",
        "experts_per_application": 1,
        "criteria": [{"code": "plan", "title": "План", "weight": "100", "max_score": 10}],
    }
    with clock.frozen(dt.date(2026, 2, 20)):
        bad = {**call_body, "criteria": [{"code": "plan", "title": "План", "weight": "90", "max_score": 10}]}
        assert client.post(f"{API}/clusters/calls", bad, content_type=JSON, **officer).status_code == 422
        r = client.post(f"{API}/clusters/calls", call_body, content_type=JSON, **officer)
        assert r.status_code == 201, r.content
        number = r.json()["number"]
        assert (
            client.post(f"{API}/clusters/calls/{number}/open", content_type=JSON, **officer).json()["status"] == "open"
        )
    assert client.get(f"{API}/clusters/calls/{number}").status_code == 200  # public once open
    apply = {
        "identifier": people["cluster_org"].identifier,
        "cluster_name": "Кластер",
        "development_plan": "План",
        "specialization": "Металлургия",
        "kato": "351010000",
        "participants": bins(1, 2),
        "requested_amount": "100000000.00",
        "plan_starts_on": "2026-07-01",
        "plan_ends_on": "2027-12-31",
    }
    with clock.frozen(dt.date(2026, 3, 10)):
        other = {**apply, "identifier": people["park"].identifier}
        assert (
            client.post(
                f"{API}/clusters/calls/{number}/applications", other, content_type=JSON, **_auth(people["applicant"])
            ).status_code
            == 403
        )
        short = {**apply, "participants": bins(1)}
        assert (
            client.post(
                f"{API}/clusters/calls/{number}/applications", short, content_type=JSON, **_auth(people["applicant"])
            ).status_code
            == 422
        )
        r = client.post(
            f"{API}/clusters/calls/{number}/applications", apply, content_type=JSON, **_auth(people["applicant"])
        )
        assert r.status_code == 201, r.content
        application = r.json()["number"]
    with clock.frozen(dt.date(2026, 5, 1)):
        expert = people["expert_user"]
        r = client.post(
            f"{API}/clusters/applications/{application}/experts",
            {"expert_user_id": expert.pk},
            content_type=JSON,
            **officer,
        )
        assert r.status_code == 201
        pk = r.json()["id"]
        mine = _auth(actor_for(expert))
        assert (
            client.post(
                f"{API}/clusters/assignments/{pk}/scores",
                {"scores": {"plan": 9}, "comment": "x"},
                content_type=JSON,
                **mine,
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"{API}/clusters/assignments/{pk}/declaration", {"conflict": False}, content_type=JSON, **mine
            ).status_code
            == 200
        )
        assert (
            client.post(
                f"{API}/clusters/assignments/{pk}/scores",
                {"scores": {"plan": 9}, "comment": "x"},
                content_type=JSON,
                **mine,
            ).status_code
            == 200
        )
        assert client.post(f"{API}/clusters/calls/{number}/close", content_type=JSON, **officer).status_code == 200
        r = client.post(f"{API}/clusters/calls/{number}/decide", content_type=JSON, **officer)
        assert r.json()["status"] == "decided"
    results = client.get(f"{API}/clusters/calls/{number}/results").json()
    assert [(a["number"], a["status"]) for a in results] == [(application, "approved")]
    clusters = client.get(f"{API}/register?kind=territorial_cluster&on=2026-05-01").json()
    assert [c["basis"] for c in clusters] == ["selection"]
    standing = client.get(f"{API}/clusters/standing/{bins(1)[0]}?on=2026-05-01", **officer).json()
    assert standing["selected"]
    assert standing["registered"]


def test_the_apis_kinds_are_the_models() -> None:
    from typing import get_args

    from nisi.infrastructure.api.common import KindName
    from nisi.infrastructure.models import Kind

    assert list(get_args(KindName)) == list(Kind.values)


def test_the_register_answers_as_of_a_day_as_every_public_list(
    client: Client, people: dict[str, Any], today: dt.date
) -> None:
    """`as_of` (ADR 45) reads the day by the pages' rule and, given, wins over `on`."""
    officer = _auth(people["officer"])
    number = client.post(f"{API}/register", _body(people), content_type=JSON, **officer).json()["number"]
    client.post(
        f"{API}/register/{number}/decisions",
        {"decision": "suspend", "reasons": "Проверка", "on": "2026-03-01"},
        content_type=JSON,
        **officer,
    )
    assert [e["status"] for e in client.get(f"{API}/register?as_of=2026-02-01").json()] == ["included"]
    assert [e["status"] for e in client.get(f"{API}/register?as_of=2026-03-01&on=2026-02-01").json()] == ["suspended"]
    assert client.get(f"{API}/register?as_of=2026-01-01").json() == []  # before it was included
    assert client.get(f"{API}/register/{number}?as_of=2026-02-01").json()["status"] == "included"
    assert client.get(f"{API}/register/{number}?as_of=2025-12-31").status_code == 404
    assert_api_as_of_refused(client, f"{API}/register")
    assert_api_as_of_refused(client, f"{API}/register/{number}")
