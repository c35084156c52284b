"""Each needs record kind tried as each role (DESIGN 4): the entity gives and amends its own needs; the authorized body
reads every one, forms, approves and sends the proposals and places the needs for research; auditors read; no one
else. Only the authorized body reads a proposal's cells whole (IP-6.3)."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.industry_needs.models import NeedsReturn, ResearchPlacement, SpecialityProposal

ENTITY, OTHER = 1, 3


def _actor(role: str, organization: int = ENTITY) -> Actor:
    if role == Role.AKIMAT:
        return Actor(user_id=1, label=role, grants=(Grant(role, region_code="35"),))
    return Actor(user_id=1, label=role, grants=(Grant(role, organization_id=organization),))


def _needs(state: str) -> NeedsReturn:
    n = NeedsReturn(organization=Organization(pk=ENTITY), kind="specialists", current=state != "superseded")
    if state != "new":
        n.pk = 1
    return n


NEEDS_MAY = {
    Role.APPLICANT: {"new": {"submit"}, "current": {"view", "amend"}, "superseded": {"view"}},
    Role.AUTHORIZED_BODY: {"new": set(), "current": {"view"}, "superseded": {"view"}},
    Role.AUDITOR: {"new": set(), "current": {"view"}, "superseded": {"view"}},
}


@pytest.mark.law("IP-55.1")
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", "current", "superseded"])
def test_needs_by_role(role: str, state: str) -> None:
    expected = NEEDS_MAY.get(role, {}).get(state, set())
    assert allowed_actions(_actor(role), _needs(state)) == expected
    if role == Role.APPLICANT and state != "new":  # another entity's needs: nothing
        assert allowed_actions(_actor(role, OTHER), _needs(state)) == set()
    assert allowed_actions(PUBLIC, _needs(state)) == set()


PROPOSAL_MAY = {
    "new": {"form"},
    "draft": {"view", "view_cells", "form", "approve"},
    "approved": {"view", "view_cells", "send"},
    "sent": {"view", "view_cells"},
    "acknowledged": {"view", "view_cells"},
    "refused": {"view", "view_cells"},
}


@pytest.mark.law("IP-55.1")
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", list(PROPOSAL_MAY))
def test_proposals_by_role(role: str, state: str) -> None:
    proposal = SpecialityProposal(status="draft" if state == "new" else state)
    if state != "new":
        proposal.pk = 1
    if role == Role.AUTHORIZED_BODY:
        expected = PROPOSAL_MAY[state]
    elif role == Role.AUDITOR and state != "new":
        expected = {"view"}  # the suppressed cells only
    else:
        expected = set()
    assert allowed_actions(_actor(role), proposal) == expected
    assert allowed_actions(PUBLIC, proposal) == set()


@pytest.mark.law("IP-57")
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("state", ["new", *ResearchPlacement.Status.values])
def test_placements_by_role(role: str, state: str) -> None:
    placement = ResearchPlacement(status="sent" if state == "new" else state)
    if state != "new":
        placement.pk = 1
    if role == Role.AUTHORIZED_BODY:
        expected = {"place"} if state == "new" else {"view"}
    elif role == Role.AUDITOR and state != "new":
        expected = {"view"}
    else:
        expected = set()
    assert allowed_actions(_actor(role), placement) == expected
