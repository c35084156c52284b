"""Who may do what with applications under examination (IP-47.7) and with producers' objections to excluded goods
(IP-47.3, IP-47.4): each state tried as each role, each side only as itself."""

from __future__ import annotations

import pytest

from nisi.contracts.models import ExclusionObjection, PlanApplication
from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import Role

MAKER, BUYER, OTHER = 1, 2, 3


def actor(role: str, org: int | None, region: str | None = None) -> Actor:
    return Actor(user_id=9, label=role, grants=(Grant(role, organization_id=org, region_code=region),))


MANUFACTURER = actor(Role.APPLICANT, MAKER)
OTHER_MANUFACTURER = actor(Role.APPLICANT, OTHER)
CUSTOMER = actor(Role.MAJOR_CUSTOMER, BUYER)
OTHER_CUSTOMER = actor(Role.MAJOR_CUSTOMER, OTHER)
CUSTOMER_AS_APPLICANT = actor(Role.MAJOR_CUSTOMER, MAKER)  # a major customer's user of the manufacturer
OFFICER = actor(Role.AUTHORIZED_BODY, None)
INSTITUTE = actor(Role.DEVELOPMENT_INSTITUTE, None)
AUDITOR = actor(Role.AUDITOR, None)
AKIMAT = actor(Role.AKIMAT, None, "35")
A = PlanApplication.Status


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (A.SUBMITTED, MANUFACTURER, {"view", "apply", "withdraw"}),
        (A.SUBMITTED, CUSTOMER, {"view", "refuse", "award"}),
        (A.SUBMITTED, OTHER_CUSTOMER, set()),
        (A.SUBMITTED, CUSTOMER_AS_APPLICANT, set()),
        (A.SUBMITTED, OTHER_MANUFACTURER, set()),
        (A.SUBMITTED, OFFICER, {"view"}),
        (A.SUBMITTED, INSTITUTE, {"view"}),
        (A.SUBMITTED, AUDITOR, {"view"}),
        (A.SUBMITTED, AKIMAT, set()),
        (A.SUBMITTED, PUBLIC, set()),
        (A.AWARDED, CUSTOMER, {"view", "conclude", "refuse"}),
        (A.AWARDED, MANUFACTURER, {"view"}),
        (A.AWARDED, OTHER_CUSTOMER, set()),
        (A.AWARDED, OFFICER, {"view"}),
        (A.REFUSED, CUSTOMER, {"view"}),
        (A.REFUSED, MANUFACTURER, {"view"}),
        (A.REFUSED, OFFICER, {"view"}),
        (A.CONCLUDED, CUSTOMER, {"view"}),
        (A.CONCLUDED, MANUFACTURER, {"view"}),
        (A.CONCLUDED, PUBLIC, set()),
        (A.WITHDRAWN, CUSTOMER, {"view"}),
        (A.WITHDRAWN, MANUFACTURER, {"view"}),
    ],
)
def test_application_policy_under_examination(status: str, who: Actor, expected: set[str]) -> None:
    record = PlanApplication(organization_id=MAKER, customer_id=BUYER, status=status)
    assert allowed_actions(who, record) == expected


OB = ExclusionObjection.Status


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (OB.PENDING, MANUFACTURER, {"view", "file"}),
        (OB.PENDING, OTHER_MANUFACTURER, set()),
        (OB.PENDING, CUSTOMER, {"view"}),
        (OB.PENDING, OTHER_CUSTOMER, set()),
        (OB.PENDING, OFFICER, {"view", "accept", "reject"}),
        (OB.PENDING, INSTITUTE, {"view"}),
        (OB.PENDING, AUDITOR, {"view"}),
        (OB.PENDING, AKIMAT, set()),
        (OB.PENDING, PUBLIC, set()),
        (OB.ACCEPTED, OFFICER, {"view"}),
        (OB.ACCEPTED, MANUFACTURER, {"view"}),
        (OB.ACCEPTED, CUSTOMER, {"view"}),
        (OB.REJECTED, OFFICER, {"view"}),
        (OB.REJECTED, MANUFACTURER, {"view"}),
        (OB.REJECTED, OTHER_MANUFACTURER, set()),
        (OB.REJECTED, PUBLIC, set()),
    ],
)
def test_objection_policy(status: str, who: Actor, expected: set[str]) -> None:
    record = ExclusionObjection(organization_id=MAKER, customer_id=BUYER, status=status)
    assert allowed_actions(who, record) == expected
