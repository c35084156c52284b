"""The register's lists a page at a time, filtered and sorted (issue 10): the applications, the assessment queue,
the objections, the public register and the personal account's documents."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from nisi.core.authz import Actor, Grant
from nisi.core.roles import Role
from nisi.registry.models import RegisterApplication, RegisterGood, RegisterRecord
from nisi.registry.services import applications, register
from nisi.registry.services.register import _record_for
from tests.registry.conftest import OFFICER

pytestmark = pytest.mark.django_db


def _numbers(page: str) -> list[str]:
    return re.findall(r'href="/en/register/applications/([^/"]+)/"', page)


@pytest.fixture
def thirty(make_org: Any) -> list[RegisterApplication]:
    out = []
    for i in range(30):
        org = make_org(name=f"ТОО «Завод {i:02d}»")
        actor = Actor(user_id=1, label="a", grants=(Grant(Role.APPLICANT, organization_id=org.pk),))
        out.append(applications.application_start(actor=actor, organization=org))
    # Five of them at the assessment, two of those at an inspection.
    for a in out[:5]:
        a.status = RegisterApplication.Status.ASSESSMENT
        a.submitted_at = a.created_at
        a.save()
    RegisterApplication.objects.filter(pk__in=[a.pk for a in out[:2]]).update(
        status=RegisterApplication.Status.INSPECTION
    )
    return out


def test_the_applications_come_25_a_page_filtered_and_sorted(
    client: Client, make_user: Any, thirty: list[RegisterApplication]
) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    first = client.get("/en/register/applications/").content.decode()
    assert len(_numbers(first)) == 25
    assert 'href="?page=2"' in first
    second = client.get("/en/register/applications/", {"page": "2"}).content.decode()
    assert len(_numbers(second)) == 5
    assert not set(_numbers(first)) & set(_numbers(second))
    assert len(_numbers(client.get("/en/register/applications/", {"status": "draft"}).content.decode())) == 25
    by_name = client.get("/en/register/applications/", {"q": "Завод", "order": "organization"}).content.decode()
    assert 'href="?q=%D0%97%D0%B0%D0%B2%D0%BE%D0%B4&amp;order=organization&amp;page=2"' in by_name  # filters kept
    names = re.findall(r"ТОО «Завод (\d\d)»", by_name)
    assert names == [f"{i:02d}" for i in range(25)]
    assert _numbers(client.get("/en/register/applications/", {"q": "Завод 07"}).content.decode()) == [thirty[7].number]
    assert (
        "No applications match these filters."
        in client.get("/en/register/applications/", {"status": "withdrawn"}).content.decode()
    )
    # Answers that are not among the choices show the list unfiltered, never an error.
    assert (
        client.get("/en/register/applications/", {"status": "x" * 300, "order": "x", "page": "-1"}).status_code == 200
    )


def test_the_assessment_queue_is_filtered_and_sorted(
    client: Client, make_user: Any, thirty: list[RegisterApplication]
) -> None:
    client.force_login(make_user(Role.AUTHORIZED_BODY))
    page = client.get("/en/register/assessment/").content.decode()
    assert len(_numbers(page)) == 5
    inspections = client.get("/en/register/assessment/", {"status": "inspection"}).content.decode()
    assert sorted(_numbers(inspections)) == sorted(a.number for a in thirty[:2])
    assert 'id="list-order"' in page


def test_the_objections_list_has_its_filters(client: Client, make_user: Any) -> None:
    client.force_login(make_user(Role.APPEALS_COMMISSION))
    page = client.get("/en/register/appeals/", {"status": "upheld", "order": "producer"}).content.decode()
    assert 'id="id_status"' in page
    assert "No objections." in page


def _good(make_org: Any, name: str, code: str, included: dt.date, share: int) -> None:
    org = make_org(name=name)
    record, _ = _record_for(org, RegisterRecord.Basis.ASSESSED, org.kato, included)
    RegisterGood.objects.create(
        record=record,
        hs_code=code,
        name_ru="Прокат",
        annual_capacity=Decimal(1),
        unit="t",
        domestic_value_share=Decimal(share),
        included_on=included,
    )


def test_the_public_register_is_sorted_and_filtered_by_the_day_of_inclusion(make_org: Any, client: Client) -> None:
    _good(make_org, "ТОО «Альфа»", "720810", dt.date(2026, 1, 10), 40)
    _good(make_org, "ТОО «Бета»", "730410", dt.date(2026, 2, 10), 90)
    _good(make_org, "ТОО «Гамма»", "720851", dt.date(2026, 3, 10), 60)

    def producers(**query: str) -> list[str]:
        page = client.get("/en/register/", {"q": "прокат", **query}).content.decode()
        return re.findall(r"ТОО «(\w+)»</a>", page)

    assert producers() == ["Альфа", "Бета", "Гамма"]
    assert producers(order="newest") == ["Гамма", "Бета", "Альфа"]
    assert producers(order="share") == ["Бета", "Гамма", "Альфа"]
    assert producers(order="code") == ["Альфа", "Гамма", "Бета"]
    assert producers(included_from="2026-02-01") == ["Бета", "Гамма"]
    assert producers(included_from="2026-02-01", code="72") == ["Гамма"]


def test_the_documents_of_the_account_are_filtered_by_status(
    included: RegisterRecord, client: Client, make_user: Any
) -> None:
    register.extract_issue(actor=OFFICER, record=included)
    client.force_login(make_user(Role.APPLICANT, organization=included.organization))

    def statuses(**query: str) -> list[str]:
        page = client.get("/en/account/", query).content.decode()
        documents = page.split('id="documents"', 1)[1]
        return re.findall(r'govuk-tag govuk-tag--(green|grey|red)">', documents)

    assert sorted(statuses()) == ["green", "grey"]
    assert statuses(status="replaced") == ["grey"]
    assert statuses(status="valid") == ["green"]
    assert statuses(status="revoked") == []
