"""Project financing from the Fund's own assets on the results of an independent expert assessment (AH-4.5,
AH-8-1.1, AH-10.2-1): calls, applications by innovation cluster actors, independent experts (declaration of no
conflict of interest, then scores), and the decision. Agreements, tranches and monitoring are in
`financing_agreements.py`.

The mechanisms are the core's financing by call (`nisi.core.financing`, ADR 27); this module is the Fund's scheme
(`SCHEME`: its tables, journal subjects, message keys, numbers and the provisions of the Astana Hub law it decides
by) and what only the Fund does: who may apply (cluster actors, AH-8-1.1) and the annual budget behind a call
(AH-9.2.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub import participation as participation_of
from nisi.astana_hub.models import (
    AssetMovement,
    ExpertAssignment,
    FinancingAgreement,
    FinancingApplication,
    FinancingCall,
    FinancingTranche,
    ProjectMonitoringReport,
    ScoringCriterion,
)
from nisi.astana_hub.rules import financing as rules
from nisi.astana_hub.rules import governance as governance_rules
from nisi.astana_hub.rules import participants as participants_rules
from nisi.astana_hub.services import assets, governance
from nisi.core.authz import Actor, require
from nisi.core.financing import panel
from nisi.core.financing.scheme import (
    FinancingError,
    Numbers,
    Provisions,
    Scheme,
    Subjects,
    fail,
    numbered,
    provisional_number,
)
from nisi.core.models import Organization
from nisi.core.roles import Role
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock

CALL_SUBJECT = "astana_hub_financing_call"
APPLICATION_SUBJECT = "astana_hub_financing_application"
AGREEMENT_SUBJECT = "astana_hub_financing_agreement"
ASSESSMENT = ("AH-4.5",)  # the assessment is objective and independent
DECISION = ("AH-10.2-1",)  # the Fund finances projects on the expert assessment results
FUNDS = ("AH-10.5",)  # the Fund's assets serve the financing of the cluster actors' projects


def _disburse(actor: Actor, tranche: FinancingTranche, paid_on: dt.date, document_reference: str) -> None:
    """A paid tranche is a use of the Fund's assets for the financing of projects (AH-10.5), recorded through
    `services.assets.asset_use_record`, which refuses more than the Fund has."""
    agreement = tranche.agreement
    application = agreement.application
    try:
        assets.asset_use_record(
            actor=actor,
            amount=tranche.amount,
            on=paid_on,
            purpose=AssetMovement.Purpose.PROJECT_FINANCING,
            description=(
                f"{agreement.number}: {application.project_title} ({application.organization.name}), "
                f"tranche of {tranche.planned_on.isoformat()}"
            )[:500],
            document_reference=document_reference,
            tranche=tranche,
        )
    except assets.AssetError as exc:
        raise FinancingError(str(exc)) from exc


SCHEME = Scheme(
    call=FinancingCall,
    criterion=ScoringCriterion,
    application=FinancingApplication,
    assignment=ExpertAssignment,
    agreement=FinancingAgreement,
    tranche=FinancingTranche,
    report=ProjectMonitoringReport,
    subjects=Subjects(call=CALL_SUBJECT, application=APPLICATION_SUBJECT, agreement=AGREEMENT_SUBJECT),
    numbers=Numbers(call="AH-C", application="AH-P", agreement="AH-G"),
    provisions=Provisions(assessment=ASSESSMENT, decision=DECISION, funds=FUNDS),
    messages="astana_hub.financing",
    expert_role=Role.INDEPENDENT_EXPERT,
    disburse=_disburse,
)
criteria_of = panel.criteria_of


def call_create(
    *,
    actor: Actor,
    title: str,
    description: str,
    opens_on: dt.date,
    closes_on: dt.date,
    budget: Decimal,
    max_per_project: Decimal,
    pass_score: Decimal,
    experts_per_application: int,
    criteria: list[rules.Criterion],
) -> FinancingCall:
    """A draft call with its scoring criteria (weights summing to 100); opened separately."""
    call: FinancingCall = panel.call_create(
        SCHEME,
        actor=actor,
        title=title,
        description=description,
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
        criteria=criteria,
    )
    return call


def _may_open(ctx: Context) -> None:
    call = ctx.record
    problems = rules.criteria_problems(criteria_of(call))
    if call.closes_on < ctx.on:
        problems.append(_("The call's window ended on %(d)s; create a call with a new window.") % {"d": call.closes_on})
    year = call.opens_on.year
    budget = governance.annual_budget(year)
    problems += governance_rules.call_budget_problems(
        year=year,
        budget=governance.as_rule(budget) if budget else None,
        committed=governance.calls_committed(year, excluding=call.pk),
        call_budget=call.budget,
    )
    fail(problems)
    ctx.extra["payload"] = {"annual_budget": budget.number if budget else None}


def _may_close(ctx: Context) -> None:
    call = ctx.record
    fail(panel.close_problems(call, ctx.on))
    ctx.extra["payload"] = {"applications": call.applications.count()}


CALL_OPEN = Transition(
    name="open",
    subject_type=CALL_SUBJECT,
    journal_action="opened",
    journal_provisions=("AH-10.2-1", "AH-9.2.2"),
    target=FinancingCall.Status.OPEN,
    error=FinancingError,
    check=_may_open,
)
CALL_CLOSE = Transition(
    name="close",
    subject_type=CALL_SUBJECT,
    journal_action="closed",
    journal_provisions=("AH-10.2-1",),
    target=FinancingCall.Status.ASSESSMENT,
    error=FinancingError,
    check=_may_close,
)
APPLICATION_WITHDRAW = Transition(
    name="withdraw",
    subject_type=APPLICATION_SUBJECT,
    journal_action="withdrawn",
    journal_provisions=("AH-10.2-1",),
    target=FinancingApplication.Status.WITHDRAWN,
    error=FinancingError,
)


def call_open(*, actor: Actor, call: FinancingCall) -> FinancingCall:
    """Opens a call for applications. Refused without an annual budget approved by the Management Committee for
    the call's year, or when the calls of that year would exceed it (AH-9.2.2; see
    `rules.governance.call_budget_problems` for why)."""
    opened: FinancingCall = transition_apply(actor=actor, record=call, transition=CALL_OPEN)
    return opened


def call_close(*, actor: Actor, call: FinancingCall) -> FinancingCall:
    """Ends the taking of applications once the window has passed; the expert assessment goes on."""
    closed: FinancingCall = transition_apply(actor=actor, record=call, transition=CALL_CLOSE)
    return closed


def _member(actor: Actor, organization: Organization) -> bool:
    return any(g.role == Role.APPLICANT and g.organization_id == organization.pk for g in actor.grants)


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    call: FinancingCall,
    organization: Organization,
    project_title: str,
    project_summary: str,
    requested_amount: Decimal,
    project_starts_on: dt.date,
    project_ends_on: dt.date,
) -> FinancingApplication:
    """A cluster actor applies for the financing of its project (AH-10.2-1).

    The organization's bases of participation come from `participation.bases_of` (the one answer to "who is a
    participant", AH-7.2); the service decides with `rules.participants.is_cluster_actor` on the day of submission
    and records the bases it relied on.
    """
    require(actor, call, "apply")
    if not _member(actor, organization):
        raise FinancingError(_("Only a user of the organization can apply for it. Sign in with its account."))
    today = clock.today()
    participation = participation_of.bases_of(organization.pk)
    if not participants_rules.is_cluster_actor(participation, today):
        raise FinancingError(
            _(
                "The Fund finances projects of innovation cluster actors only (AH-8-1.1, AH-10.2-1), and %(org)s is "
                "not a participant of the innovation cluster on %(d)s. Register as an Astana Hub actor or apply to "
                "the list of innovation cluster actors first."
            )
            % {"org": organization.name, "d": today.isoformat()}
        )
    problems = [] if project_title.strip() else [_("Give the project a title.")]
    if not project_summary.strip():
        problems.append(_("Describe the project: its aims, activities and expected results."))
    problems += rules.application_problems(
        on=today,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        requested=requested_amount,
        max_per_project=call.max_per_project,
        project_starts_on=project_starts_on,
        project_ends_on=project_ends_on,
    )
    if FinancingApplication.objects.filter(
        call=call, organization=organization, project_title=project_title.strip()
    ).exists():
        problems.append(_("Your organization has already applied for this project under this call."))
    fail(problems)
    application = FinancingApplication.objects.create(
        number=provisional_number(),
        call=call,
        organization=organization,
        project_title=project_title.strip(),
        project_summary=project_summary.strip(),
        requested_amount=requested_amount,
        project_starts_on=project_starts_on,
        project_ends_on=project_ends_on,
        submitted_on=today,
    )
    numbered(application, SCHEME.numbers.application, today.year)
    bases = participants_rules.bases_on(participation, today)
    SCHEME.journal(
        APPLICATION_SUBJECT,
        application.number,
        actor,
        "submitted",
        {
            "call": call.number,
            "requested": str(requested_amount),
            "participation": [
                {"basis": b.kind.value, "reference": b.reference, "provision": b.provision} for b in bases
            ],
        },
        DECISION,
        tuple(sorted({b.provision for b in bases})),
    )
    notification_send(
        message_key="astana_hub.financing.application_received",
        params={"number": application.number, "project": application.project_title, "call": call.number},
        provisions=["AH-10.2-1"],
        organization=organization,
        subject_type=APPLICATION_SUBJECT,
        subject_id=application.number,
    )
    return application


def application_withdraw(*, actor: Actor, application: FinancingApplication) -> FinancingApplication:
    withdrawn: FinancingApplication = transition_apply(actor=actor, record=application, transition=APPLICATION_WITHDRAW)
    return withdrawn


# The independent expert assessment (AH-4.5): an expert with the independent expert role, never from the
# applicant, the declaration of a conflict of interest or none before any score, the scores with reasons.
PANEL = panel.SchemePanel(SCHEME)
expert_assign = PANEL.expert_assign
assignment_declare = PANEL.assignment_declare
assignment_score = PANEL.assignment_score


def call_decide(*, actor: Actor, call: FinancingCall) -> list[FinancingApplication]:
    """The Fund's decision on every application of the call, on the expert assessment results (AH-10.2-1): see
    `rules.financing.decide` for the ranking and tie rule. Refused while an assigned expert has not finished —
    the Fund waits for the score or replaces an expert who does not answer."""
    decided: list[FinancingApplication] = panel.call_decide(SCHEME, actor=actor, call=call)
    return decided
