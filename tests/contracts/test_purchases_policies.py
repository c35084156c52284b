"""Each record kind of the purchases area tried as each role (DESIGN 4): what it may do in each state, with the
reach of organization and region."""

from __future__ import annotations

import pytest

from nisi.contracts.models import ProductionSubmission, PurchaseBatch, PurchaseLine, SystemicList
from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role

OWN, OTHER = 1, 2
HOME, AWAY = "35", "75"


def _actor(role: str) -> Actor:
    if role in (Role.MAJOR_CUSTOMER, Role.APPLICANT, Role.INDEPENDENT_EXPERT):
        return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=OWN),))
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code=HOME),))
    return Actor(user_id=1, label=role, grants=(Grant(role),))


def _line(confidential: bool, org: int = OWN, region: str = HOME) -> PurchaseLine:
    return PurchaseLine(
        customer=Organization(pk=org), price_confidential=confidential, batch=PurchaseBatch(region_id=region)
    )


LINE_EXPECTED = {
    Role.MAJOR_CUSTOMER: ({"view", "view_amount"}, {"view", "view_amount"}),
    Role.AKIMAT: ({"view", "view_amount"}, {"view", "view_amount"}),
    Role.AUTHORIZED_BODY: ({"view", "view_amount"}, {"view", "view_amount"}),
    Role.DEVELOPMENT_INSTITUTE: ({"view", "view_amount"}, {"view"}),
    Role.AUDITOR: ({"view", "view_amount"}, {"view", "view_amount"}),
}


@pytest.mark.parametrize("role", list(Role))
def test_purchase_lines_by_role(role: str) -> None:
    actor = _actor(role)
    open_, secret = LINE_EXPECTED.get(role, (set(), set()))
    assert allowed_actions(actor, _line(False)) == open_
    assert allowed_actions(actor, _line(True)) == secret
    assert allowed_actions(actor, _line(False, org=OTHER, region=AWAY)) == (
        open_ if role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR) else set()
    )
    assert allowed_actions(PUBLIC, _line(False)) == frozenset()


@pytest.mark.parametrize("role", list(Role))
def test_purchase_batches_by_role(role: str) -> None:
    batch = PurchaseBatch(customer=Organization(pk=OWN), region_id=HOME)
    expected = {
        Role.MAJOR_CUSTOMER: {"view", "import"},
        Role.AKIMAT: {"view", "import"},
        Role.AUTHORIZED_BODY: {"view"},
        Role.DEVELOPMENT_INSTITUTE: {"view"},
        Role.AUDITOR: {"view"},
    }.get(role, set())
    assert allowed_actions(_actor(role), batch) == expected
    away = PurchaseBatch(customer=Organization(pk=OTHER), region_id=AWAY)
    assert ("import" in allowed_actions(_actor(role), away)) is False


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", list(ProductionSubmission.Status))
def test_submissions_by_role(role: str, status: str) -> None:
    submission = ProductionSubmission(region_id=HOME, status=status)
    got = allowed_actions(_actor(role), submission)
    if role == Role.AKIMAT:
        assert got == ({"view", "edit", "submit"} if status == "draft" else {"view"})
    elif role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR):
        assert got == (set() if status == "draft" else {"view"})
    else:
        assert got == set()
    national = role in (Role.AUTHORIZED_BODY, Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR)
    away = allowed_actions(_actor(role), ProductionSubmission(region_id=AWAY, status=status))
    assert away == (got if national else set())


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("status", list(SystemicList.Status))
def test_systemic_lists_by_role(role: str, status: str) -> None:
    got = allowed_actions(_actor(role), SystemicList(status=status))
    public = set() if status == "draft" else {"view"}
    if role == Role.AUTHORIZED_BODY:
        expected = {"draft": {"view", "approve", "compute"}, "approved": {"view", "compute"}}.get(status, {"view"})
    elif role in (Role.DEVELOPMENT_INSTITUTE, Role.AUDITOR):
        expected = {"view"} if status != "draft" or role == Role.DEVELOPMENT_INSTITUTE else set()
    else:
        expected = public
    assert got == expected
    assert allowed_actions(PUBLIC, SystemicList(status=status)) == public
