"""What the sources said on a day: the measures open then, the version of the list of priority goods in force then,
and the facts of IP-25.5 (the register as it stood that day, the organization's record), and an agreement's periods,
targets and support (IP-27). The services decide on them and the selectors show them, so both read them here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext

from nisi.core.models import Organization
from nisi.incentives.models import (
    CounterObligationAgreement,
    CounterObligationReport,
    Measure,
    MeasureWindow,
    PriorityList,
)
from nisi.incentives.rules import catalogue as rules
from nisi.incentives.rules import conditions as condition_rules
from nisi.incentives.rules import counter_obligations as co_rules
from nisi.incentives.rules import counter_obligations_refund as refund_rules
from nisi.incentives.rules import payments as payment_rules
from nisi.incentives.rules import priority as priority_rules
from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.law.trace import Explained
from nisi.registry import selectors as registry

AGREEMENT = "co_agreement"  # the journal's and the deadlines' subject of an agreement with counter-obligations
REPORT_DEADLINE = "incentives.deadline.report"


@dataclass(frozen=True)
class MeasureOn:
    measure: Measure
    info: rules.KindInfo
    open: bool
    next_opening: dt.date | None


def _windows(measure: Measure) -> list[tuple[dt.date, dt.date | None]]:
    return [(w.opens_on, w.closes_on) for w in measure.windows.all()]


def measures() -> QuerySet[Measure]:
    return Measure.objects.select_related("operator__organization").prefetch_related(
        Prefetch("windows", queryset=MeasureWindow.objects.order_by("opens_on", "id"))
    )


def measure_on(measure: Measure, on: dt.date) -> MeasureOn:
    windows = _windows(measure)
    return MeasureOn(measure, rules.kind(measure.kind), rules.open_on(windows, on), rules.next_opening(windows, on))


def measure_by_code(code: str) -> Measure | None:
    return measures().filter(code=code).first()


def list_in_force(on: dt.date) -> PriorityList | None:
    """The version of the list of priority goods in force on `on` (IP-26)."""
    number = priority_rules.version_in_force(PriorityList.objects.values_list("version", "in_force_from"), on)
    return None if number is None else PriorityList.objects.get(version=number)


def _history(periods: Sequence[Any]) -> str:
    if not periods:
        return "—"
    return "; ".join(
        f"{p.included_from.isoformat()} – {p.included_to.isoformat() if p.included_to else '…'}" for p in periods
    )


def facts_on(
    organization: Organization,
    on: dt.date,
    *,
    goods: Sequence[str] | None,
    counter_obligations_accepted: bool | None,
) -> condition_rules.Facts:
    """The facts of IP-25.5 for `organization` on `on`: the list of priority goods in force that day, the register
    as it stood that day (`registry.selectors.record_on`), the organization's record. `goods`: the codes the
    application names; None takes the goods of the producer's register record on that day (the pre-check)."""
    version = list_in_force(on)
    codes = set(version.goods.values_list("hs_code", flat=True)) if version else set()
    record = registry.record_on(organization.identifier, on)
    source = "application"
    if goods is None:
        source = "producer_goods"
        goods = sorted({g.hs_code for g in record["goods"] if g.hs_code}) if record else []
    return condition_rules.Facts(
        on=on,
        goods=list(goods),
        priority_version=version.version if version else None,
        priority_codes=codes,
        counter_obligations_accepted=counter_obligations_accepted,
        resident=organization.resident,
        liquidated_on=organization.liquidated_on,
        in_register=bool(record and record["in_register"]),
        register_history=_history(record["periods"]) if record else "—",
        goods_source=source,
    )


# --- Agreements with counter-obligations (IP-27) ---


def periods_of(agreement: CounterObligationAgreement) -> tuple[Period, ...]:
    return co_rules.agreement_periods(agreement.starts_on, agreement.ends_on)


def period_starting(agreement: CounterObligationAgreement, start: dt.date) -> Period | None:
    return next((p for p in periods_of(agreement) if p.start == start), None)


def targets_of(agreement: CounterObligationAgreement, period: Period) -> dict[str, Decimal]:
    return {t.area: t.target for t in agreement.targets.all() if t.period_start == period.start}


def receipts_of(agreement: CounterObligationAgreement, period: Period, *, to: dt.date) -> list[refund_rules.Receipt]:
    """The support attributed to a period: each payment counts in the period it was received in (a payment before
    the agreement took effect, in its first period), so that no payment is returned twice; only what was received
    by `to` (`rules.payments.receipts_for_period`, the one rule for these agreements and the grants)."""
    return payment_rules.receipts_for_period(
        [refund_rules.Receipt(p.amount, p.paid_on) for p in agreement.payments.all()],
        period=period,
        periods=periods_of(agreement),
        to=to,
        agreed_on=agreement.concluded_on,
    )


def achievement_of(agreement: CounterObligationAgreement, report: CounterObligationReport) -> Any:
    period = Period(report.period_start, report.period_end)
    return co_rules.achieved_level(
        targets=targets_of(agreement, period), actuals=report.actuals, agreed_on=agreement.concluded_on
    )


def refund_estimate_of(
    *, agreement: CounterObligationAgreement, report: CounterObligationReport, as_of: dt.date
) -> Explained[refund_rules.Refund]:
    """What you would owe today (IP-27.4, provisional): the refund the reported figures would produce if the period
    ended on `as_of`. Reads only; refused (`AgreementError`) when the period has not started or has ended."""
    period = Period(report.period_start, report.period_end)
    receipts = receipts_of(agreement, period, to=as_of)
    if not receipts:
        raise CounterObligationError(
            [gettext("No support has been paid in this period so far: there is nothing to return.")]
        )
    return refund_rules.refund_estimate(
        period=period,
        achievement=achievement_of(agreement, report),
        receipts=receipts,
        agreed_on=agreement.concluded_on,
        as_of=as_of,
    )
