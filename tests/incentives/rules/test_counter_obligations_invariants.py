"""What holds for any figures (IP-27.4): a refund is never negative, never more than the support and the interest
the whole support would bear, never smaller for a larger shortfall; the interest segments cover the period's days,
one after another, each at the base rate in force."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nisi.incentives.rules import counter_obligations as co
from nisi.incentives.rules import counter_obligations_refund as cr
from nisi.law import params

AGREED = dt.date(2024, 1, 10)
FIRST_RATE = dt.date(2019, 4, 1)  # the first base rate nisi holds
LAST_DAY = dt.date(2027, 12, 31)

days = st.dates(min_value=FIRST_RATE, max_value=LAST_DAY)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("100000000000"), places=2)
figures = st.decimals(min_value=Decimal(0), max_value=Decimal("1000000"), places=2)
targets = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1000000"), places=2)


@st.composite
def periods(draw: st.DrawFn) -> co.Period:
    start = draw(st.dates(min_value=FIRST_RATE, max_value=dt.date(2026, 12, 31)))
    length = draw(st.integers(min_value=0, max_value=800))
    return co.Period(start, min(LAST_DAY, start + dt.timedelta(days=length)))


def _refund(period: co.Period, support: Decimal, target: Decimal, actual: Decimal) -> cr.Refund:
    achievement = co.achieved_level(
        targets={"export_output": target, "domestic_market": Decimal(1)},
        actuals={"export_output": actual, "domestic_market": Decimal(1)},
        agreed_on=AGREED,
    )
    return cr.refund_due(
        period=period,
        achievement=achievement,
        receipts=[cr.Receipt(support, period.start)],
        agreed_on=AGREED,
        on=period.end + dt.timedelta(days=1),
    ).value


@pytest.mark.law("IP-27.4")
@settings(max_examples=150, deadline=None)
@given(period=periods(), support=amounts, target=targets, actual=figures)
def test_ip_27_4_a_refund_is_never_negative_nor_more_than_support_and_interest(
    period: co.Period, support: Decimal, target: Decimal, actual: Decimal
) -> None:
    refund = _refund(period, support, target, actual)
    whole = cr.interest_segments(base=support, start=period.start, end=period.end, agreed_on=AGREED).value
    assert Decimal(0) <= refund.principal <= support
    assert Decimal(0) <= refund.interest <= sum(s.interest for s in whole)
    assert refund.total <= support + sum(s.interest for s in whole)
    assert refund.total == refund.total.quantize(Decimal("0.01"))  # to the tiyn


@pytest.mark.law("IP-27.4")
@settings(max_examples=150, deadline=None)
@given(period=periods(), support=amounts, target=targets, actual=figures, more=figures)
def test_ip_27_4_a_larger_shortfall_never_returns_less(
    period: co.Period, support: Decimal, target: Decimal, actual: Decimal, more: Decimal
) -> None:
    short = _refund(period, support, target, actual)
    closer = _refund(period, support, target, actual + more)
    assert short.level <= closer.level
    assert short.principal >= closer.principal
    assert short.interest >= closer.interest
    assert short.total >= closer.total


@pytest.mark.law("IP-27.4")
@settings(max_examples=200, deadline=None)
@given(period=periods(), base=amounts)
def test_ip_27_4_the_segments_cover_the_period_at_the_rate_in_force(period: co.Period, base: Decimal) -> None:
    segments = cr.interest_segments(base=base, start=period.start, end=period.end, agreed_on=AGREED).value
    assert sum(s.days for s in segments) == period.days
    assert segments[0].start == period.start
    assert segments[-1].end == period.end
    for before, after in itertools.pairwise(segments):
        assert after.start == before.end + dt.timedelta(days=1)
        assert after.rate_from > before.rate_from  # a new segment only where the rate changed
    for segment in segments:
        assert segment.days == (segment.end - segment.start).days + 1
        assert params.value_on("base_rate", segment.start).value == segment.rate
        assert params.value_on("base_rate", segment.end).value == segment.rate
        assert segment.interest >= 0
