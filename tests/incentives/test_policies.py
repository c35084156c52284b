"""Who may do what with the catalogue, the list of priority goods, applications and requested measures: each kind
tried as each role, in and out of its reach."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, Grant, allowed_actions
from nisi.core.roles import Role
from nisi.incentives.models import IncentiveApplication, Measure, Operator, PriorityList, RequestedMeasure

OWN, OTHER, BANK = 1, 2, 3


def actor(role: str, org: int | None = OWN, region: str | None = None) -> Actor:
    return Actor(user_id=9, label=role, grants=(Grant(role, organization_id=org, region_code=region),))


APPLICANT = actor(Role.APPLICANT)
OTHER_APPLICANT = actor(Role.APPLICANT, OTHER)
OPERATOR = actor(Role.INCENTIVE_OPERATOR, BANK)
OTHER_OPERATOR = actor(Role.INCENTIVE_OPERATOR, OTHER)
OFFICER = actor(Role.AUTHORIZED_BODY, None)
INSTITUTE = actor(Role.DEVELOPMENT_INSTITUTE, None)
AUDITOR = actor(Role.AUDITOR, None)
AKIMAT = actor(Role.AKIMAT, None, "35")
CUSTOMER = actor(Role.MAJOR_CUSTOMER)
EVERYONE = (APPLICANT, OPERATOR, OFFICER, INSTITUTE, AUDITOR, AKIMAT, CUSTOMER, PUBLIC)


@pytest.mark.parametrize("who", EVERYONE)
def test_the_catalogue_and_the_list_are_public_and_kept_by_the_authorized_body(who: Actor) -> None:
    keeper = who is OFFICER
    assert allowed_actions(who, Operator(organization_id=BANK)) == ({"view", "record"} if keeper else {"view"})
    assert allowed_actions(who, Measure()) == ({"view", "publish", "open"} if keeper else {"view"})
    assert allowed_actions(who, PriorityList()) == ({"view", "upload"} if keeper else {"view"})


A = IncentiveApplication.Status


@pytest.mark.parametrize("status", A.values)
@pytest.mark.parametrize(
    ("who", "expected"),
    [
        (APPLICANT, {"view", "apply"}),
        (OTHER_APPLICANT, set()),
        (OFFICER, {"view"}),
        (INSTITUTE, {"view"}),
        (AUDITOR, {"view"}),
        (OPERATOR, set()),  # an operator reads the requests routed to it, not the application
        (AKIMAT, set()),
        (CUSTOMER, set()),
        (PUBLIC, set()),
    ],
)
def test_application_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, IncentiveApplication(status=status, organization_id=OWN)) == expected


R = RequestedMeasure.Status


def request(status: str) -> RequestedMeasure:
    return RequestedMeasure(status=status, application=IncentiveApplication(organization_id=OWN), operator_id=BANK)


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (R.WITH_OPERATOR, OPERATOR, {"view", "assess", "grant", "decline"}),
        (R.WITH_OPERATOR, OTHER_OPERATOR, set()),
        (R.WITH_OPERATOR, APPLICANT, {"view", "withdraw"}),  # an undecided request may be withdrawn
        (R.WITH_OPERATOR, OTHER_APPLICANT, set()),
        (R.WITH_OPERATOR, OFFICER, {"view"}),
        (R.WITH_OPERATOR, INSTITUTE, {"view"}),
        (R.WITH_OPERATOR, AUDITOR, {"view"}),
        (R.WITH_OPERATOR, AKIMAT, set()),
        (R.WITH_OPERATOR, PUBLIC, set()),
        (R.REFUSED, OPERATOR, set()),  # refused by the nisi: it never reached the operator
        (R.REFUSED, APPLICANT, {"view"}),
        (R.REFUSED, OFFICER, {"view"}),
        (R.GRANTED, OPERATOR, {"view", "conclude_agreement"}),  # the agreement of IP-27.1 on the granted measure
        (R.GRANTED, APPLICANT, {"view"}),
        (R.DECLINED, OPERATOR, {"view"}),
        (R.DECLINED, OTHER_OPERATOR, set()),
        (R.DECLINED, CUSTOMER, set()),
        (R.DECLINED, PUBLIC, set()),
    ],
)
def test_requested_measure_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, request(status)) == expected
