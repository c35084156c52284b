"""Which period a payment of support counts in when money is returned (IP-27.4): the period it was received in, by
the dated parameter `counter_obligation_payment_attribution` (unconfirmed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.incentives.rules.counter_obligations import CounterObligationError, Period
from nisi.incentives.rules.counter_obligations_refund import Receipt
from nisi.incentives.rules.payments import PARAMETER, period_of_payment, receipts_for_period
from nisi.law import params

Y1 = Period(dt.date(2026, 3, 2), dt.date(2027, 3, 1))
Y2 = Period(dt.date(2027, 3, 2), dt.date(2028, 3, 1))
AGREED = dt.date(2026, 3, 2)


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("case", "received", "period"),
    [
        ("received on the first period's first day", dt.date(2026, 3, 2), Y1),
        ("received on the first period's last day", dt.date(2027, 3, 1), Y1),
        ("received on the second period's first day", dt.date(2027, 3, 2), Y2),
        ("received before the agreement took effect: its first period", dt.date(2026, 2, 27), Y1),
        ("received after its last period: the last", dt.date(2028, 3, 2), Y2),
    ],
)
def test_ip_27_4_a_payment_counts_in_the_period_it_was_received_in(
    case: str, received: dt.date, period: Period
) -> None:
    assert period_of_payment(received, (Y2, Y1)) == period, case


@pytest.mark.law("IP-27.4")
def test_ip_27_4_no_payment_is_returned_twice_and_only_what_was_received_by_the_day() -> None:
    payments = [
        Receipt(Decimal("100.00"), dt.date(2026, 5, 4)),
        Receipt(Decimal("50.00"), dt.date(2027, 3, 1)),
        Receipt(Decimal("70.00"), dt.date(2027, 3, 2)),
    ]
    first = receipts_for_period(payments, period=Y1, periods=(Y1, Y2), to=Y1.end, agreed_on=AGREED)
    second = receipts_for_period(payments, period=Y2, periods=(Y1, Y2), to=Y2.end, agreed_on=AGREED)
    assert [r.amount for r in first] == [Decimal("100.00"), Decimal("50.00")]
    assert [r.amount for r in second] == [Decimal("70.00")]
    so_far = receipts_for_period(payments, period=Y1, periods=(Y1, Y2), to=dt.date(2026, 12, 31), agreed_on=AGREED)
    assert [r.amount for r in so_far] == [Decimal("100.00")]


def test_the_attribution_is_a_dated_unconfirmed_parameter_with_its_source() -> None:
    value = params.value_on(PARAMETER, AGREED)
    assert value.value == 0
    assert value.unconfirmed
    assert "IP-9.27" in value.reference


def test_an_agreement_without_periods_attributes_nothing() -> None:
    with pytest.raises(CounterObligationError):
        period_of_payment(dt.date(2026, 1, 1), ())
