"""The register's whole lifecycle through the API alone, as an enterprise's own system and an officer's would drive
it: an application from a draft to the extract, then a removal by monitoring, an objection and the commission's
decision; and each history as its readers see it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase

from nisi.core.authz import SYSTEM, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from nisi.registry.models import RegisterRecord
from nisi.registry.services import register
from nisi.verification.simulator.app import Simulator
from tests.registry.conftest import MP4, make_healthy

BASE = "/api/v1/register"
MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


class Api:
    """A client holding one user's token."""

    def __init__(self, user: Any) -> None:
        self.token = api_token_create(actor=actor_for(user), name="its system")[1]
        self.username = user.get_username()
        self.client = Client()

    def _headers(self, language: str) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if language:
            headers["Accept-Language"] = language
        return headers

    def get(self, path: str, language: str = "en") -> Any:
        return self.client.get(BASE + path, headers=self._headers(language))

    def send(self, method: str, path: str, body: dict[str, Any] | None = None, language: str = "en") -> Any:
        call = getattr(self.client, method)
        return call(BASE + path, body or {}, content_type="application/json", headers=self._headers(language))

    def upload(self, path: str, data: dict[str, Any]) -> Any:
        return self.client.post(BASE + path, data, headers=self._headers("en"))


@pytest.fixture
def frozen() -> Iterator[None]:
    with clock.frozen(MONDAY):
        yield


@pytest.fixture
def people(producer: Organization, make_user: Any, make_org: Any) -> dict[str, Api]:
    return {
        "applicant": Api(make_user(Role.APPLICANT, organization=producer)),
        "other_applicant": Api(make_user(Role.APPLICANT, organization=make_org(name="ТОО «Другое»"))),
        "officer": Api(make_user(Role.AUTHORIZED_BODY)),
        "commission": Api(make_user(Role.APPEALS_COMMISSION)),
        "auditor": Api(make_user(Role.AUDITOR)),
    }


def _apply(people: dict[str, Api], producer: Organization) -> str:
    """A complete draft, through the API."""
    me = people["applicant"]
    r = me.send("post", "/applications", {"identifier": producer.identifier})
    assert r.status_code == 201, r.content
    number = r.json()["number"]
    assert r.json()["status"] == "draft"
    assert "edit" in r.json()["actions"]
    site = {
        "site_kato": "351010000",
        "site_address": "Караганда, ул. Заводская, 1",
        "declared_conditions": "Slabs from our own melt shop; each batch tested.",
    }
    assert me.send("put", f"/applications/{number}/site", site).status_code == 200
    good = {
        "hs_code": "720810",
        "tnved_code": "7208100000",
        "name_ru": "Прокат плоский горячекатаный",
        "annual_capacity": "120000",
        "unit": "t",
        "declared_operations": ["heating", "rolling", "pickling", "coiling"],
        "ex_works_cost": "250000.00",
        "foreign_materials_cost": "37500.00",
    }
    r = me.send("post", f"/applications/{number}/goods", good)
    assert r.status_code == 201, r.content
    assert [g["code"] for g in r.json()["goods"]] == ["7208100000"]
    assert r.json()["goods"][0]["conditions_version"] == 1
    video = SimpleUploadedFile("rolling-mill.mp4", MP4, content_type="video/mp4")
    r = me.upload(f"/applications/{number}/evidence", {"kind": "video", "file": video})
    assert r.status_code == 201, r.content
    assert r.json()["evidence"][0]["content_type"] == "video/mp4"
    r = me.send(
        "put",
        f"/applications/{number}/consents",
        {"personal_data": True, "site_access": True, "video_surveillance": True},
    )
    assert r.status_code == 200
    assert r.json()["problems"] == []
    return number


