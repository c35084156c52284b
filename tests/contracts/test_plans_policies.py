"""Who may do what with large customers, the ownership chain, plans and applications: each kind tried as each role,
in and out of its reach."""

from __future__ import annotations

import pytest

from nisi.contracts.models import LargeCustomer, NationalWelfareFund, OwnershipLink, PlanApplication, ProcurementPlan
from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import Role

OWN, OTHER = 1, 2


def actor(role: str, org: int | None = OWN, region: str | None = None) -> Actor:
    return Actor(user_id=9, label=role, grants=(Grant(role, organization_id=org, region_code=region),))


def plan(status: str) -> ProcurementPlan:
    return ProcurementPlan(status=status, organization_id=OWN, region_id="35")


CUSTOMER = actor(Role.MAJOR_CUSTOMER)
OTHER_CUSTOMER = actor(Role.MAJOR_CUSTOMER, OTHER)
OFFICER = actor(Role.AUTHORIZED_BODY, None)
INSTITUTE = actor(Role.DEVELOPMENT_INSTITUTE, None)
AKIMAT = actor(Role.AKIMAT, None, "35")
MANUFACTURER = actor(Role.APPLICANT)
AUDITOR = actor(Role.AUDITOR, None)
S = ProcurementPlan.Status


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (S.DRAFT, CUSTOMER, {"view", "create", "edit", "submit"}),
        (S.DRAFT, OTHER_CUSTOMER, set()),
        (S.DRAFT, OFFICER, set()),
        (S.DRAFT, INSTITUTE, set()),
        (S.DRAFT, PUBLIC, set()),
        (S.DRAFT, MANUFACTURER, set()),
        (S.SUBMITTED, CUSTOMER, {"view"}),
        (S.SUBMITTED, OFFICER, {"view", "comment", "agree"}),
        (S.SUBMITTED, INSTITUTE, {"view", "give_opinion"}),  # IP-47.4: the institute's opinion
        (S.SUBMITTED, AUDITOR, {"view"}),
        (S.SUBMITTED, AKIMAT, set()),
        (S.SUBMITTED, PUBLIC, set()),
        (S.COMMENTS, CUSTOMER, {"view", "edit", "resubmit"}),
        (S.COMMENTS, OTHER_CUSTOMER, set()),
        (S.COMMENTS, OFFICER, {"view"}),
        (S.AGREED, OFFICER, {"view", "publish"}),
        (S.AGREED, CUSTOMER, {"view"}),
        (S.PUBLISHED, PUBLIC, {"view"}),
        (S.PUBLISHED, AKIMAT, {"view"}),
        (S.PUBLISHED, OFFICER, {"view"}),
        (S.PUBLISHED, CUSTOMER, {"view"}),
    ],
)
def test_plan_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, plan(status)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (OFFICER, {"view", "record", "end"}),
        (CUSTOMER, {"view"}),
        (INSTITUTE, {"view"}),
        (PUBLIC, {"view"}),
        (MANUFACTURER, {"view"}),
    ],
)
def test_large_customers_are_kept_by_the_authorized_body_and_public(who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, LargeCustomer(organization_id=OWN, status="active")) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(OFFICER, {"view", "record"}), (INSTITUTE, {"view"}), (CUSTOMER, set()), (PUBLIC, set()), (AKIMAT, set())],
)
def test_the_ownership_chain_and_the_fund_are_the_authorized_bodys(who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, OwnershipLink(owner_id=OTHER, owned_id=OWN)) == expected
    assert allowed_actions(who, NationalWelfareFund(organization_id=OWN)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (MANUFACTURER, {"view", "apply", "withdraw"}),
        (actor(Role.APPLICANT, OTHER), set()),
        (OFFICER, {"view"}),
        (CUSTOMER, set()),  # the customer reads the applications it received through the selector
        (PUBLIC, set()),
    ],
)
def test_application_policy(who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, PlanApplication(organization_id=OWN, customer_id=OTHER, status="submitted")) == expected
