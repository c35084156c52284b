"""Recording the Board of Trustees' strategic tasks (AH-6.1) and the Management Committee's decisions within its
exclusive competence (AH-9.2). Records are never edited: a task is closed (achieved or withdrawn), a decision is
superseded by a later one of the same matter."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from nisi.astana_hub.models import CommitteeDecision, CommitteeMatter, FinancingCall, StrategicTask
from nisi.astana_hub.rules import governance as rules
from nisi.core.authz import Actor, require
from nisi.core.services.journal import journal_append
from nisi.core.transitions import Context, Transition, transition_apply
from nisi.law import clock

TASK_SUBJECT = "astana_hub_strategic_task"
DECISION_SUBJECT = "astana_hub_committee_decision"


class GovernanceError(ValueError):
    pass


def as_rule(decision: CommitteeDecision) -> rules.Decision:
    return rules.Decision(
        number=decision.number,
        matter=decision.matter,
        decided_on=decision.decided_on,
        applies_from=decision.applies_from,
        period_year=decision.period_year,
        amount=decision.amount,
        auditor_name=decision.auditor_name,
        supersedes=decision.supersedes.number if decision.supersedes_id else None,  # type: ignore[union-attr]
    )


def annual_budget(year: int) -> CommitteeDecision | None:
    """The annual budget for `year` in force now (AH-9.2.2), for the checks of other services (financing)."""
    decisions = [
        as_rule(d)
        for d in CommitteeDecision.objects.filter(matter=rules.ANNUAL_BUDGET, period_year=year).select_related(
            "supersedes"
        )
    ]
    found = rules.budget_for_year(decisions, year)
    return CommitteeDecision.objects.get(number=found.number) if found else None


def calls_committed(year: int, *, excluding: int | None = None) -> Decimal:
    """The budgets of the financing calls opened for `year`: the Fund's commitments of that year's budget."""
    calls = FinancingCall.objects.filter(opens_on__year=year).exclude(status=FinancingCall.Status.DRAFT)
    if excluding is not None:
        calls = calls.exclude(pk=excluding)
    return calls.aggregate(total=Sum("budget"))["total"] or Decimal(0)


@transaction.atomic
def strategic_task_set(
    *,
    actor: Actor,
    title: str,
    description: str,
    set_on: dt.date,
    meeting_reference: str,
    target_year: int | None = None,
) -> StrategicTask:
    """Records a strategic task for the development of the cluster that the Board of Trustees defined (AH-6.1)."""
    require(actor, StrategicTask(), "record")
    problems = []
    if not title.strip():
        problems.append(_("Give the strategic task a title."))
    if not meeting_reference.strip():
        problems.append(_("Give the reference of the minutes of the Board of Trustees' meeting."))
    if set_on > clock.today():
        problems.append(_("The Board cannot have set the task on a future date: correct the date."))
    if target_year is not None and target_year < set_on.year:
        problems.append(_("The target year cannot be before the year the task was set."))
    if problems:
        raise GovernanceError(" ".join(problems))
    task = StrategicTask.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        title=title.strip(),
        description=description.strip(),
        set_on=set_on,
        meeting_reference=meeting_reference.strip(),
        target_year=target_year,
    )
    task.number = f"AH-T-{set_on.year}-{task.pk:05d}"
    task.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=TASK_SUBJECT,
        subject_id=task.number,
        action="set",
        payload={"title": task.title, "meeting": task.meeting_reference, "target_year": target_year},
        provisions=["AH-6.1"],
    )
    return task


def _closing_problems(ctx: Context) -> None:
    if ctx.fields["status"] not in (StrategicTask.Status.ACHIEVED, StrategicTask.Status.WITHDRAWN):
        raise GovernanceError(_("Say whether the task was achieved or withdrawn."))
    if not ctx.reasons:
        raise GovernanceError(_("Give the reason (the Board's minutes or the result achieved)."))


TASK_CLOSE = Transition(
    name="close",
    subject_type=TASK_SUBJECT,
    journal_action=lambda ctx: str(ctx.fields["status"]),
    journal_provisions=("AH-6.1",),
    error=GovernanceError,
    check=_closing_problems,
    payload=lambda ctx: {"reason": ctx.reasons},
)


def strategic_task_close(*, actor: Actor, task: StrategicTask, outcome: str, reason: str) -> StrategicTask:
    """Marks a strategic task achieved or withdrawn by the Board, with the reason."""
    closed: StrategicTask = transition_apply(
        actor=actor, record=task, transition=TASK_CLOSE, reasons=reason, status=outcome
    )
    return closed


@transaction.atomic
def committee_decision_record(
    *,
    actor: Actor,
    matter: str,
    decided_on: dt.date,
    applies_from: dt.date,
    summary: str,
    minutes_reference: str,
    period_year: int | None = None,
    amount: Decimal | None = None,
    auditor_name: str = "",
    strategic_task: StrategicTask | None = None,
    supersedes: CommitteeDecision | None = None,
) -> CommitteeDecision:
    """Records a decision of the Management Committee within its exclusive competence (AH-9.2), optionally
    superseding an earlier decision of the same matter (which stays on record)."""
    require(actor, CommitteeDecision(), "record")
    if supersedes is not None:
        supersedes = CommitteeDecision.objects.select_for_update().get(pk=supersedes.pk)
        require(actor, supersedes, "supersede")
    if matter not in CommitteeMatter.values:
        raise GovernanceError(_("Choose the matter of the Management Committee's exclusive competence (AH-9.2)."))
    if decided_on > clock.today():
        raise GovernanceError(
            _("The Committee cannot have decided on a future date: correct the date of the decision.")
        )
    problems = rules.decision_problems(
        matter=matter,
        decided_on=decided_on,
        applies_from=applies_from,
        period_year=period_year,
        amount=amount,
        auditor_name=auditor_name,
        summary=summary,
        minutes_reference=minutes_reference,
        superseded=as_rule(supersedes) if supersedes else None,
    )
    if problems:
        raise GovernanceError(" ".join(problems))
    keeps_year = matter in rules.YEAR_MATTERS
    decision = CommitteeDecision.objects.create(
        number=f"tmp-{uuid.uuid4().hex[:12]}",
        matter=matter,
        decided_on=decided_on,
        applies_from=applies_from,
        period_year=period_year if keeps_year else None,
        summary=summary.strip(),
        amount=amount if matter in (rules.ANNUAL_BUDGET, rules.MEDIUM_TERM_BUDGET) else None,
        auditor_name=auditor_name.strip() if matter == rules.EXTERNAL_AUDITOR else "",
        minutes_reference=minutes_reference.strip(),
        strategic_task=strategic_task,
        supersedes=supersedes,
        recorded_at=clock.now(),
        recorded_by_label=actor.label,
    )
    decision.number = f"AH-D-{decided_on.year}-{decision.pk:05d}"
    decision.save(update_fields=["number"])
    provision = rules.MATTER_PROVISION[matter]
    journal_append(
        actor=actor,
        subject_type=DECISION_SUBJECT,
        subject_id=decision.number,
        action="recorded",
        payload={
            "matter": matter,
            "decided_on": decided_on.isoformat(),
            "applies_from": applies_from.isoformat(),
            "period_year": decision.period_year,
            "amount": str(decision.amount) if decision.amount is not None else None,
            "auditor": decision.auditor_name,
            "supersedes": supersedes.number if supersedes else None,
        },
        provisions=[provision],
    )
    if supersedes is not None:
        journal_append(
            actor=actor,
            subject_type=DECISION_SUBJECT,
            subject_id=supersedes.number,
            action="superseded",
            payload={"by": decision.number, "applies_from": applies_from.isoformat()},
            provisions=[provision],
        )
    return decision
