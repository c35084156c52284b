"""The competitive selection of territorial clusters (IP-9.16, IP-40.1) on the core's financing by call (ADR 27): the
authorized body makes a call with its published criteria and opens it; a cluster organization applies for its
cluster with its participants (IP-1.1, IP-40.2); independent experts declare a conflict of interest or none and
score; the authorized body decides down the ranking within the call's budget, and the winners enter the register of
territorial clusters (IP-9.18) dated on the decision.

The selection ends with the register, not with an agreement: the scheme's agreement, tranche and report tables are
the core's abstract ones, and the agreement services are never called with this scheme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import identifiers
from nisi.core.authz import Actor, require
from nisi.core.financing import models as financing_models
from nisi.core.financing import panel
from nisi.core.financing import rules as financing_rules
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
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.infrastructure import rules
from nisi.infrastructure.messages import APPLICATION_SUBJECT, CALL_SUBJECT
from nisi.infrastructure.models import (
    Basis,
    ClusterApplication,
    ClusterCall,
    ClusterCriterion,
    ClusterExpertAssignment,
    InfrastructureEntry,
    Kind,
)
from nisi.infrastructure.services.register import entry_include, region_of_kato
from nisi.law import clock

ASSESSMENT = ("IP-9.16",)  # by the rules of the competitive selection the authorized body approves
DECISION = ("IP-40.1",)  # incentives on the results of the competitive selection
FUNDS = ("IP-40.2",)

SCHEME = Scheme(
    call=ClusterCall,
    criterion=ClusterCriterion,
    application=ClusterApplication,
    assignment=ClusterExpertAssignment,
    agreement=financing_models.FinancingAgreementBase,
    tranche=financing_models.FinancingTrancheBase,
    report=financing_models.MonitoringReportBase,
    subjects=Subjects(call=CALL_SUBJECT, application=APPLICATION_SUBJECT, agreement="cluster_agreement"),
    numbers=Numbers(call="TC-C", application="TC-P", agreement="TC-A"),
    provisions=Provisions(assessment=ASSESSMENT, decision=DECISION, funds=FUNDS),
    messages="infrastructure.clusters",
    expert_role=Role.INDEPENDENT_EXPERT,
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
    criteria: list[financing_rules.Criterion],
) -> ClusterCall:
    """A draft call of the competitive selection with its criteria (weights summing to 100), published when
    opened."""
    call: ClusterCall = panel.call_create(
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
    problems = financing_rules.criteria_problems(criteria_of(call))
    if call.closes_on < ctx.on:
        problems.append(_("The call's window ended on %(d)s; create a call with a new window.") % {"d": call.closes_on})
    fail(problems)
    ctx.extra["payload"] = {"criteria": [c.code for c in criteria_of(call)]}


def _may_close(ctx: Context) -> None:
    fail(panel.close_problems(ctx.record, ctx.on))
    ctx.extra["payload"] = {"applications": ctx.record.applications.count()}


CALL_OPEN = Transition(
    name="open",
    subject_type=CALL_SUBJECT,
    journal_action="opened",
    journal_provisions=ASSESSMENT,
    target=ClusterCall.Status.OPEN,
    error=FinancingError,
    check=_may_open,
)
CALL_CLOSE = Transition(
    name="close",
    subject_type=CALL_SUBJECT,
    journal_action="closed",
    journal_provisions=ASSESSMENT,
    target=ClusterCall.Status.ASSESSMENT,
    error=FinancingError,
    check=_may_close,
)
APPLICATION_WITHDRAW = Transition(
    name="withdraw",
    subject_type=APPLICATION_SUBJECT,
    journal_action="withdrawn",
    journal_provisions=DECISION,
    target=ClusterApplication.Status.WITHDRAWN,
    error=FinancingError,
)


def call_open(*, actor: Actor, call: ClusterCall) -> ClusterCall:
    """Publishes the call and its criteria and takes applications in its window."""
    opened: ClusterCall = transition_apply(actor=actor, record=call, transition=CALL_OPEN)
    return opened


def call_close(*, actor: Actor, call: ClusterCall) -> ClusterCall:
    """Ends the taking of applications once the window has passed; the experts' assessment goes on."""
    closed: ClusterCall = transition_apply(actor=actor, record=call, transition=CALL_CLOSE)
    return closed


def _member(actor: Actor, organization: Organization) -> bool:
    return any(g.role == Role.APPLICANT and g.organization_id == organization.pk for g in actor.grants)


