"""Membership fees in the law's terms (AH-10.1.4-2) and the Fund's rules that apply it: periods, who is charged,
due dates, payments settling the oldest charges first, arrears, and statements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.astana_hub.rules import fees as rules
from nisi.astana_hub.rules.fees import Charge, Payment, PeriodKind

D = dt.date
M = Decimal


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2025-03", D(2025, 3, 1), D(2025, 3, 31), PeriodKind.MONTHLY),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), PeriodKind.MONTHLY),  # a leap year's February
        ("2025-Q2", D(2025, 4, 1), D(2025, 6, 30), PeriodKind.QUARTERLY),
        ("2025-q4", D(2025, 10, 1), D(2025, 12, 31), PeriodKind.QUARTERLY),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), PeriodKind.ANNUAL),
    ],
)
def test_ah_10_1_4_2_periods_are_months_quarters_or_years(text: str, start: dt.date, end: dt.date, kind: str) -> None:
    period = rules.parse_period(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)
    assert rules.parse_period(period.label) == period


@pytest.mark.parametrize("text", ["", "2025-13", "2025-Q5", "25-03", "2025/03", "March", "1999"])
def test_a_period_that_cannot_be_read_says_how_to_write_one(text: str, english: None) -> None:
    with pytest.raises(rules.PeriodError, match=r"2025-03|A month is 01 to 12"):
        rules.parse_period(text)


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("kind", "registered_on", "first"),
    [
        ("monthly", D(2025, 3, 1), "2025-03"),  # registered on the first day: that period is charged
        ("monthly", D(2025, 3, 2), "2025-04"),  # registered mid-month: charged from the next month, no proration
        ("monthly", D(2025, 12, 31), "2026-01"),
        ("quarterly", D(2025, 4, 1), "2025-Q2"),
        ("quarterly", D(2025, 5, 15), "2025-Q3"),
        ("annual", D(2025, 1, 1), "2025"),
        ("annual", D(2025, 1, 2), "2026"),
    ],
)
def test_ah_10_1_4_2_a_participant_registered_mid_period_pays_from_the_next_period(
    kind: str, registered_on: dt.date, first: str
) -> None:
    assert rules.first_charged_period(kind, registered_on).label == first
    # The same answer from the rule the charging applies: a participant on the period's first day.
    period = rules.parse_period(first)
    assert rules.is_charged_for(period, [(registered_on, None)])
    before = rules.period_containing(kind, period.start - dt.timedelta(days=1))
    assert not rules.is_charged_for(before, [(registered_on, None)])


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("participation", "charged"),
    [
        ([(D(2025, 1, 15), None)], True),
        ([(D(2025, 3, 1), D(2025, 3, 2))], True),  # terminated during the period: the period's charge stays
        ([(D(2025, 1, 15), D(2025, 3, 1))], False),  # terminated on the first day: no longer a participant then
        ([(D(2025, 3, 2), None)], False),
        ([], False),
    ],
)
def test_ah_10_1_4_2_charged_if_a_participant_on_the_first_day(
    participation: list[tuple[dt.date, dt.date | None]], charged: bool
) -> None:
    assert rules.is_charged_for(rules.parse_period("2025-03"), participation) is charged


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("period_start", "due_days", "due"),
    [
        (D(2025, 4, 1), 14, D(2025, 4, 15)),  # a Tuesday
        (D(2025, 3, 1), 7, D(2025, 3, 11)),  # 8 March (Saturday) is a holiday, 9 a Sunday, 10 the day off for it
        (D(2025, 1, 1), 0, D(2025, 1, 5)),  # 1-4 January are days off; Sunday 5 January 2025 was a working day
    ],
)
def test_ah_10_1_4_2_due_after_the_schedules_days_on_a_working_day(
    period_start: dt.date, due_days: int, due: dt.date
) -> None:
    assert rules.due_date(period_start, due_days).value == due


def _c(key: str, amount: str, due: dt.date) -> Charge:
    return Charge(key=key, amount=M(amount), due_on=due, period_start=due.replace(day=1))


def _p(key: str, amount: str, on: dt.date) -> Payment:
    return Payment(key=key, amount=M(amount), paid_on=on)


JAN, FEB, MAR = (
    _c("2025-01", "100", D(2025, 1, 15)),
    _c("2025-02", "100", D(2025, 2, 15)),
    _c("2025-03", "100", D(2025, 3, 15)),
)


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("payments", "paid", "credit"),
    [
        ([], {"2025-01": "0", "2025-02": "0", "2025-03": "0"}, "0"),
        ([_p("P1", "150", D(2025, 3, 1))], {"2025-01": "100", "2025-02": "50", "2025-03": "0"}, "0"),
        # Whatever the order on the statement, the oldest charge is settled first.
        (
            [_p("P2", "60", D(2025, 3, 20)), _p("P1", "60", D(2025, 1, 5))],
            {"2025-01": "100", "2025-02": "20", "2025-03": "0"},
            "0",
        ),
        # An overpayment is a credit carried forward.
        ([_p("P1", "350", D(2025, 1, 5))], {"2025-01": "100", "2025-02": "100", "2025-03": "100"}, "50"),
        (
            [_p("P1", "100", D(2025, 1, 5)), _p("P2", "0.01", D(2025, 1, 6))],
            {"2025-01": "100", "2025-02": "0.01", "2025-03": "0"},
            "0",
        ),
    ],
)
def test_ah_10_1_4_2_payments_settle_the_oldest_charges_first(
    payments: list[Payment], paid: dict[str, str], credit: str
) -> None:
    allocation = rules.allocate([MAR, JAN, FEB], payments)
    assert allocation.paid == {k: M(v) for k, v in paid.items()}
    assert allocation.credit == M(credit)
    assert sum((part for _p, _c, part in allocation.parts), M(0)) + allocation.credit == sum(
        (p.amount for p in payments), M(0)
    )


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("on", "payments", "arrears"),
    [
        (D(2025, 1, 15), [], "0"),  # due on the 15th: not in arrears on its due date
        (D(2025, 1, 16), [], "100"),
        (D(2025, 2, 16), [], "200"),
        (D(2025, 2, 16), [_p("P1", "150", D(2025, 2, 16))], "50"),  # a payment on the day counts that day
        (D(2025, 2, 16), [_p("P1", "150", D(2025, 2, 17))], "200"),  # … a later one does not
        (D(2025, 3, 16), [_p("P1", "400", D(2025, 1, 1))], "0"),  # a credit covers later charges
        (D(2025, 3, 1), [_p("P1", "50", D(2025, 1, 1))], "150"),  # March is not due yet on 1 March
    ],
)
def test_ah_10_1_4_2_arrears_on_a_date(on: dt.date, payments: list[Payment], arrears: str) -> None:
    assert rules.arrears_on([JAN, FEB, MAR], payments, on) == M(arrears)


@pytest.mark.law("AH-10.1.4-2")
def test_ah_10_1_4_2_a_statement_has_opening_lines_closing_and_arrears() -> None:
    payments = [_p("P1", "100", D(2025, 1, 20)), _p("P2", "30", D(2025, 2, 20)), _p("P3", "500", D(2025, 4, 2))]
    st = rules.statement([JAN, FEB, MAR], payments, D(2025, 2, 1), D(2025, 3, 31))
    assert st.opening == M("0")  # January charged 100 and paid 100
    assert [(line.kind, line.reference, line.balance) for line in st.lines] == [
        ("charge", "2025-02", M("100")),
        ("payment", "P2", M("70")),
        ("charge", "2025-03", M("170")),
    ]
    assert st.lines[0].due_on == D(2025, 2, 15)
    assert (st.charged, st.paid, st.closing) == (M("200"), M("30"), M("170"))
    assert st.arrears == M("170")  # February's 70 and March's 100 were due before 31 March
    assert st.credit == M("0")
    later = rules.statement([JAN, FEB, MAR], payments, D(2025, 4, 1), D(2025, 4, 30))
    assert (later.opening, later.closing, later.credit, later.arrears) == (M("170"), M("-330"), M("330"), M("0"))


@pytest.mark.law("AH-10.1.4-2")
@pytest.mark.parametrize(
    ("applies_from", "kind", "last_end", "problem"),
    [
        (D(2025, 7, 1), "quarterly", D(2025, 6, 30), None),
        (D(2025, 7, 1), "monthly", None, None),
        (D(2025, 7, 15), "monthly", None, "first day of a period"),
        (D(2025, 5, 1), "quarterly", None, "first day of a period"),
        (D(2025, 4, 1), "quarterly", D(2025, 6, 30), "never changes past charges"),
        (D(2025, 1, 1), "annual", None, "already applies"),
    ],
)
def test_ah_10_1_4_2_a_new_schedule_version_never_changes_past_charges(
    applies_from: dt.date, kind: str, last_end: dt.date | None, problem: str | None, english: None
) -> None:
    found = rules.schedule_version_problem(applies_from, kind, last_end, [D(2025, 1, 1)])
    assert (found is None) if problem is None else (problem in (found or ""))
