"""The home page leads each reader to the reporting pages they may use: the public to the effectiveness of measures,
the authorized body to the National Report, the akimats and bodies to their information for it, the entities to
their consents; and each link opens (IP-5.2, IP-6.3)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from nisi.core.roles import Role

pytestmark = pytest.mark.django_db

REPORTS, INPUTS = "/en/reporting/report/", "/en/reporting/report/inputs/"
FORMS, EFFECT, ENTITIES, CONSENTS = (
    "/en/reporting/forms/",
    "/en/reporting/effectiveness/",
    "/en/reporting/effectiveness/entities/",
    "/en/reporting/confidentiality/",
)


def _home(client: Client) -> str:
    page = client.get("/en/")
    assert page.status_code == 200
    return page.content.decode()


def _as(make_user: Any, make_org: Any, role: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    organization = make_org() if role in (Role.APPLICANT, Role.RESPONSIBLE_BODY, Role.INCENTIVE_OPERATOR) else None
    region = "35" if role == Role.AKIMAT else None
    client.force_login(make_user(role, organization=organization, region=region))
    return client


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        (None, {EFFECT}, {REPORTS, INPUTS, FORMS, ENTITIES, CONSENTS}),
        (Role.AUTHORIZED_BODY, {EFFECT, REPORTS, INPUTS, FORMS, ENTITIES, CONSENTS}, set()),
        (Role.AKIMAT, {EFFECT, INPUTS, FORMS}, {REPORTS, ENTITIES, CONSENTS}),
        (Role.RESPONSIBLE_BODY, {EFFECT, INPUTS, FORMS}, {REPORTS, ENTITIES, CONSENTS}),
        (Role.APPLICANT, {EFFECT, FORMS, ENTITIES, CONSENTS}, {REPORTS, INPUTS}),
        (Role.INCENTIVE_OPERATOR, {EFFECT, FORMS, ENTITIES}, {REPORTS, INPUTS, CONSENTS}),
    ],
)
def test_each_reader_finds_the_reporting_pages_they_may_use(
    make_user: Any, make_org: Any, role: str | None, shown: set[str], hidden: set[str]
) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en") if role is None else _as(make_user, make_org, role)
    home = _home(client)
    for link in shown:
        assert f'href="{link}"' in home, link
        assert client.get(link).status_code == 200, link
    for link in hidden:
        assert f'href="{link}"' not in home, link