@transaction.atomic
def application_submit(
    *,
    actor: Actor,
    call: ClusterCall,
    organization: Organization,
    cluster_name: str,
    development_plan: str,
    specialization: str,
    kato: str,
    participants: Sequence[str],
    requested_amount: Decimal,
    plan_starts_on: dt.date,
    plan_ends_on: dt.date,
) -> ClusterApplication:
    """A cluster organization applies for its territorial cluster (IP-40.2): the cluster's name, its industry
    specialization and participants (IP-1.1), the region of its site, its development plan and the support it asks
    for, within the call's window and ceiling."""
    require(actor, call, "apply")
    if not _member(actor, organization):
        raise FinancingError(_("Only a user of the cluster organization can apply for it. Sign in with its account."))
    today = clock.today()
    members = [p.strip() for p in participants if p.strip()]
    problems = [] if cluster_name.strip() else [_("Give the territorial cluster's name.")]
    if not development_plan.strip():
        problems.append(_("Describe the cluster's development plan: its aims, projects and expected results."))
    if not specialization.strip():
        problems.append(_("Give the cluster's industry specialization (IP-1.1)."))
    region = region_of_kato(kato)
    problems += rules.participants_problems(organization.identifier, members)
    problems += financing_rules.application_problems(
        on=today,
        opens_on=call.opens_on,
        closes_on=call.closes_on,
        requested=requested_amount,
        max_per_project=call.max_per_project,
        project_starts_on=plan_starts_on,
        project_ends_on=plan_ends_on,
    )
    if ClusterApplication.objects.filter(
        call=call, organization=organization, project_title=cluster_name.strip()
    ).exists():
        problems.append(_("Your organization has already applied for this cluster under this call."))
    fail(problems)
    application = ClusterApplication.objects.create(
        number=provisional_number(),
        call=call,
        organization=organization,
        project_title=cluster_name.strip(),
        project_summary=development_plan.strip(),
        specialization=specialization.strip(),
        region=region,
        kato=kato,
        participants=[identifiers.validate(p) for p in members],
        requested_amount=requested_amount,
        project_starts_on=plan_starts_on,
        project_ends_on=plan_ends_on,
        submitted_on=today,
    )
    numbered(application, SCHEME.numbers.application, today.year)
    SCHEME.journal(
        APPLICATION_SUBJECT,
        application.number,
        actor,
        "submitted",
        {
            "call": call.number,
            "cluster": application.project_title,
            "specialization": application.specialization,
            "region": region.code,
            "participants": application.participants,
            "requested": str(requested_amount),
        },
        DECISION,
    )
    SCHEME.notify(
        "application_received",
        {"number": application.number, "cluster": application.project_title, "call": call.number},
        DECISION,
        subject=APPLICATION_SUBJECT,
        number=application.number,
        organization=organization,
    )
    return application


def application_withdraw(*, actor: Actor, application: ClusterApplication) -> ClusterApplication:
    withdrawn: ClusterApplication = transition_apply(actor=actor, record=application, transition=APPLICATION_WITHDRAW)
    return withdrawn


# The independent experts of the selection (IP-9.16): never one from the cluster organization, the declaration
# of a conflict of interest or none before any score, the scores against each published criterion with reasons.
PANEL = panel.SchemePanel(SCHEME)
expert_assign = PANEL.expert_assign
assignment_declare = PANEL.assignment_declare
assignment_score = PANEL.assignment_score


@transaction.atomic
def call_decide(*, actor: Actor, call: ClusterCall) -> list[ClusterApplication]:
    """The results of the competitive selection: every application decided on the experts' scores down the
    ranking within the budget (the core's `rules.decide`); each winner's cluster enters the register of territorial
    clusters on the day of the decision (IP-40.1, IP-9.18), unless its cluster organization's cluster is there
    already."""
    decided: list[ClusterApplication] = panel.call_decide(SCHEME, actor=actor, call=call)
    for application in decided:
        if application.status != ClusterApplication.Status.APPROVED:
            continue
        live = InfrastructureEntry.objects.filter(
            kind=Kind.TERRITORIAL_CLUSTER, organization=application.organization
        ).exclude(status="excluded")
        if live.exists():
            continue
        entry_include(
            actor=actor,
            kind=Kind.TERRITORIAL_CLUSTER,
            identifier=application.organization.identifier,
            name=application.project_title,
            kato=application.kato,
            included_on=application.decided_on,
            basis=Basis.SELECTION,
            basis_reference=f"{call.number} {application.number}",
            specialization=application.specialization,
            participants=application.participants,
        )
    return decided
