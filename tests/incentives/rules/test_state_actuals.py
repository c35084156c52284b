"""The counter-obligations' figures from the state's systems, in the law's terms: labour productivity as IP-25.4.5
defines it, the three areas of IP-27.3 each from its source, and which figure the estimate uses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.incentives.rules import state_actuals as rules
from nisi.incentives.rules.counter_obligations import Period

D = Decimal
YEAR = Period(dt.date(2026, 3, 2), dt.date(2027, 3, 1))


@pytest.mark.law("IP-25.4.5")
@pytest.mark.parametrize(
    ("output", "employees", "expected"),
    [
        (D("1200000"), [10, 10, 10], D("120000.00")),
        (D("1000000"), [3, 3, 3], D("333333.33")),
        (D("1000000"), [2, 4], D("333333.33")),  # the average of the months: 3
        (D("0"), [5], D("0.00")),
        (D("1000000"), [0, 0], None),  # no labour resources: no ratio
        (D("1000000"), [5, 0], None),  # a month without employees: the ratio is not made from part of the period
        (D("1000000"), [], None),
    ],
)
def test_ip_25_4_5_labour_productivity_is_output_over_labour_resources(
    output: Decimal, employees: list[int], expected: Decimal | None
) -> None:
    assert rules.labour_productivity(output, employees) == expected


@pytest.mark.law("IP-27.3")
def test_ip_27_3_each_area_from_its_source_and_the_missing_ones_named() -> None:
    answers = {
        rules.TAX: {"domestic_turnover_kzt": "600.00", "export_turnover_kzt": "300.00"},
        rules.EMPLOYMENT: {"employees_by_month": [{"month": "2026-03", "employees": 3}]},
        rules.CUSTOMS: {"export_value_kzt": "250.00"},
    }
    found, missing = rules.figures(["labour_productivity", "export_output", "domestic_market"], answers)
    assert {f.area: f.value for f in found} == {
        "labour_productivity": D("300.00"),
        "export_output": D("250.00"),
        "domestic_market": D("600.00"),
    }
    assert missing == []
    found, missing = rules.figures(["export_output"], {rules.CUSTOMS: {"export_value_kzt": "garbage"}})
    assert (found, missing) == ([], ["export_output"])


def test_the_sources_each_area_needs_are_asked_once() -> None:
    assert rules.sources_needed(["labour_productivity", "domestic_market"]) == (rules.TAX, rules.EMPLOYMENT)
    assert rules.sources_needed(["export_output"]) == (rules.CUSTOMS,)


@pytest.mark.parametrize(
    ("today", "as_of"),
    [
        (dt.date(2026, 3, 31), None),  # no complete month of the period yet
        (dt.date(2026, 4, 1), dt.date(2026, 3, 31)),
        (dt.date(2026, 9, 15), dt.date(2026, 8, 31)),
        (dt.date(2027, 5, 1), dt.date(2027, 3, 1)),  # after the period: its last day
    ],
)
def test_a_period_is_asked_as_of_the_last_complete_month(today: dt.date, as_of: dt.date | None) -> None:
    assert rules.fetch_as_of(YEAR, today) == as_of


@pytest.mark.law("IP-27.1")
def test_ip_27_1_the_report_comes_first_then_the_recipients_contest_then_the_state() -> None:
    on = dt.date(2026, 8, 31)
    state = {
        "export_output": (D("100"), "received", None, on),
        "domestic_market": (D("200"), "contested", D("250"), on),
    }
    used = rules.figures_for_estimate(reported=None, state=state)
    assert {a: (u.value, u.origin) for a, u in used.items()} == {
        "export_output": (D("100"), rules.STATE),
        "domestic_market": (D("250"), rules.CONTESTED),
    }
    reported = rules.figures_for_estimate(reported={"export_output": "90"}, state=state)
    assert {a: (u.value, u.origin) for a, u in reported.items()} == {"export_output": (D("90"), rules.REPORTED)}
