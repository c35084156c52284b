"""Reads of the agreements with counter-obligations (IP-27) and on increasing competitiveness (IP-28): each actor's
own lists, the late reports an operator or the authorized body sees, and an agreement's periods with their targets,
report, refund and, while a reported period runs, what the recipient would owe today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from nisi.core.authz import Actor, scope
from nisi.core.models import Deadline
from nisi.incentives import facts
from nisi.incentives.models import (
    CompetitivenessAgreement,
    CounterObligationAgreement,
    CounterObligationRefund,
    CounterObligationReport,
)
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area, CounterObligationError, Period
from nisi.incentives.rules.counter_obligations_refund import Refund
from nisi.law.trace import Explained


def agreements_for(actor: Actor) -> QuerySet[CounterObligationAgreement]:
    rows = CounterObligationAgreement.objects.select_related("organization", "operator", "request__measure")
    return scope(actor, rows).order_by("-concluded_on", "-id")


def agreement_by_number(number: str) -> CounterObligationAgreement | None:
    rows = CounterObligationAgreement.objects.select_related("organization", "operator", "request__measure", "document")
    return rows.filter(number=number).first()


def late_reports_for(actor: Actor, today: dt.date) -> list[tuple[CounterObligationAgreement, Deadline]]:
    """The reports past their term and not given, on the agreements the actor monitors (IP-27.1)."""
    numbers = {a.number: a for a in agreements_for(actor)[:5000]}
    late = Deadline.objects.filter(
        subject_type=facts.AGREEMENT,
        kind=facts.REPORT_DEADLINE,
        status=Deadline.Status.OPEN,
        due_on__lt=today,
        subject_id__in=list(numbers),
    ).order_by("due_on", "id")
    return [(numbers[d.subject_id], d) for d in late]


@dataclass(frozen=True)
class TargetRow:
    area: str
    label: str
    target: Decimal
    actual: str | None


@dataclass(frozen=True)
class PeriodRow:
    """One yearly period of an agreement as its page shows it."""

    period: Period
    targets: list[TargetRow]
    report: CounterObligationReport | None
    refund: CounterObligationRefund | None
    due_on: dt.date | None  # the report's term
    started: bool
    ended: bool
    estimate: Explained[Refund] | None
    estimate_problem: str | None

    @property
    def key(self) -> str:
        return self.period.start.isoformat()


def refund_lines(refund: CounterObligationRefund, language: str) -> list[dict[str, Any]]:
    """The stored refund's lines in the reader's language (Russian when the language was not stored)."""
    lines: list[dict[str, Any]] = refund.trace.get(language) or refund.trace.get("ru") or []
    return lines


def period_rows(agreement: CounterObligationAgreement, today: dt.date) -> list[PeriodRow]:
    targets = list(agreement.targets.all())
    reports = {r.period_start: r for r in agreement.reports.all()}
    refunds = {r.period_start: r for r in agreement.refunds.select_related("document")}
    due = {
        d.params.get("period_start"): d.due_on
        for d in Deadline.objects.filter(
            subject_type=facts.AGREEMENT, subject_id=agreement.number, kind=facts.REPORT_DEADLINE
        )
    }
    rows = []
    for period in facts.periods_of(agreement):
        report = reports.get(period.start)
        estimate, problem = None, None
        if report is not None and period.contains(today):
            try:
                estimate = facts.refund_estimate_of(agreement=agreement, report=report, as_of=today)
            except CounterObligationError as exc:
                problem = " ".join(exc.problems)
        rows.append(
            PeriodRow(
                period=period,
                targets=[
                    TargetRow(
                        t.area,
                        str(AREA_LABELS[Area(t.area)]),
                        t.target,
                        report.actuals.get(t.area) if report else None,
                    )
                    for t in targets
                    if t.period_start == period.start
                ],
                report=report,
                refund=refunds.get(period.start),
                due_on=due.get(period.start.isoformat()),
                started=today >= period.start,
                ended=today > period.end,
                estimate=estimate,
                estimate_problem=problem,
            )
        )
    return rows


def competitiveness_for(actor: Actor) -> QuerySet[CompetitivenessAgreement]:
    return scope(actor, CompetitivenessAgreement.objects.select_related("organization")).order_by(
        "-concluded_on", "-id"
    )


def competitiveness_by_number(number: str) -> CompetitivenessAgreement | None:
    return CompetitivenessAgreement.objects.select_related("organization").filter(number=number).first()
