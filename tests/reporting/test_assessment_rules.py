"""The administrative data forms' rules in the law's terms (IP-6.3): versions, periods, terms and values."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.reporting.rules.assessment import (
    AssessmentError,
    Field,
    Period,
    VersionDates,
    field_problems,
    last_ended_period,
    period_of,
    reportable_period,
    return_due,
    values_of,
    version_changes,
    version_in_force,
)

LABEL = {"kk": "Қызметкерлер саны", "ru": "Численность работников", "en": "Employees"}
EMPLOYEES = Field("employees", "integer", True, LABEL)
OUTPUT = Field("output", "amount", True, {"kk": "Өнім", "ru": "Продукция", "en": "Output"})
NOTE = Field("note", "text", False, {"kk": "Ескерту", "ru": "Примечание"})


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("approved", "proposed", "added", "removed", "changed"),
    [
        ([EMPLOYEES, OUTPUT], [EMPLOYEES, OUTPUT], (), (), ()),
        ([EMPLOYEES], [EMPLOYEES, OUTPUT], ("output",), (), ()),
        ([EMPLOYEES, OUTPUT], [EMPLOYEES], (), ("output",), ()),
        ([EMPLOYEES], [Field("employees", "number", True, LABEL)], (), (), ("employees",)),
        ([], [EMPLOYEES], ("employees",), (), ()),
    ],
    ids=["same-is-no-version", "field-added", "field-removed", "kind-changed", "first-version"],
)
def test_ip_6_3_a_field_added_or_removed_is_a_new_version(
    approved: list[Field],
    proposed: list[Field],
    added: tuple[str, ...],
    removed: tuple[str, ...],
    changed: tuple[str, ...],
) -> None:
    changes = version_changes(approved, proposed)
    assert (changes.added, changes.removed, changes.changed) == (added, removed, changed)
    assert changes.any is bool(added or removed or changed)


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ([], "at least one field"),
        ([EMPLOYEES, EMPLOYEES], "given twice"),
        ([Field("Employees", "integer", True, LABEL)], "lower-case"),
        ([Field("year", "integer", True, LABEL)], "lower-case"),
        ([Field("x", "date", True, LABEL)], "choose its kind"),
        ([Field("x", "integer", True, {"en": "X"})], "Kazakh and in Russian"),
    ],
    ids=["none", "twice", "upper-case", "reserved", "unknown-kind", "no-kk-ru-label"],
)
def test_fields_that_cannot_be_approved(fields: list[Field], problem: str) -> None:
    assert any(problem in p for p in field_problems(fields))


def test_good_fields_have_no_problems() -> None:
    assert field_problems([EMPLOYEES, OUTPUT, NOTE]) == []


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("on", "expected"),
    [(dt.date(2025, 12, 31), None), (dt.date(2026, 1, 1), 1), (dt.date(2026, 6, 30), 1), (dt.date(2026, 7, 1), 2)],
    ids=["before-any", "first-day-of-v1", "last-day-of-v1", "first-day-of-v2"],
)
def test_ip_6_3_a_return_is_filled_on_the_version_in_force(on: dt.date, expected: int | None) -> None:
    versions = [VersionDates(1, dt.date(2026, 1, 1)), VersionDates(2, dt.date(2026, 7, 1))]
    assert version_in_force(versions, on) == expected


@pytest.mark.law("IP-6.3")
@pytest.mark.parametrize(
    ("periodicity", "year", "number", "today", "ok"),
    [
        ("year", 2025, 1, dt.date(2026, 1, 1), True),  # the day after the year ended
        ("year", 2025, 1, dt.date(2025, 12, 31), False),  # its last day: not ended yet
        ("quarter", 2026, 1, dt.date(2026, 4, 1), True),
        ("quarter", 2026, 1, dt.date(2026, 3, 31), False),
        ("quarter", 2026, 2, dt.date(2026, 4, 1), False),
        ("year", 2021, 1, dt.date(2026, 4, 1), False),  # before the law
    ],
    ids=["year-ended", "year-last-day", "quarter-ended", "quarter-last-day", "quarter-running", "before-the-law"],
)
def test_ip_6_3_a_return_is_filed_on_an_ended_period(
    periodicity: str, year: int, number: int, today: dt.date, ok: bool
) -> None:
    if ok:
        assert reportable_period(periodicity, year, number, today).last_day < today
    else:
        with pytest.raises(AssessmentError):
            reportable_period(periodicity, year, number, today)


def test_periods() -> None:
    q4 = period_of("quarter", 2026, 4)
    assert q4 == Period.of_quarter(2026, 4)
    assert (q4.first_day, q4.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period_of("year", 2025, 1).label() == "2025"
    assert period_of("quarter", 2026, 2).label() == "2026-Q2"
    assert last_ended_period("quarter", dt.date(2026, 2, 10)).label() == "2025-Q4"
    assert last_ended_period("year", dt.date(2026, 2, 10)).label() == "2025"
    with pytest.raises(AssessmentError):
        period_of("quarter", 2026, 5)


@pytest.mark.law("IP-6.3")
def test_ip_6_3_the_return_is_due_thirty_days_after_the_period_moved_off_a_day_off() -> None:
    # 31 December 2025 + 30 days = 30 January 2026, a Friday.
    assert return_due(period_of("year", 2025, 1)).value == dt.date(2026, 1, 30)
    # 30 June 2025 + 30 days = 30 July 2025, a Wednesday; 31 March 2026 + 30 = 30 April 2026, a Thursday.
    assert return_due(period_of("quarter", 2026, 1)).value == dt.date(2026, 4, 30)
    # 30 September 2023 + 30 days = 30 October 2023, a Monday.
    assert return_due(period_of("quarter", 2023, 3)).value == dt.date(2023, 10, 30)


@pytest.mark.parametrize(
    ("raw", "values", "problems"),
    [
        ({"employees": "120", "output": "1 500 000,50"}, {"employees": "120", "output": "1500000.50"}, {}),
        ({"employees": "", "output": "1"}, {"output": "1"}, {"employees": "Fill in this field."}),
        ({"employees": "12.5", "output": "1"}, {"output": "1"}, {"employees": "Write a whole number."}),
        (
            {"employees": "3", "output": "1.005"},
            {"employees": "3"},
            {"output": "Give tenge with at most 2 decimal places."},
        ),
        ({"employees": "-3", "output": "1"}, {"output": "1"}, {"employees": "Write a number, zero or more."}),
        ({"employees": "abc", "output": "1"}, {"output": "1"}, {"employees": "Write a number, such as 1500000.00."}),
        (
            {"employees": "3", "output": "1", "x": "1"},
            {"employees": "3", "output": "1"},
            {"x": "“x” is not a field of this version of the form."},
        ),
    ],
    ids=["good", "required-empty", "fraction", "three-decimals", "negative", "not-a-number", "unknown-field"],
)
def test_values_of_a_return(
    raw: dict[str, str], values: dict[str, str], problems: dict[str, str], english: None
) -> None:
    assert values_of([EMPLOYEES, OUTPUT, NOTE], raw) == (values, problems)
