"""Reads of the counter-obligations' figures from the state's systems, and "what you would owe today" made from
them when the recipient has not reported the period yet. Scoped like the agreement: the caller checks `view`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nisi.incentives import facts
from nisi.incentives.models import CounterObligationAgreement, CounterObligationReport, StateActual, StateDataFetch
from nisi.incentives.rules import state_actuals as rules
from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.incentives.rules.counter_obligations_refund import Refund
from nisi.law.trace import Explained


def latest(agreement: CounterObligationAgreement, period: Period) -> dict[str, StateActual]:
    """Each area's latest figure of the period (the one as of the latest day)."""
    found: dict[str, StateActual] = {}
    for actual in StateActual.objects.filter(agreement=agreement, period_start=period.start).order_by("area", "-as_of"):
        found.setdefault(actual.area, actual)
    return found


def history(agreement: CounterObligationAgreement) -> list[StateActual]:
    return list(StateActual.objects.filter(agreement=agreement).order_by("-period_start", "area", "-as_of"))


def pending(agreement: CounterObligationAgreement) -> list[StateDataFetch]:
    return list(agreement.state_fetches.filter(status=StateDataFetch.Status.PENDING).order_by("as_of"))


@dataclass(frozen=True)
class StateEstimate:
    period: Period
    used: dict[str, rules.Used]
    estimate: Explained[Refund] | None
    problem: str | None


def estimate(agreement: CounterObligationAgreement, as_of: dt.date) -> StateEstimate | None:
    """What you would owe today for the period running on `as_of`: from the recipient's report if it made one,
    otherwise from the state's latest figures (its own where it contested one); None outside every period."""
    period = next((p for p in facts.periods_of(agreement) if p.contains(as_of)), None)
    if period is None:
        return None
    report = agreement.reports.filter(period_start=period.start).first()
    targets = facts.targets_of(agreement, period)
    state = {
        area: (a.value, a.status, a.contested_value, a.as_of)
        for area, a in latest(agreement, period).items()
        if area in targets
    }
    used = rules.figures_for_estimate(reported=report.actuals if report else None, state=state)
    missing = [area for area in targets if area not in used]
    if missing:
        return StateEstimate(period, used, None, None)
    basis = report or CounterObligationReport(
        agreement=agreement,
        period_start=period.start,
        period_end=period.end,
        actuals={area: str(u.value) for area, u in used.items()},
    )
    try:
        explained = facts.refund_estimate_of(agreement=agreement, report=basis, as_of=as_of)
    except CounterObligationError as exc:
        return StateEstimate(period, used, None, " ".join(exc.problems))
    return StateEstimate(period, used, explained, None)
