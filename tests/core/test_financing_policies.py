"""The core's policy tables of financing by call (ADR 27) for a scheme of other roles than the Hub's: a
development institute manages, an applicant's users receive, auditors read. Tried as each role, in each state,
through the one authorization function (the tables stand in for the Hub's for the length of a test)."""

from __future__ import annotations

import pytest

from nisi.astana_hub.models import ExpertAssignment, FinancingAgreement, FinancingApplication, FinancingCall
from nisi.core import authz
from nisi.core.authz import Actor, Grant, allow, allowed_actions
from nisi.core.financing import policies
from nisi.core.roles import Role

MANAGER, RECIPIENT, READER = Role.DEVELOPMENT_INSTITUTE, Role.APPLICANT, Role.AUDITOR
READERS = {READER: allow("view")}
ORG = 41


@pytest.fixture(autouse=True)
def _institute_scheme(monkeypatch: pytest.MonkeyPatch) -> None:
    for policy in (
        policies.call_policy(FinancingCall, manager=MANAGER, readers=READERS),
        policies.application_policy(FinancingApplication, manager=MANAGER, recipient=RECIPIENT, readers=READERS),
        policies.assignment_policy(ExpertAssignment, manager=MANAGER, readers=READERS),
        policies.agreement_policy(FinancingAgreement, manager=MANAGER, recipient=RECIPIENT, readers=READERS),
    ):
        monkeypatch.setitem(authz.POLICIES, policy.model, policy)


def _as(role: str, organization_id: int | None = None, user_id: int = 7) -> Actor:
    return Actor(user_id=user_id, label=role, grants=(Grant(role, organization_id=organization_id),))


MANAGER_ACTOR, READER_ACTOR = _as(MANAGER), _as(READER)
OWN, OTHER = _as(RECIPIENT, ORG), _as(RECIPIENT, ORG + 1)
PUBLIC = Actor(user_id=None, label="public", grants=())


@pytest.mark.parametrize(
    ("state", "actor", "actions"),
    [
        ("draft", MANAGER_ACTOR, {"view", "create", "open"}),
        ("draft", PUBLIC, set()),
        ("draft", READER_ACTOR, {"view"}),
        ("open", PUBLIC, {"view", "apply"}),
        ("open", MANAGER_ACTOR, {"view", "close", "apply"}),
        ("assessment", MANAGER_ACTOR, {"view", "decide"}),
        ("decided", OWN, {"view"}),
        ("decided", MANAGER_ACTOR, {"view"}),
    ],
)
def test_calls(state: str, actor: Actor, actions: set[str]) -> None:
    assert allowed_actions(actor, FinancingCall(status=state)) == actions


@pytest.mark.parametrize(
    ("state", "actor", "actions"),
    [
        ("submitted", OWN, {"view", "withdraw"}),
        ("submitted", OTHER, set()),
        ("assessment", MANAGER_ACTOR, {"view", "assign"}),
        ("approved", MANAGER_ACTOR, {"view", "conclude_agreement"}),
        ("approved", OWN, {"view"}),
        ("rejected", READER_ACTOR, {"view"}),
        ("withdrawn", PUBLIC, set()),
        ("assessment", _as(Role.INDEPENDENT_EXPERT), set()),  # never by reach
    ],
)
def test_applications(state: str, actor: Actor, actions: set[str]) -> None:
    assert allowed_actions(actor, FinancingApplication(status=state, organization_id=ORG)) == actions


@pytest.mark.parametrize(
    ("state", "actor", "actions"),
    [
        ("assigned", _as(Role.INDEPENDENT_EXPERT, user_id=5), {"view", "declare"}),
        ("declared", _as(Role.INDEPENDENT_EXPERT, user_id=5), {"view", "score"}),
        ("conflict", _as(Role.INDEPENDENT_EXPERT, user_id=5), {"view"}),
        ("scored", _as(Role.INDEPENDENT_EXPERT, user_id=5), {"view"}),
        ("declared", _as(Role.INDEPENDENT_EXPERT, user_id=6), set()),  # another expert's
        ("declared", MANAGER_ACTOR, {"view"}),
        ("declared", OWN, set()),
    ],
)
def test_assignments(state: str, actor: Actor, actions: set[str]) -> None:
    assert allowed_actions(actor, ExpertAssignment(status=state, expert_id=5)) == actions


@pytest.mark.parametrize(
    ("state", "actor", "actions"),
    [
        ("active", OWN, {"view", "report"}),
        ("active", OTHER, set()),
        ("active", MANAGER_ACTOR, {"view", "pay", "assess", "terminate", "complete"}),
        ("active", READER_ACTOR, {"view"}),
        ("completed", OWN, {"view"}),
        ("terminated", MANAGER_ACTOR, {"view"}),
        ("terminated", PUBLIC, set()),
    ],
)
def test_agreements(state: str, actor: Actor, actions: set[str]) -> None:
    agreement = FinancingAgreement(status=state, application=FinancingApplication(organization_id=ORG))
    assert allowed_actions(actor, agreement) == actions
