"""The roles × states matrix of the workers area, from its policy tables (as tests/core/test_authz.py does for the
core's): every role, in and out of its organization's reach, in every state; and the personal-data rule."""

from __future__ import annotations

from typing import Any

import pytest

from nisi.astana_hub.models import ForeignWorker, Submission, SubmissionSchedule
from nisi.astana_hub.policies.workers import RECIPIENT_ROLE, SCHEDULE_POLICY, SUBMISSION_POLICY, WORKER_POLICY
from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import ROLE_REACH, Reach, Role

PERSONAL = {"view", "download"}


def _record(model: type, state: str) -> Any:
    if model is ForeignWorker:
        return ForeignWorker(employer_id=1, status=state)
    if model is SubmissionSchedule:
        return SubmissionSchedule(recipient="migration_authority")
    recipient, status = state.split(":")
    return Submission(recipient=recipient, status=status)


CASES = [
    (policy, state, role, in_reach)
    for policy in (WORKER_POLICY, SCHEDULE_POLICY, SUBMISSION_POLICY)
    for state in policy.states
    for role in Role.values
    for in_reach in (True, False)
    if in_reach or ROLE_REACH[role] is Reach.ORGANIZATION
]


@pytest.mark.parametrize(
    ("policy", "state", "role", "in_reach"),
    CASES,
    ids=[f"{p.model.__name__}-{s}-{r}-{'in' if i else 'out'}" for p, s, r, i in CASES],
)
def test_roles_by_states(policy: Any, state: str, role: str, in_reach: bool) -> None:
    record = _record(policy.model, state)
    assert policy.state_of(record) == state
    grant = Grant(role, organization_id=1 if in_reach else 2) if ROLE_REACH[role] is Reach.ORGANIZATION else Grant(role)
    expected = set(policy.table.get(state, {}).get(role, frozenset()))
    if ROLE_REACH[role] is Reach.ORGANIZATION and (not in_reach or policy.organization_field is None):
        expected = set()
    assert allowed_actions(Actor(user_id=99, label="x", grants=(grant,)), record) == expected
    assert allowed_actions(PUBLIC, record) == set()


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize("state", WORKER_POLICY.states)
def test_only_employers_and_the_fund_migration_officers_reach_the_people(state: str) -> None:
    roles = set(WORKER_POLICY.table[state])
    assert roles == {Role.APPLICANT, Role.ASTANA_HUB_FUND_MIGRATION}


@pytest.mark.law("AH-7-1.3")
@pytest.mark.parametrize("state", SUBMISSION_POLICY.states)
def test_a_submission_s_file_goes_only_to_its_own_recipient_once_sent(state: str) -> None:
    recipient, status = state.split(":")
    downloaders = {role for role, actions in SUBMISSION_POLICY.table[state].items() if actions & PERSONAL - {"view"}}
    expected = {Role.ASTANA_HUB_FUND_MIGRATION} | ({RECIPIENT_ROLE[recipient]} if status != "prepared" else set())
    assert downloaders == expected
