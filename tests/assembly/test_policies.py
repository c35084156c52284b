"""Each record kind of the industrial assembly agreements tried as each role in each state (DESIGN 4), with the
reach of the organization."""

from __future__ import annotations

import pytest

from nisi.assembly.models import Agreement, Benefit, Check, Notice, Recall
from nisi.core.authz import Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role

PLANT, OTHER = 1, 2
ORGANIZATION_ROLES = {
    Role.APPLICANT,
    Role.MAJOR_CUSTOMER,
    Role.INDEPENDENT_EXPERT,
    Role.INCENTIVE_OPERATOR,
    Role.RESPONSIBLE_BODY,
}


def _actor(role: str, organization: int = PLANT) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),))
    if role in ORGANIZATION_ROLES:
        return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))
    return Actor(user_id=1, label=role, grants=(Grant(role),))


def _agreement(status: str | None) -> Agreement:
    agreement = Agreement(organization=Organization(pk=PLANT), status=status or "")
    if status is not None:
        agreement.pk = 1
    return agreement


OFFICER = {
    "new": {"conclude"},
    "in_force": {"view", "check", "notify", "record_benefit", "conclude_multilateral"},
    "notified": {"view", "check", "cure", "terminate", "record_benefit"},
    "terminated": {"view"},
}
ENTITY = {
    "new": set(),
    "in_force": {"view", "record_recall"},
    "notified": {"view", "record_recall"},
    "terminated": {"view"},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *Agreement.Status.values])
def test_agreements_by_role(role: str, state: str) -> None:
    agreement = _agreement(None if state == "new" else state)
    if role == Role.AUTHORIZED_BODY:
        expected = OFFICER[state]
    elif role == Role.APPLICANT:
        expected = ENTITY[state]
    elif role in (Role.AUDITOR, Role.DEVELOPMENT_INSTITUTE):
        expected = set() if state == "new" else {"view"}
    else:
        expected = set()
    assert allowed_actions(_actor(role), agreement) == expected


@pytest.mark.parametrize("state", Agreement.Status.values)
def test_another_entity_sees_nothing(state: str) -> None:
    assert allowed_actions(_actor(Role.APPLICANT, OTHER), _agreement(state)) == frozenset()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *Recall.Status.values])
def test_recalls_by_role(role: str, state: str) -> None:
    recall = Recall(agreement=_agreement("in_force"), status=state if state != "new" else "")
    if state != "new":
        recall.pk = 1
    expected: set[str] = set()
    if role == Role.APPLICANT:
        expected = {"new": {"record"}, "open": {"view", "complete"}, "completed": {"view"}}[state]
    elif role in (Role.AUTHORIZED_BODY, Role.AUDITOR, Role.DEVELOPMENT_INSTITUTE) and state != "new":
        expected = {"view"}
    assert allowed_actions(_actor(role), recall) == expected
    assert allowed_actions(_actor(Role.APPLICANT, OTHER), recall) == frozenset()


@pytest.mark.parametrize("model", [Check, Notice, Benefit])
@pytest.mark.parametrize("role", list(Role))
def test_records_under_an_agreement_are_read_as_it_is(model: type, role: str) -> None:
    record = model(agreement=_agreement("in_force"))
    record.pk = 1
    readers = {Role.AUTHORIZED_BODY, Role.APPLICANT, Role.AUDITOR, Role.DEVELOPMENT_INSTITUTE}
    assert allowed_actions(_actor(role), record) == ({"view"} if role in readers else set())
    assert allowed_actions(_actor(Role.APPLICANT, OTHER), record) == frozenset()
