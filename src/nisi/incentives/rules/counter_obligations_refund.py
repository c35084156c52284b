"""The money returned when counter-obligations are not fulfilled (IP-27.4), to the tiyn, line by line.

IP-27.4: "In case of non-fulfilment of counter obligations … the money received by them within the framework of
measures of state stimulation of industry shall be returned, taking into account the achieved level of fulfilment
of counter obligations and the base rate of the National Bank of the Republic of Kazakhstan in accordance with the
rules for determining and applying counter obligations". Those rules (IP-9.27) were not read, so the formula is a
dated parameter set marked unconfirmed (law/parameters/incentives_refunds.yaml) and reads, per ADR 0028:

* share to return = 0 at or above `counter_obligation_fulfilled_level`; 1 below `counter_obligation_full_refund_below`;
  otherwise the shortfall, 1 − the achieved level;
* to return, per payment of support = the payment × that share, rounded half up to the tiyn;
* interest = on what is returned, at the base rate in force each day (base_rate.yaml: the day a decision takes
  effect), from the day the money was held within the period (the period's first day, or the day it was received
  if later) to the period's last day, both included; one line per segment between rate changes (and, for
  actual/actual, per calendar year), each line rounded half up to the tiyn; the day count is
  `counter_obligation_interest_day_count`.

Parameters of the formula are read on the day the agreement was concluded (its terms are those agreed); the base
rate day by day. "What you would owe today" is the same computation on the figures reported so far, with interest
to that day, marked provisional.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from nisi.incentives.rules.counter_obligations import (
    ONE,
    ZERO,
    Achievement,
    CounterObligationError,
    Period,
    estimate_problems,
    refund_problems,
    refuse_if,
)
from nisi.incentives.rules.counter_obligations_display import HUNDRED, Day, Money, Percent, parameter_step
from nisi.law import params
from nisi.law.money import tenge
from nisi.law.trace import Explained, Step

PROVISION = "IP-27.4"
DAY_COUNTS = {365: "actual/365", 360: "actual/360", 0: "actual/actual"}


@dataclass(frozen=True)
class Receipt:
    """A payment of support received within the measure (IP-27.4: "the money received")."""

    amount: Decimal
    received_on: dt.date


@dataclass(frozen=True)
class InterestSegment:
    """Days at one base rate (and, for actual/actual, in one calendar year): base × rate × days ÷ year's days."""

    start: dt.date
    end: dt.date
    days: int
    rate: Decimal  # per cent a year
    rate_from: dt.date
    rate_reference: str
    year_days: int
    base: Decimal
    interest: Decimal
    unconfirmed: bool


@dataclass(frozen=True)
class ReceiptRefund:
    receipt: Receipt
    principal: Decimal
    segments: tuple[InterestSegment, ...]

    @property
    def interest(self) -> Decimal:
        return sum((s.interest for s in self.segments), ZERO)


@dataclass(frozen=True)
class Refund:
    """What a period's shortfall returns: per payment, what is returned and its interest segment by segment."""

    period: Period
    level: Decimal
    share: Decimal
    parts: tuple[ReceiptRefund, ...]
    counted_to: dt.date  # the last day interest counts: the period's end, or today for a provisional figure
    provisional: bool
    unconfirmed: bool  # a value used is marked unconfirmed (the formula, a base rate)

    @property
    def support(self) -> Decimal:
        return sum((p.receipt.amount for p in self.parts), ZERO)

    @property
    def principal(self) -> Decimal:
        return sum((p.principal for p in self.parts), ZERO)

    @property
    def interest(self) -> Decimal:
        return sum((p.interest for p in self.parts), ZERO)

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest

    @property
    def segments(self) -> tuple[InterestSegment, ...]:
        return tuple(s for p in self.parts for s in p.segments)


