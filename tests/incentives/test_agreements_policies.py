"""Who may do what with the agreements with counter-obligations (IP-27) and on increasing competitiveness (IP-28):
each kind tried as each role, in and out of its reach."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, allowed_actions
from nisi.incentives.models import CompetitivenessAgreement, CounterObligationAgreement
from tests.incentives.test_policies import (
    AKIMAT,
    APPLICANT,
    AUDITOR,
    BANK,
    CUSTOMER,
    INSTITUTE,
    OFFICER,
    OPERATOR,
    OTHER_APPLICANT,
    OTHER_OPERATOR,
    OWN,
)

C = CounterObligationAgreement.Status
MONITOR = {"view", "determine_refund"}


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (C.MONITORED, APPLICANT, {"view", "report", "estimate"}),
        (C.MONITORED, OTHER_APPLICANT, set()),
        (C.MONITORED, OPERATOR, MONITOR),
        (C.MONITORED, OTHER_OPERATOR, set()),
        (C.MONITORED, OFFICER, MONITOR),
        (C.MONITORED, INSTITUTE, {"view"}),
        (C.MONITORED, AUDITOR, {"view"}),
        (C.MONITORED, AKIMAT, set()),
        (C.MONITORED, CUSTOMER, set()),
        (C.MONITORED, PUBLIC, set()),
        (C.COMPLETED, APPLICANT, {"view"}),
        (C.COMPLETED, OPERATOR, {"view"}),
        (C.COMPLETED, OFFICER, {"view"}),
        (C.COMPLETED, OTHER_OPERATOR, set()),
        (C.COMPLETED, PUBLIC, set()),
    ],
)
def test_counter_obligation_agreement_policy(status: str, who: Actor, expected: set[str]) -> None:
    agreement = CounterObligationAgreement(status=status, organization_id=OWN, operator_id=BANK)
    assert allowed_actions(who, agreement) == expected


K = CompetitivenessAgreement.Status
KEEPER = {"view", "conclude", "monitor", "record_beyond_control", "terminate"}


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (K.MONITORED, OFFICER, KEEPER),
        (K.MONITORED, APPLICANT, {"view"}),
        (K.MONITORED, OTHER_APPLICANT, set()),
        (K.MONITORED, OPERATOR, set()),
        (K.MONITORED, INSTITUTE, {"view"}),
        (K.MONITORED, AUDITOR, {"view"}),
        (K.MONITORED, AKIMAT, set()),
        (K.MONITORED, PUBLIC, set()),
        (K.TERMINATED, OFFICER, {"view", "monitor", "record_beyond_control"}),
        (K.TERMINATED, APPLICANT, {"view"}),
        (K.TERMINATED, PUBLIC, set()),
    ],
)
def test_competitiveness_agreement_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, CompetitivenessAgreement(status=status, organization_id=OWN)) == expected
