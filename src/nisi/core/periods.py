"""Periodic reports, pure: which period is due, where it ends, when its report is due, and how each obliged party
stands. No database, no I/O, explicit dates.

Several laws oblige a party to report on every ended period: the scrap and waste of metals bought and sold each
quarter (IP-9.39), the quarterly information on the projects of the map of industrialization (IP-6.2, IP-11.8), the
returns of the administrative data forms, quarterly or yearly (IP-6.3). Each is due within a term after the
period's last day, a dated parameter counted on the legal calendar (a due day on a day off moves to the next
working day). `PeriodicReport` names one such obligation; `nisi.core.services.periodic_reports` opens and closes
its deadlines in the parties' work queues, and `nisi.core.selectors.period_deadlines` reads them for the lists of
the late and the missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from nisi.law import legal_calendar
from nisi.law.trace import Explained


class Periodicity(StrEnum):
    QUARTER = "quarter"
    YEAR = "year"


class ReportState(StrEnum):
    """How a party stands on one period's report."""

    ON_TIME = "on_time"  # reported by its due day
    LATE = "late"  # reported after it
    MISSING = "missing"  # not reported, and the due day has passed
    AWAITED = "awaited"  # not reported yet, and not due yet


@dataclass(frozen=True, order=True)
class Period:
    """A calendar quarter (`number` 1 to 4) or a calendar year (`number` 1, `periodicity` year), ordered in time
    within one periodicity. Written 2026-Q1 for a quarter, 2026 for a year."""

    year: int
    number: int = 1
    periodicity: Periodicity = Periodicity.QUARTER

    def __post_init__(self) -> None:
        last = 4 if self.periodicity == Periodicity.QUARTER else 1
        if not 1 <= self.number <= last:
            raise ValueError(f"{self.periodicity} number {self.number} is not from 1 to {last}")

    def __str__(self) -> str:
        return self.label()

    def label(self) -> str:
        if self.periodicity == Periodicity.YEAR:
            return str(self.year)
        return f"{self.year}-Q{self.number}"

    @property
    def first_day(self) -> dt.date:
        if self.periodicity == Periodicity.YEAR:
            return dt.date(self.year, 1, 1)
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        if self.periodicity == Periodicity.YEAR or self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def previous(self) -> Period:
        if self.number == 1:
            last = 4 if self.periodicity == Periodicity.QUARTER else 1
            return Period(self.year - 1, last, self.periodicity)
        return Period(self.year, self.number - 1, self.periodicity)

    @classmethod
    def of_quarter(cls, year: int, number: int) -> Period:
        return cls(year, number, Periodicity.QUARTER)

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(year, 1, Periodicity.YEAR)

    def ended_by(self, today: dt.date) -> bool:
        """Whether the period's last day has passed by `today` (on its last day it is still running)."""
        return self.last_day < today


def period_containing(periodicity: str, day: dt.date) -> Period:
    """The period of `periodicity` that `day` falls in."""
    if Periodicity(periodicity) == Periodicity.YEAR:
        return Period.of_year(day.year)
    return Period.of_quarter(day.year, (day.month - 1) // 3 + 1)


def last_ended(periodicity: str, today: dt.date) -> Period:
    """The latest period whose last day has passed by `today`: the one a report is due for now."""
    return period_containing(periodicity, today).previous()


def quarter_of(day: dt.date) -> Period:
    return period_containing(Periodicity.QUARTER, day)


def last_ended_quarter(today: dt.date) -> Period:
    """The latest quarter whose last day has passed by `today`: the one a quarterly report is due for now."""
    return last_ended(Periodicity.QUARTER, today)


_LABEL = re.compile(r"\s*([0-9]{4})\s*(?:[- ]?\s*[Qq]?([1-4]))?\s*")


def parse(text: str, periodicity: str | None = None) -> Period | None:
    """A period as written: 2026-Q1 (also 2026 Q1, 2026-1, 2026q1) for a quarter, 2026 for a year; None when it is
    not one, or (with `periodicity`) not one of that periodicity."""
    match = _LABEL.fullmatch(text or "")
    if match is None:
        return None
    found = Period.of_year(int(match[1])) if match[2] is None else Period.of_quarter(int(match[1]), int(match[2]))
    if periodicity is not None and found.periodicity != Periodicity(periodicity):
        return None
    return found


def due_on(term: str, period: Period) -> Explained[dt.date]:
    """The report's due day: the term kept as the dated parameter `term`, counted from the period's last day on the
    legal calendar (a due day on a day off moves to the next working day), with its trace."""
    return legal_calendar.parameter_term(term, period.last_day)


def is_late(submitted_on: dt.date, due: dt.date) -> bool:
    """A report given after its due day is late: it is taken and recorded so, and the overseers see it so."""
    return submitted_on > due


def state(*, reported_late: bool | None, due: dt.date | None, today: dt.date) -> ReportState:
    """How a party stands: `reported_late` is None while it has not reported, else whether its report was late;
    `due` is None while no term runs for it (none opened yet), and nothing is missing then."""
    if reported_late is not None:
        return ReportState.LATE if reported_late else ReportState.ON_TIME
    return ReportState.MISSING if due is not None and today > due else ReportState.AWAITED


@dataclass(frozen=True)
class PeriodicReport:
    """One obligation to report on every ended period, as its deadlines are kept: the record kind the deadline is
    about (`subject_type`, the party's record or the form), the deadline's kind (its message), the term's dated
    parameter, the provision, and the deadline parameter that names the period. `per_organization`: several
    organizations report under one subject (a form's filers), so a deadline is one subject's and one
    organization's; otherwise the subject is the party."""

    subject_type: str
    kind: str
    term: str
    provision: str
    period_param: str = "period"
    per_organization: bool = False

    def due(self, period: Period) -> Explained[dt.date]:
        return due_on(self.term, period)

    def deadline_lookup(self, period: Period) -> dict[str, Any]:
        """The filter of the deadlines of `period` (a `Deadline.objects.filter(**...)`)."""
        return {
            "subject_type": self.subject_type,
            "kind": self.kind,
            f"params__{self.period_param}": period.label(),
        }

    def party_key(self, subject_id: str, organization_id: int | None) -> tuple[str, int | None]:
        """Who owes a report, as its deadlines are told apart."""
        return (subject_id, organization_id if self.per_organization else None)
