"""The incentives' pages: the public catalogue, list and pre-check; the application, refused and routed; the
operator's decision; the authorized body's upload of a version of the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nisi.incentives.models import IncentiveApplication, PriorityList, RequestedMeasure
from tests.incentives.fixtures import World


def client_of(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_public_catalogue_list_and_measure(world: World, english: None) -> None:
    public = client_of()
    home = public.get("/en/incentives/")
    assert home.status_code == 200
    text = home.content.decode()
    assert "Финансирование проектов" in text
    assert "Opens on 01.04.2026" in text
    measure = public.get("/en/incentives/measures/dbk-financing/")
    assert measure.status_code == 200
    assert "IP-30" in measure.content.decode()
    assert "unconfirmed" in measure.content.decode()
    assert public.get("/en/incentives/measures/nope/").status_code == 404
    goods = public.get("/en/incentives/priority-goods/")
    assert "730429" in goods.content.decode()
    assert public.get("/en/incentives/priority-goods/?version=99").status_code == 404
    assert public.get("/en/incentives/priority-goods/?version=abc").status_code == 404


def test_the_public_pre_check(world: World, english: None) -> None:
    public = client_of()
    page = public.get(f"/en/incentives/pre-check/?bin={world.applicant.identifier}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Asked when you apply" in text
    assert "No goods of the production were named" in text
    assert "Enter the BIN as 12 digits" in public.get("/en/incentives/pre-check/?bin=abc").content.decode()
    unknown = public.get("/en/incentives/pre-check/?bin=000000000000").content.decode()
    assert "No entity with this BIN" in unknown


def test_apply_for_two_measures_then_the_operator_grants(world: World, english: None) -> None:
    applicant = client_of(world.users["applicant"])
    form = applicant.get("/en/incentives/apply/")
    assert form.status_code == 200
    assert "Гарантии по кредитам" not in form.content.decode()  # not open today
    answer = applicant.post(
        "/en/incentives/apply/",
        {
            "measures": ["dbk-financing", "damu-subsidy"],
            "project": "Сборочный завод",
            "purpose": "working_capital",
            "hs_codes": "870421",
            "counter_obligations_accepted": "on",
        },
    )
    assert answer.status_code == 302
    application = IncentiveApplication.objects.get()
    page = applicant.get(answer["Location"])
    assert "working capital" in page.content.decode()
    assert application.status == IncentiveApplication.Status.REFUSED
    # an operator's page: the request refused by the nisi never reached it
    bank = client_of(world.users["bank"])
    request = application.measures.get(measure__code="dbk-financing")
    assert bank.get(f"/en/incentives/requests/{request.number}/").status_code == 404


def test_the_operator_assesses_and_grants_on_its_page(world: World, english: None) -> None:
    from tests.incentives.test_applications import apply

    application = apply(world, "dbk-financing")
    request = application.measures.get()
    bank = client_of(world.users["bank"])
    url = f"/en/incentives/requests/{request.number}/"
    assert "Assess the criteria" in bank.get(url).content.decode()
    assert "Requests routed to you" in bank.get("/en/incentives/").content.decode()
    assert request.number in bank.get("/en/incentives/applications/").content.decode()
    refused = bank.post(url, {"step": "grant"}, follow=True)
    assert "Assess the five criteria" in refused.content.decode()
    criteria = dict.fromkeys(("innovativeness", "competitiveness", "scale", "export_orientation"), "adequate")
    incomplete = bank.post(url, {"step": "assess", **criteria})
    assert incomplete.status_code == 200
    assert "Assess this criterion" in incomplete.content.decode()
    bank.post(url, {"step": "assess", **criteria, "labour_productivity": "strong"})
    bank.post(url, {"step": "grant"})
    request.refresh_from_db()
    assert request.status == RequestedMeasure.Status.GRANTED
    # the other operator and another entity see nothing
    assert client_of(world.users["agent"]).get(url).status_code == 404
    assert client_of(world.users["other"]).get(f"/en/incentives/applications/{application.number}/").status_code == 404
    # the applicant may not decide
    assert client_of(world.users["applicant"]).post(url, {"step": "grant"}).status_code == 403


def test_an_application_for_a_closed_measure_is_refused_on_the_form(world: World, english: None) -> None:
    applicant = client_of(world.users["applicant"])
    answer = applicant.post(
        "/en/incentives/apply/",
        {"measures": ["damu-guarantee"], "project": "x", "purpose": "expansion", "hs_codes": "8704"},
    )
    assert answer.status_code == 200
    assert "Select a valid choice" in answer.content.decode()
    assert not IncentiveApplication.objects.exists()


def test_only_an_entitys_user_may_open_the_application_form(world: World) -> None:
    assert client_of(world.users["bank"]).get("/en/incentives/apply/").status_code == 404
    assert client_of().get("/en/incentives/apply/").status_code == 302


def test_the_authorized_body_uploads_a_version_and_sees_every_bad_row(world: World, english: None) -> None:
    officer = client_of(world.users["officer"])
    bad = b"hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n87,X,low,1,1,1\n"
    answer = officer.post(
        "/en/incentives/priority-goods/upload/",
        {"file": SimpleUploadedFile("v.csv", bad), "in_force_from": "2026-04-01", "basis": "Приказ № 2"},
    )
    assert answer.status_code == 422
    assert "Line 2" in answer.content.decode()
    good = (
        b"hs_code,name,level,technological_complexity,export_potential,domestic_market_potential\n8704,X,high,1,1,1\n"
    )
    answer = officer.post(
        "/en/incentives/priority-goods/upload/",
        {"file": SimpleUploadedFile("v.csv", good), "in_force_from": "2026-04-01", "basis": "Приказ № 2"},
    )
    assert answer.status_code == 302
    assert PriorityList.objects.filter(version=2, in_force_from=dt.date(2026, 4, 1)).exists()
    assert client_of(world.users["applicant"]).get("/en/incentives/priority-goods/upload/").status_code == 404


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_pages_answer_in_kazakh_and_russian(world: World, language: str) -> None:
    for path in ("", "priority-goods/", f"pre-check/?bin={world.applicant.identifier}", "measures/dbk-financing/"):
        assert client_of().get(f"/{language}/incentives/{path}").status_code == 200
