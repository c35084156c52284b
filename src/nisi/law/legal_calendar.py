"""The legal calendar of Kazakhstan: calendar-day and working-day terms.

Holidays, their weekend shifts and the weekdays made days off by decree come from the `holidays` package; the
weekend days made working days by the same decrees come from our own table (parameters/calendar.yaml), since
the package does not mark them (FACTS, "The legal calendar").

A term that ends on a non-working day ends on the next working day (Civil Code of the Republic of Kazakhstan,
the rule on the end of a term on a non-working day).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import datetime as dt
from functools import lru_cache

import holidays
from django.utils.translation import get_language, gettext, gettext_noop, pgettext_lazy

from nisi.law import params
from nisi.law.trace import Explained, Step

CIVIL_CODE_NON_WORKING_DAY = (
    "Civil Code of the Republic of Kazakhstan: a term ending on a non-working day ends on the next working day"
)
# The holidays package names Kazakhstan's holidays in Kazakh and English; Russian names come from our table.
HOLIDAY_LANGUAGES = {"kk": "kk", "en": "en_US", "ru": "en_US"}


# The longest term a person or a caller may ask the calendar for, the same for the public form and the API. The
# longest term in either law is ten years (IP-48-1.3: an agreement on industrial development runs for at most
# ten years), so ten years in each unit: 120 months, 3,660 calendar days (ten years and their leap days, rounded
# up), 2,600 working days (Kazakhstan has about 250 a year). Counting 2,600 working days takes a few milliseconds;
# an unbounded count held a worker for seconds (700,000 working days took 5.5 s).
MAX_TERM = {"calendar_days": 3660, "working_days": 2600, "months": 120, "years": 10}
UNIT_NAMES = {
    "calendar_days": pgettext_lazy("at most N …", "calendar days"),
    "working_days": pgettext_lazy("at most N …", "working days"),
    "months": pgettext_lazy("at most N …", "months"),
    "years": pgettext_lazy("at most N …", "years"),
}


class TermError(ValueError):
    """A term that cannot be computed; the message says what to give instead."""


def _beyond_the_calendar() -> TermError:
    return TermError(
        gettext(
            "The term would end after 31 December 9999, the last day the calendar knows. Give an earlier start "
            "date or a shorter term."
        )
    )


def _plus_days(day: dt.date, days: int) -> dt.date:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise _beyond_the_calendar() from None


# A handful of years at a time: one per year asked about would keep a calendar for every year anyone names.
@lru_cache(maxsize=64)
def _holidays_for(year: int, language: str = "en_US") -> holidays.HolidayBase:
    return holidays.country_holidays("KZ", years=year, language=language)


def holiday_name(day: dt.date, language: str = "en") -> str | None:
    """The holiday on `day`, named in `language` (kk, ru or en), or None."""
    name = _holidays_for(day.year, HOLIDAY_LANGUAGES.get(language, "en_US")).get(day)
    if not name:
        return None
    return params.holiday_name_ru(str(name)) if language == "ru" else str(name)


def is_transferred_working_day(day: dt.date) -> bool:
    return day in params.transferred_working_days()


def is_working_day(day: dt.date) -> bool:
    if is_transferred_working_day(day):
        return True
    if day.weekday() >= 5:
        return False
    return holiday_name(day) is None


class NonWorkingDay:
    """A day and why it is not worked, named in the reader's language when rendered."""

    def __init__(self, day: dt.date) -> None:
        self.day = day

    def __str__(self) -> str:
        name = holiday_name(self.day, get_language() or "en")
        if name is None:
            name = gettext("Saturday") if self.day.weekday() == 5 else gettext("Sunday")
        return f"{self.day.isoformat()} ({name})"


class DayList:
    """Several non-working days, rendered as one comma-separated list."""

    def __init__(self, days: list[dt.date]) -> None:
        self.days = tuple(days)

    def __str__(self) -> str:
        return ", ".join(str(NonWorkingDay(d)) for d in self.days)


