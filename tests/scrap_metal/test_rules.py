"""The scrap rules in the law's terms (IP-9.39, IP-51-3.1.3), boundary rows included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.scrap_metal import rules
from nisi.scrap_metal.rules import Quarter, ScrapError

D = dt.date


@pytest.mark.law("IP-9.39")
@pytest.mark.parametrize(
    ("quarter", "today", "allowed"),
    [
        (Quarter(2026, 1), D(2026, 3, 31), False),  # its last day: not ended yet (a future period)
        (Quarter(2026, 1), D(2026, 4, 1), True),  # the day after: ended
        (Quarter(2026, 2), D(2026, 5, 20), False),  # the running quarter
        (Quarter(2027, 1), D(2026, 5, 20), False),  # a future year
        (Quarter(2025, 4), D(2026, 1, 1), True),
    ],
)
def test_ip_9_39_a_report_covers_an_ended_period(quarter: Quarter, today: dt.date, allowed: bool) -> None:
    if allowed:
        assert rules.reportable_quarter(quarter, today=today, starts_on=D(2024, 1, 1), ceased_on=None) == quarter
    else:
        with pytest.raises(ScrapError, match="has not ended yet"):
            rules.reportable_quarter(quarter, today=today, starts_on=D(2024, 1, 1), ceased_on=None)


@pytest.mark.law("IP-9.39")
@pytest.mark.parametrize(
    ("starts_on", "ceased_on", "problem"),
    [
        (D(2026, 3, 31), None, None),  # started on the period's last day: it reports that period
        (D(2026, 4, 1), None, "after 2026-Q1 ended"),  # started the day after
        (D(2025, 6, 1), D(2026, 1, 1), None),  # ceased on the period's first day: it reports it
        (D(2025, 6, 1), D(2025, 12, 31), "before 2026-Q1 began"),  # ceased the day before
    ],
)
def test_ip_9_39_a_report_covers_a_period_of_the_activity(
    starts_on: dt.date, ceased_on: dt.date | None, problem: str | None
) -> None:
    call = lambda: rules.reportable_quarter(  # noqa: E731
        Quarter(2026, 1), today=D(2026, 5, 20), starts_on=starts_on, ceased_on=ceased_on
    )
    if problem is None:
        assert call() == Quarter(2026, 1)
    else:
        with pytest.raises(ScrapError, match=problem):
            call()


@pytest.mark.law("IP-9.39")
@pytest.mark.parametrize(
    ("starts_on", "notified_on", "refused"),
    [
        (D(2026, 1, 10), D(2026, 1, 10), False),
        (D(2026, 1, 9), D(2026, 1, 10), True),
        (D(2026, 2, 1), D(2026, 1, 10), False),
    ],
)
def test_ip_9_39_the_notification_comes_before_the_activity(
    starts_on: dt.date, notified_on: dt.date, refused: bool
) -> None:
    assert (rules.notification_problem(starts_on, notified_on) is not None) is refused


@pytest.mark.law("IP-9.39")
@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (Quarter(2026, 1), D(2026, 4, 10)),  # 10 calendar days after 31 March, a Friday
        (Quarter(2025, 4), D(2026, 1, 12)),  # 10 January 2026 is a Saturday: moved to Monday the 12th
        (Quarter(2026, 2), D(2026, 7, 10)),
    ],
)
def test_ip_9_39_the_report_is_due_after_the_period(quarter: Quarter, due: dt.date) -> None:
    assert rules.report_due(quarter).value == due


@pytest.mark.parametrize(("submitted", "late"), [(D(2026, 4, 10), False), (D(2026, 4, 11), True)])
def test_a_report_after_its_due_day_is_late(submitted: dt.date, late: bool) -> None:
    assert rules.is_late(submitted, D(2026, 4, 10)) is late


@pytest.mark.law("IP-9.39")
@pytest.mark.parametrize(
    ("code", "metal"),
    [("720449", "ferrous"), ("720410", "ferrous"), ("740400", "non_ferrous"), ("800200", "non_ferrous")],
)
def test_ip_9_39_ferrous_and_non_ferrous_scrap_by_hs_code(code: str, metal: str) -> None:
    assert rules.metal_of(code) == metal


@pytest.mark.parametrize("code", ["720110", "7204", "", "740300"])
def test_codes_of_no_scrap_heading_are_refused(code: str) -> None:
    with pytest.raises(ScrapError, match="not an HS code of waste and scrap"):
        rules.metal_of(code)


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (Decimal(0), True),
        (Decimal("0.001"), True),
        (Decimal("0.0001"), False),
        (Decimal(-1), False),
        (Decimal("99999999.999"), True),
        (Decimal("100000000"), False),
        (Decimal("NaN"), False),
    ],
)
def test_tonnes(value: Decimal, ok: bool) -> None:
    assert (rules.tonnes_problem(value) is None) is ok


@pytest.mark.law("IP-51-3.1.3")
def test_ip_51_3_the_year_collected_is_the_tonnes_bought_by_code() -> None:
    volumes = [
        rules.Volume("720449", Decimal("100.5"), Decimal(90)),
        rules.Volume("720449", Decimal("20"), Decimal(0)),
        rules.Volume("760200", Decimal(0), Decimal(5)),  # sold but none collected: not wholly produced here
    ]
    assert rules.annual_collected(volumes) == {"720449": Decimal("120.5")}


@pytest.mark.parametrize(("text", "quarter"), [("2026-Q1", Quarter(2026, 1)), ("2026 q4", Quarter(2026, 4))])
def test_periods_are_read(text: str, quarter: Quarter) -> None:
    assert rules.parse_quarter(text) == quarter


@pytest.mark.parametrize("text", ["2026-Q5", "Q1", "", "26-Q1"])
def test_bad_periods_are_refused(text: str) -> None:
    with pytest.raises(ScrapError, match="2026-Q1"):
        rules.parse_quarter(text)
