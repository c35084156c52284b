"""The reporting pages (IP-6.1, IP-6.3): the forms, a form's versions and returns, the effectiveness of measures in
public and for the authorized body (each view recorded), the consents and the record of views; the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.core.authz import actor_for
from nisi.core.models import DisclosureConsent, DisclosureView
from nisi.core.roles import Role
from nisi.core.services.tokens import api_token_create
from nisi.reporting.models import AssessmentReturn, FormVersion
from tests.reporting.factories import agreement, operator

pytestmark = pytest.mark.django_db


def _login(client: Client, actor: Any) -> Client:
    client.force_login(get_user_model().objects.get(pk=actor.user_id))
    return client


def _auth(actor: Any) -> dict[str, str]:
    user = get_user_model().objects.get(pk=actor.user_id)
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"}


def test_the_authorized_body_makes_and_approves_a_form(client: Client, people: dict[str, Any], today: dt.date) -> None:
    _login(client, people["officer"])
    r = client.post(
        "/en/reporting/forms/",
        {"code": "ip61-q", "title": "Quarterly", "purpose": "assessment", "periodicity": "quarter"},
    )
    assert r.status_code == 302
    here = "/en/reporting/forms/ip61-q/"
    bad = client.post(here, {"step": "fields", "fields_json": "Bad Code;integer;yes;a;b"})
    assert bad.status_code == 200
    assert "lower-case" in bad.content.decode()
    fields = "employees;integer;yes;Қызметкерлер;Работники;Employees\noutput;amount;no;Өнім;Продукция;Output"
    assert client.post(here, {"step": "fields", "fields_json": fields}).status_code == 302
    missing = client.post(here, {"step": "approve", "in_force_from": "2026-03-10", "statistics_agreement": ""})
    assert "statistics body" in missing.content.decode()
    assert (
        client.post(
            here, {"step": "approve", "in_force_from": "2026-03-10", "statistics_agreement": "No. 5"}
        ).status_code
        == 302
    )
    assert client.post(here, {"step": "filers", "filers": people["entity"].identifier}).status_code == 302
    version = FormVersion.objects.get(form__code="ip61-q")
    assert version.status == "approved"
    assert version.statistics_agreement == "No. 5"
    page = Client().get(here).content.decode()  # the public sees the approved version
    assert "Employees" in page
    assert "Draft a new version" not in page


def test_an_entity_files_by_form_and_by_file(client: Client, people: dict[str, Any], approved_form: Any) -> None:
    _login(client, people["applicant"])
    here = f"/en/reporting/forms/{approved_form.code}/"
    page = client.get(here).content.decode()
    assert "File the return" in page
    assert "Approve" not in page
    bad = client.post(
        here,
        {
            "step": "return",
            "organization": people["entity"].identifier,
            "year": "2025",
            "employees": "1.5",
            "output": "10",
        },
    )
    assert bad.status_code == 200
    assert "whole number" in bad.content.decode()
    assert not AssessmentReturn.objects.exists()
    ok = client.post(
        here,
        {
            "step": "return",
            "organization": people["entity"].identifier,
            "year": "2025",
            "employees": "15",
            "output": "10",
        },
    )
    assert ok.status_code == 302
    content = f"bin,year,period,employees,output\n{people['entity'].identifier},2025,,1,1\n".encode()
    r = client.post(here, {"step": "file", "file": SimpleUploadedFile("r.csv", content)})
    assert r.status_code == 200
    assert "line 2" in r.content.decode().lower()
    filed = AssessmentReturn.objects.get()
    assert client.get(f"/en/reporting/returns/{filed.pk}/").status_code == 200
    assert not DisclosureView.objects.exists()  # its own figures
    _login(client, people["officer"])
    assert client.get(f"/en/reporting/returns/{filed.pk}/").status_code == 200
    assert DisclosureView.objects.get().ground == "law"
    _login(client, people["other_applicant"])
    assert client.get(f"/en/reporting/returns/{filed.pk}/").status_code == 403


@pytest.fixture
def effectiveness(make_org: Any) -> list[Any]:
    _bank, measure = operator(make_org, "Bank", "m-pages")
    entities = [make_org(f"Entity {i}") for i in range(4)]
    for e in entities:
        agreement(
            e,
            measure,
            region="35",
            payments=[(dt.date(2025, 4, 1), "1000.00")],
            reports=[(dt.date(2025, 12, 31), "0.8")],
        )
    agreement(entities[0], measure, region="71", payments=[(dt.date(2025, 4, 1), "5.00")])
    return entities


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_public_aggregate_and_its_csv(
    client: Client, today: dt.date, effectiveness: list[Any], language: str
) -> None:
    r = client.get(f"/{language}/reporting/effectiveness/?year=2025")
    assert r.status_code == 200
    html = r.content.decode()
    assert "Entity 0" not in html
    assert "govuk-tag--grey" in html  # region 71 (one entity) and the cell a total would give it back from
    csv = client.get("/en/reporting/effectiveness/?year=2025&format=csv").content.decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("year,measure,")
    assert "Entity 0" not in csv


@pytest.mark.parametrize("year", ["1999", "abc", "2999", "２０２５"])
def test_a_bad_year_never_breaks_the_page(client: Client, today: dt.date, year: str) -> None:
    assert client.get(f"/en/reporting/effectiveness/?year={year}").status_code == 200


def test_the_authorized_body_sees_the_entities_and_the_views_are_recorded(
    client: Client, today: dt.date, people: dict[str, Any], effectiveness: list[Any]
) -> None:
    _login(client, people["officer"])
    html = client.get("/en/reporting/effectiveness/entities/?year=2025").content.decode()
    assert all(e.name in html for e in effectiveness)
    assert DisclosureView.objects.filter(ground="law").count() == 4
    csv = client.get("/en/reporting/effectiveness/entities/?year=2025&format=csv").content.decode("utf-8-sig")
    assert "Entity 3" in csv
    # The entity reads who saw its figures.
    entity_user = actor_for(get_user_model().objects.create_user("e0"))
    from nisi.core.models import RoleAssignment

    RoleAssignment.objects.create(user_id=entity_user.user_id, role=Role.APPLICANT, organization=effectiveness[0])
    _login(client, entity_user)
    page = client.get("/en/reporting/confidentiality/").content.decode()
    assert "effectiveness of measures 2025" in page
    assert client.get("/en/reporting/effectiveness/entities/?year=2025").content.decode().count("Entity 0") >= 1


def test_an_entity_gives_and_withdraws_its_consent(client: Client, people: dict[str, Any], make_org: Any) -> None:
    bank = make_org("Bank")
    _login(client, people["applicant"])
    bad = client.post("/en/reporting/confidentiality/", {"step": "give", "recipient": "123", "dataset": "x"})
    assert bad.status_code == 200
    assert "12 digits" in bad.content.decode()
    ok = client.post(
        "/en/reporting/confidentiality/",
        {"step": "give", "recipient": bank.identifier, "dataset": "incentives.effectiveness"},
    )
    assert ok.status_code == 302
    consent = DisclosureConsent.objects.get()
    r = client.post("/en/reporting/confidentiality/", {"step": "withdraw", "consent": str(consent.pk)})
    assert r.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    _login(client, people["other_applicant"])
    assert (
        client.post("/en/reporting/confidentiality/", {"step": "withdraw", "consent": str(consent.pk)}).status_code
        == 404
    )


def test_the_api(client: Client, people: dict[str, Any], approved_form: Any, effectiveness: list[Any]) -> None:
    assert client.get("/api/v1/reporting/assessment/forms").json()[0]["versions"][0]["number"] == 1
    assert client.get("/api/v1/reporting/assessment/forms/nope").status_code == 404
    body = {"organization": people["entity"].identifier, "year": 2025, "values": {"employees": 3, "output": "10.50"}}
    r = client.post(
        f"/api/v1/reporting/assessment/forms/{approved_form.code}/returns",
        body,
        content_type="application/json",
        **_auth(people["applicant"]),
    )
    assert r.status_code == 201
    assert r.json()["values"] == {"employees": "3", "output": "10.50"}
    again = client.post(
        f"/api/v1/reporting/assessment/forms/{approved_form.code}/returns",
        body,
        content_type="application/json",
        **_auth(people["applicant"]),
    )
    assert again.status_code == 422
    assert (
        client.post(
            f"/api/v1/reporting/assessment/forms/{approved_form.code}/returns",
            body,
            content_type="application/json",
            **_auth(people["other_applicant"]),
        ).status_code
        == 403
    )
    assert len(client.get("/api/v1/reporting/assessment/returns", **_auth(people["officer"])).json()) == 1
    assert client.get("/api/v1/reporting/assessment/returns", **_auth(people["other_applicant"])).json() == []
    public = client.get("/api/v1/reporting/effectiveness/public?year=2025").json()
    assert public["minimum_entities"] == 3
    assert any(line["suppressed"] for line in public["lines"])
    assert client.get("/api/v1/reporting/effectiveness/public?year=abc").status_code == 422
    named = client.get("/api/v1/reporting/effectiveness/entities?year=2025", **_auth(people["officer"])).json()
    assert {line["ground"] for line in named["lines"]} == {"law"}
    assert client.get("/api/v1/reporting/effectiveness/entities?year=2025").status_code == 401
    stranger = client.get("/api/v1/reporting/effectiveness/entities?year=2025", **_auth(people["other_applicant"]))
    assert stranger.json() == {"year": 2025, "withheld": 0, "lines": []}
    seen = client.get("/api/v1/reporting/effectiveness/disclosures", **_auth(people["applicant"])).json()
    assert {v["ground"] for v in seen} == {"law"}  # the officer's view of its return
