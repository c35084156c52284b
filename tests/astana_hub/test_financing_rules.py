"""Financing on the results of an independent expert assessment (AH-10.2-1, AH-4.5), in the law's terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.astana_hub.rules import financing as rules
from nisi.astana_hub.rules.financing import Candidate, Criterion

D = dt.date
C3 = [
    Criterion("novelty", "Novelty", Decimal(40), 10),
    Criterion("team", "Team", Decimal(35), 5),
    Criterion("market", "Market", Decimal(25), 4),
]


@pytest.mark.law("AH-4.5")
@pytest.mark.parametrize(
    ("criteria", "problem"),
    [
        (C3, None),
        ([], "at least one"),
        ([Criterion("a", "A", Decimal(60), 10), Criterion("b", "B", Decimal(30), 10)], "sum to 100; they sum to 90"),
        ([Criterion("a", "A", Decimal("100.01"), 10)], "sum to 100"),
        ([Criterion("a", "A", Decimal(50), 10), Criterion("a", "B", Decimal(50), 10)], "own code"),
        ([Criterion("a", "A", Decimal(0), 10), Criterion("b", "B", Decimal(100), 10)], "more than zero"),
        ([Criterion("a", "A", Decimal(100), 0)], "at least 1"),
        ([Criterion("a", " ", Decimal(100), 10)], "title"),
    ],
)
def test_ah_4_5_criteria_weights_sum_to_100(criteria: list[Criterion], problem: str | None, english: None) -> None:
    problems = rules.criteria_problems(criteria)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


@pytest.mark.law("AH-10.2-1")
@pytest.mark.parametrize(
    ("score_sets", "expected"),
    [
        ([], None),  # nobody scored yet
        ([{"novelty": 10, "team": 5, "market": 4}], Decimal("100.00")),  # the best possible
        ([{"novelty": 0, "team": 0, "market": 0}], Decimal("0.00")),
        ([{"novelty": 5, "team": 5, "market": 0}], Decimal("55.00")),  # 20 + 35 + 0
        ([{"novelty": 7, "team": 3, "market": 2}], Decimal("61.50")),  # 28 + 21 + 12.5
        # two experts: 61.5 and 55 -> 58.25
        ([{"novelty": 7, "team": 3, "market": 2}, {"novelty": 5, "team": 5, "market": 0}], Decimal("58.25")),
        # three experts: (100 + 0 + 0) / 3 = 33.333… -> 33.33
        ([{"novelty": 10, "team": 5, "market": 4}, *[{"novelty": 0, "team": 0, "market": 0}] * 2], Decimal("33.33")),
        # (100 + 100 + 0) / 3 = 66.666… -> 66.67 (half up)
        ([{"novelty": 10, "team": 5, "market": 4}] * 2 + [{"novelty": 0, "team": 0, "market": 0}], Decimal("66.67")),
    ],
)
def test_ah_10_2_1_weighted_average_rounded_half_up(score_sets: list[dict[str, int]], expected: Decimal | None) -> None:
    assert rules.weighted_average(C3, score_sets) == expected


@pytest.mark.law("AH-10.2-1")
def test_ah_10_2_1_rounding_once_at_the_end_is_half_up() -> None:
    one = [Criterion("a", "A", Decimal(100), 8)]
    # experts 12.5 and 25.0 -> 18.75 exactly
    assert rules.weighted_average(one, [{"a": 1}, {"a": 2}]) == Decimal("18.75")
    # a score ending in 5 at the third place rounds up, not to even
    odd = [Criterion("a", "A", Decimal("33.335"), 1), Criterion("b", "B", Decimal("66.665"), 1)]
    assert rules.weighted_average(odd, [{"a": 1, "b": 0}]) == Decimal("33.34")  # 33.335 rounds half up


@pytest.mark.law("AH-4.5")
@pytest.mark.parametrize(
    ("scores", "problem"),
    [
        ({"novelty": 7, "team": 3, "market": 2}, None),
        ({"novelty": 7, "team": 3}, "Score “Market”"),
        ({"novelty": 11, "team": 3, "market": 2}, "from 0 to 10"),
        ({"novelty": -1, "team": 3, "market": 2}, "from 0 to 10"),
        ({"novelty": 7, "team": 3, "market": 2, "price": 1}, "not a criterion"),
        ({"novelty": True, "team": 3, "market": 2}, "whole number"),
    ],
)
def test_ah_4_5_every_criterion_scored_within_its_scale(scores: dict, problem: str | None, english: None) -> None:
    problems = rules.score_problems(C3, scores)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


MARCH_1 = D(2025, 3, 1)


def _c(number: str, requested: int, average: str | None, scored: int = 3, on: dt.date = MARCH_1) -> Candidate:
    return Candidate(number, Decimal(requested), on, Decimal(average) if average else None, scored, 3)


@pytest.mark.law("AH-10.2-1")
@pytest.mark.parametrize(
    ("candidates", "budget", "approved", "why"),
    [
        # ranked by score within the budget
        ([_c("A", 40, "80"), _c("B", 40, "90"), _c("C", 40, "70")], 100, {"B": 1, "A": 2}, {"C": "do not cover"}),
        # below the pass score (60) is refused whatever the budget
        ([_c("A", 10, "59.99"), _c("B", 10, "60.00")], 100, {"B": 1}, {"A": "below the call's pass score of 60"}),
        # an incomplete assessment is no result
        ([_c("A", 10, "95", scored=2), _c("B", 10, None, scored=0)], 100, {}, {"A": "2 of the 3", "B": "0 of the 3"}),
        # a smaller project further down still fits what is left
        ([_c("A", 70, "90"), _c("B", 50, "85"), _c("C", 30, "80")], 100, {"A": 1, "C": 3}, {"B": "the 30 tenge left"}),
        # equal scores: the earlier submission first
        (
            [_c("A", 60, "75", on=D(2025, 3, 5)), _c("B", 60, "75", on=D(2025, 3, 2))],
            100,
            {"B": 1},
            {"A": "ranked 2 of 2"},
        ),
        # equal scores and days: by number
        ([_c("B", 60, "75"), _c("A", 60, "75")], 100, {"A": 1}, {"B": "ranked 2 of 2"}),
        # exactly the budget is within it
        ([_c("A", 100, "61")], 100, {"A": 1}, {}),
    ],
)
def test_ah_10_2_1_decision_on_the_expert_assessment(
    candidates: list[Candidate], budget: int, approved: dict[str, int], why: dict[str, str], english: None
) -> None:
    outcomes = {o.number: o for o in rules.decide(candidates, pass_score=Decimal(60), budget=Decimal(budget))}
    assert {n: o.rank for n, o in outcomes.items() if o.approved} == approved
    for number, outcome in outcomes.items():
        assert outcome.reasons  # every decision explains itself
        if outcome.approved:
            assert outcome.amount == next(c.requested for c in candidates if c.number == number)
        else:
            assert outcome.amount is None
    for number, text in why.items():
        assert text in outcomes[number].reasons[0]


@pytest.mark.law("AH-10.2-1")
@pytest.mark.parametrize(
    ("on", "requested", "problem"),
    [
        (D(2025, 3, 1), 100, None),
        (D(2025, 2, 28), 100, "opens on 2025-03-01"),
        (D(2025, 4, 1), 100, "closed on 2025-03-31"),
        (D(2025, 3, 31), 100, None),  # the last day of the window counts
        (D(2025, 3, 10), 101, "at most 100"),
        (D(2025, 3, 10), 0, "more than zero"),
    ],
)
def test_ah_10_2_1_within_the_window_and_the_ceiling(on: D, requested: int, problem: str | None, english: None) -> None:
    problems = rules.application_problems(
        on=on,
        opens_on=D(2025, 3, 1),
        closes_on=D(2025, 3, 31),
        requested=Decimal(requested),
        max_per_project=Decimal(100),
        project_starts_on=D(2025, 5, 1),
        project_ends_on=D(2026, 4, 30),
    )
    assert (problems == []) if problem is None else any(problem in p for p in problems)


@pytest.mark.law("AH-10.5")
@pytest.mark.parametrize(
    ("tranches", "problem"),
    [
        ([(D(2025, 5, 1), 60), (D(2025, 9, 1), 40)], None),
        ([(D(2025, 5, 1), 60), (D(2025, 9, 1), 30)], "sum to 90"),
        ([(D(2025, 5, 1), 110), (D(2025, 9, 1), -10)], "more than zero"),
        ([(D(2027, 5, 1), 100)], "outside the agreement's term"),
        ([], "at least one tranche"),
    ],
)
def test_ah_10_5_tranches_sum_to_the_approved_amount(tranches: list, problem: str | None, english: None) -> None:
    problems = rules.tranche_problems(
        amount=Decimal(100),
        tranches=[(d, Decimal(v)) for d, v in tranches],
        signed_on=D(2025, 4, 15),
        ends_on=D(2026, 4, 14),
    )
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems
