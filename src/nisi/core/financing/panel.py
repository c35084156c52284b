"""The independent expert panel of a financing scheme (ADR 27): the call with its published criteria and its
window, experts assigned to an application, each declaring a conflict of interest or none before any score, the
scores aggregated without the recused, and the decision on every application of a call on the assessment's
results. Every write is parameterized by the app's `Scheme`: its tables, journal subjects, message keys and
provisions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require
from nisi.core.financing import rules
from nisi.core.financing.scheme import FinancingError, Scheme, fail, numbered, provisional_number
from nisi.core.models import RoleAssignment
from nisi.law import clock


def criteria_of(call: Any) -> list[rules.Criterion]:
    """A call's scoring criteria, in the order they were published."""
    return [rules.Criterion(c.code, c.title, c.weight, c.max_score) for c in call.criteria.order_by("id")]


@transaction.atomic
def call_create(
    scheme: Scheme,
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
    fields: dict[str, Any] | None = None,
    payload: dict[str, Any] | None = None,
) -> Any:
    """A draft call with its scoring criteria (weights summing to 100); opened separately. `fields` are the
    scheme's own columns of the call, `payload` what its journal entry adds."""
    require(actor, scheme.call(status=scheme.call.Status.DRAFT), "create")
    problems = [] if title.strip() else [_("Give the call a title.")]
    problems += rules.call_problems(
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
        provision=scheme.provisions.assessment[0],
    )
    problems += rules.criteria_problems(criteria)
    fail(problems)
    call = scheme.call.objects.create(
        number=provisional_number(),
        title=title.strip(),
        description=description.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        budget=budget,
        max_per_project=max_per_project,
        pass_score=pass_score,
        experts_per_application=experts_per_application,
        created_at=clock.now(),
        **(fields or {}),
    )
    numbered(call, scheme.numbers.call, opens_on.year)
    scheme.criterion.objects.bulk_create(
        scheme.criterion(call=call, code=c.code, title=c.title.strip(), weight=c.weight, max_score=c.max_score)
        for c in criteria
    )
    scheme.journal(
        scheme.subjects.call,
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
            **(payload or {}),
        },
        scheme.provisions.decision,
        scheme.provisions.assessment,
    )
    return call


def close_problems(call: Any, on: dt.date) -> list[str]:
    """A call stops taking applications only after the last day of its window."""
    if on <= call.closes_on:
        return [
            _("The call takes applications until %(d)s inclusive; close it after that day.") % {"d": call.closes_on}
        ]
    return []


def assessments_of(scheme: Scheme, application: Any) -> list[rules.Assessment]:
    """The application's panel as the aggregation sees it (`rules.panel_score`)."""
    s = scheme.assignment.Status
    return [
        rules.Assessment(recused=a.status == s.CONFLICT, scores=a.scores if a.status == s.SCORED else None)
        for a in application.assignments.order_by("id")
    ]


@transaction.atomic
def expert_assign(scheme: Scheme, *, actor: Actor, application: Any, expert_user_id: int) -> Any:
    """Assigns an independent expert: a user with the scheme's expert role, not from the applicant organization, not
    already assigned (a recused expert is not assigned again), up to the number the call requires besides those
    recused."""
    application = scheme.application.objects.select_for_update().get(pk=application.pk)
    require(actor, application, "assign")
    call = application.call
    if call.status == scheme.call.Status.DECIDED:
        raise FinancingError(_("The call is decided; no more experts can be assigned."))
    roles = list(RoleAssignment.objects.filter(user_id=expert_user_id).select_related("user"))
    if not any(r.role == scheme.expert_role for r in roles):
        raise FinancingError(_("Choose a user with the role of independent expert."))
    if any(r.organization_id == application.organization_id for r in roles):
        raise FinancingError(
            _(
                "This expert belongs to the applicant organization and cannot assess its project (independence of "
                "the assessment, %(provision)s). Choose another expert."
            )
            % {"provision": ", ".join(scheme.provisions.assessment)}
        )
    if application.assignments.filter(expert_id=expert_user_id).exists():
        raise FinancingError(_("This expert has already been assigned to this application. Choose another expert."))
    if not rules.panel_vacancies(assessments_of(scheme, application), required=call.experts_per_application):
        raise FinancingError(
            _("The application already has the %(n)s experts the call requires.") % {"n": call.experts_per_application}
        )
    assignment = scheme.assignment.objects.create(
        application=application, expert_id=expert_user_id, assigned_at=clock.now()
    )
    if application.status == scheme.application.Status.SUBMITTED:
        application.status = scheme.application.Status.ASSESSMENT
        application.save(update_fields=["status"])
    scheme.journal(
        scheme.subjects.application,
        application.number,
        actor,
        "expert_assigned",
        {"assignment": assignment.pk, "expert": roles[0].user.get_username()},
        scheme.provisions.assessment,
    )
    scheme.notify(
        "expert_assigned",
        {"number": application.number},
        scheme.provisions.assessment,
        subject=scheme.subjects.application,
        number=application.number,
        user_id=expert_user_id,
    )
    return assignment


@transaction.atomic
def assignment_declare(scheme: Scheme, *, actor: Actor, assignment: Any, conflict: bool, details: str = "") -> Any:
    """The expert's declaration before any score: no conflict of interest — the expert may score; a conflict — the
    expert is recused, and the financing body assigns another."""
    assignment = scheme.assignment.objects.select_for_update().get(pk=assignment.pk)
    require(actor, assignment, "declare")
    if conflict and not details.strip():
        raise FinancingError(
            _("Describe the conflict of interest, so that the body running the call can record why you stood down.")
        )
    assignment.declared_at = clock.now()
    assignment.status = scheme.assignment.Status.CONFLICT if conflict else scheme.assignment.Status.DECLARED
    assignment.conflict_details = details.strip() if conflict else ""
    assignment.save(update_fields=["declared_at", "status", "conflict_details"])
    scheme.journal(
        scheme.subjects.application,
        assignment.application.number,
        actor,
        "expert_recused" if conflict else "expert_declared_no_conflict",
        {"assignment": assignment.pk, "details": assignment.conflict_details},
        scheme.provisions.assessment,
    )
    return assignment


@transaction.atomic
def assignment_score(scheme: Scheme, *, actor: Actor, assignment: Any, scores: dict[str, int], comment: str) -> Any:
    """The expert scores every criterion from 0 to its maximum, with a comment giving the reasons; the
    application's score is recomputed from its panel, the recused left out (`rules.panel_score`)."""
    assignment = scheme.assignment.objects.select_for_update().select_related("application__call").get(pk=assignment.pk)
    require(actor, assignment, "score")
    application = assignment.application
    if application.status != scheme.application.Status.ASSESSMENT:
        raise FinancingError(
            _("The application is no longer under assessment (%(s)s).") % {"s": application.get_status_display()}
        )
    criteria = criteria_of(application.call)
    problems = rules.score_problems(criteria, scores)
    if not comment.strip():
        problems.append(_("Give the reasons for your scores in the comment."))
    fail(problems)
    assignment.scores = {c.code: scores[c.code] for c in criteria}
    assignment.comment = comment.strip()
    assignment.scored_at = clock.now()
    assignment.status = scheme.assignment.Status.SCORED
    assignment.save(update_fields=["scores", "comment", "scored_at", "status"])
    application.average_score = rules.panel_score(criteria, assessments_of(scheme, application))
    application.save(update_fields=["average_score"])
    scheme.journal(
        scheme.subjects.application,
        application.number,
        actor,
        "scored",
        {
            "assignment": assignment.pk,
            "scores": assignment.scores,
            "expert_score": str(rules.expert_score(criteria, scores)),
        },
        scheme.provisions.assessment,
        scheme.provisions.decision,
    )
    return assignment


