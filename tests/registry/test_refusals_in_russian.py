"""A Russian reader's refusals are in Russian (issue 10): real refusals, through the services and the API, carry the
words the Russian catalogue gives their message — the English text only while a message awaits its translation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from nisi.core.authz import SYSTEM, Actor, Grant, actor_for
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.organizations import OrganizationError, organization_register
from nisi.core.services.tokens import api_token_create
from nisi.law import clock
from nisi.registry.models import RegisterApplication, RegisterRecord, Removal
from nisi.registry.services import appeals, register
from tests.in_russian import in_russian

COMMISSION = Actor(user_id=9100, label="commission", grants=(Grant(Role.APPEALS_COMMISSION),))
D = dt.date
BEING_EXAMINED = "An objection to this removal is already being examined."
DECIDED = (
    "The appeals commission already decided on an objection to this removal (%(number)s of %(date)s); its decision "
    "is binding (IP-51-5.6) and the commission does not examine the removal again. You may appeal the decision in "
    "court (IP-51-5.7) or apply for inclusion again (IP-51-6)."
)


def _removed(record: RegisterRecord) -> Removal:
    with clock.frozen(D(2026, 3, 13)):
        return register.record_remove(
            actor=SYSTEM, record=record, ground=Removal.Ground.MONITORING, reasons=[{"criterion": "staff"}]
        )


def test_a_second_objection_is_refused_in_russian(included: RegisterRecord, applicant: Actor) -> None:
    removal = _removed(included)
    with clock.frozen(D(2026, 3, 20)):
        appeals.appeal_file(actor=applicant, removal=removal, grounds="The pension data were late.")
        with translation.override("ru"), pytest.raises(appeals.AppealError) as refused:
            appeals.appeal_file(actor=applicant, removal=removal, grounds="Again.")
    assert str(refused.value) == in_russian(BEING_EXAMINED)
    assert str(refused.value) != BEING_EXAMINED  # the catalogue has this one already


def test_an_objection_to_a_decided_removal_is_refused_in_russian(included: RegisterRecord, applicant: Actor) -> None:
    removal = _removed(included)
    with clock.frozen(D(2026, 3, 20)):
        first = appeals.appeal_file(actor=applicant, removal=removal, grounds="No.")
        appeals.appeal_decide(actor=COMMISSION, appeal=first, outcome="refused", decision="No staff for 3 months.")
        with translation.override("ru"), pytest.raises(appeals.AppealError) as refused:
            appeals.appeal_file(actor=applicant, removal=removal, grounds="Again.")
    first.refresh_from_db()
    assert str(refused.value) == in_russian(DECIDED, number=first.number, date="2026-03-20")
    assert "IP-51-5.7" in str(refused.value)
    assert str(refused.value) != DECIDED % {"number": first.number, "date": "2026-03-20"}


def test_a_bin_registered_already_is_refused_in_russian(db: None) -> None:
    organization_register(actor=SYSTEM, identifier="100140000003", name="A")
    with translation.override("ru"), pytest.raises(OrganizationError) as refused:
        organization_register(actor=SYSTEM, identifier="100140000003", name="B")
    assert str(refused.value) == in_russian(
        "An organization with BIN/IIN %(bin)s is already registered.", bin="100140000003"
    )
    assert Organization.objects.filter(identifier="100140000003").count() == 1


@pytest.mark.usefixtures("steel_conditions")
def test_an_application_in_progress_is_refused_in_russian_through_the_api(
    draft: RegisterApplication, producer: Organization, make_user: Any
) -> None:
    """The API answers in the language the client asks for (Accept-Language), as the service raised it."""
    token = api_token_create(actor=actor_for(make_user(Role.APPLICANT, organization=producer)), name="its system")[1]
    answer = Client().post(
        "/api/v1/register/applications",
        {"identifier": producer.identifier},
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}", "Accept-Language": "ru"},
    )
    assert answer.status_code == 409, answer.content
    assert answer.json()["detail"] == in_russian(
        "Your organization already has an application in progress (%(number)s); continue it.", number=draft.number
    )
