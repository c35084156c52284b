"""The Fund's assets in the law's terms: formed by the sources of AH-10.1, used for the purposes of AH-10.5."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.astana_hub.models import AssetSource
from nisi.astana_hub.rules import assets as rules
from nisi.astana_hub.rules.assets import Movement

D = dt.date
M = Decimal


def _in(on: dt.date, amount: str, source: str = "contribution") -> Movement:
    return Movement(on=on, amount=M(amount), receipt=True, source=source)


def _out(on: dt.date, amount: str, purpose: str = "operations") -> Movement:
    return Movement(on=on, amount=M(amount), receipt=False, purpose=purpose)


LEDGER = [
    _in(D(2025, 1, 10), "1000"),
    _out(D(2025, 2, 1), "300"),
    _in(D(2025, 3, 1), "500"),
    _out(D(2025, 3, 5), "900"),
]


@pytest.mark.law("AH-10.1")
@pytest.mark.parametrize(
    ("on", "balance"),
    [
        (D(2025, 1, 9), "0"),
        (D(2025, 1, 10), "1000"),
        (D(2025, 2, 1), "700"),
        (D(2025, 3, 1), "1200"),
        (D(2025, 3, 5), "300"),
    ],
)
def test_ah_10_1_the_balance_is_receipts_less_uses_to_the_end_of_the_day(on: dt.date, balance: str) -> None:
    assert rules.balance_on(LEDGER, on) == M(balance)


@pytest.mark.law("AH-10.5")
@pytest.mark.parametrize(
    ("on", "available"),
    [
        (D(2025, 1, 9), "0"),  # nothing received yet
        (D(2025, 1, 10), "300"),  # 1000 that day, but the later use of 900 on 5 March must stay covered
        (D(2025, 2, 15), "300"),
        (D(2025, 3, 2), "300"),
        (D(2025, 3, 5), "300"),
        (D(2025, 12, 31), "300"),
    ],
)
def test_ah_10_5_a_use_may_not_exceed_what_the_fund_has_then_or_later(on: dt.date, available: str) -> None:
    assert rules.available_for_use(LEDGER, on) == M(available)


@pytest.mark.law("AH-10.1")
def test_ah_10_1_every_source_cites_its_subparagraph_the_excluded_ones_too() -> None:
    # 2) excluded by Law No. 220-VIII (27.09.2025), 4-1) by Law No. 172-VIII (from 01.01.2025): they applied until
    # then, so receipts of that time still cite them.
    assert set(AssetSource.values) == set(rules.SOURCE_PROVISION)
    assert rules.SOURCE_PROVISION["excluded_10_1_2"] == "AH-10.1.2"
    assert rules.SOURCE_PROVISION["excluded_10_1_4_1"] == "AH-10.1.4-1"


@pytest.mark.law("AH-10.1")
@pytest.mark.law("AH-10.5")
def test_ah_10_1_and_10_5_a_report_by_source_and_purpose_for_a_period() -> None:
    ledger = [
        *LEDGER,
        _in(D(2025, 2, 10), "40", "membership_fees"),
        _out(D(2025, 2, 20), "20", "project_financing"),
        _in(D(2025, 4, 1), "7", "investment_income"),
    ]
    report = rules.asset_report(ledger, D(2025, 2, 1), D(2025, 3, 31))
    assert report.opening == M("1000")
    assert report.receipts == {
        "contribution": M("500"),
        "sales": M("0"),
        "investment_income": M("0"),
        "membership_fees": M("40"),
        "other": M("0"),
    }
    assert report.uses == {"operations": M("1200"), "project_financing": M("20")}
    assert report.closing == M("320") == rules.balance_on(ledger, D(2025, 3, 31))
    with pytest.raises(ValueError, match="ends before it starts"):
        rules.asset_report(ledger, D(2025, 3, 1), D(2025, 2, 1))
