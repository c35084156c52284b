"""Who may do what with the industrial grants (IP-42): each record kind tried as each role, in each state — the
institute runs calls, examination, agreements and the account; the applicant applies and reports on its own; the
assigned expert alone declares and scores; the authorized body and auditors read; nobody else."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import Role
from nisi.incentives.models import (
    GrantAccountYear,
    GrantAgreement,
    GrantApplication,
    GrantCall,
    GrantExpertAssignment,
)

OWN, OTHER = 1, 2
EXPERT_USER = 7


def actor(role: str, org: int | None = None, user: int = 9) -> Actor:
    return Actor(user_id=user, label=role, grants=(Grant(role, organization_id=org),))


INSTITUTE = actor(Role.DEVELOPMENT_INSTITUTE, OTHER)
APPLICANT = actor(Role.APPLICANT, OWN)
OTHER_APPLICANT = actor(Role.APPLICANT, OTHER)
EXPERT = actor(Role.INDEPENDENT_EXPERT, None, EXPERT_USER)
OTHER_EXPERT = actor(Role.INDEPENDENT_EXPERT)
OFFICER = actor(Role.AUTHORIZED_BODY)
AUDITOR = actor(Role.AUDITOR)
OPERATOR = actor(Role.INCENTIVE_OPERATOR, OTHER)
FUND = actor(Role.ASTANA_HUB_FUND)
EVERYONE = (INSTITUTE, APPLICANT, OTHER_APPLICANT, EXPERT, OTHER_EXPERT, OFFICER, AUDITOR, OPERATOR, FUND, PUBLIC)
READERS = (OFFICER, AUDITOR)
C, A, E, G = GrantCall.Status, GrantApplication.Status, GrantExpertAssignment.Status, GrantAgreement.Status


def call_expected(who: Actor, status: str) -> set[str]:
    """A published call is public (anyone reads it, and may apply while it is open: the service then asks that the
    applicant acts for its organization); a draft is the institute's and the readers'."""
    public = {C.DRAFT: set(), C.OPEN: {"view", "apply"}}.get(status, {"view"})
    if who is INSTITUTE:
        own = {C.DRAFT: {"view", "create", "open"}, C.OPEN: {"view", "close"}, C.ASSESSMENT: {"view", "decide"}}
        return public | own.get(status, {"view"})
    if who in READERS:
        return public | {"view"}
    return public


@pytest.mark.parametrize("who", EVERYONE, ids=lambda a: a.label)
@pytest.mark.parametrize("status", C.values)
def test_calls(who: Actor, status: str) -> None:
    assert allowed_actions(who, GrantCall(status=status)) == call_expected(who, status)


@pytest.mark.parametrize("who", EVERYONE, ids=lambda a: a.label)
@pytest.mark.parametrize("status", A.values)
def test_applications(who: Actor, status: str) -> None:
    examined = status in (A.SUBMITTED, A.ASSESSMENT)
    expected: set[str] = set()
    if who is INSTITUTE:
        expected = (
            {"view", "assign"} if examined else {"view", "conclude_agreement"} if status == A.APPROVED else {"view"}
        )
    elif who is APPLICANT:
        expected = {"view", "withdraw"} if examined else {"view"}
    elif who in READERS:
        expected = {"view"}
    assert allowed_actions(who, GrantApplication(status=status, organization_id=OWN)) == expected


@pytest.mark.parametrize("who", EVERYONE, ids=lambda a: a.label)
@pytest.mark.parametrize("status", E.values)
def test_only_the_assigned_expert_declares_then_scores(who: Actor, status: str) -> None:
    expected: set[str] = set()
    if who is INSTITUTE or who in READERS:
        expected = {"view"}
    elif who is EXPERT:
        expected = {E.ASSIGNED: {"view", "declare"}, E.DECLARED: {"view", "score"}}.get(status, {"view"})
    assert allowed_actions(who, GrantExpertAssignment(status=status, expert_id=EXPERT_USER)) == expected


@pytest.mark.parametrize("who", EVERYONE, ids=lambda a: a.label)
@pytest.mark.parametrize("status", G.values)
def test_agreements(who: Actor, status: str) -> None:
    application = GrantApplication(organization_id=OWN)
    agreement = GrantAgreement(status=status, application=application)
    active = status == G.ACTIVE
    expected: set[str] = set()
    if who is INSTITUTE:
        expected = {"view", "pay", "assess", "terminate", "complete"} if active else {"view"}
        expected |= {"determine_refund"}  # a year's refund, in force or after (IP-27.4)
    elif who is APPLICANT:
        expected = {"view", "report", "estimate"} if active else {"view"}
    elif who in READERS:
        expected = {"view"}
    assert allowed_actions(who, agreement) == expected


@pytest.mark.law("IP-42.5")
@pytest.mark.parametrize("who", EVERYONE, ids=lambda a: a.label)
@pytest.mark.parametrize("status", GrantAccountYear.Status.values)
def test_the_grant_account_is_the_institutes(who: Actor, status: str) -> None:
    expected: set[str] = set()
    if who is INSTITUTE:
        expected = {"view", "receive", "close"} if status == "open" else {"view"}
    elif who in READERS:
        expected = {"view"}
    assert allowed_actions(who, GrantAccountYear(status=status)) == expected