@transaction.atomic
def call_decide(scheme: Scheme, *, actor: Actor, call: Any) -> list[Any]:
    """The decision on every application of the call, on the expert assessment results: see `rules.decide` for the
    ranking and tie rule. Refused while an assigned expert has not finished — the financing body waits for the score
    or replaces an expert who does not answer."""
    call = scheme.call.objects.select_for_update().get(pk=call.pk)
    require(actor, call, "decide")
    a_status, e_status = scheme.application.Status, scheme.assignment.Status
    undecided = [a_status.SUBMITTED, a_status.ASSESSMENT]
    pending = scheme.assignment.objects.filter(
        application__call=call,
        application__status__in=undecided,
        status__in=[e_status.ASSIGNED, e_status.DECLARED],
    ).select_related("application")
    if pending:
        numbers = sorted({p.application.number for p in pending})
        raise FinancingError(
            _("Experts have not finished assessing %(numbers)s. Wait for their scores before deciding.")
            % {"numbers": ", ".join(numbers)}
        )
    applications = list(call.applications.filter(status__in=undecided).select_related("organization"))
    candidates = [
        rules.Candidate(
            number=a.number,
            requested=a.requested_amount,
            submitted_on=a.submitted_on,
            average=a.average_score,
            scored=a.assignments.filter(status=e_status.SCORED).count(),
            required=call.experts_per_application,
        )
        for a in applications
    ]
    outcomes = {o.number: o for o in rules.decide(candidates, pass_score=call.pass_score, budget=call.budget)}
    today = clock.today()
    for application in applications:
        outcome = outcomes[application.number]
        application.status = a_status.APPROVED if outcome.approved else a_status.REJECTED
        application.approved_amount = outcome.amount
        application.decision_reasons = " ".join(outcome.reasons)
        application.decided_on = today
        application.decided_by_label = actor.label
        application.save(
            update_fields=["status", "approved_amount", "decision_reasons", "decided_on", "decided_by_label"]
        )
        scheme.journal(
            scheme.subjects.application,
            application.number,
            actor,
            "approved" if outcome.approved else "rejected",
            {
                "average": str(application.average_score) if application.average_score is not None else None,
                "rank": outcome.rank,
                "amount": str(outcome.amount) if outcome.amount is not None else None,
                "reasons": outcome.reasons,
            },
            scheme.provisions.decision,
            scheme.provisions.assessment,
        )
        scheme.notify(
            "approved" if outcome.approved else "rejected",
            {
                "number": application.number,
                "amount": str(outcome.amount) if outcome.amount is not None else "",
                "reasons": application.decision_reasons,
            },
            scheme.provisions.decision,
            subject=scheme.subjects.application,
            number=application.number,
            organization=application.organization,
        )
    call.status = scheme.call.Status.DECIDED
    call.save(update_fields=["status"])
    scheme.journal(
        scheme.subjects.call,
        call.number,
        actor,
        "decided",
        {
            "approved": [o.number for o in outcomes.values() if o.approved],
            "refused": [o.number for o in outcomes.values() if not o.approved],
        },
        scheme.provisions.decision,
    )
    return applications


@dataclass(frozen=True)
class SchemePanel:
    """The panel's acts on one scheme's applications, under the names each app's services expose (the app binds
    its `Scheme` once instead of wrapping every act): assigning an expert, the expert's declaration, the scores."""

    scheme: Scheme

    def expert_assign(self, *, actor: Actor, application: Any, expert_user_id: int) -> Any:
        return expert_assign(self.scheme, actor=actor, application=application, expert_user_id=expert_user_id)

    def assignment_declare(self, *, actor: Actor, assignment: Any, conflict: bool, details: str = "") -> Any:
        return assignment_declare(self.scheme, actor=actor, assignment=assignment, conflict=conflict, details=details)

    def assignment_score(self, *, actor: Actor, assignment: Any, scores: dict[str, int], comment: str) -> Any:
        return assignment_score(self.scheme, actor=actor, assignment=assignment, scores=scores, comment=comment)