def refund_share(level: Decimal, *, agreed_on: dt.date) -> Explained[Decimal]:
    """The share of the support returned for an achieved level (IP-27.4): none when the level counts as
    fulfilment, all below the full-refund level, otherwise the shortfall (1 − level)."""
    if not ZERO <= level <= ONE:
        raise CounterObligationError([gettext("An achieved level is between 0 and 100 per cent.")])
    fulfilled = params.value_on("counter_obligation_fulfilled_level", agreed_on)
    full_below = params.value_on("counter_obligation_full_refund_below", agreed_on)
    if full_below.value > fulfilled.value:
        raise CounterObligationError(
            [gettext("The refund parameters contradict each other: the authorized body must correct them.")]
        )
    steps = [fulfilled.step(), full_below.step()]
    if level >= fulfilled.value:
        share = ZERO
        message = gettext_noop("achieved level %(level)s counts as fulfilment: nothing is returned")
    elif level < full_below.value:
        share = ONE
        message = gettext_noop("achieved level %(level)s is below %(below)s: the whole support is returned")
    else:
        share = ONE - level
        message = gettext_noop("share to return = 100 %% − %(level)s = %(share)s")
    steps.append(
        Step(
            message=message,
            params={"level": Percent(level), "below": Percent(full_below.value), "share": Percent(share)},
            provision=PROVISION,
        )
    )
    return Explained(share, tuple(steps))


def _year_days(convention: int, day: dt.date) -> int:
    if convention:
        return convention
    return 366 if calendar.isleap(day.year) else 365


def interest_segments(
    *, base: Decimal, start: dt.date, end: dt.date, agreed_on: dt.date
) -> Explained[tuple[InterestSegment, ...]]:
    """Interest at the National Bank's base rate (IP-27.4) on `base` for each day from `start` to `end`, both
    included, one segment for each rate in force (a decision takes effect on the day base_rate.yaml dates it) and,
    for actual/actual, for each calendar year. Each segment's interest is rounded half up to the tiyn. No days (an
    `end` before `start`) is no interest."""
    if base < 0:
        raise CounterObligationError([gettext("An amount cannot be negative.")])
    day_count = params.value_on("counter_obligation_interest_day_count", agreed_on)
    convention = int(day_count.value)
    if convention not in DAY_COUNTS:
        raise CounterObligationError(
            [
                gettext(
                    "The day count of the refund's interest is not one nisi knows: the authorized body must correct it."
                )
            ]
        )
    steps = [parameter_step(day_count)]
    segments = []
    day = start
    while day <= end:
        try:
            rate = params.value_on("base_rate", day)
        except params.ParameterError as exc:
            raise CounterObligationError([str(exc)]) from None
        last = min(end, rate.effective_to or end)
        if convention == 0:
            last = min(last, dt.date(day.year, 12, 31))
        days = (last - day).days + 1
        year_days = _year_days(convention, day)
        interest = tenge(base * rate.value * days / (HUNDRED * year_days))
        segment = InterestSegment(
            day,
            last,
            days,
            rate.value,
            rate.effective_from,
            rate.reference,
            year_days,
            base,
            interest,
            rate.unconfirmed,
        )
        segments.append(segment)
        steps.append(
            Step(
                message=gettext_noop(
                    "%(start)s–%(end)s: %(base)s × %(rate)s × %(days)s days ÷ %(year)s = %(interest)s"
                ),
                params={
                    "start": Day(day),
                    "end": Day(last),
                    "base": Money(base),
                    "rate": Percent(rate.value, share=False),
                    "days": days,
                    "year": year_days,
                    "interest": Money(interest),
                },
                provision=PROVISION,
                parameter="base_rate",
                value=str(rate.value),
                effective_from=rate.effective_from,
                reference=rate.reference,
            )
        )
        day = last + dt.timedelta(days=1)
    return Explained(tuple(segments), tuple(steps))


def receipt_problems(receipts: Sequence[Receipt], *, last_day: dt.date) -> list[str]:
    """The support received for the period: at least one payment, each above zero and received by `last_day`."""
    if not receipts:
        return [gettext("Give the support received for the period: the refund is a share of it (IP-27.4).")]
    problems = []
    for receipt in receipts:
        if not receipt.amount.is_finite() or receipt.amount <= 0:
            problems.append(gettext("A payment of support is an amount above zero: correct it."))
        if receipt.received_on > last_day:
            problems.append(
                gettext("Support received on %(on)s is not money held by %(last)s: leave it out of this period.")
                % {"on": Day(receipt.received_on), "last": Day(last_day)}
            )
    return problems


