"""Each scrap record kind tried as each role (DESIGN 4): what it may do in each state, with the reach of organization
and region (the akimat sees its region only)."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.scrap_metal.models import ScrapNotification, ScrapReport

ENTITY, OTHER = 1, 3
HOME, AWAY = "35", "75"
OFFICERS_READ = {Role.AUTHORIZED_BODY, Role.AUDITOR, Role.AKIMAT}


def _actor(role: str, organization: int = ENTITY, region: str = HOME) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code=region),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _notification(status: str | None) -> ScrapNotification:
    n = ScrapNotification(organization=Organization(pk=ENTITY), region_id=HOME, status=status or "active")
    if status is not None:
        n.pk = 1
    return n


def _report(saved: bool) -> ScrapReport:
    r = ScrapReport(organization=Organization(pk=ENTITY), region_id=HOME)
    if saved:
        r.pk = 1
    return r


ENTITY_MAY = {"new": {"notify"}, "active": {"view", "report", "cease"}, "ceased": {"view", "report"}}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *ScrapNotification.Status.values])
def test_notifications_by_role(role: str, state: str) -> None:
    n = _notification(None if state == "new" else state)
    if role == Role.APPLICANT:
        expected = ENTITY_MAY[state]
    elif role in OFFICERS_READ and state != "new":
        expected = {"view"}
    else:
        expected = set()
    assert allowed_actions(_actor(role), n) == expected


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("saved", [False, True])
def test_reports_by_role(role: str, saved: bool) -> None:
    expected: set[str] = set()
    if role == Role.APPLICANT:
        expected = {"view"} if saved else {"submit"}
    elif role in OFFICERS_READ and saved:
        expected = {"view"}
    assert allowed_actions(_actor(role), _report(saved)) == expected


def test_reach_another_entity_and_another_region_see_nothing() -> None:
    for record in (_notification("active"), _report(True)):
        assert allowed_actions(_actor(Role.APPLICANT, organization=OTHER), record) == set()
        assert allowed_actions(_actor(Role.AKIMAT, region=AWAY), record) == set()
        assert allowed_actions(PUBLIC, record) == set()
    # An entity notifies for itself only: a notification drafted for another entity is not its to lodge.
    assert allowed_actions(_actor(Role.APPLICANT, organization=OTHER), _notification(None)) == set()
