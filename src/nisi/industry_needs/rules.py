"""The rules of the needs of industry for specialists (IP-55.1) and for research and development (IP-57), pure: no
database, no I/O, explicit dates.

IP-55.1: "The authorized bodies in the field of state stimulation of industry and state support of innovation
activity, based on information provided by the entities of industrial and innovative activity on the needs for
specialists, form proposals to determine the list of specialities that require training of specialists for priority
sectors of the economy, and send them to the authorized body for employment population."

IP-57: "the authorized body in the field of state stimulation of industry shall collect the information on the needs
of industrial entities in scientific research and development. The specified information shall be sent ... for
placement on the Internet resource of the authorized body in the field of science and periodicals to attract
scientific organizations to carry out scientific research and development."

IP-9.34: the authorized body "coordinate[s] the activities of other state bodies and organizations to develop the base
of research and development work, human resources in the industry" — these collections are how it learns what the
industry needs.

An entity gives its needs for a period (a year): once; a change is a new version of the same period's needs. A
future period is refused (needs are declared in the year they are for, or for a past year late).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from nisi.core import disclosure
from nisi.law import legal_calendar, params
from nisi.law.trace import Explained

RETURN_TERM = "industry_needs_return_term"
HORIZON = "industry_needs_horizon_years"
FIRST_YEAR = 2022  # the law No. 86-VII of 27.12.2021 applies from 2022
MAX_SPECIALISTS = 100_000  # one line of one entity's needs: more is a typing error
MAX_BUDGET = Decimal("1000000000000")  # a trillion tenge: the column holds 16 digits with 2 decimals
# A speciality's code as the classifiers of specialities write it: Latin capital letters and digits, starting with a
# digit (the higher education classifier's 6B07101, the technical and vocational education's 07150100). No
# machine-readable classifier of specialities was found (FACTS.md): the code and its name are given and checked
# for form only.
_SPECIALITY = re.compile(r"[0-9][0-9A-Z]{3,11}")
_OKED = re.compile(r"[0-9]{2,5}")  # NK RK 03-2019: a division (2 digits) to a subclass (5)

SPECIALISTS = "specialists"
RESEARCH = "research"
KINDS = (SPECIALISTS, RESEARCH)
PROVISION = {SPECIALISTS: "IP-55.1", RESEARCH: "IP-57"}
# The levels of education a specialist is trained at (the state educational order is placed for each).
LEVELS = ("tve", "post_secondary", "bachelor", "master", "doctorate")


class NeedsError(ValueError):
    """A refusal that says what to do; `field` names the answer it concerns, when one does."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def reportable_year(year: int, today: dt.date) -> int:
    """IP-55.1, IP-57: the period of needs is a year, from the law's first year to the current one; a future year is
    refused (the needs of a year are given in that year)."""
    if year < FIRST_YEAR:
        raise NeedsError(
            _("Give the needs for %(first)s or a later year: the law applies from then.") % {"first": FIRST_YEAR},
            "year",
        )
    if year > today.year:
        raise NeedsError(
            _("%(year)s has not begun: give the needs of a year in that year. The latest period is %(now)s.")
            % {"year": year, "now": today.year},
            "year",
        )
    return year


def return_due(year: int) -> Explained[dt.date]:
    """The needs of a year are due within the term (a dated parameter) from its first day, moved to the next working
    day when it falls on a day off."""
    return legal_calendar.parameter_term(RETURN_TERM, dt.date(year, 1, 1))


def is_late(submitted_on: dt.date, due_on: dt.date) -> bool:
    return submitted_on > due_on


def horizon(on: dt.date) -> int:
    """IP-55.1: how many years after the period a need for specialists may be."""
    return int(params.value_on(HORIZON, on).value)


def speciality_problem(code: str, name: str) -> str | None:
    """A speciality is given by its code in a classifier of specialities and its name (the classifier is not loaded:
    the code's form is checked, and the name is required)."""
    if not _SPECIALITY.fullmatch(code):
        return _(
            "Write the speciality's code from the classifier of specialities: 4 to 12 Latin capital letters and "
            "digits starting with a digit, for example 6B07101."
        )
    if not 3 <= len(name.strip()) <= 300:
        return _("Write the speciality's name, as in the classifier (3 to 300 characters).")
    return None


