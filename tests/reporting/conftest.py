"""The reporting app's people and an approved form, made through the services as each role would."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from nisi.core.authz import actor_for
from nisi.core.roles import Role
from nisi.law import clock
from nisi.reporting.rules.assessment import Field
from nisi.reporting.services import assessment as services

TODAY = dt.date(2026, 3, 10)
FIELDS = [
    Field("employees", "integer", True, {"kk": "Қызметкерлер саны", "ru": "Численность работников", "en": "Employees"}),
    Field("output", "amount", True, {"kk": "Өнім көлемі", "ru": "Объём продукции", "en": "Output, tenge"}),
]


@pytest.fixture
def today() -> Any:
    with clock.frozen(TODAY):
        yield TODAY


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    entity = make_org("ТОО «Кокшетауский завод»")
    other = make_org("ТОО «Другой завод»")

    def actor(role: str, organization: Any = None, region: str | None = None) -> Any:
        return actor_for(make_user(role, organization=organization, region=region))

    return {
        "entity": entity,
        "other": other,
        "applicant": actor(Role.APPLICANT, entity),
        "other_applicant": actor(Role.APPLICANT, other),
        "officer": actor(Role.AUTHORIZED_BODY),
        "auditor": actor(Role.AUDITOR),
        "akimat": actor(Role.AKIMAT, region="35"),
    }


@pytest.fixture
def approved_form(people: dict[str, Any], today: dt.date) -> Any:
    officer = people["officer"]
    form = services.form_create(
        actor=officer,
        code="ip63-yearly",
        title="Yearly data of recipients",
        purpose="effectiveness",
        periodicity="year",
    )
    version = services.version_draft(actor=officer, form=form, fields=FIELDS)
    services.version_approve(
        actor=officer, version=version, in_force_from=today, statistics_agreement="No. 12, 01.03.2026"
    )
    services.filers_add(actor=officer, form=form, identifiers=[people["entity"].identifier])
    return form
