"""Each record kind of domestic raw materials tried as each role, in each state (DESIGN 4), with the reach of each
side's organization."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.raw_materials.models import (
    Agreement,
    AgreementOfProducer,
    ExportLicence,
    ListingApplication,
    Producer,
    RawMaterial,
)

MANUFACTURER, PRODUCER, OTHER = 1, 2, 3


def _actor(role: str, organization: int = MANUFACTURER) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _saved(record: object, status: str | None) -> object:
    if status is not None:
        record.pk = 1  # type: ignore[attr-defined]
        record.status = status  # type: ignore[attr-defined]
    return record


def _producer() -> Producer:
    return Producer(pk=1, organization=Organization(pk=PRODUCER), raw_material=RawMaterial(pk=1))


APPLICATION = {
    "new": {Role.APPLICANT: {"apply"}},
    "submitted": {Role.AUTHORIZED_BODY: {"view", "decide"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
    "listed": {Role.AUTHORIZED_BODY: {"view"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
    "refused": {Role.AUTHORIZED_BODY: {"view"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(APPLICATION))
def test_applications_by_role(role: str, state: str) -> None:
    record = _saved(ListingApplication(manufacturer=Organization(pk=MANUFACTURER)), None if state == "new" else state)
    assert allowed_actions(_actor(role), record) == APPLICATION[state].get(role, set())
    if role == Role.APPLICANT:  # another enterprise's users reach nothing of it, nor apply in its name
        assert allowed_actions(_actor(role, OTHER), record) == set()


@pytest.mark.parametrize("role", list(Role))
def test_the_list_and_its_producers_are_public(role: str) -> None:
    assert "view" in allowed_actions(_actor(role), RawMaterial(pk=1))
    assert "view" in allowed_actions(_actor(role), _producer())
    assert allowed_actions(PUBLIC, _producer()) == {"view"}
    producer_actions = allowed_actions(_actor(role, PRODUCER), _producer())
    expected = {"view"}
    if role == Role.APPLICANT:
        expected = {"view", "report_volume", "apply_licence"}
    if role == Role.AUTHORIZED_BODY:
        expected = {"view", "set_facts"}
    assert producer_actions == expected


AGREEMENT = {
    "new": {Role.AUTHORIZED_BODY: {"conclude"}},
    "concluded": {Role.AUTHORIZED_BODY: {"view", "terminate"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
    "terminated": {Role.AUTHORIZED_BODY: {"view"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(AGREEMENT))
def test_agreements_by_role_from_each_side(role: str, state: str) -> None:
    fields = {"manufacturer": Organization(pk=MANUFACTURER), "producer": _producer()}
    record = _saved(Agreement(**fields), None if state == "new" else state)
    assert allowed_actions(_actor(role, MANUFACTURER), record) == AGREEMENT[state].get(role, set())
    if state != "new":
        producer_side = _saved(AgreementOfProducer(**fields), state)
        expected = set()
        if role == Role.APPLICANT:
            expected = {"view", "report_delivery"} if state == "concluded" else {"view"}
        assert allowed_actions(_actor(role, PRODUCER), producer_side) == expected
        assert allowed_actions(_actor(role, OTHER), producer_side) == set()
        if role == Role.APPLICANT:
            assert allowed_actions(_actor(role, PRODUCER), record) == set()  # the producer reaches it on its side only


LICENCE = {
    "new": {Role.APPLICANT: {"apply"}},
    "applied": {Role.AUTHORIZED_BODY: {"view", "issue", "refuse"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
    "issued": {Role.AUTHORIZED_BODY: {"view"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
    "refused": {Role.AUTHORIZED_BODY: {"view"}, Role.APPLICANT: {"view"}, Role.AUDITOR: {"view"}},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(LICENCE))
def test_licences_by_role(role: str, state: str) -> None:
    record = _saved(ExportLicence(producer=_producer()), None if state == "new" else state)
    assert allowed_actions(_actor(role, PRODUCER), record) == LICENCE[state].get(role, set())
    assert allowed_actions(_actor(Role.APPLICANT, MANUFACTURER), record) == set()
