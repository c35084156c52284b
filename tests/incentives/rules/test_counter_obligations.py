"""Counter-obligations (IP-27) in the law's terms: the three areas and their yearly targets, the agreement's periods,
the achieved level, and the checks made before targets, a report or a refund are recorded."""

import datetime as dt
from decimal import Decimal

import pytest

from nisi.incentives.rules import counter_obligations as co

D = dt.date
V = Decimal
AGREED = D(2025, 6, 15)
PERIODS = co.agreement_periods(D(2025, 7, 1), D(2027, 6, 30))
FIRST, SECOND = PERIODS
TARGETS = {"labour_productivity": V("100"), "export_output": V("200")}


def test_the_agreements_years_span_the_year_end() -> None:
    periods = co.agreement_periods(D(2025, 7, 1), D(2027, 6, 30))
    assert periods == (co.Period(D(2025, 7, 1), D(2026, 6, 30)), co.Period(D(2026, 7, 1), D(2027, 6, 30)))
    assert FIRST.days == 365


@pytest.mark.parametrize(
    ("starts", "ends", "periods"),
    [
        (D(2025, 1, 1), D(2025, 12, 31), [(D(2025, 1, 1), D(2025, 12, 31))]),
        (D(2025, 3, 1), D(2026, 8, 31), [(D(2025, 3, 1), D(2026, 2, 28)), (D(2026, 3, 1), D(2026, 8, 31))]),
        (D(2024, 2, 29), D(2026, 2, 27), [(D(2024, 2, 29), D(2025, 2, 27)), (D(2025, 2, 28), D(2026, 2, 27))]),
        (D(2025, 5, 5), D(2025, 5, 5), [(D(2025, 5, 5), D(2025, 5, 5))]),
    ],
)
def test_the_periods_cover_the_agreement_day_by_day(
    starts: dt.date, ends: dt.date, periods: list[tuple[dt.date, dt.date]]
) -> None:
    found = co.agreement_periods(starts, ends)
    assert [(p.start, p.end) for p in found] == periods
    assert sum(p.days for p in found) == (ends - starts).days + 1


def test_an_agreement_cannot_end_before_it_starts() -> None:
    with pytest.raises(co.CounterObligationError, match="cannot end before"):
        co.agreement_periods(D(2025, 1, 2), D(2025, 1, 1))


@pytest.mark.law("IP-27.3")
@pytest.mark.parametrize(
    ("targets", "problem"),
    [
        ({"labour_productivity": "120", "export_output": "5000000", "domestic_market": "1"}, None),
        ({"export_output": "1"}, None),  # "separately": one area is enough
        ({}, "at least one of the three areas"),
        ({"labour_productivity": "-5"}, "A target cannot be negative"),
        ({"export_output": "0"}, "A target of zero is no obligation"),
        ({"domestic_market": "a lot"}, "as a number"),
        ({"domestic_market": "NaN"}, "as a number"),
        ({"tax_paid": "10"}, "not an area of counter-obligations"),
    ],
)
def test_ip_27_3_targets_are_set_in_the_three_areas(targets: dict[str, str], problem: str | None) -> None:
    problems = co.target_problems(targets)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert problem in problems[0]


@pytest.mark.law("IP-27.3")
def test_ip_27_3_every_period_of_the_agreement_has_targets_and_none_outside() -> None:
    outside = co.Period(D(2027, 7, 1), D(2028, 6, 30))
    assert co.agreement_targets_problems(PERIODS, {FIRST: TARGETS, SECOND: TARGETS}) == []
    problems = co.agreement_targets_problems(PERIODS, {FIRST: {"export_output": "-1"}, outside: TARGETS})
    assert problems == [
        "Set the targets for the period 01.07.2026–30.06.2027.",
        "01.07.2025–30.06.2026: A target cannot be negative: correct the target for “increasing the production of "
        "export-oriented goods”.",
        "The period 01.07.2027–30.06.2028 is not one of the agreement's periods: set targets for its periods.",
    ]


def _report(period: co.Period, **kwargs: object) -> list[str]:
    arguments: dict[str, object] = {
        "period": period,
        "periods": PERIODS,
        "reported": (),
        "targets": TARGETS,
        "actuals": {"labour_productivity": "90", "export_output": "210"},
        "on": D(2026, 7, 10),
    }
    return co.report_problems(**(arguments | kwargs))  # type: ignore[arg-type]


