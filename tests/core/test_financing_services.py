"""The core's services of financing by call (ADR 27) under a scheme of their own: the Astana Hub's tables serve as
the concrete example, but the journal subjects, the numbers, the provisions and the payment are the test scheme's
(as the industrial grants of IP-42 would give theirs), so what is tested is the core's mechanism, not the Hub's."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import (
    ExpertAssignment,
    FinancingAgreement,
    FinancingApplication,
    FinancingCall,
    ScoringCriterion,
)
from nisi.astana_hub.services.financing import SCHEME
from nisi.core.authz import Actor, Grant, actor_for
from nisi.core.financing import agreements, panel, selectors
from nisi.core.financing.scheme import FinancingError, Numbers, Provisions, Subjects
from nisi.core.models import JournalEntry, Notification, RoleAssignment
from nisi.core.roles import Role
from nisi.law import clock

pytestmark = pytest.mark.django_db
D = dt.date
MANAGER = Actor(user_id=9301, label="grants officer", grants=(Grant(Role.ASTANA_HUB_FUND),))
_payments: list[tuple[str, dt.date, str]] = []


def _disburse(actor: Actor, tranche: Any, paid_on: dt.date, document_reference: str) -> None:
    if document_reference == "REFUSED":
        raise FinancingError("The account holds too little.")
    _payments.append((actor.label, paid_on, document_reference))


# The Hub's tables and message texts; everything else the test scheme's own, as the industrial grants would give.
GRANTS = replace(
    SCHEME,
    subjects=Subjects(call="test_grant_call", application="test_grant_application", agreement="test_grant_agreement"),
    numbers=Numbers(call="IG-C", application="IG-P", agreement="IG-G"),
    provisions=Provisions(assessment=("IP-42.3",), decision=("IP-42.1", "IP-42.2"), funds=("IP-42.5",)),
    disburse=_disburse,
)


@pytest.fixture
def call(db: None) -> FinancingCall:
    made = FinancingCall.objects.create(
        number="IG-C-2025-00001",
        title="Industrial grants 2025",
        description="Priority goods",
        opens_on=D(2025, 3, 1),
        closes_on=D(2025, 3, 31),
        budget=Decimal("100.00"),
        max_per_project=Decimal("60.00"),
        experts_per_application=2,
        pass_score=Decimal(60),
        status=FinancingCall.Status.ASSESSMENT,
        created_at=clock.now(),
    )
    ScoringCriterion.objects.create(call=made, code="a", title="Complexity", weight=Decimal(60), max_score=10)
    ScoringCriterion.objects.create(call=made, code="b", title="Export", weight=Decimal(40), max_score=5)
    return made


def _application(call: FinancingCall, org: Any, number: str, requested: str) -> FinancingApplication:
    return FinancingApplication.objects.create(
        number=number,
        call=call,
        organization=org,
        project_title=f"Project {number}",
        project_summary="A plant",
        requested_amount=Decimal(requested),
        project_starts_on=D(2025, 5, 1),
        project_ends_on=D(2026, 4, 30),
        submitted_on=D(2025, 3, 10),
    )


def _assess(application: FinancingApplication, expert: Any, a: int, b: int) -> ExpertAssignment:
    assignment = panel.expert_assign(GRANTS, actor=MANAGER, application=application, expert_user_id=expert.pk)
    actor = actor_for(expert)
    panel.assignment_declare(GRANTS, actor=actor, assignment=assignment, conflict=False)
    scored: ExpertAssignment = panel.assignment_score(
        GRANTS, actor=actor, assignment=assignment, scores={"a": a, "b": b}, comment="Reasons"
    )
    return scored


def test_the_panel_scores_without_the_recused_and_the_decision_cites_the_scheme(
    call: FinancingCall, make_org: Any, make_user: Any, english: None
) -> None:
    org = make_org()
    experts = [make_user(Role.INDEPENDENT_EXPERT) for _ in range(4)]
    strong, weak = _application(call, org, "IG-P-1", "60.00"), _application(call, org, "IG-P-2", "50.00")
    with clock.frozen(D(2025, 3, 20)):
        recused = panel.expert_assign(GRANTS, actor=MANAGER, application=strong, expert_user_id=experts[2].pk)
        panel.assignment_declare(
            GRANTS, actor=actor_for(experts[2]), assignment=recused, conflict=True, details="Former employee"
        )
        _assess(strong, experts[0], 9, 4)  # 86
        _assess(strong, experts[1], 8, 5)  # 88
        with pytest.raises(FinancingError, match="already has the 2 experts"):
            panel.expert_assign(GRANTS, actor=MANAGER, application=strong, expert_user_id=experts[3].pk)
        _assess(weak, experts[0], 5, 2)  # 46
        _assess(weak, experts[1], 6, 3)  # 60
    strong.refresh_from_db()
    assert strong.average_score == Decimal("87.00")
    with clock.frozen(D(2025, 4, 1)):
        panel.call_decide(GRANTS, actor=MANAGER, call=call)
    strong.refresh_from_db()
    weak.refresh_from_db()
    assert (strong.status, strong.approved_amount) == (FinancingApplication.Status.APPROVED, Decimal("60.00"))
    assert weak.status == FinancingApplication.Status.REJECTED
    decided = JournalEntry.objects.get(subject_type="test_grant_call", subject_id=call.number, action="decided")
    assert decided.provisions == ["IP-42.1", "IP-42.2"]
    approved = JournalEntry.objects.get(subject_type="test_grant_application", subject_id="IG-P-1", action="approved")
    assert approved.provisions == ["IP-42.1", "IP-42.2", "IP-42.3"]
    declared = JournalEntry.objects.get(subject_id="IG-P-1", action="expert_recused")
    assert declared.provisions == ["IP-42.3"]
    notice = Notification.objects.get(organization=org, subject_id="IG-P-1")
    assert (notice.message_key, notice.provisions) == ("astana_hub.financing.approved", ["IP-42.1", "IP-42.2"])


def test_an_insider_is_refused_citing_the_scheme_s_independence(
    call: FinancingCall, make_org: Any, make_user: Any, english: None
) -> None:
    org = make_org()
    insider = make_user(Role.INDEPENDENT_EXPERT)
    RoleAssignment.objects.create(user=insider, role=Role.APPLICANT, organization=org)
    application = _application(call, org, "IG-P-3", "10.00")
    assert selectors.experts_available(application, expert_role=Role.INDEPENDENT_EXPERT) == []
    with pytest.raises(FinancingError, match=r"independence of the assessment, IP-42\.3\)"):
        panel.expert_assign(GRANTS, actor=MANAGER, application=application, expert_user_id=insider.pk)
    with pytest.raises(PermissionDenied):
        panel.expert_assign(
            GRANTS,
            actor=Actor(user_id=1, label="x", grants=(Grant(Role.AUDITOR),)),
            application=application,
            expert_user_id=insider.pk,
        )


@pytest.fixture
def approved(call: FinancingCall, make_org: Any) -> FinancingApplication:
    application = _application(call, make_org(), "IG-P-9", "60.00")
    application.status = FinancingApplication.Status.APPROVED
    application.approved_amount = Decimal("60.00")
    application.decided_on = D(2025, 4, 1)
    application.save()
    return application


def test_tranches_are_released_through_the_scheme_s_payment(approved: FinancingApplication, english: None) -> None:
    _payments.clear()
    with clock.frozen(D(2025, 4, 15)):
        agreement = agreements.agreement_conclude(
            GRANTS,
            actor=MANAGER,
            application=approved,
            signed_on=D(2025, 4, 15),
            ends_on=D(2026, 4, 14),
            tranches=[(D(2025, 4, 20), Decimal("40.00"), "Start"), (D(2025, 10, 1), Decimal("20.00"), "Line")],
        )
    assert agreement.number == f"IG-G-2025-{agreement.pk:05d}"
    assert str(agreement) == agreement.number  # the records read as their numbers
    assert str(approved) == approved.number
    assert str(approved.call) == approved.call.number
    first, second = agreement.tranches.order_by("planned_on")
    with clock.frozen(D(2025, 4, 20)):
        with pytest.raises(FinancingError, match="earlier tranches"):
            agreements.tranche_release(
                GRANTS, actor=MANAGER, tranche=second, paid_on=D(2025, 4, 20), document_reference="PO-2"
            )
        with pytest.raises(FinancingError, match="too little"):
            agreements.tranche_release(
                GRANTS, actor=MANAGER, tranche=first, paid_on=D(2025, 4, 20), document_reference="REFUSED"
            )
        first.refresh_from_db()
        assert first.paid_on is None  # the payment's refusal leaves the tranche unpaid
        agreements.tranche_release(
            GRANTS, actor=MANAGER, tranche=first, paid_on=D(2025, 4, 20), document_reference="PO-1"
        )
    assert _payments == [("grants officer", D(2025, 4, 20), "PO-1")]
    paid = JournalEntry.objects.get(subject_type="test_grant_agreement", action="tranche_paid")
    assert paid.provisions == ["IP-42.5", "IP-42.1", "IP-42.2"]
    # the recipient reports; a breach found stops the next tranche; the agreement is then terminated
    recipient = Actor(
        user_id=9302, label="recipient", grants=(Grant(Role.APPLICANT, organization_id=approved.organization_id),)
    )
    with clock.frozen(D(2025, 10, 20)):
        report = agreements.report_submit(
            GRANTS,
            actor=recipient,
            agreement=agreement,
            period_start=D(2025, 4, 15),
            period_end=D(2025, 10, 14),
            progress="Line bought, not installed",
            spent=Decimal("35.00"),
        )
        with pytest.raises(PermissionDenied):
            agreements.report_assess(GRANTS, actor=recipient, report=report, assessment="on_track", notes="")
        agreements.report_assess(GRANTS, actor=MANAGER, report=report, assessment="breached", notes="Not installed")
        with pytest.raises(FinancingError, match="obligations breached"):
            agreements.tranche_release(
                GRANTS, actor=MANAGER, tranche=second, paid_on=D(2025, 10, 20), document_reference="PO-2"
            )
        with pytest.raises(FinancingError, match="Tranches remain unpaid"):
            agreements.agreement_complete(GRANTS, actor=MANAGER, agreement=agreement)
        agreements.agreement_terminate(GRANTS, actor=MANAGER, agreement=agreement, reasons="Line not installed")
    agreement.refresh_from_db()
    assert agreement.status == FinancingAgreement.Status.TERMINATED
    terminated = Notification.objects.get(message_key="astana_hub.financing.agreement_terminated")
    assert terminated.provisions == ["IP-42.5"]


def test_a_scheme_without_a_payment_hook_only_records_the_payment(approved: FinancingApplication) -> None:
    bare = replace(GRANTS, disburse=None)
    with clock.frozen(D(2025, 4, 15)):
        agreement = agreements.agreement_conclude(
            bare,
            actor=MANAGER,
            application=approved,
            signed_on=D(2025, 4, 15),
            ends_on=D(2025, 12, 31),
            tranches=[(D(2025, 4, 20), Decimal("60.00"), "")],
        )
        tranche = agreements.tranche_release(
            bare, actor=MANAGER, tranche=agreement.tranches.get(), paid_on=D(2025, 4, 20), document_reference="PO"
        )
    assert tranche.paid_on == D(2025, 4, 20)
