"""The core's rules of financing by call (ADR 27), apart from any scheme: no provision of their own, so no law
marks here — the schemes' tests mark what their law decides (tests/astana_hub/test_financing_rules.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from nisi.core.financing import rules
from nisi.core.financing.rules import Assessment, Candidate, Criterion

D = dt.date
C2 = [Criterion("a", "A", Decimal(60), 10), Criterion("b", "B", Decimal(40), 5)]


@pytest.mark.parametrize(
    ("on", "open_", "problem"),
    [
        (D(2025, 2, 28), False, "opens on 2025-03-01"),
        (D(2025, 3, 1), True, None),  # the first day counts
        (D(2025, 3, 31), True, None),  # so does the last
        (D(2025, 4, 1), False, "closed on 2025-03-31"),
    ],
)
def test_a_call_is_open_from_its_first_to_its_last_day(on: dt.date, open_: bool, problem: str | None) -> None:
    window = {"opens_on": D(2025, 3, 1), "closes_on": D(2025, 3, 31)}
    assert rules.is_open_on(on, **window) is open_
    problems = rules.window_problems(on, **window)
    assert (problem in problems[0]) if problem else problems == []


def test_the_call_cites_the_scheme_s_provision_for_its_experts(english: None) -> None:
    terms = {
        "opens_on": D(2025, 3, 1),
        "closes_on": D(2025, 3, 31),
        "budget": Decimal(100),
        "max_per_project": Decimal(50),
        "pass_score": Decimal(60),
        "experts_per_application": 0,
    }
    assert rules.call_problems(**terms, provision="IP-42.3") == [
        "Each application needs at least one independent expert (IP-42.3)."
    ]
    assert rules.call_problems(**{**terms, "experts_per_application": 1}, provision="IP-42.3") == []


@pytest.mark.parametrize(
    ("assessments", "expected", "vacancies"),
    [
        # two experts scored: 60·9/10 + 40·4/5 = 86 and 60·8/10 + 40·5/5 = 88 → 87
        ([Assessment(False, {"a": 9, "b": 4}), Assessment(False, {"a": 8, "b": 5})], Decimal("87.00"), 1),
        # a recused expert's scores never count, even if given
        ([Assessment(False, {"a": 9, "b": 4}), Assessment(True, {"a": 0, "b": 0})], Decimal("86.00"), 2),
        # a declared expert who has not scored yet counts for the panel, not for the score
        ([Assessment(False, {"a": 9, "b": 4}), Assessment(False, None)], Decimal("86.00"), 1),
        # nobody scored: no score
        ([Assessment(True, None), Assessment(False, None)], None, 2),
        ([], None, 3),
    ],
)
def test_the_panel_s_score_leaves_out_the_recused(
    assessments: list[Assessment], expected: Decimal | None, vacancies: int
) -> None:
    assert rules.panel_score(C2, assessments) == expected
    assert rules.panel_vacancies(assessments, required=3) == vacancies


def test_a_full_panel_has_no_vacancy() -> None:
    panel = [Assessment(False, None)] * 4
    assert rules.panel_vacancies(panel, required=3) == 0


def test_the_decision_ranks_and_fills_the_budget() -> None:
    def c(number: str, average: str | None, requested: str, scored: int = 2) -> Candidate:
        avg = Decimal(average) if average is not None else None
        return Candidate(number, Decimal(requested), D(2025, 3, 10), avg, scored, 2)

    outcomes = rules.decide(
        [c("P1", "70", "60"), c("P2", "90", "50"), c("P3", "80", "40"), c("P4", "95", "10", scored=1)],
        pass_score=Decimal(60),
        budget=Decimal(100),
    )
    by = {o.number: o for o in outcomes}
    assert [o.number for o in outcomes] == ["P1", "P2", "P3", "P4"]  # in the order given
    assert (by["P2"].approved, by["P2"].rank) == (True, 1)
    assert (by["P3"].approved, by["P3"].rank) == (True, 2)
    assert (by["P1"].approved, by["P1"].rank) == (False, 3)  # 60 does not fit in the 10 left
    assert (by["P4"].approved, by["P4"].rank) == (False, None)  # incomplete assessment


@pytest.mark.parametrize(
    ("facts", "first"),
    [
        ({}, None),
        ({"already_paid_on": D(2025, 4, 20)}, "was paid on 2025-04-20"),
        ({"earlier_unpaid": True}, "earlier tranches"),
        ({"breached": True}, "obligations breached"),
        ({"paid_on": D(2025, 4, 1)}, "before the agreement was signed"),
        # several at once: in the order checked
        ({"already_paid_on": D(2025, 4, 20), "breached": True}, "was paid on"),
        ({"earlier_unpaid": True, "breached": True, "paid_on": D(2025, 4, 1)}, "earlier tranches"),
    ],
)
def test_what_stands_in_the_way_of_a_tranche(facts: dict[str, object], first: str | None, english: None) -> None:
    given: dict[str, object] = {
        "paid_on": D(2025, 4, 20),
        "signed_on": D(2025, 4, 15),
        "already_paid_on": None,
        "earlier_unpaid": False,
        "breached": False,
        **facts,
    }
    problems = rules.tranche_release_problems(**given)  # type: ignore[arg-type]
    assert (first in problems[0]) if first else problems == []


@pytest.mark.parametrize(
    ("signed_on", "ends_on", "months", "periods"),
    [
        (
            D(2025, 4, 15),
            D(2026, 4, 14),
            6,
            [(D(2025, 4, 15), D(2025, 10, 14)), (D(2025, 10, 15), D(2026, 4, 14))],
        ),
        # the last period is cut at the agreement's end
        (
            D(2025, 1, 1),
            D(2025, 8, 31),
            3,
            [(D(2025, 1, 1), D(2025, 3, 31)), (D(2025, 4, 1), D(2025, 6, 30)), (D(2025, 7, 1), D(2025, 8, 31))],
        ),
        # from the 31st: the next period starts on the month's last day, then back on the 31st
        (
            D(2025, 1, 31),
            D(2025, 3, 31),
            1,
            [(D(2025, 1, 31), D(2025, 2, 27)), (D(2025, 2, 28), D(2025, 3, 30)), (D(2025, 3, 31), D(2025, 3, 31))],
        ),
        (D(2025, 5, 1), D(2025, 5, 1), 12, [(D(2025, 5, 1), D(2025, 5, 1))]),
    ],
)
def test_reporting_periods_cover_the_agreement_without_gaps(
    signed_on: dt.date, ends_on: dt.date, months: int, periods: list[tuple[dt.date, dt.date]]
) -> None:
    got = rules.report_periods(signed_on=signed_on, ends_on=ends_on, months=months)
    assert got == periods
    assert all(b[0] == a[1] + dt.timedelta(days=1) for a, b in itertools.pairwise(got))


def test_a_reporting_period_is_at_least_a_month() -> None:
    with pytest.raises(ValueError, match="at least one month long"):
        rules.report_periods(signed_on=D(2025, 1, 1), ends_on=D(2025, 12, 31), months=0)


@pytest.mark.parametrize(
    ("period_end", "count", "unit", "due"),
    [
        (D(2025, 6, 30), 15, "calendar_days", D(2025, 7, 15)),
        # 30 calendar days from 2025-12-31 fall on Friday 30 January 2026: a working day
        (D(2025, 12, 31), 30, "calendar_days", D(2026, 1, 30)),
        # 10 working days from Monday 30 June 2025, 6 July (Capital Day, Sunday) moved to Monday 7 July
        (D(2025, 6, 30), 10, "working_days", D(2025, 7, 15)),
        # a calendar-day term ending on a Saturday ends on the next working day
        (D(2025, 6, 30), 12, "calendar_days", D(2025, 7, 14)),
    ],
)
def test_a_report_is_due_a_term_after_its_period(period_end: dt.date, count: int, unit: str, due: dt.date) -> None:
    explained = rules.report_due(period_end, count=count, unit=unit, provision="IP-42.4")
    assert explained.value == due


@pytest.mark.parametrize(
    ("submitted_on", "on_time", "days_late"),
    [(D(2025, 7, 14), True, 0), (D(2025, 7, 15), True, 0), (D(2025, 7, 16), False, 1), (D(2025, 8, 15), False, 31)],
)
def test_a_report_is_timely_on_or_before_its_due_day(submitted_on: dt.date, on_time: bool, days_late: int) -> None:
    t = rules.report_timeliness(submitted_on, D(2025, 7, 15))
    assert (t.on_time, t.days_late, t.due) == (on_time, days_late, D(2025, 7, 15))