@pytest.mark.law("IP-27.1")
@pytest.mark.parametrize(
    ("case", "period", "changes", "problem"),
    [
        ("the year's report", FIRST, {}, None),
        ("figures so far, before the period ends", SECOND, {"on": D(2026, 9, 1)}, None),
        (
            "a period outside the agreement",
            co.Period(D(2027, 7, 1), D(2028, 6, 30)),
            {},
            "is outside the agreement, which runs from 01.07.2025 to 30.06.2027",
        ),
        (
            "part of a period, not one of its periods",
            co.Period(D(2025, 7, 1), D(2025, 12, 31)),
            {},
            "is outside the agreement",
        ),
        ("a period not started", SECOND, {"on": D(2026, 6, 30)}, "has not started: report on it from 01.07.2026"),
        ("a second report for the same period", FIRST, {"reported": (FIRST,)}, "has already been given"),
        (
            "a negative figure",
            FIRST,
            {"actuals": {"labour_productivity": "-1", "export_output": "0"}},
            "cannot be negative",
        ),
        (
            "an area with a target left out",
            FIRST,
            {"actuals": {"export_output": "1"}},
            "Give the actual figure for “increase in labour productivity”",
        ),
        (
            "an area without a target",
            FIRST,
            {"actuals": {"labour_productivity": "1", "export_output": "1", "domestic_market": "1"}},
            "sets no target for “meeting the needs of the domestic market”",
        ),
    ],
)
def test_ip_27_1_a_report_is_for_a_period_of_the_agreement_once(
    case: str, period: co.Period, changes: dict[str, object], problem: str | None
) -> None:
    problems = _report(period, **changes)
    if problem is None:
        assert problems == [], case
    else:
        assert len(problems) == 1, (case, problems)
        assert problem in problems[0], case


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("on", "refused"),
    [(D(2026, 6, 29), True), (D(2026, 6, 30), True), (D(2026, 7, 1), False), (D(2030, 1, 1), False)],
)
def test_ip_27_4_a_refund_is_determined_after_the_period_ends(on: dt.date, refused: bool) -> None:
    assert bool(co.refund_problems(period=FIRST, on=on)) is refused


@pytest.mark.law("IP-27.4")
@pytest.mark.parametrize(
    ("targets", "actuals", "levels", "overall"),
    [
        ({"labour_productivity": "100"}, {"labour_productivity": "100"}, ["1"], "1"),
        ({"labour_productivity": "100"}, {"labour_productivity": "250"}, ["1"], "1"),  # capped at full fulfilment
        ({"labour_productivity": "3"}, {"labour_productivity": "2"}, ["0.6666"], "0.6666"),  # rounded down
        ({"export_output": "1000000"}, {"export_output": "999999.99"}, ["0.9999"], "0.9999"),  # short is short
        (
            {"labour_productivity": "100", "export_output": "200", "domestic_market": "50"},
            {"labour_productivity": "80", "export_output": "150", "domestic_market": "50"},
            ["0.8", "0.75", "1"],
            "0.85",
        ),
        (
            {"labour_productivity": "100", "export_output": "200"},
            {"labour_productivity": "0", "export_output": "0"},
            ["0", "0"],
            "0",
        ),
    ],
)
def test_ip_27_4_the_achieved_level_per_area_and_overall(
    targets: dict[str, str], actuals: dict[str, str], levels: list[str], overall: str
) -> None:
    achieved = co.achieved_level(targets=targets, actuals=actuals, agreed_on=AGREED)
    assert [a.level for a in achieved.value.areas] == [V(level) for level in levels]
    assert achieved.value.level == V(overall)
    assert achieved.value.unconfirmed  # the weights rest on rules not read
    assert achieved.steps[-1].provision == "IP-27.4"
    assert {s.parameter for s in achieved.steps if s.parameter} <= {
        f"counter_obligation_weight_{area}" for area in co.Area
    }


def test_the_achieved_level_refuses_what_it_cannot_compute() -> None:
    with pytest.raises(co.CounterObligationError) as refused:
        co.achieved_level(
            targets={"labour_productivity": "-1", "export_output": "10"},
            actuals={"export_output": "-2", "domestic_market": "1"},
            agreed_on=AGREED,
        )
    assert len(refused.value.problems) == 4
    with pytest.raises(co.CounterObligationError, match="as a number"):
        co.achieved_level(targets={"export_output": "10"}, actuals={"export_output": "ten"}, agreed_on=AGREED)


def test_an_agreement_without_periods_takes_no_report() -> None:
    problems = co.report_problems(period=FIRST, periods=(), reported=(), targets={}, actuals={}, on=D(2026, 7, 1))
    assert problems == ["The agreement has no periods yet: record its term first."]
