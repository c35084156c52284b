"""The conditions of IP-25.5 and the refusal of IP-25.6, and the list of priority goods in force (IP-26)."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.incentives.rules import conditions, priority
from nisi.incentives.rules.findings import describe

D = dt.date
ON = D(2026, 3, 2)


def facts(**kw: Any) -> conditions.Facts:
    values: dict[str, Any] = {
        "on": ON,
        "goods": ["870421"],
        "priority_version": 2,
        "priority_codes": {"8704", "730429"},
        "counter_obligations_accepted": True,
        "resident": True,
        "liquidated_on": None,
        "in_register": True,
        "register_history": "2025-01-10 – …",
    }
    values.update(kw)
    return conditions.Facts(**values)


@pytest.mark.law("IP-25.5")
def test_ip_25_5_all_four_conditions_met() -> None:
    checked = conditions.check(facts())
    assert [c.condition for c in checked] == list(conditions.CONDITIONS)
    assert all(c.passed for c in checked)
    assert conditions.refusal(checked) == []


@pytest.mark.law("IP-25.6")
@pytest.mark.parametrize(
    ("changed", "condition", "provision", "says"),
    [
        ({"goods": ["870421", "940360"]}, "priority_goods", "IP-26.3", "940360 are not on it"),
        ({"priority_version": None}, "priority_goods", "IP-25.5", "No list of priority goods"),
        ({"goods": []}, "priority_goods", "IP-26.3", "No goods"),
        ({"counter_obligations_accepted": False}, "counter_obligations", "IP-27.1", "counter-obligations"),
        ({"liquidated_on": D(2026, 3, 1)}, "compliance", "IP-25.5", "liquidated on 2026-03-01"),
        ({"resident": False}, "compliance", "IP-25.5", "not a resident"),
        ({"in_register": False, "register_history": "2025-01-10 – 2026-03-01"}, "register", "IP-25.5", "2026-03-01"),
    ],
)
def test_ip_25_6_each_failed_condition_is_named_with_its_data(
    english: None, changed: dict[str, Any], condition: str, provision: str, says: str
) -> None:
    checked = conditions.check(facts(**changed))
    failed = [c for c in checked if c.passed is False]
    assert [c.condition for c in failed] == [condition]
    refusal = conditions.refusal(checked)
    assert refusal[0].provision == provision
    assert says in describe(refusal[0])


@pytest.mark.law("IP-25.5")
def test_ip_25_5_a_producer_that_left_the_register_the_day_before_is_not_in_it(english: None) -> None:
    # The register's period ended the day before the application: not in the register on the day.
    checked = conditions.register(facts(in_register=False, register_history="2024-05-02 – 2026-03-01"))
    assert checked.passed is False
    assert checked.findings[0].source == "register"
    assert "was not in the register" in describe(checked.findings[0])


def test_a_liquidation_after_the_day_does_not_count() -> None:
    assert conditions.compliance(facts(liquidated_on=D(2026, 3, 3))).passed is True


def test_the_pre_check_leaves_the_acceptance_of_counter_obligations_to_the_application() -> None:
    assert conditions.counter_obligations(facts(counter_obligations_accepted=None)).passed is None
    assert conditions.refusal(conditions.check(facts(counter_obligations_accepted=None))) == []


@pytest.mark.law("IP-26.3")
@pytest.mark.parametrize(
    ("code", "on_list"),
    [("870421", True), ("8704", True), ("870", False), ("730429", True), ("7304", False), ("7304291000", True)],
)
def test_ip_26_3_a_heading_of_the_list_covers_the_codes_under_it(code: str, on_list: bool) -> None:
    assert conditions.covered(code, {"8704", "730429"}) is on_list


@pytest.mark.law("IP-26")
@pytest.mark.parametrize(
    ("on", "version"),
    [(D(2025, 12, 31), None), (D(2026, 1, 1), 1), (D(2026, 6, 30), 1), (D(2026, 7, 1), 2), (D(2030, 1, 1), 2)],
)
def test_ip_26_the_version_in_force_on_a_day(on: dt.date, version: int | None) -> None:
    assert priority.version_in_force([(1, D(2026, 1, 1)), (2, D(2026, 7, 1))], on) == version


@pytest.mark.law("IP-26.2")
def test_ip_26_2_a_good_of_medium_or_high_level_with_its_three_scores() -> None:
    row = {
        "hs_code": "8704.21",
        "name": "Грузовики",
        "level": "High",
        "technological_complexity": "72,5",
        "export_potential": "60",
        "domestic_market_potential": "81.25",
    }
    good, problems = priority.good_row(row, ON)
    assert problems == []
    assert good is not None
    assert (good.hs_code, good.level, good.technological_complexity) == ("870421", "high", Decimal("72.5"))


@pytest.mark.law("IP-26.1")
@pytest.mark.parametrize(
    ("changed", "problem"),
    [
        ({"level": "low"}, "medium or high"),
        ({"hs_code": "87"}, "4 to 10 digits"),
        ({"export_potential": "-1"}, "export_potential"),
        ({"export_potential": "101"}, "export_potential"),
        ({"domestic_market_potential": "NaN"}, "domestic_market_potential"),
        ({"technological_complexity": "1.234"}, "technological_complexity"),
        ({"name": ""}, "name"),
    ],
)
def test_ip_26_1_a_bad_row_is_refused(english: None, changed: dict[str, str], problem: str) -> None:
    row = {
        "hs_code": "870421",
        "name": "Грузовики",
        "level": "high",
        "technological_complexity": "70",
        "export_potential": "60",
        "domestic_market_potential": "80",
    } | changed
    good, problems = priority.good_row(row, ON)
    assert good is None
    assert any(problem in p for p in problems)


def test_a_met_condition_says_what_it_rests_on(english: None) -> None:
    from nisi.incentives.rules.findings import met

    checked = [c.as_json() for c in conditions.check(facts())]
    assert met(checked[0]) == "870421 on version 2 of the list in force on 2026-03-02."
    assert met(checked[3]) == "In the register on 2026-03-02 (2025-01-10 – …)."
    assert met(checked[1]) == ""
