"""A Russian or Kazakh reader's refusals of the map's bad input are in their language (issue 14's bad input: a
project outside Kazakhstan's territory, a report on a quarter not yet ended, a quarter reported twice, an unknown
KATO) — through the services and the API, with nothing written. They carry the words the catalogue gives their
message (the English text only while a message awaits its translation)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from nisi.core.authz import actor_for
from nisi.core.services.tokens import api_token_create
from nisi.industrialization.models import Project, QuarterlyReport
from nisi.industrialization.rules import Quarter, QuarterError
from nisi.industrialization.services import projects as services
from nisi.industrialization.services import reports
from tests.in_russian import in_russian

from .conftest import application

pytestmark = pytest.mark.django_db
OUTSIDE = (
    "The point %(lat)s, %(lon)s is outside the territory of Kazakhstan. Give the latitude and longitude of the "
    "project's site in decimal degrees (for example 51.128, 71.430)."
)
NOT_ENDED = (
    "The quarter %(quarter)s has not ended yet: information is given on an ended quarter (IP-6.2). The latest you may "
    "report is %(latest)s."
)
TWICE = (
    "The information on project %(number)s for %(quarter)s was already given. A quarter is reported once; ask the "
    "authorized body to correct it."
)
NO_REGION = "No region has KATO code %(code)s; check the first two digits of the KATO code."


def in_kazakh(msgid: str, **params: Any) -> str:
    with translation.override("kk"):
        text = translation.gettext(msgid)
    return text % params if params else text


def _report(**changes: Any) -> reports.ReportIn:
    data: dict[str, Any] = {
        "year": 2026,
        "quarter": 1,
        "stage": "construction",
        "investment_to_date": Decimal("3000000000.00"),
        "jobs_created": 120,
        "output": Decimal(0),
        "stage_date": dt.date(2026, 2, 1),
    }
    data.update(changes)
    return reports.ReportIn(**data)


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(("language", "words"), [("ru", in_russian), ("kk", in_kazakh)])
def test_a_project_outside_kazakhstan_is_refused_in_the_readers_language(
    people: dict[str, Any], today: dt.date, language: str, words: Any
) -> None:
    data = application(people, latitude=Decimal("55.75500"), longitude=Decimal("37.61700"))  # Moscow
    with translation.override(language), pytest.raises(services.MapError) as refused:
        services.project_apply(actor=people["applicant"], **data)
    assert str(refused.value) == words(OUTSIDE, lat="55.75500", lon="37.61700")
    assert not Project.objects.exists()


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(("language", "words"), [("ru", in_russian), ("kk", in_kazakh)])
def test_an_unknown_kato_is_refused_in_the_readers_language(
    people: dict[str, Any], today: dt.date, language: str, words: Any
) -> None:
    with translation.override(language), pytest.raises(services.MapError) as refused:
        services.project_apply(actor=people["applicant"], **application(people, kato="991010000"))
    assert str(refused.value) == words(NO_REGION, code="99")
    assert refused.value.field == "kato"
    assert not Project.objects.exists()


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(("language", "words"), [("ru", in_russian), ("kk", in_kazakh)])
def test_a_quarter_not_ended_is_refused_in_the_readers_language(
    people: dict[str, Any], today: dt.date, included: Any, language: str, words: Any
) -> None:
    project = included()
    with translation.override(language), pytest.raises(QuarterError) as refused:
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report(quarter=2))
    assert str(refused.value) == words(NOT_ENDED, quarter=Quarter(2026, 2), latest=Quarter(2026, 1))
    assert not QuarterlyReport.objects.exists()


@pytest.mark.law("IP-6.2")
@pytest.mark.parametrize(("language", "words"), [("ru", in_russian), ("kk", in_kazakh)])
def test_a_quarter_reported_twice_is_refused_in_the_readers_language(
    people: dict[str, Any], today: dt.date, included: Any, language: str, words: Any
) -> None:
    project = included()
    reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    with translation.override(language), pytest.raises(services.MapError) as refused:
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    assert str(refused.value) == words(TWICE, number=project.number, quarter=Quarter(2026, 1))
    assert QuarterlyReport.objects.count() == 1


def _token(actor: Any) -> str:
    user = get_user_model().objects.get(pk=actor.user_id)
    return f"Bearer {api_token_create(actor=actor_for(user), name='t')[1]}"


@pytest.mark.law("IP-6.2")
def test_the_api_refuses_in_russian_with_a_422(people: dict[str, Any], today: dt.date, included: Any) -> None:
    project = included()
    client = Client(HTTP_ACCEPT_LANGUAGE="ru", HTTP_AUTHORIZATION=_token(people["akimat"]))
    url = f"/api/v1/industrialization/projects/{project.number}/reports"
    body = {"year": 2026, "quarter": 2, "stage": "construction", "investment_to_date": "1.00", "jobs_created": 1}
    r = client.post(url, body, content_type="application/json")
    assert r.status_code == 422
    assert r.json()["detail"] == in_russian(NOT_ENDED, quarter=Quarter(2026, 2), latest=Quarter(2026, 1))
    assert not QuarterlyReport.objects.exists()
