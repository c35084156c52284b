"""Each record kind of the map tried as each role (DESIGN 4): what it may do in each state, with the reach of
organization and region."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.industrialization.models import Project, QuarterlyReport

INITIATOR, BODY, OTHER = 1, 2, 3
HOME, AWAY = "35", "75"
READERS = {Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR, Role.AKIMAT, Role.RESPONSIBLE_BODY, Role.APPLICANT}


def _actor(role: str, organization: int | None = None, region: str = HOME) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code=region),))
    if role in (Role.APPLICANT, Role.MAJOR_CUSTOMER, Role.INDEPENDENT_EXPERT):
        return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization or INITIATOR),))
    if role == Role.RESPONSIBLE_BODY:
        return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization or BODY),))
    return Actor(user_id=1, label=role, grants=(Grant(role),))


def _project(status: str | None, region: str = HOME) -> Project:
    project = Project(
        initiator=Organization(pk=INITIATOR), responsible=Organization(pk=BODY), region_id=region, status=status or ""
    )
    if status is not None:
        project.pk = 1
    return project


DECIDES = {
    "new": {"apply"},
    "applied": {"view", "check", "refuse"},
    "checked": {"view", "include", "refuse"},
    "included": {"view", "exclude"},
    "refused": {"view"},
    "excluded": {"view"},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *Project.Status.values])
def test_projects_by_role(role: str, state: str) -> None:
    project = _project(None if state == "new" else state)
    public = {"view"} if state in ("included", "excluded") else set()
    if role == Role.AUTHORIZED_BODY:
        expected = DECIDES[state] | public
    elif role in READERS:
        expected = {"apply"} if state == "new" and role not in (Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR) else set()
        expected |= {"view"} if state != "new" else set()
        expected |= public
    else:
        expected = public
    assert allowed_actions(_actor(role), project) == expected


@pytest.mark.parametrize("role", [Role.APPLICANT, Role.AKIMAT, Role.RESPONSIBLE_BODY])
def test_projects_out_of_reach(role: str) -> None:
    stranger = _actor(role, organization=OTHER, region=AWAY)
    assert allowed_actions(stranger, _project(None)) == set()
    assert allowed_actions(stranger, _project("applied")) == set()
    assert allowed_actions(stranger, _project("included")) == {"view"}  # the map is public


def test_the_public_reads_the_map_only() -> None:
    for state in Project.Status.values:
        expected = {"view"} if state in ("included", "excluded") else set()
        assert allowed_actions(PUBLIC, _project(state)) == expected


def _report(for_body: bool, saved: bool = False, region: str = HOME) -> QuarterlyReport:
    report = QuarterlyReport(
        project=Project(initiator=Organization(pk=INITIATOR)),
        region_id=region,
        responsible=Organization(pk=BODY) if for_body else None,
    )
    if saved:
        report.pk = 1
    return report


@pytest.mark.parametrize("role", list(Role))
def test_quarterly_reports_by_role(role: str) -> None:
    actor = _actor(role)
    assert allowed_actions(actor, _report(False)) == ({"submit"} if role == Role.AKIMAT else set())
    assert allowed_actions(actor, _report(True)) == ({"submit"} if role == Role.RESPONSIBLE_BODY else set())
    seen = READERS | {Role.AUTHORIZED_BODY}
    # A saved report: an akimat reads its region's, a responsible body its own, the initiator its project's.
    assert allowed_actions(actor, _report(True, saved=True)) == ({"view"} if role in seen else set())
    assert allowed_actions(actor, _report(False, saved=True)) == (
        {"view"} if role in seen - {Role.RESPONSIBLE_BODY} else set()
    )
    assert allowed_actions(PUBLIC, _report(False, saved=True)) == set()


@pytest.mark.parametrize("role", [Role.AKIMAT, Role.RESPONSIBLE_BODY, Role.APPLICANT])
def test_quarterly_reports_out_of_reach(role: str) -> None:
    stranger = _actor(role, organization=OTHER, region=AWAY)
    for report in (_report(False), _report(True), _report(False, saved=True), _report(True, saved=True)):
        assert allowed_actions(stranger, report) == set()
