"""The participants' API: the public lookup and list, token-holders' registration and SEZ import — who may and who
may not (403), bad input (4xx, never 500), no internal ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from nisi.astana_hub.models import ClusterActorEntry, HubActor, SezParticipant
from nisi.core import identifiers
from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from tests.core.publication.helpers import assert_api_as_of_refused

API = "/api/v1/astana-hub"


def _token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def test_public_participant_lookup_on_a_date(
    client: Client, hub_actor: HubActor, cluster_actor: ClusterActorEntry
) -> None:
    bin_ = hub_actor.organization.identifier
    r = client.get(f"{API}/participants/{bin_}", {"on": "2025-01-15"})
    assert r.status_code == 200
    assert r.json() == {
        "identifier": bin_,
        "name": "ТОО «Hub Actor»",
        "on": "2025-01-15",
        "participant": True,
        "bases": [{"kind": "hub_actor", "provision": "AH-7.2.2-1"}],
    }
    assert client.get(f"{API}/participants/{bin_}", {"on": "2025-01-14"}).json()["participant"] is False
    unknown = identifiers.complete("99014000011")
    assert client.get(f"{API}/participants/{unknown}").json()["participant"] is False
    assert client.get(f"{API}/participants/{bin_[:11]}{(int(bin_[11]) + 1) % 10}").status_code == 422
    assert client.get(f"{API}/participants/{bin_}", {"on": "2025-02-30"}).status_code == 422
    listed = client.get(f"{API}/cluster-actors", {"on": "2025-02-01"}).json()
    assert [a["number"] for a in listed] == [cluster_actor.number]
    assert "id" not in listed[0]
    assert client.get(f"{API}/cluster-actors", {"on": "2025-01-31"}).json() == []


def test_an_organization_applies_and_the_fund_decides_through_the_api(
    client: Client, make_user: Any, make_org: Any, frozen_today: dt.date, english: None
) -> None:
    org = make_org(name="ТОО «API»")
    member = _token(make_user(Role.APPLICANT, organization=org))
    payload = {"identifier": org.identifier, "activity": "Open banking", "priority_direction": "fintech"}
    assert client.post(f"{API}/hub-actors", payload, content_type="application/json").status_code == 401
    r = client.post(f"{API}/hub-actors", payload, content_type="application/json", **member)
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert r.json()["status"] == "applied"
    r = client.post(f"{API}/hub-actors", payload, content_type="application/json", **member)
    assert r.status_code == 409
    assert "already has an application" in r.json()["detail"]
    other = make_org(name="Other")
    r = client.post(
        f"{API}/hub-actors", {**payload, "identifier": other.identifier}, content_type="application/json", **member
    )
    assert r.status_code == 403
    r = client.post(
        f"{API}/hub-actors", {**payload, "priority_direction": "x"}, content_type="application/json", **member
    )
    assert r.status_code == 422
    assert (
        client.post(f"{API}/hub-actors", {"identifier": 1}, content_type="application/json", **member).status_code
        == 422
    )

    decision = f"{API}/hub-actors/{number}/decision"
    r = client.post(decision, {"decision": "register"}, content_type="application/json", **member)
    assert r.status_code == 403
    auditor = _token(make_user(Role.AUDITOR))
    assert (
        client.post(decision, {"decision": "register"}, content_type="application/json", **auditor).status_code == 403
    )
    assert client.get(f"{API}/hub-actors/{number}", **auditor).status_code == 200
    fund = _token(make_user(Role.ASTANA_HUB_FUND))
    assert client.post(decision, {"decision": "approve"}, content_type="application/json", **fund).status_code == 422
    r = client.post(decision, {"decision": "refuse"}, content_type="application/json", **fund)
    assert r.status_code == 422
    assert "Give the reasons" in r.json()["detail"]
    r = client.post(decision, {"decision": "register"}, content_type="application/json", **fund)
    assert r.status_code == 200
    assert r.json()["status"] == "registered"
    assert r.json()["certificate_url"].startswith("http")
    assert client.get(f"{API}/hub-actors/{number}", **member).json()["registered_on"] == "2025-03-14"
    stranger = _token(make_user(Role.APPLICANT, organization=other))
    assert client.get(f"{API}/hub-actors/{number}", **stranger).status_code == 404
    assert client.get(f"{API}/hub-actors", **stranger).json() == []
    assert [h["number"] for h in client.get(f"{API}/hub-actors", **fund).json()] == [number]
    assert client.get(f"{API}/hub-actors/AH-A-1999-00001", **fund).status_code == 404


def test_sez_import_through_the_api(client: Client, make_user: Any, make_org: Any) -> None:
    known = make_org(name="ТОО «Known»")
    csv_text = f"bin;register_number;included_on\n{known.identifier};PIT-5;2024-03-01\n"
    payload = {"csv": csv_text, "source": "SEZ register feed"}
    auditor = _token(make_user(Role.AUDITOR))
    r = client.post(f"{API}/sez-participants/import", payload, content_type="application/json", **auditor)
    assert r.status_code == 403
    fund = _token(make_user(Role.ASTANA_HUB_FUND))
    bad = {"csv": csv_text + "123;PIT-6;2024-03-01\n", "source": "x"}
    r = client.post(f"{API}/sez-participants/import", bad, content_type="application/json", **fund)
    assert r.status_code == 422
    assert r.json()["problems"][0]["line"] == 3
    assert SezParticipant.objects.count() == 0
    r = client.post(f"{API}/sez-participants/import", payload, content_type="application/json", **fund)
    assert r.json() == {"created": 1, "updated": 0, "unchanged": 0, "organizations_created": []}
    r = client.post(f"{API}/sez-participants/import", payload, content_type="application/json", **fund)
    assert r.json()["unchanged"] == 1


@pytest.mark.parametrize("path", ["/hub-actors", "/hub-actors/AH-A-2025-00001"])
def test_token_endpoints_need_a_token(client: Client, path: str) -> None:
    assert client.get(f"{API}{path}").status_code == 401


def test_the_lookup_and_the_list_take_as_of_as_every_public_list(
    client: Client, hub_actor: HubActor, cluster_actor: ClusterActorEntry
) -> None:
    """`as_of` (ADR 45): read by the pages' rule, and given, it wins over `on`."""
    bin_ = hub_actor.organization.identifier
    assert client.get(f"{API}/participants/{bin_}", {"as_of": "2025-01-15"}).json()["participant"] is True
    assert client.get(f"{API}/participants/{bin_}", {"as_of": "2025-01-14", "on": "2025-01-15"}).json() == {
        "identifier": bin_,
        "name": "ТОО «Hub Actor»",
        "on": "2025-01-14",
        "participant": False,
        "bases": [],
    }
    listed = client.get(f"{API}/cluster-actors", {"as_of": "2025-02-01"}).json()
    assert [a["number"] for a in listed] == [cluster_actor.number]
    assert client.get(f"{API}/cluster-actors", {"as_of": "2020-01-01"}).json() == []  # before its inclusion
    assert_api_as_of_refused(client, f"{API}/participants/{bin_}")
    assert_api_as_of_refused(client, f"{API}/cluster-actors")
