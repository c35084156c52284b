"""The incentives' API: the public catalogue, list and pre-check; an application through the API, refused and
routed; the operator's assessment and decision; the upload of a version of the list — the pages' services and
policies."""

from __future__ import annotations

import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.registry.models import RecordPeriod
from tests.incentives.fixtures import World

API = "/api/v1/incentives"


def token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def post(path: str, body: dict[str, Any], user: Any, language: str | None = None) -> Any:
    asked = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return Client().post(f"{API}{path}", json.dumps(body), content_type="application/json", **asked, **token(user))


def application_body(w: World, **kw: Any) -> dict[str, Any]:
    return {
        "organization": w.applicant.identifier,
        "measures": ["dbk-financing", "damu-subsidy"],
        "project": "Сборочный завод",
        "purpose": "new_production",
        "hs_codes": ["870421"],
        "counter_obligations_accepted": True,
    } | kw


def test_the_public_catalogue_list_and_pre_check(world: World, english: None) -> None:
    public = Client()
    measures = public.get(f"{API}/measures?open_only=true").json()
    assert {m["code"] for m in measures} == {"dbk-financing", "damu-subsidy"}
    assert public.get(f"{API}/measures?on=2027-01-01&open_only=true").json()[1]["code"] == "damu-guarantee"
    one = public.get(f"{API}/measures/dbk-financing").json()
    assert (one["kind"], one["provisions"], one["operator_kind"]) == (
        "financing",
        ["IP-29.1", "IP-30"],
        "development_bank",
    )
    assert public.get(f"{API}/measures/nope").status_code == 404
    goods = public.get(f"{API}/priority-goods").json()
    assert goods["version"] == 1
    assert {g["hs_code"] for g in goods["goods"]} == {"8704", "730429"}
    assert public.get(f"{API}/priority-goods?on=2026-03-01").status_code == 404
    check = public.get(f"{API}/pre-check/{world.applicant.identifier}").json()
    assert [c["passed"] for c in check["conditions"]] == [False, None, True, True]
    assert check["conditions"][0]["findings"][0]["criterion"] == "no_goods"
    assert public.get(f"{API}/pre-check/12345").status_code == 422


def test_apply_then_the_operator_decides_through_the_api(world: World, english: None) -> None:
    created = post("/applications", application_body(world, purpose="working_capital"), world.users["applicant"])
    assert created.status_code == 201, created.content
    body = created.json()
    by_code = {m["measure"]: m for m in body["measures"]}
    assert by_code["damu-subsidy"]["status"] == "refused"
    assert by_code["damu-subsidy"]["findings"][0]["provision"] == "IP-33.1"
    assert by_code["dbk-financing"]["findings"][0]["provision"] == "IP-30.2"
    created = post("/applications", application_body(world, measures=["dbk-financing"]), world.users["applicant"])
    number = created.json()["measures"][0]["number"]
    bank = world.users["bank"]
    assert [r["number"] for r in Client().get(f"{API}/requests", **token(bank)).json()] == [number]
    assert post(f"/requests/{number}/grant", {}, bank).status_code == 422  # not assessed
    criteria = dict.fromkeys(("innovativeness", "competitiveness", "scale", "export_orientation"), "adequate")
    assert post(f"/requests/{number}/assess", criteria, bank).status_code == 422  # a criterion missing (schema)
    assert post(f"/requests/{number}/assess", criteria | {"labour_productivity": "weak"}, bank).status_code == 200
    assert post(f"/requests/{number}/grant", {}, world.users["agent"]).status_code == 404
    assert post(f"/requests/{number}/grant", {}, world.users["applicant"]).status_code == 403
    granted = post(f"/requests/{number}/grant", {}, bank)
    assert granted.json()["status"] == "granted"
    assert post(f"/requests/{number}/decline", {"reasons": "x"}, bank).status_code == 403
    mine = Client().get(f"{API}/applications/{created.json()['number']}", **token(world.users["applicant"]))
    assert mine.json()["measures"][0]["status"] == "granted"
    other = Client().get(f"{API}/applications/{created.json()['number']}", **token(world.users["other"]))
    assert other.status_code == 404


def test_a_measure_refused_because_the_producer_left_the_register_the_day_before(world: World, english: None) -> None:
    RecordPeriod.objects.filter(record__organization=world.applicant).update(included_to="2026-03-01")
    body = post("/applications", application_body(world), world.users["applicant"], "en").json()
    assert body["status"] == "refused"
    assert body["conditions"][3]["passed"] is False
    assert "was not in the register" in body["measures"][0]["findings"][0]["says"]


def test_bad_input_is_refused_at_the_edge(world: World, english: None) -> None:
    user = world.users["applicant"]
    closed = post("/applications", application_body(world, measures=["damu-guarantee"]), user, "en")
    assert closed.status_code == 422
    assert "opens on 01.04.2026" in closed.json()["detail"]
    assert post("/applications", application_body(world, hs_codes=["8A"]), user).status_code == 422
    assert post("/applications", application_body(world, purpose="x"), user).status_code == 422
    assert post("/applications", application_body(world, organization="000000000000"), user).status_code == 404
    assert post("/applications", application_body(world), world.users["other"]).status_code == 403


def test_the_authorized_body_uploads_a_version(world: World, english: None) -> None:
    header = "hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n"
    bad = Client().post(
        f"{API}/priority-goods",
        {
            "file": SimpleUploadedFile("v.csv", (header + "87,X,low,1,1,1\n").encode()),
            "in_force_from": "2026-04-01",
            "basis": "Приказ",
        },
        **token(world.users["officer"]),
    )
    assert bad.status_code == 422
    assert bad.json()["problems"][0]["line"] == 2
    ok = Client().post(
        f"{API}/priority-goods",
        {
            "file": SimpleUploadedFile("v.csv", (header + "8704,X,high,1,1,1\n").encode()),
            "in_force_from": "2026-04-01",
            "basis": "Приказ",
        },
        **token(world.users["officer"]),
    )
    assert ok.status_code == 201
    refused = Client().post(
        f"{API}/priority-goods",
        {
            "file": SimpleUploadedFile("v.csv", (header + "8704,X,high,1,1,1\n").encode()),
            "in_force_from": "2026-04-01",
            "basis": "Приказ",
        },
        **token(world.users["applicant"]),
    )
    assert refused.status_code == 403