def next_working_day_on_or_after(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day = _plus_days(day, 1)
    return day


def _shift_if_non_working(due: dt.date, steps: list[Step]) -> dt.date:
    if is_working_day(due):
        return due
    shifted = next_working_day_on_or_after(due)
    steps.append(
        Step(
            message=gettext_noop("%(day)s is not a working day; the term ends on %(shifted)s"),
            params={"day": NonWorkingDay(due), "shifted": shifted.isoformat()},
            reference=CIVIL_CODE_NON_WORKING_DAY,
        )
    )
    return shifted


def check_count(count: int, unit: str) -> None:
    """Refuses, in words, a count that is not a whole number, is negative, or is longer than MAX_TERM allows."""
    if isinstance(count, bool) or not isinstance(count, int):
        raise TermError(gettext("The length of the term must be a whole number, for example 30."))
    if count < 0:
        raise TermError(gettext("The length of the term cannot be negative; give 0 or more."))
    if count > MAX_TERM[unit]:
        raise TermError(
            gettext("A term can be at most %(limit)s %(unit)s (ten years); give a shorter term.")
            % {"limit": MAX_TERM[unit], "unit": UNIT_NAMES[unit]}
        )


def _sum_step(message: str, start: dt.date, count: int, due: dt.date, provision: str | None) -> Step:
    return Step(
        message=message,
        params={"start": start.isoformat(), "count": count, "due": due.isoformat()},
        provision=provision,
    )


def add_calendar_days(start: dt.date, days: int, *, provision: str | None = None) -> Explained[dt.date]:
    """The last day of a term of `days` calendar days counted from the day after `start`."""
    check_count(days, "calendar_days")
    due = _plus_days(start, days)
    steps = [_sum_step(gettext_noop("%(start)s + %(count)s calendar days = %(due)s"), start, days, due, provision)]
    return Explained(_shift_if_non_working(due, steps), tuple(steps))


def add_working_days(start: dt.date, days: int, *, provision: str | None = None) -> Explained[dt.date]:
    """The `days`-th working day after `start` (the day of the event itself is not counted)."""
    check_count(days, "working_days")
    day = start
    counted = 0
    skipped: list[dt.date] = []
    while counted < days:
        day = _plus_days(day, 1)
        if is_working_day(day):
            counted += 1
        elif holiday_name(day):
            skipped.append(day)
    steps = [_sum_step(gettext_noop("%(start)s + %(count)s working days = %(due)s"), start, days, day, provision)]
    if skipped:
        steps.append(Step(message=gettext_noop("holidays not counted: %(days)s"), params={"days": DayList(skipped)}))
    transferred = params.transferred_working_days()
    for used in sorted(d for d in transferred if start < d <= day):
        steps.append(
            Step(
                message=gettext_noop("%(day)s counted as a working day (transferred by decree)"),
                params={"day": used.isoformat()},
                reference=transferred[used],
            )
        )
    return Explained(day, tuple(steps))


def add_months(start: dt.date, months: int, *, provision: str | None = None) -> Explained[dt.date]:
    """A term of `months` months ends on the same day of the last month (or its last day, if shorter)."""
    check_count(months, "months")
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    if year > dt.MAXYEAR:
        raise _beyond_the_calendar()
    day = min(start.day, _stdlib_calendar.monthrange(year, month)[1])
    due = dt.date(year, month, day)
    steps = [_sum_step(gettext_noop("%(start)s + %(count)s months = %(due)s"), start, months, due, provision)]
    return Explained(_shift_if_non_working(due, steps), tuple(steps))


def add_years(start: dt.date, years: int, *, provision: str | None = None) -> Explained[dt.date]:
    check_count(years, "years")
    return add_months(start, 12 * years, provision=provision)


def by_date(due: dt.date, *, provision: str | None = None) -> Explained[dt.date]:
    """A term "by" a fixed date (e.g. by 10 December, IP-47.1)."""
    steps = [Step(message=gettext_noop("due by %(due)s"), params={"due": due.isoformat()}, provision=provision)]
    return Explained(_shift_if_non_working(due, steps), tuple(steps))


def by_annual_date(year: int, month_day: str, *, provision: str | None = None) -> Explained[dt.date]:
    """A yearly term such as "by 1 February" of `year` (month_day as MM-DD)."""
    month, day = (int(p) for p in month_day.split("-"))
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise _beyond_the_calendar()
    return by_date(dt.date(year, month, day), provision=provision)


UNITS = {
    "calendar_days": add_calendar_days,
    "working_days": add_working_days,
    "months": add_months,
    "years": add_years,
}


def term_from(start: dt.date, count: int, unit: str, *, provision: str | None = None) -> Explained[dt.date]:
    try:
        compute = UNITS[unit]
    except KeyError:
        raise TermError(
            gettext("Unknown unit '%(unit)s'; use one of: %(units)s.") % {"unit": unit, "units": ", ".join(UNITS)}
        ) from None
    return compute(start, count, provision=provision)


def parameter_term(name: str, start: dt.date) -> Explained[dt.date]:
    """The due date of a legal term kept as a parameter (e.g. register_appeal_term) counted from `start`."""
    value = params.value_on(name, start)
    if value.kind != "term":
        raise TermError(gettext("Parameter '%(name)s' is not a term.") % {"name": name})
    result = term_from(start, int(value.value), value.unit, provision=value.provisions[0])
    return Explained(result.value, (value.step(), *result.steps))