def _include(people: dict[str, Api], producer: Organization, simulator: Simulator) -> tuple[str, str]:
    number = _apply(people, producer)
    make_healthy(simulator, producer.identifier, ["720810"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        r = people["applicant"].send("post", f"/applications/{number}/submit")
    assert r.status_code == 200, r.content
    r = people["applicant"].get(f"/applications/{number}")
    assert r.json()["status"] == "assessment"
    assert r.json()["criteria"]
    assert all(c["passed"] for c in r.json()["criteria"])
    queue = people["officer"].get("/assessment-queue").json()
    assert [a["number"] for a in queue] == [number]
    decision = {
        "evidence_sufficient": True,
        "participants": "A. Officer",
        "goods": [
            {"code": "7208100000", "confirmed_operations": ["heating", "rolling", "coiling"], "conditions_met": True}
        ],
    }
    r = people["officer"].send("post", f"/applications/{number}/assessment", decision)
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "included"
    assert r.json()["goods"][0]["decision"] == "included"
    # The decision's answer says where the producer now is: its register number and its extract (issue 10).
    assert r.json()["record"]
    extract = r.json()["extract"]
    assert extract["pdf_url"] == f"/api/v1/documents/{extract['token']}/pdf"
    assert extract["verification_url"].endswith(f"/verify/{extract['token']}/")
    return number, r.json()["record"]


@pytest.mark.django_db
@pytest.mark.usefixtures("steel_conditions", "frozen")
def test_an_application_goes_from_a_draft_to_the_extract_through_the_api_alone(
    people: dict[str, Api], producer: Organization, simulator: Simulator
) -> None:
    number, record = _include(people, producer, simulator)
    r = people["applicant"].get(f"/records/{record}")
    assert r.status_code == 200
    assert r.json()["status"] == "included"
    assert [g["tnved_code"] for g in r.json()["goods"]] == ["7208100000"]
    assert len(r.json()["extracts"]) == 1  # issued on inclusion (IP-51-1.8)
    r = people["applicant"].send("post", f"/records/{record}/extracts")
    assert r.status_code == 201
    extracts = r.json()["extracts"]
    assert len(extracts) == 2
    assert extracts[0]["status"] == "valid"
    assert extracts[1]["status"] == "replaced"  # the one issued on inclusion
    assert extracts[1]["replaced_by"] == extracts[0]["token"]
    assert "/verify/" in extracts[0]["verification_url"]
    pdf = people["applicant"].client.get(
        f"/api/v1/documents/{extracts[0]['token']}/pdf",
        headers={"Authorization": f"Bearer {people['applicant'].token}"},
    )
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    stranger = people["other_applicant"]
    refused = stranger.client.get(
        f"/api/v1/documents/{extracts[0]['token']}/pdf", headers={"Authorization": f"Bearer {stranger.token}"}
    )
    assert refused.status_code == 403

    history = people["applicant"].get(f"/applications/{number}/history").json()
    assert [h["action"] for h in history] == [
        "started",
        "submitted",
        "verification_passed",
        "assessed",
        "included",
    ]
    submitted = history[1]
    assert submitted["at"].endswith("+05:00")  # Kazakhstan's time
    assert submitted["actor"] == people["applicant"].username
    assert submitted["provisions"][0] == {
        "id": "IP-51-1.1.1",
        "words": "subparagraph 1 of paragraph 1 of article 51-1 of the Law on industrial policy",
    }
    assert history[2]["actor"] == "nisi, automatically"
    assert "7208100000" in submitted["text"]
    record_history = people["officer"].get(f"/records/{record}/history").json()
    assert [h["action"] for h in record_history] == ["included", "extract_issued", "extract_issued"]


@pytest.mark.django_db
@pytest.mark.usefixtures("steel_conditions", "frozen")
def test_a_removal_is_objected_to_and_decided_through_the_api(
    people: dict[str, Api], producer: Organization, simulator: Simulator
) -> None:
    _number, record_number = _include(people, producer, simulator)
    record = RegisterRecord.objects.get(number=record_number)
    reasons = [{"criterion": "tax_arrears", "provision": "IP-51-1.3"}]
    register.record_remove(actor=SYSTEM, record=record, ground="monitoring", reasons=reasons)
    r = people["applicant"].get(f"/records/{record_number}")
    assert r.json()["removal"]["ground"] == "monitoring"
    assert r.json()["removal"]["objection_until"] == "2026-04-17"  # thirty working days (IP-51-5.3)
    r = people["applicant"].send("post", f"/records/{record_number}/objections", {"grounds": "The arrears were paid."})
    assert r.status_code == 201, r.content
    appeal = r.json()["number"]
    again = people["applicant"].send("post", f"/records/{record_number}/objections", {"grounds": "Again."})
    assert again.status_code == 409

    commission = people["commission"]
    assert [a["number"] for a in commission.get("/objections").json()] == [appeal]
    r = commission.send("post", f"/objections/{appeal}/documents-request", {"documents": "The payment order."})
    assert r.status_code == 200
    assert r.json()["status"] == "documents_requested"
    r = commission.send("post", f"/objections/{appeal}/schedule", {"what": "hearing", "on": "2026-03-10"})
    assert r.status_code == 200
    assert r.json()["hearing_on"] == "2026-03-10"
    r = commission.send("post", f"/objections/{appeal}/decision", {"outcome": "upheld", "decision": "Paid in time."})
    assert r.status_code == 200, r.content
    assert r.json()["status"] == "upheld"
    assert people["applicant"].get(f"/records/{record_number}").json()["status"] == "included"
    later = commission.send("post", f"/objections/{appeal}/decision", {"outcome": "refused", "decision": "No."})
    assert later.status_code == 409  # decided: the decision binds (IP-51-5.6)

    actions = [h["action"] for h in people["applicant"].get(f"/objections/{appeal}/history").json()]
    assert actions == ["filed", "documents_requested", "hearing_scheduled", "decided"]
    record_actions = [h["action"] for h in people["officer"].get(f"/records/{record_number}/history").json()]
    assert record_actions[-3:] == ["removed", "appealed", "reinstated"]


@pytest.mark.django_db
@pytest.mark.usefixtures("steel_conditions", "frozen")
def test_the_history_is_in_the_readers_language(
    people: dict[str, Api], producer: Organization, simulator: Simulator
) -> None:
    number = _apply(people, producer)
    ru = people["applicant"].get(f"/applications/{number}/history", language="ru").json()
    en = people["applicant"].get(f"/applications/{number}/history", language="en").json()
    assert ru[0]["action"] == en[0]["action"] == "started"
    assert en[0]["text"] == "The application was started."
    assert "Law on industrial policy" in en[0]["provisions"][0]["words"]


@pytest.mark.django_db
@pytest.mark.usefixtures("steel_conditions", "frozen")
def test_others_see_neither_the_application_nor_its_history(
    people: dict[str, Api], producer: Organization, simulator: Simulator
) -> None:
    number = _apply(people, producer)
    for who in ("other_applicant", "commission"):
        assert people[who].get(f"/applications/{number}").status_code == 404
        assert people[who].get(f"/applications/{number}/history").status_code == 404
    # A draft is the applicant's own until it is submitted.
    assert people["officer"].get(f"/applications/{number}/history").status_code == 404
    assert Client().get(f"{BASE}/applications/{number}/history").status_code == 401
