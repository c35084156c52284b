"""The queue's rules in the law's terms: only what passed IP-25.5 holds money, in strict order; the public reads no
natural person's name; an entity is told of an opening only if it would pass the conditions that day (IP-25.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.incentives.rules import queue as rules
from nisi.incentives.rules.conditions import Condition
from nisi.incentives.rules.findings import Finding

D = Decimal


def places(*rows: tuple[int, str, str]) -> list[rules.PlaceIn]:
    return [rules.PlaceIn(p, D(a), s) for p, a, s in rows]


@pytest.mark.law("IP-27.2")
@pytest.mark.parametrize(
    ("budget", "rows", "expected", "remaining"),
    [
        # every place fits
        ("100", [(1, "40", "reserved"), (2, "60", "granted")], ["within", "within"], "0.00"),
        # the one that does not fit waits, and so does every later one, even a smaller one that would fit
        (
            "100",
            [(1, "80", "reserved"), (2, "30", "reserved"), (3, "10", "reserved")],
            ["within", "waiting", "waiting"],
            "20.00",
        ),
        # a released place holds nothing; the next moves up
        (
            "100",
            [(1, "80", "released"), (2, "30", "reserved"), (3, "10", "reserved")],
            ["released", "within", "within"],
            "60.00",
        ),
        # the boundary: exactly the budget fits
        ("100.00", [(1, "99.99", "reserved"), (2, "0.01", "reserved")], ["within", "within"], "0.00"),
        ("100.00", [(1, "99.99", "reserved"), (2, "0.02", "reserved")], ["within", "waiting"], "0.01"),
        # places are read in their order, whatever order they come in
        ("50", [(2, "10", "reserved"), (1, "45", "reserved")], ["within", "waiting"], "5.00"),
    ],
)
def test_ip_27_2_strict_order_holds_the_budget_for_the_earliest_places(
    budget: str, rows: list[tuple[int, str, str]], expected: list[str], remaining: str
) -> None:
    queue = rules.standing(D(budget), places(*rows))
    assert [p.standing for p in queue.places] == expected
    assert queue.remaining == D(remaining)


def test_a_budget_of_zero_is_refused() -> None:
    with pytest.raises(ValueError, match="above zero"):
        rules.standing(D("0"), [])


@pytest.mark.parametrize(
    ("raw", "value", "problem"),
    [
        ("150000000", D("150000000.00"), None),
        ("1 500 000,50", D("1500000.50"), None),
        ("0.01", D("0.01"), None),
        ("", None, "Give the amount"),
        (None, None, "Give the amount"),
        ("0", None, "above zero"),
        ("-1", None, "above zero"),
        ("NaN", None, "above zero"),
        ("1.005", None, "to the tiyn"),
        ("abc", None, "as a number"),
        ("1" * 20, None, "too large"),
    ],
)
def test_the_amount_asked_is_tenge_to_the_tiyn(raw: object, value: Decimal | None, problem: str | None) -> None:
    found, problems = rules.amount_problems(raw)
    assert found == value
    assert (problems[0] if problems else None) is None if problem is None else problem in problems[0]


def test_budgets_of_a_measure_do_not_overlap() -> None:
    others = [(dt.date(2026, 1, 1), dt.date(2026, 12, 31))]
    assert (
        rules.budget_problems(
            period_start=dt.date(2027, 1, 1), period_end=dt.date(2027, 12, 31), amount=D("1"), others=others
        )
        == []
    )
    overlapping = rules.budget_problems(
        period_start=dt.date(2026, 12, 31), period_end=dt.date(2027, 12, 31), amount=D("1"), others=others
    )
    assert "01.01.2026 – 31.12.2026" in overlapping[0]
    assert (
        len(
            rules.budget_problems(
                period_start=dt.date(2027, 2, 1), period_end=dt.date(2027, 1, 1), amount=D("0"), others=[]
            )
        )
        == 2
    )


def test_the_budget_in_force_on_a_day() -> None:
    budgets = [(1, dt.date(2026, 1, 1), dt.date(2026, 12, 31)), (2, dt.date(2027, 1, 1), dt.date(2027, 12, 31))]
    assert rules.budget_on(budgets, dt.date(2026, 12, 31)) == 1
    assert rules.budget_on(budgets, dt.date(2027, 1, 1)) == 2
    assert rules.budget_on(budgets, dt.date(2025, 12, 31)) is None


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("BIN", ("ТОО «Казавтопром»", "200140012345")), ("IIN", ("", ""))],
)
def test_an_individual_entrepreneur_is_shown_without_name_or_iin(kind: str, expected: tuple[str, str]) -> None:
    assert rules.public_entity(kind, "200140012345", "ТОО «Казавтопром»") == expected


REGISTER_FAILED = Condition(
    "register", "IP-25.5", False, (Finding("IP-25.5", "not_in_register", "register", {"on": "2026-04-01"}),)
)
PASSED = Condition("priority_goods", "IP-26.3", True)
ASKED_LATER = Condition("counter_obligations", "IP-27.1", None)
WINDOWS = [(dt.date(2026, 4, 1), dt.date(2026, 6, 30))]


@pytest.mark.law("IP-25.6")
@pytest.mark.parametrize(
    ("asked_on", "on", "conditions", "outcome"),
    [
        # the day it opens, passing what the nisi checks itself: told
        (dt.date(2026, 3, 2), dt.date(2026, 4, 1), [PASSED, ASKED_LATER], rules.NOTIFY),
        # the day before it opens: not yet
        (dt.date(2026, 3, 2), dt.date(2026, 3, 31), [PASSED], rules.NOT_YET),
        # it opens, but the entity left the register: not told, with the finding that would refuse it
        (dt.date(2026, 3, 2), dt.date(2026, 4, 1), [PASSED, REGISTER_FAILED], rules.NOT_ELIGIBLE),
        # a window that opened before the entity asked is not the opening it asked for
        (dt.date(2026, 4, 2), dt.date(2026, 4, 3), [PASSED], rules.NOT_YET),
        # after the window closed: not yet (the next opening)
        (dt.date(2026, 3, 2), dt.date(2026, 7, 1), [PASSED], rules.NOT_YET),
        # a job that missed the opening day still tells while the window is open
        (dt.date(2026, 3, 2), dt.date(2026, 4, 5), [PASSED], rules.NOTIFY),
    ],
)
def test_ip_25_6_told_of_an_opening_only_if_it_would_pass_that_day(
    asked_on: dt.date, on: dt.date, conditions: list[Condition], outcome: str
) -> None:
    decision = rules.alert_decision(windows=WINDOWS, asked_on=asked_on, on=on, conditions=conditions)
    assert decision.outcome == outcome
    assert bool(decision.findings) == (outcome == rules.NOT_ELIGIBLE)
