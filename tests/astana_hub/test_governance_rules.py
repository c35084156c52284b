"""The basis of the Fund's acts, from the Management Committee's decisions (AH-9.2), in the law's terms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.astana_hub.rules import governance as rules
from nisi.astana_hub.rules.governance import Decision

D = dt.date
BUDGET_2026 = Decision("B1", rules.ANNUAL_BUDGET, D(2025, 12, 15), D(2026, 1, 1), 2026, Decimal(1000))
AMENDED_2026 = Decision("B2", rules.ANNUAL_BUDGET, D(2026, 6, 10), D(2026, 6, 10), 2026, Decimal(1500), supersedes="B1")
BUDGET_2027 = Decision("B3", rules.ANNUAL_BUDGET, D(2026, 12, 10), D(2027, 1, 1), 2027, Decimal(2000))
RULES_2025 = Decision("P1", rules.PROCUREMENT_RULES, D(2025, 2, 14), D(2025, 3, 1))
RULES_2026 = Decision("P2", rules.PROCUREMENT_RULES, D(2026, 6, 10), D(2026, 7, 1), supersedes="P1")
AUDITOR_2026 = Decision("A1", rules.EXTERNAL_AUDITOR, D(2026, 3, 5), D(2026, 3, 5), 2026, auditor_name="Esil Audit")
AUDITOR_2026_NEW = Decision(
    "A2", rules.EXTERNAL_AUDITOR, D(2026, 9, 1), D(2026, 9, 1), 2026, auditor_name="Nur Audit", supersedes="A1"
)
ALL = [BUDGET_2026, AMENDED_2026, BUDGET_2027, RULES_2025, RULES_2026, AUDITOR_2026, AUDITOR_2026_NEW]


@pytest.mark.law("AH-9.2.2")
@pytest.mark.parametrize(
    ("year", "as_of", "expected"),
    [
        (2026, None, "B2"),  # the amendment supersedes the budget first approved
        (2026, D(2026, 5, 1), "B1"),  # before the amendment was taken, the first budget was the basis
        (2026, D(2025, 12, 1), None),  # before the Committee approved any budget for 2026
        (2027, None, "B3"),
        (2028, None, None),  # no budget approved for the year
    ],
)
def test_ah_9_2_2_annual_budget_for_a_year(year: int, as_of: dt.date | None, expected: str | None) -> None:
    found = rules.budget_for_year(ALL, year, as_of)
    assert (found.number if found else None) == expected


@pytest.mark.law("AH-9.2.3")
@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2025, 2, 28), None),  # approved, not yet applying
        (D(2025, 3, 1), "P1"),  # applies from its first day
        (D(2026, 6, 30), "P1"),  # the new rules are decided but not yet applying
        (D(2026, 7, 1), "P2"),  # the new rules replace the old from the day they apply
    ],
)
def test_ah_9_2_3_procurement_rules_in_force_on_a_date(on: dt.date, expected: str | None) -> None:
    found = rules.procurement_rules_on(ALL, on)
    assert (found.number if found else None) == expected


@pytest.mark.law("AH-9.2.4")
@pytest.mark.parametrize(
    ("year", "as_of", "expected"),
    [(2026, None, "Nur Audit"), (2026, D(2026, 6, 1), "Esil Audit"), (2025, None, None)],
)
def test_ah_9_2_4_external_auditor_for_a_year(year: int, as_of: dt.date | None, expected: str | None) -> None:
    found = rules.auditor_for_year(ALL, year, as_of)
    assert (found.auditor_name if found else None) == expected


@pytest.mark.law("AH-9.2.2")
@pytest.mark.parametrize(
    ("budget", "committed", "call_budget", "refused_because"),
    [
        (None, Decimal(0), Decimal(100), "has not approved the Fund's annual budget for 2026"),
        (AMENDED_2026, Decimal(0), Decimal(1500), None),  # the whole budget may go to calls
        (AMENDED_2026, Decimal(1000), Decimal(500), None),
        (AMENDED_2026, Decimal(1000), Decimal("500.01"), "would exceed the annual budget"),
    ],
)
def test_ah_9_2_2_a_call_needs_an_approved_budget_and_fits_in_it(
    budget: Decision | None, committed: Decimal, call_budget: Decimal, refused_because: str | None
) -> None:
    problems = rules.call_budget_problems(year=2026, budget=budget, committed=committed, call_budget=call_budget)
    if refused_because is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert refused_because in problems[0]


def _problems(**overrides: object) -> list[str]:
    base: dict[str, object] = {
        "matter": rules.ANNUAL_BUDGET,
        "decided_on": D(2026, 1, 10),
        "applies_from": D(2026, 1, 10),
        "period_year": 2026,
        "amount": Decimal(100),
        "auditor_name": "",
        "summary": "Approve the budget",
        "minutes_reference": "No. 1",
        "superseded": None,
    }
    return rules.decision_problems(**{**base, **overrides})  # type: ignore[arg-type]


@pytest.mark.law("AH-9.2")
@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({}, None),
        ({"matter": "dividends"}, "exclusive competence"),
        ({"applies_from": D(2026, 1, 9)}, "cannot apply before the day it was taken"),
        ({"period_year": None}, "Give the year"),
        ({"amount": None}, "amount of the budget"),
        ({"amount": Decimal(0)}, "amount of the budget"),
        ({"summary": " "}, "Summarise"),
        ({"minutes_reference": ""}, "minutes"),
        ({"matter": rules.EXTERNAL_AUDITOR, "amount": None}, "Name the audit organization"),
        ({"superseded": RULES_2025}, "same matter"),
        ({"superseded": BUDGET_2027}, "for another year"),
        ({"superseded": BUDGET_2026, "decided_on": D(2025, 12, 1), "applies_from": D(2026, 1, 1)}, "taken before it"),
        ({"superseded": BUDGET_2026}, None),
    ],
)
def test_ah_9_2_what_a_decision_must_say(overrides: dict[str, object], problem: str | None) -> None:
    problems = _problems(**overrides)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems
