"""Each record kind of the infrastructure app tried as each role (DESIGN 4): the register is public and kept by the
authorized body alone; the selection's tables are the core's financing policies with the authorized body managing."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.infrastructure.models import ClusterApplication, ClusterCall, InfrastructureEntry

OWN, OTHER = 1, 3


def _actor(role: str, organization: int = OWN, region: str = "35") -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code=region),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _entry(status: str | None) -> InfrastructureEntry:
    e = InfrastructureEntry(organization=Organization(pk=OWN), region_id="35", status=status or "included")
    if status is not None:
        e.pk = 1
    return e


OFFICER = {
    None: {"include"},
    "included": {"view", "suspend", "exclude"},
    "suspended": {"view", "resume", "exclude"},
    "excluded": {"view"},
}


@pytest.mark.parametrize("status", [None, "included", "suspended", "excluded"])
@pytest.mark.parametrize(
    "role",
    [
        Role.AUTHORIZED_BODY,
        Role.DEVELOPMENT_INSTITUTE,
        Role.AUDITOR,
        Role.AKIMAT,
        Role.APPLICANT,
        Role.MAJOR_CUSTOMER,
        Role.INDEPENDENT_EXPERT,
        Role.ASTANA_HUB_FUND,
    ],
)
def test_the_register_entry_as_each_role(role: str, status: str | None) -> None:
    found = allowed_actions(_actor(role), _entry(status))
    if role == Role.AUTHORIZED_BODY:
        assert found == OFFICER[status]
    else:
        assert found == (set() if status is None else {"view"})  # the public register: read only


@pytest.mark.parametrize("status", ["included", "suspended", "excluded"])
def test_the_public_and_other_reaches_read_the_register(status: str) -> None:
    assert allowed_actions(PUBLIC, _entry(status)) == {"view"}
    assert allowed_actions(_actor(Role.AKIMAT, region="75"), _entry(status)) == {"view"}
    assert allowed_actions(_actor(Role.APPLICANT, organization=OTHER), _entry(status)) == {"view"}


def test_nobody_but_the_authorized_body_includes() -> None:
    for role in Role.values:
        if role != Role.AUTHORIZED_BODY:
            assert "include" not in allowed_actions(_actor(role), _entry(None)), role


@pytest.mark.parametrize(
    ("role", "status", "expected"),
    [
        (Role.AUTHORIZED_BODY, "draft", {"view", "create", "open"}),
        (Role.AUTHORIZED_BODY, "open", {"view", "close", "apply"}),
        (Role.AUTHORIZED_BODY, "assessment", {"view", "decide"}),
        (Role.DEVELOPMENT_INSTITUTE, "draft", {"view"}),
        (Role.AUDITOR, "decided", {"view"}),
        (Role.APPLICANT, "draft", set()),
        (Role.APPLICANT, "open", {"view", "apply"}),
        (Role.INDEPENDENT_EXPERT, "assessment", {"view"}),
    ],
)
def test_the_selection_call_as_each_role(role: str, status: str, expected: set[str]) -> None:
    assert allowed_actions(_actor(role), ClusterCall(status=status)) == expected


@pytest.mark.parametrize(
    ("role", "organization", "status", "expected"),
    [
        (Role.APPLICANT, OWN, "submitted", {"view", "withdraw"}),
        (Role.APPLICANT, OTHER, "submitted", set()),
        (Role.AUTHORIZED_BODY, None, "assessment", {"view", "assign"}),
        (Role.DEVELOPMENT_INSTITUTE, None, "approved", {"view"}),
        (Role.INDEPENDENT_EXPERT, None, "assessment", set()),  # an expert reaches only their assignments
        (Role.AKIMAT, None, "approved", set()),
    ],
)
def test_the_cluster_application_as_each_role(
    role: str, organization: int | None, status: str, expected: set[str]
) -> None:
    application = ClusterApplication(organization=Organization(pk=OWN), status=status)
    assert allowed_actions(_actor(role, organization=organization or OWN), application) == expected
