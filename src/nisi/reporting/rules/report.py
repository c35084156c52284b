"""The law's rules of the National Report on the State of Industry, pure: no database, no I/O, explicit dates.

IP-5.2: the National Report is submitted annually to the President; the authorized body forms it from the assessment
of industrial development and of the effectiveness of the measures; central state bodies and the akimats of regions,
cities of republican significance and the capital give their information for it before 1 March of the year after the
reporting year. IP-6.3 keeps an entity's figures confidential: no published figure may reveal one entity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from nisi.law import legal_calendar, params
from nisi.law.trace import Explained

INPUTS_DUE = "national_report_inputs_due"
MIN_ENTITIES = "national_report_min_entities_per_cell"
FIRST_YEAR = 2022  # the law (No. 86-VII of 27.12.2021) applies from 2022: its first reporting year


class ReportError(ValueError):
    """A report or an input that cannot be made; the message says what can."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def inputs_due(year: int) -> Explained[dt.date]:
    """IP-5.2: the information for the report of `year` is due by 1 March of the next year (a parameter), moved to
    the next working day when that day is not one."""
    value = params.value_on(INPUTS_DUE, dt.date(year + 1, 1, 1))
    return legal_calendar.by_annual_date(year + 1, str(value.value), provision=value.provisions[0])


def input_late(submitted_on: dt.date, year: int) -> bool:
    """IP-5.2: information given after its due day is late (taken, and marked late)."""
    return submitted_on > inputs_due(year).value


def check_year(year: int, today: dt.date) -> None:
    """A reporting year is one the law applied in and that has begun (inputs may be opened during it)."""
    if year < FIRST_YEAR or year > today.year:
        raise ReportError(
            _("Choose a reporting year from %(first)s to %(last)s.") % {"first": FIRST_YEAR, "last": today.year},
            field="year",
        )


def check_cut_off(year: int, cut_off: dt.date, today: dt.date) -> None:
    """IP-5.2: the report describes a whole reporting year, so its cut-off is after the year's end; the records are
    taken as they stood at the end of the cut-off day, which must have ended (not today, not in the future)."""
    check_year(year, today)
    if cut_off <= dt.date(year, 12, 31):
        raise ReportError(
            _("The cut-off date must be after the end of the reporting year %(year)s (from 1 January %(next)s).")
            % {"year": year, "next": year + 1},
            field="cut_off",
        )
    if cut_off >= today:
        raise ReportError(
            _("The cut-off date must be a day that has ended: %(latest)s at the latest.")
            % {"latest": (today - dt.timedelta(days=1)).isoformat()},
            field="cut_off",
        )


def min_entities(on: dt.date) -> int:
    return int(params.value_on(MIN_ENTITIES, on).value)


def suppressed(entities: int, on: dt.date) -> bool:
    """IP-6.3: a figure built from fewer entities than the parameter allows (three) is not published: it would reveal
    what one or two entities reported. A figure built from no entity is a true zero and is shown."""
    return 0 < entities < min_entities(on)


@dataclass(frozen=True)
class Timeliness:
    on_time: int
    late: int
    missing: int
    awaited: int


def timeliness(states: Iterable[tuple[dt.date | None, dt.date]], cut_off: dt.date, year: int) -> Timeliness:
    """IP-5.2: each input's state at the cut-off — given on time, given late, missing (its due day has passed with
    nothing given) or awaited. `states` are (day given or None, due day) pairs."""
    on_time = late = missing = awaited = 0
    for given_on, due in states:
        if given_on is not None and given_on <= cut_off:
            if given_on > due:
                late += 1
            else:
                on_time += 1
        elif due < cut_off:
            missing += 1
        else:
            awaited += 1
    return Timeliness(on_time=on_time, late=late, missing=missing, awaited=awaited)


@dataclass(frozen=True)
class Fact:
    """One record a figure is computed from: its cell, its id, the entity (organization) it belongs to, and what it
    adds (an amount, jobs)."""

    key: str
    record: int
    entity: int
    amount: Decimal = Decimal(0)
    jobs: int = 0


@dataclass(frozen=True)
class Cell:
    key: str
    count: int
    entities: int
    amount: Decimal
    jobs: int
    suppressed: bool
    ids: tuple[int, ...]

    def published(self) -> dict[str, Any]:
        """What the report and the dashboard show: nothing but the flag for a suppressed cell (IP-6.3)."""
        if self.suppressed:
            return {"key": self.key, "count": None, "amount": None, "jobs": None, "suppressed": True}
        return {
            "key": self.key,
            "count": self.count,
            "amount": str(self.amount.quantize(CENT)),
            "jobs": self.jobs,
            "suppressed": False,
        }


CENT = Decimal("0.01")


def aggregate(facts: Iterable[Fact], on: dt.date, keys: Iterable[str] = ()) -> list[Cell]:
    """IP-5.2, IP-6.3: each cell's count of records, sum of amounts and jobs, the entities it is built from, and
    whether it is suppressed (fewer entities than the parameter allows). Cells come in key order, ids sorted, so the
    same records always give the same cells; `keys` adds the cells that had no record (a true zero)."""
    least = min_entities(on)
    records: dict[str, list[int]] = {k: [] for k in keys}
    entities: dict[str, set[int]] = {k: set() for k in keys}
    amounts: dict[str, Decimal] = dict.fromkeys(records, Decimal(0))
    jobs: dict[str, int] = dict.fromkeys(records, 0)
    for fact in facts:
        if fact.key not in records:
            records[fact.key], entities[fact.key], amounts[fact.key], jobs[fact.key] = [], set(), Decimal(0), 0
        records[fact.key].append(fact.record)
        entities[fact.key].add(fact.entity)
        amounts[fact.key] += fact.amount
        jobs[fact.key] += fact.jobs
    return [
        Cell(
            key=key,
            count=len(records[key]),
            entities=len(entities[key]),
            amount=amounts[key],
            jobs=jobs[key],
            suppressed=0 < len(entities[key]) < least,
            ids=tuple(sorted(records[key])),
        )
        for key in sorted(records)
    ]
