"""A term the calendar cannot or should not compute is refused in words by the calendar itself (TermError), with
one bound (legal_calendar.MAX_TERM, ten years in each unit) for the public form and the API alike: past year 9999,
or absurdly long (700,000 working days held a worker for 5.5 s)."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.test import Client

from nisi.law import legal_calendar as cal
from nisi.law.forms import DeadlineForm

D = dt.date
UNITS = ["working_days", "calendar_days", "months"]


@pytest.fixture
def client() -> Client:
    """The tests read the API's words in English; without Accept-Language it answers in Russian."""
    return Client(headers={"Accept-Language": "en"})


@pytest.mark.parametrize(
    ("compute", "start", "count"),
    [
        (cal.add_calendar_days, D(9999, 12, 31), 1),
        (cal.add_calendar_days, D(9995, 1, 1), 3660),
        (cal.add_working_days, D(9999, 12, 29), 5),
        (cal.add_months, D(9999, 6, 1), 12),
        (cal.add_years, D(9995, 1, 1), 10),
    ],
)
def test_a_term_ending_past_year_9999_is_refused_in_words(compute: object, start: dt.date, count: int) -> None:
    with pytest.raises(cal.TermError, match="after 31 December 9999"):
        compute(start, count)  # type: ignore[operator]


def test_a_term_near_the_end_of_the_calendar_still_moves_to_the_next_working_day() -> None:
    # Saturday 25 December 9999: the term ends on Monday 27 December, still within the calendar.
    assert cal.add_calendar_days(D(9999, 12, 24), 1).value == D(9999, 12, 27)


@pytest.mark.parametrize("unit", [*UNITS, "years"])
def test_a_term_longer_than_ten_years_is_refused_in_words(unit: str, english: None) -> None:
    limit = cal.MAX_TERM[unit]
    assert cal.term_from(D(2025, 1, 1), limit, unit).value > D(2025, 1, 1)
    with pytest.raises(cal.TermError, match=f"at most {limit} "):
        cal.term_from(D(2025, 1, 1), limit + 1, unit)


def test_an_absurd_count_of_working_days_is_refused_at_once() -> None:
    started = time.monotonic()
    with pytest.raises(cal.TermError):
        cal.add_working_days(D(2025, 1, 1), 700_000)
    assert time.monotonic() - started < 0.5  # refused before counting, not after seconds of it


@pytest.mark.parametrize("unit", UNITS)
def test_the_form_and_the_api_share_the_calendars_bound(client: Client, unit: str, english: None) -> None:
    limit = cal.MAX_TERM[unit]
    assert DeadlineForm({"start": "2025-01-01", "count": str(limit), "unit": unit}).is_valid()
    form = DeadlineForm({"start": "2025-01-01", "count": str(limit + 1), "unit": unit})
    assert not form.is_valid()
    assert "at most ten years" in form.errors["count"][0] or f"at most {limit} " in form.errors["count"][0]
    assert client.get("/api/v1/law/deadline", {"from": "2025-01-01", unit: limit}).status_code == 200
    r = client.get("/api/v1/law/deadline", {"from": "2025-01-01", unit: limit + 1})
    assert r.status_code == 422
    assert f"at most {limit}" in str(r.json()["errors"])


@pytest.mark.parametrize(
    "query",
    [
        {"from": "9999-12-31", "calendar_days": "1"},
        {"from": "9999-12-31", "working_days": "1"},
        {"from": "9999-01-31", "months": "12"},
        {"from": "2025-01-01", "months": "1000000"},
        {"from": "2025-01-01", "working_days": "700000"},
        {"from": "2025-01-01", "calendar_days": "99999999999999999999"},
    ],
)
def test_the_deadline_api_answers_422_in_words(client: Client, query: dict[str, str], english: None) -> None:
    r = client.get("/api/v1/law/deadline", query)
    assert r.status_code == 422
    assert "9999" in r.json()["detail"] or "at most" in r.json()["detail"]


def test_the_deadline_page_refuses_a_start_near_the_end_of_the_calendar(client: Client, english: None) -> None:
    r = client.get("/en/law/deadline/", {"start": "9999-12-31", "count": "1", "unit": "calendar_days"})
    assert r.status_code == 200
    assert "Enter a date between 1900-01-01 and 2199-12-31" in r.content.decode()