def _refund(
    *,
    period: Period,
    achievement: Explained[Achievement],
    receipts: Sequence[Receipt],
    agreed_on: dt.date,
    counted_to: dt.date,
    provisional: bool,
) -> Explained[Refund]:
    refuse_if(receipt_problems(receipts, last_day=counted_to))
    steps: list[Step] = []
    if provisional:
        steps.append(
            Step(
                message=gettext_noop(
                    "Provisional: the period %(period)s ends on %(end)s. This is what the figures reported so far "
                    "would return if it ended on %(as_of)s."
                ),
                params={"period": period, "end": Day(period.end), "as_of": Day(counted_to)},
                provision=PROVISION,
            )
        )
    steps += achievement.steps
    share = refund_share(achievement.value.level, agreed_on=agreed_on)
    steps += share.steps
    unconfirmed = achievement.value.unconfirmed or any(
        params.value_on(name, agreed_on).unconfirmed
        for name in ("counter_obligation_fulfilled_level", "counter_obligation_full_refund_below")
    )
    parts = []
    for receipt in sorted(receipts, key=lambda r: (r.received_on, r.amount)):
        principal = tenge(receipt.amount * share.value)
        steps.append(
            Step(
                message=gettext_noop("support received on %(on)s: %(amount)s × %(share)s = %(principal)s to return"),
                params={
                    "on": Day(receipt.received_on),
                    "amount": Money(receipt.amount),
                    "share": Percent(share.value),
                    "principal": Money(principal),
                },
                provision=PROVISION,
            )
        )
        segments: tuple[InterestSegment, ...] = ()
        if principal > 0:
            interest = interest_segments(
                base=principal, start=max(receipt.received_on, period.start), end=counted_to, agreed_on=agreed_on
            )
            steps += interest.steps
            segments = interest.value
            unconfirmed |= (
                any(s.unconfirmed for s in segments)
                or params.value_on("counter_obligation_interest_day_count", agreed_on).unconfirmed
            )
        parts.append(ReceiptRefund(receipt, principal, segments))
    refund = Refund(period, achievement.value.level, share.value, tuple(parts), counted_to, provisional, unconfirmed)
    steps.append(
        Step(
            message=gettext_noop("to return: %(principal)s + interest %(interest)s = %(total)s"),
            params={
                "principal": Money(refund.principal),
                "interest": Money(refund.interest),
                "total": Money(refund.total),
            },
            provision=PROVISION,
        )
    )
    return Explained(refund, tuple(steps))


def refund_due(
    *,
    period: Period,
    achievement: Explained[Achievement],
    receipts: Sequence[Receipt],
    agreed_on: dt.date,
    on: dt.date,
) -> Explained[Refund]:
    """The money to return for a period whose counter-obligations were not fulfilled (IP-27.4), determined on `on`,
    a day after the period has ended; interest counts to the period's last day."""
    refuse_if(refund_problems(period=period, on=on))
    return _refund(
        period=period,
        achievement=achievement,
        receipts=receipts,
        agreed_on=agreed_on,
        counted_to=period.end,
        provisional=False,
    )


def refund_estimate(
    *,
    period: Period,
    achievement: Explained[Achievement],
    receipts: Sequence[Receipt],
    agreed_on: dt.date,
    as_of: dt.date,
) -> Explained[Refund]:
    """What you would owe today (IP-27.4, provisional): the refund the figures reported so far would produce if the
    period ended on `as_of`, a day within it; interest counts to `as_of`. Marked provisional in its value and its
    first line."""
    refuse_if(estimate_problems(period=period, as_of=as_of))
    return _refund(
        period=period,
        achievement=achievement,
        receipts=receipts,
        agreed_on=agreed_on,
        counted_to=as_of,
        provisional=True,
    )
