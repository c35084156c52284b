"""Project financing from the Fund's own assets on the results of an independent expert assessment (AH-4.5,
AH-8-1.1, AH-10.2-1): calls, applications by innovation cluster actors, independent experts (declaration of no
conflict of interest, then scores), and the decision. Agreements, tranches and monitoring are in
`financing_agreements.py`."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.astana_hub import participation as participation_of
from nisi.astana_hub.models import ExpertAssignment, FinancingApplication, FinancingCall, ScoringCriterion
from nisi.astana_hub.rules import financing as rules
from nisi.astana_hub.rules import governance as governance_rules
from nisi.astana_hub.rules import participants as participants_rules
from nisi.astana_hub.services import governance
from nisi.core.authz import Actor, require
from nisi.core.models import Organization, RoleAssignment
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock

CALL_SUBJECT = "astana_hub_financing_call"
APPLICATION_SUBJECT = "astana_hub_financing_application"


class FinancingError(ValueError):
    pass


def _fail(problems: list[str]) -> None:
    if problems:
        raise FinancingError(" ".join(problems))


def _journal(  # noqa: PLR0917  (the journal entry's six facts, in the order they are read)
    subject: str, number: str, actor: Actor, action: str, payload: dict[str, Any], provisions: list[str]
) -> None:
    journal_append(
        actor=actor, subject_type=subject, subject_id=number, action=action, payload=payload, provisions=provisions
    )


def criteria_of(call: FinancingCall) -> list[rules.Criterion]:
    return [rules.Criterion(c.code, c.title, c.weight, c.max_score) for c in call.criteria.order_by("id")]


@transaction.atomic
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
    require(actor, FinancingCall(status=FinancingCall.Status.DRAFT), "create")
    problems = [] if title.strip() else [_("Give the call a title.")]
    problems += rules.call_problems(
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
    )
    problems += rules.criteria_problems(criteria)
    _fail(problems)
    call = FinancingCall.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        title=title.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
        created_at=clock.now(),
    )
    call.number = f"AH-C-{opens_on.year}-{call.pk:05d}"
    call.save(update_fields=["number"])
    ScoringCriterion.objects.bulk_create(
        ScoringCriterion(call=call, code=c.code, title=c.title.strip(), weight=c.weight, max_score=c.max_score)
        for c in criteria
    )
    _journal(
        CALL_SUBJECT,
        call.number,
        actor,
        "created",
        {
            "window": [opens_on.isoformat(), closes_on.isoformat()],
            "budget": str(budget),
            "max_per_project": str(max_per_project),
            "pass_score": str(pass_score),
            "experts_per_application": experts_per_application,
            "criteria": [{"code": c.code, "weight": str(c.weight), "max": c.max_score} for c in criteria],
        },
        ["AH-10.2-1", "AH-4.5"],
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
    _fail(problems)
    ctx.extra["payload"] = {"annual_budget": budget.number if budget else None}


def _may_close(ctx: Context) -> None:
    call = ctx.record
    if ctx.on <= call.closes_on:
        raise FinancingError(
            _("The call takes applications until %(d)s inclusive; close it after that day.") % {"d": call.closes_on}
        )
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
    _fail(problems)
    application = FinancingApplication.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        call=call,
        organization=organization,
        project_title=project_title.strip(),
        project_summary=project_summary.strip(),
        requested_amount=requested_amount,
        project_starts_on=project_starts_on,
        project_ends_on=project_ends_on,
        submitted_on=today,
    )
    application.number = f"AH-P-{today.year}-{application.pk:05d}"
    application.save(update_fields=["number"])
    bases = participants_rules.bases_on(participation, today)
    _journal(
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
        ["AH-10.2-1", *sorted({b.provision for b in bases})],
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


def _active_assignments(application: FinancingApplication) -> int:
    return application.assignments.exclude(status=ExpertAssignment.Status.CONFLICT).count()


@transaction.atomic
def expert_assign(*, actor: Actor, application: FinancingApplication, expert_user_id: int) -> ExpertAssignment:
    """Assigns an independent expert (AH-4.5): a user with the independent expert role, not from the applicant
    organization, not already assigned (a recused expert is not assigned again), up to the number the call
    requires besides those recused."""
    application = FinancingApplication.objects.select_for_update().get(pk=application.pk)
    require(actor, application, "assign")
    call = application.call
    if call.status == FinancingCall.Status.DECIDED:
        raise FinancingError(_("The call is decided; no more experts can be assigned."))
    roles = list(RoleAssignment.objects.filter(user_id=expert_user_id).select_related("user"))
    if not any(r.role == Role.INDEPENDENT_EXPERT for r in roles):
        raise FinancingError(_("Choose a user with the role of independent expert."))
    if any(r.organization_id == application.organization_id for r in roles):
        raise FinancingError(
            _(
                "This expert belongs to the applicant organization and cannot assess its project (independence of "
                "the assessment, AH-4.5). Choose another expert."
            )
        )
    if application.assignments.filter(expert_id=expert_user_id).exists():
        raise FinancingError(_("This expert has already been assigned to this application. Choose another expert."))
    if _active_assignments(application) >= call.experts_per_application:
        raise FinancingError(
            _("The application already has the %(n)s experts the call requires.") % {"n": call.experts_per_application}
        )
    assignment = ExpertAssignment.objects.create(
        application=application, expert_id=expert_user_id, assigned_at=clock.now()
    )
    if application.status == FinancingApplication.Status.SUBMITTED:
        application.status = FinancingApplication.Status.ASSESSMENT
        application.save(update_fields=["status"])
    _journal(
        APPLICATION_SUBJECT,
        application.number,
        actor,
        "expert_assigned",
        {"assignment": assignment.pk, "expert": roles[0].user.get_username()},
        ["AH-4.5"],
    )
    notification_send(
        message_key="astana_hub.financing.expert_assigned",
        params={"number": application.number},
        provisions=["AH-4.5"],
        user_id=expert_user_id,
        subject_type=APPLICATION_SUBJECT,
        subject_id=application.number,
    )
    return assignment


@transaction.atomic
def assignment_declare(
    *, actor: Actor, assignment: ExpertAssignment, conflict: bool, details: str = ""
) -> ExpertAssignment:
    """The expert's declaration before any score (AH-4.5): no conflict of interest — the expert may score; a
    conflict — the expert is recused, and the Fund assigns another."""
    assignment = ExpertAssignment.objects.select_for_update().get(pk=assignment.pk)
    require(actor, assignment, "declare")
    if conflict and not details.strip():
        raise FinancingError(_("Describe the conflict of interest, so that the Fund can record why you stood down."))
    assignment.declared_at = clock.now()
    assignment.status = ExpertAssignment.Status.CONFLICT if conflict else ExpertAssignment.Status.DECLARED
    assignment.conflict_details = details.strip() if conflict else ""
    assignment.save(update_fields=["declared_at", "status", "conflict_details"])
    _journal(
        APPLICATION_SUBJECT,
        assignment.application.number,
        actor,
        "expert_recused" if conflict else "expert_declared_no_conflict",
        {"assignment": assignment.pk, "details": assignment.conflict_details},
        ["AH-4.5"],
    )
    return assignment


def _recompute(application: FinancingApplication) -> None:
    criteria = criteria_of(application.call)
    sets = [a.scores for a in application.assignments.filter(status=ExpertAssignment.Status.SCORED)]
    application.average_score = rules.weighted_average(criteria, sets)
    application.save(update_fields=["average_score"])


@transaction.atomic
def assignment_score(
    *, actor: Actor, assignment: ExpertAssignment, scores: dict[str, int], comment: str
) -> ExpertAssignment:
    """The expert scores every criterion from 0 to its maximum, with a comment giving the reasons (AH-4.5)."""
    assignment = ExpertAssignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    require(actor, assignment, "score")
    application = assignment.application
    if application.status != FinancingApplication.Status.ASSESSMENT:
        raise FinancingError(
            _("The application is no longer under assessment (%(s)s).") % {"s": application.get_status_display()}
        )
    criteria = criteria_of(application.call)
    problems = rules.score_problems(criteria, scores)
    if not comment.strip():
        problems.append(_("Give the reasons for your scores in the comment."))
    _fail(problems)
    assignment.scores = {c.code: scores[c.code] for c in criteria}
    assignment.comment = comment.strip()
    assignment.scored_at = clock.now()
    assignment.status = ExpertAssignment.Status.SCORED
    assignment.save(update_fields=["scores", "comment", "scored_at", "status"])
    _recompute(application)
    _journal(
        APPLICATION_SUBJECT,
        application.number,
        actor,
        "scored",
        {
            "assignment": assignment.pk,
            "scores": assignment.scores,
            "expert_score": str(rules.expert_score(criteria, scores)),
        },
        ["AH-4.5", "AH-10.2-1"],
    )
    return assignment


@transaction.atomic
def call_decide(*, actor: Actor, call: FinancingCall) -> list[FinancingApplication]:
    """The Fund's decision on every application of the call, on the expert assessment results (AH-10.2-1): see
    `rules.financing.decide` for the ranking and tie rule. Refused while an assigned expert has not finished —
    the Fund waits for the score or replaces an expert who does not answer."""
    call = FinancingCall.objects.select_for_update().get(pk=call.pk)
    require(actor, call, "decide")
    pending = ExpertAssignment.objects.filter(
        application__call=call,
        application__status__in=[FinancingApplication.Status.SUBMITTED, FinancingApplication.Status.ASSESSMENT],
        status__in=[ExpertAssignment.Status.ASSIGNED, ExpertAssignment.Status.DECLARED],
    ).select_related("application")
    if pending:
        numbers = sorted({p.application.number for p in pending})
        raise FinancingError(
            _("Experts have not finished assessing %(numbers)s. Wait for their scores before deciding.")
            % {"numbers": ", ".join(numbers)}
        )
    applications = list(
        call.applications.filter(
            status__in=[FinancingApplication.Status.SUBMITTED, FinancingApplication.Status.ASSESSMENT]
        ).select_related("organization")
    )
    candidates = [
        rules.Candidate(
            number=a.number,
            requested=a.requested_amount,
            submitted_on=a.submitted_on,
            average=a.average_score,
            scored=a.assignments.filter(status=ExpertAssignment.Status.SCORED).count(),
            required=call.experts_per_application,
        )
        for a in applications
    ]
    outcomes = {o.number: o for o in rules.decide(candidates, pass_score=call.pass_score, budget=call.budget)}
    today = clock.today()
    for application in applications:
        outcome = outcomes[application.number]
        application.status = (
            FinancingApplication.Status.APPROVED if outcome.approved else FinancingApplication.Status.REJECTED
        )
        application.approved_amount = outcome.amount
        application.decision_reasons = " ".join(outcome.reasons)
        application.decided_on = today
        application.decided_by_label = actor.label
        application.save(
            update_fields=["status", "approved_amount", "decision_reasons", "decided_on", "decided_by_label"]
        )
        _journal(
            APPLICATION_SUBJECT,
            application.number,
            actor,
            "approved" if outcome.approved else "rejected",
            {
                "average": str(application.average_score) if application.average_score is not None else None,
                "rank": outcome.rank,
                "amount": str(outcome.amount) if outcome.amount is not None else None,
                "reasons": outcome.reasons,
            },
            ["AH-10.2-1", "AH-4.5"],
        )
        notification_send(
            message_key="astana_hub.financing.approved" if outcome.approved else "astana_hub.financing.rejected",
            params={
                "number": application.number,
                "amount": str(outcome.amount) if outcome.amount is not None else "",
                "reasons": application.decision_reasons,
            },
            provisions=["AH-10.2-1"],
            organization=application.organization,
            subject_type=APPLICATION_SUBJECT,
            subject_id=application.number,
        )
    call.status = FinancingCall.Status.DECIDED
    call.save(update_fields=["status"])
    _journal(
        CALL_SUBJECT,
        call.number,
        actor,
        "decided",
        {
            "approved": [o.number for o in outcomes.values() if o.approved],
            "refused": [o.number for o in outcomes.values() if not o.approved],
        },
        ["AH-10.2-1"],
    )
    return applications