@dataclass(frozen=True)
class SpecialistNeedIn:
    speciality_code: str
    speciality_name: str
    number: int
    region: str
    year_needed: int
    level: str


def specialist_need_problems(
    need: SpecialistNeedIn, *, year: int, regions: Iterable[str], on: dt.date
) -> dict[str, str]:
    """IP-55.1: what makes one line of needs for specialists wrong, by field: a speciality without its code or name, a
    number that is not 1 or more, a region that is not one of Kazakhstan's, a year needed before the period or
    further ahead than the horizon, a level of education that is not one of the state educational order's."""
    problems: dict[str, str] = {}
    speciality = speciality_problem(need.speciality_code, need.speciality_name)
    if speciality:
        problems["speciality_code"] = speciality
    if not 1 <= need.number <= MAX_SPECIALISTS:
        problems["number"] = _("Write how many specialists are needed: 1 to %(max)s.") % {"max": MAX_SPECIALISTS}
    if need.region not in set(regions):
        problems["region"] = _("Choose the region where the specialists are needed (its two-digit code, e.g. 71).")
    ahead = horizon(on)
    if not year <= need.year_needed <= year + ahead:
        problems["year_needed"] = _(
            "The year the specialists are needed is from %(first)s to %(last)s: the period's year or up to %(n)s "
            "years after."
        ) % {"first": year, "last": year + ahead, "n": ahead}
    if need.level not in LEVELS:
        problems["level"] = _("Choose the level of education.")
    return problems


@dataclass(frozen=True)
class ResearchNeedIn:
    subject: str
    oked: str
    desired_result: str
    budget_min: Decimal
    budget_max: Decimal
    deadline: dt.date
    contact_consent: bool


def research_need_problems(need: ResearchNeedIn, *, year: int, today: dt.date) -> dict[str, str]:
    """IP-57: what makes one need for research and development wrong, by field: no subject or desired result, an
    OKED code that is not one (its existence in the classifier is checked by the service), a budget range that is
    empty, negative, upside down or in fractions of a tiyn, a deadline already passed or before the period."""
    problems: dict[str, str] = {}
    if not 5 <= len(need.subject.strip()) <= 500:
        problems["subject"] = _("Write the subject of the research: 5 to 500 characters.")
    if not _OKED.fullmatch(need.oked):
        problems["oked"] = _("Write the industry's OKED code: 2 to 5 digits, for example 24 or 24101.")
    if not 5 <= len(need.desired_result.strip()) <= 2000:
        problems["desired_result"] = _("Describe the result wanted: 5 to 2000 characters.")
    low, high = need.budget_min, need.budget_max
    if not (low.is_finite() and high.is_finite()) or low < 0 or high <= 0 or high > MAX_BUDGET:
        problems["budget_min"] = _("Give the budget in tenge from zero up to a trillion, the upper bound above zero.")
    elif low > high:
        problems["budget_min"] = _("The lower bound of the budget is above its upper bound: swap them.")
    elif low.as_tuple().exponent < -2 or high.as_tuple().exponent < -2:  # type: ignore[operator]
        problems["budget_min"] = _("Give tenge with at most 2 decimal places.")
    if need.deadline < max(today, dt.date(year, 1, 1)):
        problems["deadline"] = _("The deadline of the research is today or later.")
    return problems


@dataclass(frozen=True)
class Need:
    """One line of one entity's current needs for specialists, as the aggregate reads it."""

    entity: int
    speciality_code: str
    speciality_name: str
    region: str
    number: int


TOTAL = "*"  # the region of a speciality's total, the speciality of a region's total


@dataclass(frozen=True)
class Cell:
    speciality: str
    region: str
    number: int
    entities: int
    suppressed: bool = False


