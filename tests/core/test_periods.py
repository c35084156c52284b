"""The periodic reports' period arithmetic (nisi.core.periods): which period is due, where it begins and ends, when
its report is due on the legal calendar, and how a party stands on it."""

import datetime as dt

import pytest

from nisi.core import periods
from nisi.core.periods import Period, Periodicity, PeriodicReport, ReportState

D = dt.date
Q = Period.of_quarter
Y = Period.of_year
TEN_DAYS = "scrap_metal_report_term"  # a dated term of ten calendar days after the period
THIRTY_DAYS = "reporting_assessment_return_term"  # thirty


@pytest.mark.parametrize(
    ("period", "first", "last", "label"),
    [
        (Q(2026, 1), D(2026, 1, 1), D(2026, 3, 31), "2026-Q1"),
        (Q(2026, 2), D(2026, 4, 1), D(2026, 6, 30), "2026-Q2"),
        (Q(2026, 3), D(2026, 7, 1), D(2026, 9, 30), "2026-Q3"),
        (Q(2026, 4), D(2026, 10, 1), D(2026, 12, 31), "2026-Q4"),
        (Q(2024, 1), D(2024, 1, 1), D(2024, 3, 31), "2024-Q1"),  # a leap year changes no quarter's end
        (Y(2025), D(2025, 1, 1), D(2025, 12, 31), "2025"),
    ],
)
def test_a_period_begins_and_ends_on_the_calendar(period: Period, first: dt.date, last: dt.date, label: str) -> None:
    assert (period.first_day, period.last_day, period.label(), str(period)) == (first, last, label, label)
    assert periods.period_containing(period.periodicity, first) == period
    assert periods.period_containing(period.periodicity, last) == period


@pytest.mark.parametrize(
    ("periodicity", "today", "due_for"),
    [
        ("quarter", D(2026, 3, 31), Q(2025, 4)),  # the quarter's last day: it has not ended yet
        ("quarter", D(2026, 4, 1), Q(2026, 1)),  # the day after: it has
        ("quarter", D(2026, 1, 1), Q(2025, 4)),  # the year changes: the last quarter of the year before
        ("quarter", D(2026, 12, 31), Q(2026, 3)),
        ("year", D(2026, 1, 1), Y(2025)),
        ("year", D(2025, 12, 31), Y(2024)),
    ],
)
def test_the_period_due_is_the_last_ended_one(periodicity: str, today: dt.date, due_for: Period) -> None:
    found = periods.last_ended(periodicity, today)
    assert found == due_for
    assert found.ended_by(today)
    assert not periods.period_containing(periodicity, today).ended_by(today)


def test_periods_follow_each_other_across_the_year() -> None:
    assert Q(2026, 1).previous() == Q(2025, 4)
    assert Q(2026, 3).previous() == Q(2026, 2)
    assert Y(2026).previous() == Y(2025)
    assert Q(2025, 4) < Q(2026, 1) < Q(2026, 2)
    assert Period(2026, 2) == Q(2026, 2)  # a quarter unless said otherwise
    with pytest.raises(ValueError, match="quarter number 5"):
        Q(2026, 5)
    with pytest.raises(ValueError, match="year number 2"):
        Period(2026, 2, Periodicity.YEAR)


@pytest.mark.parametrize(
    ("text", "periodicity", "expected"),
    [
        ("2026-Q1", None, Q(2026, 1)),
        (" 2026 q4 ", None, Q(2026, 4)),
        ("2026-2", "quarter", Q(2026, 2)),
        ("2025", None, Y(2025)),
        ("2025", "year", Y(2025)),
        ("2025", "quarter", None),  # a year where a quarter is asked
        ("2026-Q1", "year", None),
        ("2026-Q5", None, None),
        ("26-Q1", None, None),
        ("", None, None),
    ],
)
def test_a_period_is_read_as_written(text: str, periodicity: str | None, expected: Period | None) -> None:
    assert periods.parse(text, periodicity) == expected


@pytest.mark.parametrize(
    ("term", "period", "due"),
    [
        (TEN_DAYS, Q(2026, 1), D(2026, 4, 10)),  # 31 March + 10 days, a Friday
        (TEN_DAYS, Q(2025, 2), D(2025, 7, 10)),  # 30 June + 10, a Thursday
        (TEN_DAYS, Q(2025, 4), D(2026, 1, 12)),  # 31 December + 10 = Saturday 10 January: the Monday, a new year
        (THIRTY_DAYS, Y(2025), D(2026, 1, 30)),  # a yearly report: 31 December + 30, a Friday
    ],
)
def test_the_due_day_counts_the_term_from_the_last_day_and_skips_days_off(
    term: str, period: Period, due: dt.date
) -> None:
    explained = periods.due_on(term, period)
    assert explained.value == due
    assert explained.trace()  # the steps that give it (the parameter, the count, a move off a day off)


def test_the_due_day_moved_off_a_day_off_says_so() -> None:
    moved = periods.due_on(TEN_DAYS, Q(2025, 4)).trace()
    not_moved = periods.due_on(TEN_DAYS, Q(2026, 1)).trace()
    assert len(moved) > len(not_moved)


@pytest.mark.parametrize(
    ("reported_late", "due", "today", "expected"),
    [
        (False, D(2026, 4, 10), D(2026, 5, 1), ReportState.ON_TIME),
        (True, D(2026, 4, 10), D(2026, 5, 1), ReportState.LATE),
        (None, D(2026, 4, 10), D(2026, 4, 10), ReportState.AWAITED),  # the due day itself: not missing yet
        (None, D(2026, 4, 10), D(2026, 4, 11), ReportState.MISSING),
        (None, None, D(2030, 1, 1), ReportState.AWAITED),  # no term runs: nothing is missing
    ],
)
def test_a_party_stands_on_time_late_missing_or_awaited(
    reported_late: bool | None, due: dt.date | None, today: dt.date, expected: ReportState
) -> None:
    assert periods.state(reported_late=reported_late, due=due, today=today) is expected


def test_lateness_is_after_the_due_day() -> None:
    assert not periods.is_late(D(2026, 4, 10), D(2026, 4, 10))
    assert periods.is_late(D(2026, 4, 11), D(2026, 4, 10))


def test_a_periodic_report_finds_its_deadlines_by_period_and_party() -> None:
    report = PeriodicReport("thing", "thing.deadline", TEN_DAYS, "IP-9.39", period_param="quarter")
    assert report.deadline_lookup(Q(2026, 1)) == {
        "subject_type": "thing",
        "kind": "thing.deadline",
        "params__quarter": "2026-Q1",
    }
    assert report.party_key("T-1", 7) == ("T-1", None)
    shared = PeriodicReport("form", "form.deadline", THIRTY_DAYS, "IP-6.3", per_organization=True)
    assert shared.party_key("f1", 7) == ("f1", 7)
    assert shared.due(Y(2025)).value == D(2026, 1, 30)
