"""Who may do what with the queues' budgets and places, the alerts when a measure opens, the figures from the
state's systems, and a withdrawn request: each kind tried as each role, in and out of its reach."""

from __future__ import annotations

import pytest

from nisi.core.authz import PUBLIC, Actor, allowed_actions
from nisi.incentives.models import (
    CounterObligationAgreement,
    IncentiveApplication,
    MeasureBudget,
    OpeningAlert,
    QueuePlace,
    RequestedMeasure,
    StateActual,
)
from tests.incentives.test_policies import (
    AKIMAT,
    APPLICANT,
    AUDITOR,
    BANK,
    CUSTOMER,
    EVERYONE,
    INSTITUTE,
    OFFICER,
    OPERATOR,
    OTHER,
    OTHER_APPLICANT,
    OTHER_OPERATOR,
    OWN,
)


@pytest.mark.parametrize("who", EVERYONE)
def test_budgets_and_places_are_public_and_the_authorized_body_records_budgets(who: Actor) -> None:
    readers = {OFFICER, INSTITUTE, AUDITOR}
    assert allowed_actions(who, MeasureBudget()) == ({"view", "record"} if who is OFFICER else {"view"})
    for status in QueuePlace.Status.values:
        place = QueuePlace(status=status, organization_id=OWN)
        assert allowed_actions(who, place) == {"view"}, (who, status, who in readers)


AL = OpeningAlert.Status


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (AL.WAITING, APPLICANT, {"view", "ask", "cancel"}),
        (AL.WAITING, OTHER_APPLICANT, set()),
        (AL.WAITING, OFFICER, {"view"}),
        (AL.WAITING, OPERATOR, set()),
        (AL.WAITING, AUDITOR, set()),
        (AL.WAITING, PUBLIC, set()),
        (AL.NOTIFIED, APPLICANT, {"view"}),
        (AL.NOT_ELIGIBLE, APPLICANT, {"view"}),
        (AL.CANCELLED, APPLICANT, {"view"}),
        (AL.CANCELLED, AKIMAT, set()),
    ],
)
def test_opening_alert_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, OpeningAlert(status=status, organization_id=OWN)) == expected


SA = StateActual.Status


def figure(status: str) -> StateActual:
    return StateActual(status=status, agreement=CounterObligationAgreement(organization_id=OWN, operator_id=BANK))


@pytest.mark.parametrize(
    ("status", "who", "expected"),
    [
        (SA.RECEIVED, APPLICANT, {"view", "confirm", "contest"}),
        (SA.RECEIVED, OTHER_APPLICANT, set()),
        (SA.RECEIVED, OPERATOR, {"view"}),
        (SA.RECEIVED, OTHER_OPERATOR, set()),
        (SA.RECEIVED, OFFICER, {"view"}),
        (SA.RECEIVED, INSTITUTE, {"view"}),
        (SA.RECEIVED, AUDITOR, {"view"}),
        (SA.RECEIVED, CUSTOMER, set()),
        (SA.RECEIVED, PUBLIC, set()),
        (SA.CONFIRMED, APPLICANT, {"view", "contest"}),
        (SA.CONTESTED, APPLICANT, {"view"}),
        (SA.CONTESTED, OPERATOR, {"view"}),
    ],
)
def test_state_figure_policy(status: str, who: Actor, expected: set[str]) -> None:
    assert allowed_actions(who, figure(status)) == expected


@pytest.mark.parametrize(
    ("who", "expected"),
    [(APPLICANT, {"view"}), (OPERATOR, {"view"}), (OFFICER, {"view"}), (OTHER_APPLICANT, set()), (PUBLIC, set())],
)
def test_a_withdrawn_request_is_only_read(who: Actor, expected: set[str]) -> None:
    withdrawn = RequestedMeasure(
        status=RequestedMeasure.Status.WITHDRAWN,
        application=IncentiveApplication(organization_id=OWN),
        operator_id=BANK,
    )
    assert allowed_actions(who, withdrawn) == expected
    assert OTHER != OWN