@dataclass(frozen=True)
class Aggregate:
    """IP-55.1: the needs for specialists by speciality and region, with the totals by speciality, by region and
    overall, and how many distinct entities each is built from."""

    names: Mapping[str, str]
    cells: tuple[Cell, ...]  # (speciality, region) cells, then (speciality, *), (*, region) and (*, *)
    entities: int
    returns: int = 0
    extra: Mapping[str, object] = field(default_factory=dict)

    def cell(self, speciality: str, region: str) -> Cell | None:
        return next((c for c in self.cells if c.speciality == speciality and c.region == region), None)

    def as_dict(self) -> dict[str, object]:
        return {
            "names": dict(self.names),
            "entities": self.entities,
            "returns": self.returns,
            "cells": [
                {
                    "speciality": c.speciality,
                    "region": c.region,
                    "number": None if c.suppressed else c.number,
                    "entities": None if c.suppressed else c.entities,
                    "suppressed": c.suppressed,
                }
                for c in self.cells
            ],
        }


def aggregate(needs: Iterable[Need], *, returns: int = 0) -> Aggregate:
    """IP-55.1: sums the specialists needed by speciality and region, and by each alone and overall, counting the
    distinct entities behind each. A speciality's name is the one given most often (then the first in order)."""
    numbers: dict[tuple[str, str], int] = {}
    entities: dict[tuple[str, str], set[int]] = {}
    names: dict[str, dict[str, int]] = {}
    for need in needs:
        for key in (
            (need.speciality_code, need.region),
            (need.speciality_code, TOTAL),
            (TOTAL, need.region),
            (TOTAL, TOTAL),
        ):
            numbers[key] = numbers.get(key, 0) + need.number
            entities.setdefault(key, set()).add(need.entity)
        given = names.setdefault(need.speciality_code, {})
        given[need.speciality_name] = given.get(need.speciality_name, 0) + 1
    order = sorted(numbers, key=lambda k: (k[0] == TOTAL, k[0], k[1] == TOTAL, k[1]))
    cells = tuple(Cell(s, r, numbers[(s, r)], len(entities[(s, r)])) for s, r in order)
    return Aggregate(
        names={code: max(given, key=lambda n: (given[n], -list(given).index(n))) for code, given in names.items()},
        cells=cells,
        entities=len(entities.get((TOTAL, TOTAL), set())),
        returns=returns,
    )


def suppressed(table: Aggregate, *, minimum: int) -> Aggregate:
    """IP-6.3 applied to IP-55.1: the aggregate as shown beyond the authorized body: a cell built from fewer than
    `minimum` entities is suppressed, and so is whatever would give it back by subtraction from a published total
    (`nisi.core.disclosure.suppress`)."""
    counts = {(c.speciality, c.region): c.entities for c in table.cells}
    sizes = {(c.speciality, c.region): c.number for c in table.cells}
    specialities = sorted({s for s, _r in counts if s != TOTAL})
    regions = sorted({r for _s, r in counts if r != TOTAL})
    relations = [
        disclosure.Relation((s, TOTAL), tuple((s, r) for r in regions if (s, r) in counts)) for s in specialities
    ]
    relations += [
        disclosure.Relation((TOTAL, r), tuple((s, r) for s in specialities if (s, r) in counts)) for r in regions
    ]
    relations += [
        disclosure.Relation((TOTAL, TOTAL), tuple((s, TOTAL) for s in specialities)),
        disclosure.Relation((TOTAL, TOTAL), tuple((TOTAL, r) for r in regions)),
    ]
    hidden = disclosure.suppress(counts, relations, minimum=minimum, size=sizes)
    return Aggregate(
        names=table.names,
        cells=tuple(
            Cell(c.speciality, c.region, c.number, c.entities, (c.speciality, c.region) in hidden) for c in table.cells
        ),
        entities=table.entities,
        returns=table.returns,
    )


def public_name(*, consented: bool, name: str, oked: str) -> str:
    """IP-57: a need for research is placed and published under its entity's name only with the entity's consent;
    without it, anonymised (the industry stays, so that scientific organizations see the field)."""
    if consented:
        return name
    return _("An industrial entity (OKED %(oked)s)") % {"oked": oked}
