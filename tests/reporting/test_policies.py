"""Each record kind of the assessments and of IP-6.3's confidentiality tried as each role (DESIGN 4)."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import DisclosureConsent, DisclosureView, Organization
from nisi.core.roles import Role
from nisi.reporting.models import AssessmentForm, AssessmentReturn, FormFiler, FormVersion

OWN, OTHER = 1, 2


def _actor(role: str, organization: int = OWN) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _saved(record: object) -> object:
    record.pk = 7  # type: ignore[attr-defined]
    return record


FORM_ACTIONS = {Role.AUTHORIZED_BODY: {"view", "draft", "name_filers"}, Role.AUDITOR: {"view"}}


@pytest.mark.parametrize("role", list(Role))
def test_forms_by_role(role: str) -> None:
    assert allowed_actions(_actor(role), AssessmentForm()) == ({"create"} if role == Role.AUTHORIZED_BODY else set())
    assert allowed_actions(_actor(role), _saved(AssessmentForm())) == FORM_ACTIONS.get(role, set()) | {"view"}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", ["draft", "approved"])
def test_versions_by_role(role: str, status: str) -> None:
    version = FormVersion(status=status)
    if status == "draft":
        expected = {Role.AUTHORIZED_BODY: {"view", "edit", "approve"}, Role.AUDITOR: {"view"}}.get(role, set())
    else:
        expected = {"view"}  # an approved version is public
    assert allowed_actions(_actor(role), version) == expected
    assert allowed_actions(PUBLIC, version) == ({"view"} if status == "approved" else set())


FILERS = {Role.APPLICANT, Role.RESPONSIBLE_BODY}
READ_ALL = {Role.AUTHORIZED_BODY, Role.AUDITOR}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("whose", [OWN, OTHER])
def test_returns_by_role(role: str, whose: int) -> None:
    new = AssessmentReturn(organization=Organization(pk=whose))
    filed = _saved(AssessmentReturn(organization=Organization(pk=whose)))
    mine = whose == OWN
    assert allowed_actions(_actor(role), new) == ({"submit"} if role in FILERS and mine else set())
    reads = role in READ_ALL or (role in FILERS and mine)
    assert allowed_actions(_actor(role), filed) == ({"view"} if reads else set())
    assert allowed_actions(PUBLIC, filed) == set()


@pytest.mark.parametrize("role", list(Role))
def test_filers_by_role(role: str) -> None:
    assert allowed_actions(_actor(role), FormFiler()) == ({"add"} if role == Role.AUTHORIZED_BODY else set())
    filer = _saved(FormFiler(organization=Organization(pk=OWN)))
    reads = role in READ_ALL or role in FILERS
    assert allowed_actions(_actor(role), filer) == ({"view"} if reads else set())
    assert allowed_actions(_actor(role, OTHER), filer) == ({"view"} if role in READ_ALL else set())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", "given", "withdrawn"])
@pytest.mark.parametrize("whose", [OWN, OTHER])
def test_consents_by_role(role: str, state: str, whose: int) -> None:
    consent = DisclosureConsent(organization=Organization(pk=whose), recipient=Organization(pk=3))
    if state != "new":
        consent.pk = 7
    if state == "withdrawn":
        consent.withdrawn_at = consent.given_at = __import__("datetime").datetime(2026, 1, 1)
    entity = role == Role.APPLICANT and whose == OWN
    expected: set[str] = set()
    if entity:
        expected = {"new": {"give"}, "given": {"view", "withdraw"}, "withdrawn": {"view"}}[state]
    elif role in READ_ALL and state != "new":
        expected = {"view"}
    assert allowed_actions(_actor(role), consent) == expected
    assert allowed_actions(PUBLIC, consent) == set()


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("whose", [OWN, OTHER])
def test_the_record_of_views_by_role(role: str, whose: int) -> None:
    view = DisclosureView(organization=Organization(pk=whose))
    reads = role in READ_ALL or (role == Role.APPLICANT and whose == OWN)
    assert allowed_actions(_actor(role), view) == ({"view"} if reads else set())
    assert allowed_actions(PUBLIC, view) == set()
