"""Reads of a grant agreement's yearly results (IP-42.1, IP-27): each year with its targets, the recipient's
report, the refund determined and, while a reported year runs, what the recipient would owe today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from nisi.incentives import grant_facts as facts
from nisi.incentives.models import GrantAgreement, GrantRefund, GrantResultReport
from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area, CounterObligationError, Period
from nisi.incentives.rules.counter_obligations_refund import Refund
from nisi.incentives.selectors.agreements import TargetRow
from nisi.law.trace import Explained


@dataclass(frozen=True)
class ResultRow:
    """One year of a grant agreement as its results page and API show it."""

    period: Period
    targets: list[TargetRow]
    report: GrantResultReport | None
    refund: GrantRefund | None
    support: Decimal  # the grant paid and counted in this year so far
    started: bool
    ended: bool
    estimate: Explained[Refund] | None
    estimate_problem: str | None

    @property
    def year(self) -> int:
        return self.period.start.year


def result_rows(agreement: GrantAgreement, today: dt.date) -> list[ResultRow]:
    reports = {r.period_start: r for r in agreement.result_reports.all()}
    refunds = {r.period_start: r for r in agreement.refunds.select_related("document")}
    rows = []
    for period in facts.periods_of(agreement):
        report = reports.get(period.start)
        estimate, problem = None, None
        if report is not None and period.contains(today):
            try:
                estimate = facts.refund_estimate_of(agreement=agreement, report=report, as_of=today)
            except CounterObligationError as exc:
                problem = " ".join(exc.problems)
        targets = facts.targets_of(agreement, period)
        rows.append(
            ResultRow(
                period=period,
                targets=[
                    TargetRow(
                        area.value,
                        str(AREA_LABELS[area]),
                        targets[area.value],
                        report.actuals.get(area.value) if report else None,
                    )
                    for area in Area
                    if area.value in targets
                ],
                report=report,
                refund=refunds.get(period.start),
                support=sum((r.amount for r in facts.receipts_of(agreement, period, to=today)), Decimal(0)),
                started=today >= period.start,
                ended=today > period.end,
                estimate=estimate,
                estimate_problem=problem,
            )
        )
    return rows
