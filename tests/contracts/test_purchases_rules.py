"""The purchases area's pure rules in the law's terms: a line's verdict and weight, a customer's period share
(IP-47-1.3), the systemic threshold (IP-47-1.1: more than 3 %, so exactly 3 % is not), and reading a line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.contracts.rules import domestic_value as dv
from nisi.contracts.rules import systemic
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.rules.purchases import LineReader


@pytest.mark.law("IP-47-1.3")
@pytest.mark.parametrize(
    ("supplier", "good", "share", "verdict", "amount", "counted"),
    [
        (True, True, Decimal("60"), Verdict.COUNTED, Decimal("1000"), Decimal("600")),
        (True, True, Decimal("0"), Verdict.COUNTED, Decimal("1000"), Decimal("0")),
        (True, True, Decimal("100"), Verdict.COUNTED, Decimal("10.01"), Decimal("10.01")),
        (True, True, None, Verdict.COUNTED_WHOLE, Decimal("1000"), Decimal("1000")),
        (True, False, None, Verdict.GOOD_NOT_IN_REGISTER, Decimal("1000"), Decimal("0")),
        (False, False, None, Verdict.SUPPLIER_NOT_IN_REGISTER, Decimal("1000"), Decimal("0")),
    ],
)
def test_ip_47_1_3_a_line_counts_by_the_register_on_its_date(
    supplier: bool, good: bool, share: Decimal | None, verdict: Verdict, amount: Decimal, counted: Decimal
) -> None:
    got = dv.line_verdict(supplier_in_register=supplier, good_in_register=good, share=share)
    assert got is verdict
    assert dv.counted_value(amount, got, share) == counted


@pytest.mark.law("IP-47-1.3")
@pytest.mark.parametrize(
    ("total", "counted", "share"),
    [
        (Decimal("9300"), Decimal("3120"), Decimal("33.55")),
        (Decimal("3"), Decimal("1"), Decimal("33.33")),
        (Decimal("200000"), Decimal("1"), Decimal("0.00")),  # 0.0005 % rounds half up to 0.00 %
        (Decimal("200000"), Decimal("1.00001"), Decimal("0.00")),
        (Decimal("2000"), Decimal("1"), Decimal("0.05")),
        (Decimal("100"), Decimal("100"), Decimal("100.00")),
        (Decimal("0"), Decimal("0"), None),
    ],
)
def test_ip_47_1_3_period_share(total: Decimal, counted: Decimal, share: Decimal | None) -> None:
    assert dv.purchases_domestic_value_share(total, counted) == share


@pytest.mark.parametrize(("total", "counted"), [(Decimal(1), Decimal(2)), (Decimal(-1), Decimal(0))])
def test_impossible_period_figures_are_refused(total: Decimal, counted: Decimal) -> None:
    with pytest.raises(ValueError, match="between zero and the total"):
        dv.purchases_domestic_value_share(total, counted)


def test_a_counted_line_needs_a_share_in_per_cent() -> None:
    with pytest.raises(ValueError, match="share"):
        dv.line_weight(Verdict.COUNTED, Decimal("100.01"))


THRESHOLD = Decimal("0.03")


@pytest.mark.law("IP-47-1.1")
@pytest.mark.parametrize(
    ("volume", "total", "systemic_"),
    [
        (Decimal("3"), Decimal("100"), False),  # exactly 3 %: not "more than"
        (Decimal("3.01"), Decimal("100"), True),
        (Decimal("2.99"), Decimal("100"), False),
        (Decimal("30000000000.01"), Decimal("1000000000000"), True),  # one tiyn above 3 % of a trillion
        (Decimal("30000000000.00"), Decimal("1000000000000"), False),
        (Decimal("1"), Decimal("3"), True),
        (Decimal("0"), Decimal("100"), False),
    ],
)
def test_ip_47_1_1_more_than_three_per_cent_of_the_territory(volume: Decimal, total: Decimal, systemic_: bool) -> None:
    assert systemic.is_systemic(volume, total, THRESHOLD) is systemic_


@pytest.mark.law("IP-47-1.1")
def test_ip_47_1_1_the_threshold_is_the_dated_parameter() -> None:
    assert systemic.threshold_on(dt.date(2026, 1, 1)).value == Decimal("0.03")


def test_territory_share_refuses_impossible_volumes() -> None:
    assert systemic.territory_share(Decimal(1), Decimal(3)) == Decimal("0.333333")
    with pytest.raises(ValueError, match="more than zero"):
        systemic.territory_share(Decimal(1), Decimal(0))
    with pytest.raises(ValueError, match="between zero"):
        systemic.territory_share(Decimal(4), Decimal(3))


GOOD = ["190540000123", "7207110000", "2", "1000.50", "2026-01-15", "Д-1", ""]


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({0: "190540000124"}, "check digit"),
        ({0: "1905 40000123"}, "12 digits"),
        ({1: "72071"}, "6, 8 or 10 digits"),
        ({1: "720711000"}, "6, 8 or 10 digits"),
        ({2: "0"}, "quantity"),
        ({2: "-1"}, "quantity"),
        ({2: "1.0001"}, "quantity"),
        ({3: "0.00"}, "amount"),
        ({3: "10.001"}, "amount"),
        ({3: "1e5"}, "amount"),
        ({3: "NaN"}, "amount"),
        ({4: "2026-02-30"}, "not a date"),
        ({4: "2026-03-03"}, "in the future"),
        ({4: "1999-12-31"}, "before 2000"),
        ({5: ""}, "contract"),
        ({5: "x" * 101}, "at most 100"),
        ({5: "a\x00b"}, "at most 100"),
        ({6: "maybe"}, "yes or no"),
    ],
)
def test_a_bad_line_says_what_is_wrong(change: dict[int, str], problem: str) -> None:
    values = list(GOOD)
    for i, v in change.items():
        values[i] = v
    got = LineReader(today=dt.date(2026, 3, 2)).read(values)
    assert isinstance(got, list)
    assert any(problem in p for p in got), got


def test_a_good_line_is_read_with_a_decimal_comma_and_a_dotted_date() -> None:
    values = list(GOOD)
    values[3], values[4], values[6] = "1000,50", "15.01.2026", "да"
    got = LineReader(today=dt.date(2026, 3, 2)).read(values)
    assert got == (
        "190540000123",
        "7207110000",
        "720711",
        Decimal(2),
        Decimal("1000.50"),
        dt.date(2026, 1, 15),
        "Д-1",
        True,
    )


def test_every_problem_of_a_line_is_given() -> None:
    got = LineReader(today=dt.date(2026, 3, 2)).read(["1", "2", "0", "0", "x", "", "?"])
    assert isinstance(got, list)
    assert len(got) == 7
