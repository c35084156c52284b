"""Which period a payment of support counts in (IP-27.4: "the money received … shall be returned, taking into account
the achieved level"), for the agreements with counter-obligations and the grant agreements alike. Pure: no database,
no clock.

The rules for determining and applying counter-obligations (IP-9.27), which say how the money received is matched to
the periods whose counter-obligations fell short, were not read. nisi's reasoned default is the dated parameter
`counter_obligation_payment_attribution` (incentives_refunds.yaml, unconfirmed): 0 — a payment counts in the period
in which it was received, so that no payment is returned twice and a shortfall returns only what the recipient held
in that period; a payment received before the agreement's first period counts in the first, one received after its
last period in the last.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

from django.utils.translation import gettext

from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.incentives.rules.counter_obligations_display import parameter_step
from nisi.incentives.rules.counter_obligations_refund import Receipt
from nisi.law import params
from nisi.law.trace import Explained

T = TypeVar("T")

PARAMETER = "counter_obligation_payment_attribution"
IN_PERIOD_RECEIVED = 0
METHODS = {IN_PERIOD_RECEIVED: "the period received"}


def period_of_payment(received_on: dt.date, periods: Sequence[Period]) -> Period:
    """The period a payment received on `received_on` counts in: the one containing that day; before the first
    period, the first; after the last, the last (IP-27.4, `counter_obligation_payment_attribution` = 0)."""
    if not periods:
        raise CounterObligationError([gettext("The agreement has no periods yet: record its term first.")])
    ordered = sorted(periods)
    if received_on < ordered[0].start:
        return ordered[0]
    return next((p for p in ordered if p.contains(received_on)), ordered[-1])


def receipts_for_period(
    payments: Iterable[Receipt], *, period: Period, periods: Sequence[Period], to: dt.date, agreed_on: dt.date
) -> list[Receipt]:
    """The support attributed to `period` by the method in force on the day the agreement was concluded, and only
    what was received by `to` (the period's end for a refund, today for what the recipient would owe today)."""
    method = int(params.value_on(PARAMETER, agreed_on).value)
    if method not in METHODS:
        raise CounterObligationError(
            [
                gettext(
                    "The way payments are matched to periods is not one nisi knows: the authorized body must "
                    "correct it."
                )
            ]
        )
    return [r for r in payments if r.received_on <= to and period_of_payment(r.received_on, periods) == period]


def attributed(explained: Explained[T], *, agreed_on: dt.date) -> Explained[T]:
    """`explained` with the attribution's parameter as its first line, so that a refund says by which rule its
    payments were matched to the period (and that the rule is unconfirmed)."""
    return Explained(explained.value, (parameter_step(params.value_on(PARAMETER, agreed_on)), *explained.steps))
