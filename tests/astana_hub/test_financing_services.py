"""Project financing through the services: the whole path, and every refusal with nothing half-written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub.models import (
    AssetMovement,
    ClusterActorEntry,
    CommitteeDecision,
    ExpertAssignment,
    FinancingAgreement,
    FinancingApplication,
    FinancingCall,
    HubActor,
)
from nisi.astana_hub.rules.financing import Criterion
from nisi.astana_hub.selectors import financing as selectors
from nisi.astana_hub.services import assets
from nisi.astana_hub.services import financing as services
from nisi.astana_hub.services import financing_agreements as agreements
from nisi.core.authz import actor_for
from nisi.core.models import JournalEntry, Notification, RoleAssignment
from nisi.core.roles import Role
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND, member_of

pytestmark = pytest.mark.django_db
D = dt.date
CRITERIA = [Criterion("novelty", "Novelty", Decimal(60), 10), Criterion("team", "Team", Decimal(40), 5)]


def _call(**kw: Any) -> FinancingCall:
    data: dict[str, Any] = {
        "title": "Deep tech 2025",
        "description": "AI and deep tech projects",
        "opens_on": D(2025, 3, 1),
        "closes_on": D(2025, 3, 31),
        "budget": Decimal("50000000.00"),
        "max_per_project": Decimal("20000000.00"),
        "pass_score": Decimal(60),
        "experts_per_application": 2,
        "criteria": CRITERIA,
    }
    data.update(kw)
    return services.call_create(actor=FUND, **data)


def _apply(
    org: Any, call: FinancingCall, amount: str = "15000000.00", title: str = "Vision AI"
) -> FinancingApplication:
    return services.application_submit(
        actor=member_of(org),
        call=call,
        organization=org,
        project_title=title,
        project_summary="Computer vision for quality control",
        requested_amount=Decimal(amount),
        project_starts_on=D(2025, 5, 1),
        project_ends_on=D(2026, 4, 30),
    )


@pytest.fixture
def open_call(approved_budget: CommitteeDecision) -> FinancingCall:
    with clock.frozen(D(2025, 3, 1)):
        return services.call_open(actor=FUND, call=_call())


@pytest.fixture
def experts(make_user: Any) -> list[Any]:
    return [make_user(Role.INDEPENDENT_EXPERT) for _ in range(3)]


def _assess(application: FinancingApplication, expert: Any, novelty: int, team: int) -> ExpertAssignment:
    assignment = services.expert_assign(actor=FUND, application=application, expert_user_id=expert.pk)
    actor = actor_for(expert)
    services.assignment_declare(actor=actor, assignment=assignment, conflict=False)
    return services.assignment_score(
        actor=actor, assignment=assignment, scores={"novelty": novelty, "team": team}, comment="Reasons"
    )


@pytest.mark.law("AH-10.2-1")
def test_from_call_to_decision(
    open_call: FinancingCall, cluster_actor: ClusterActorEntry, hub_actor: HubActor, experts: list[Any]
) -> None:
    university, startup = cluster_actor.organization, hub_actor.organization
    with clock.frozen(D(2025, 3, 10)):
        strong = _apply(startup, open_call, "15000000.00")
        weak = _apply(university, open_call, "10000000.00", title="Campus LMS")
    assert strong.number == f"AH-P-2025-{strong.pk:05d}"
    assert Notification.objects.filter(organization=startup, message_key__endswith="application_received").exists()
    submitted = JournalEntry.objects.get(subject_id=strong.number, action="submitted")
    assert submitted.payload["participation"][0]["reference"] == hub_actor.number
    with clock.frozen(D(2025, 3, 20)):
        _assess(strong, experts[0], 9, 4)  # 54 + 32 = 86
        _assess(strong, experts[1], 8, 5)  # 48 + 40 = 88
        _assess(weak, experts[0], 5, 2)  # 30 + 16 = 46
        _assess(weak, experts[2], 6, 3)  # 36 + 24 = 60
    strong.refresh_from_db()
    weak.refresh_from_db()
    assert strong.average_score == Decimal("87.00")
    assert weak.average_score == Decimal("53.00")
    with clock.frozen(D(2025, 4, 1)):
        services.call_close(actor=FUND, call=open_call)
        services.call_decide(actor=FUND, call=open_call)
    strong.refresh_from_db()
    weak.refresh_from_db()
    assert (strong.status, strong.approved_amount) == (FinancingApplication.Status.APPROVED, Decimal("15000000.00"))
    assert "ranked 1 of 1" in strong.decision_reasons
    assert weak.status == FinancingApplication.Status.REJECTED
    assert "below the call's pass score" in weak.decision_reasons
    assert Notification.objects.filter(organization=university, message_key="astana_hub.financing.rejected").exists()
    open_call.refresh_from_db()
    assert open_call.status == FinancingCall.Status.DECIDED


@pytest.mark.law("AH-10.2-1")
def test_only_cluster_actors_apply(open_call: FinancingCall, make_org: Any, hub_actor: HubActor, english: None) -> None:
    outsider = make_org(name="ТОО «Not in the cluster»")
    with clock.frozen(D(2025, 3, 10)), pytest.raises(services.FinancingError, match="innovation cluster actors only"):
        _apply(outsider, open_call)
    with clock.frozen(D(2025, 3, 10)), pytest.raises(services.FinancingError, match="Only a user of the organization"):
        services.application_submit(
            actor=member_of(outsider),  # a user of another organization
            call=open_call,
            organization=hub_actor.organization,
            project_title="x",
            project_summary="y",
            requested_amount=Decimal(1),
            project_starts_on=D(2025, 5, 1),
            project_ends_on=D(2025, 6, 1),
        )
    # The basis must run on the day of submission: the actor was registered on 15 January 2025.
    with clock.frozen(D(2025, 1, 14)), pytest.raises(services.FinancingError, match="not a participant"):
        services.application_submit(
            actor=member_of(hub_actor.organization),
            call=open_call,
            organization=hub_actor.organization,
            project_title="x",
            project_summary="y",
            requested_amount=Decimal(1),
            project_starts_on=D(2025, 5, 1),
            project_ends_on=D(2025, 6, 1),
        )
    assert not FinancingApplication.objects.exists()


def test_application_refusals(open_call: FinancingCall, hub_actor: HubActor, english: None) -> None:
    org = hub_actor.organization
    with clock.frozen(D(2025, 3, 10)):
        with pytest.raises(services.FinancingError, match="Only a user of the organization"):
            services.application_submit(
                actor=FUND,  # not a user of the organization
                call=open_call,
                organization=org,
                project_title="x",
                project_summary="y",
                requested_amount=Decimal(1),
                project_starts_on=D(2025, 5, 1),
                project_ends_on=D(2025, 6, 1),
            )
        with pytest.raises(services.FinancingError, match=r"at most 20000000\.00 tenge"):
            _apply(org, open_call, "20000000.01")
        _apply(org, open_call)
        with pytest.raises(services.FinancingError, match="already applied for this project"):
            _apply(org, open_call)
    with clock.frozen(D(2025, 4, 1)), pytest.raises(services.FinancingError, match="closed on 2025-03-31"):
        _apply(org, open_call, title="Late")
    assert FinancingApplication.objects.count() == 1


@pytest.mark.law("AH-9.2.2")
def test_a_call_opens_only_within_an_approved_budget(approved_budget: CommitteeDecision, english: None) -> None:
    with clock.frozen(D(2025, 3, 1)):
        no_budget = _call(opens_on=D(2026, 1, 10), closes_on=D(2026, 2, 10))
        with pytest.raises(services.FinancingError, match="has not approved the Fund's annual budget for 2026"):
            services.call_open(actor=FUND, call=no_budget)
        first = services.call_open(actor=FUND, call=_call(budget=Decimal("80000000.00")))
        too_much = _call(budget=Decimal("20000000.01"))
        with pytest.raises(services.FinancingError, match="would exceed the annual budget"):
            services.call_open(actor=FUND, call=too_much)
        services.call_open(actor=FUND, call=_call(budget=Decimal("20000000.00")))
        with pytest.raises(services.FinancingError, match="weights of the criteria must sum to 100"):
            _call(criteria=[Criterion("a", "A", Decimal(50), 10)])
        with pytest.raises(PermissionDenied):
            services.call_create(
                actor=AUDITOR,
                title="x",
                description="",
                opens_on=D(2025, 3, 1),
                closes_on=D(2025, 3, 2),
                budget=Decimal(1),
                max_per_project=Decimal(1),
                pass_score=Decimal(1),
                experts_per_application=1,
                criteria=CRITERIA,
            )
        with pytest.raises(services.FinancingError, match="until 2025-03-31 inclusive"):
            services.call_close(actor=FUND, call=first)
    no_budget.refresh_from_db()
    too_much.refresh_from_db()
    assert no_budget.status == too_much.status == FinancingCall.Status.DRAFT


@pytest.mark.law("AH-4.5")
def test_experts_are_independent(
    open_call: FinancingCall, hub_actor: HubActor, experts: list[Any], make_user: Any, english: None
) -> None:
    org = hub_actor.organization
    with clock.frozen(D(2025, 3, 10)):
        application = _apply(org, open_call)
        insider = make_user(Role.INDEPENDENT_EXPERT)
        RoleAssignment.objects.create(user=insider, role=Role.APPLICANT, organization=org)
        with pytest.raises(services.FinancingError, match="belongs to the applicant organization"):
            services.expert_assign(actor=FUND, application=application, expert_user_id=insider.pk)
        with pytest.raises(services.FinancingError, match="role of independent expert"):
            services.expert_assign(actor=FUND, application=application, expert_user_id=make_user(Role.AUDITOR).pk)
        with pytest.raises(PermissionDenied):
            services.expert_assign(actor=member_of(org), application=application, expert_user_id=experts[0].pk)
        first = services.expert_assign(actor=FUND, application=application, expert_user_id=experts[0].pk)
        with pytest.raises(services.FinancingError, match="already been assigned"):
            services.expert_assign(actor=FUND, application=application, expert_user_id=experts[0].pk)
        services.expert_assign(actor=FUND, application=application, expert_user_id=experts[1].pk)
        with pytest.raises(services.FinancingError, match="already has the 2 experts"):
            services.expert_assign(actor=FUND, application=application, expert_user_id=experts[2].pk)
        # an expert scores only after declaring, and only their own assignment
        with pytest.raises(PermissionDenied):
            services.assignment_score(actor=actor_for(experts[0]), assignment=first, scores={}, comment="x")
        with pytest.raises(PermissionDenied):
            services.assignment_declare(actor=actor_for(experts[1]), assignment=first, conflict=False)
        assert list(selectors.assignments_for(actor_for(experts[0]))) == [first]
        assert not selectors.applications_for(actor_for(experts[0])).exists()  # never by reach
        with pytest.raises(services.FinancingError, match="Describe the conflict"):
            services.assignment_declare(actor=actor_for(experts[0]), assignment=first, conflict=True)
        services.assignment_declare(actor=actor_for(experts[0]), assignment=first, conflict=True, details="Ex-employee")
        first.refresh_from_db()
        assert first.status == ExpertAssignment.Status.CONFLICT
        # the recused expert leaves a place: the officer assigns another
        services.expert_assign(actor=FUND, application=application, expert_user_id=experts[2].pk)
        with pytest.raises(PermissionDenied):
            services.assignment_score(
                actor=actor_for(experts[0]), assignment=first, scores={"novelty": 1, "team": 1}, comment="x"
            )
        second = application.assignments.get(expert=experts[1])
        services.assignment_declare(actor=actor_for(experts[1]), assignment=second, conflict=False)
        with pytest.raises(services.FinancingError, match="from 0 to 5"):
            services.assignment_score(
                actor=actor_for(experts[1]), assignment=second, scores={"novelty": 1, "team": 6}, comment="x"
            )
        with pytest.raises(services.FinancingError, match="reasons for your scores"):
            services.assignment_score(
                actor=actor_for(experts[1]), assignment=second, scores={"novelty": 1, "team": 1}, comment=" "
            )
        second.refresh_from_db()
        assert second.status == ExpertAssignment.Status.DECLARED
    with clock.frozen(D(2025, 4, 1)):
        services.call_close(actor=FUND, call=open_call)
        with pytest.raises(services.FinancingError, match="have not finished assessing"):
            services.call_decide(actor=FUND, call=open_call)


def test_incomplete_assessment_is_refused(open_call: FinancingCall, hub_actor: HubActor, experts: list[Any]) -> None:
    with clock.frozen(D(2025, 3, 10)):
        application = _apply(hub_actor.organization, open_call)
        _assess(application, experts[0], 10, 5)
    with clock.frozen(D(2025, 4, 1)):
        services.call_close(actor=FUND, call=open_call)
        services.call_decide(actor=FUND, call=open_call)
    application.refresh_from_db()
    assert application.status == FinancingApplication.Status.REJECTED
    assert "1 of the 2 required experts" in application.decision_reasons


@pytest.fixture
def approved(open_call: FinancingCall, hub_actor: HubActor, experts: list[Any]) -> FinancingApplication:
    with clock.frozen(D(2025, 3, 10)):
        application = _apply(hub_actor.organization, open_call)
        _assess(application, experts[0], 9, 4)
        _assess(application, experts[1], 9, 4)
    with clock.frozen(D(2025, 4, 1)):
        services.call_close(actor=FUND, call=open_call)
        services.call_decide(actor=FUND, call=open_call)
    application.refresh_from_db()
    return application


TRANCHES = [(D(2025, 4, 20), Decimal("10000000.00"), "Start"), (D(2025, 10, 1), Decimal("5000000.00"), "MVP")]


@pytest.mark.law("AH-10.5")
def test_agreement_tranches_and_monitoring(approved: FinancingApplication, english: None) -> None:
    with clock.frozen(D(2025, 4, 15)):
        with pytest.raises(services.FinancingError, match=r"sum to the approved 15000000\.00"):
            agreements.agreement_conclude(
                actor=FUND,
                application=approved,
                signed_on=D(2025, 4, 15),
                ends_on=D(2026, 4, 30),
                tranches=TRANCHES[:1],
            )
        agreement = agreements.agreement_conclude(
            actor=FUND, application=approved, signed_on=D(2025, 4, 15), ends_on=D(2026, 4, 30), tranches=TRANCHES
        )
        assert agreement.number == f"AH-G-2025-{agreement.pk:05d}"
        with pytest.raises(services.FinancingError, match="already been concluded"):
            agreements.agreement_conclude(
                actor=FUND, application=approved, signed_on=D(2025, 4, 15), ends_on=D(2026, 4, 30), tranches=TRANCHES
            )
    first, second = list(agreement.tranches.order_by("planned_on"))
    with clock.frozen(D(2025, 4, 20)):
        with pytest.raises(services.FinancingError):  # the Fund has no assets yet: nothing is written
            agreements.tranche_pay(actor=FUND, tranche=first, paid_on=D(2025, 4, 20), document_reference="PO-1")
        first.refresh_from_db()
        assert first.paid_on is None
        assets.asset_receipt_record(
            actor=FUND,
            amount=Decimal("50000000.00"),
            on=D(2025, 4, 1),
            source="contribution",
            description="Donation",
            document_reference="R-1",
        )
        with pytest.raises(services.FinancingError, match="earlier tranches"):
            agreements.tranche_pay(actor=FUND, tranche=second, paid_on=D(2025, 4, 20), document_reference="PO-2")
        with pytest.raises(PermissionDenied):
            agreements.tranche_pay(
                actor=member_of(approved.organization), tranche=first, paid_on=D(2025, 4, 20), document_reference="x"
            )
        agreements.tranche_pay(actor=FUND, tranche=first, paid_on=D(2025, 4, 20), document_reference="PO-1")
        with pytest.raises(services.FinancingError, match="was paid on 2025-04-20"):
            agreements.tranche_pay(actor=FUND, tranche=first, paid_on=D(2025, 4, 20), document_reference="PO-1")
    use = AssetMovement.objects.get(tranche=first)
    assert (use.direction, use.purpose, use.amount) == ("use", "project_financing", Decimal("10000000.00"))
    recipient = member_of(approved.organization)
    with clock.frozen(D(2025, 7, 5)):
        with pytest.raises(services.FinancingError, match="period that has ended"):
            agreements.report_submit(
                actor=recipient,
                agreement=agreement,
                period_start=D(2025, 4, 15),
                period_end=D(2025, 7, 14),
                progress="x",
                spent=Decimal(1),
            )
        with pytest.raises(PermissionDenied):
            agreements.report_submit(
                actor=FUND,
                agreement=agreement,
                period_start=D(2025, 4, 15),
                period_end=D(2025, 6, 30),
                progress="x",
                spent=Decimal(1),
            )
        report = agreements.report_submit(
            actor=recipient,
            agreement=agreement,
            period_start=D(2025, 4, 15),
            period_end=D(2025, 6, 30),
            progress="Team hired",
            spent=Decimal("4000000.00"),
        )
        with pytest.raises(services.FinancingError, match="already covers part"):
            agreements.report_submit(
                actor=recipient,
                agreement=agreement,
                period_start=D(2025, 6, 1),
                period_end=D(2025, 7, 1),
                progress="x",
                spent=Decimal(1),
            )
        with pytest.raises(services.FinancingError, match="only for a breach"):
            agreements.agreement_terminate(actor=FUND, agreement=agreement, reasons="no")
        with pytest.raises(services.FinancingError, match="which obligations were breached"):
            agreements.report_assess(actor=FUND, report=report, assessment="breached", notes="")
        agreements.report_assess(actor=FUND, report=report, assessment="breached", notes="No MVP, funds misused")
        with pytest.raises(services.FinancingError, match="breached: no tranche is paid"):
            agreements.tranche_pay(actor=FUND, tranche=second, paid_on=D(2025, 7, 5), document_reference="PO-2")
        with pytest.raises(services.FinancingError, match="Give the reasons"):
            agreements.agreement_terminate(actor=FUND, agreement=agreement, reasons=" ")
        agreements.agreement_terminate(actor=FUND, agreement=agreement, reasons="Breach found in the Q2 report")
    agreement.refresh_from_db()
    assert agreement.status == FinancingAgreement.Status.TERMINATED
    assert Notification.objects.filter(message_key="astana_hub.financing.agreement_terminated").count() == 1
    with pytest.raises(PermissionDenied):
        agreements.agreement_terminate(actor=FUND, agreement=agreement, reasons="again")
