"""The rules of the administrative data forms (IP-6.1, IP-6.3), pure: no database, no I/O, explicit dates.

IP-6.3: "the authorized body ... shall develop and approve the forms intended for the collection of administrative
data in the field of industry, in agreement with the authorized body in the field of state statistics." A form is
approved in versions: the fields of an approved version never change, a field added or removed (or its kind changed)
is a new version, and a return keeps the version it was filled on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from nisi.core import periods
from nisi.law.trace import Explained

RETURN_TERM = "reporting_assessment_return_term"
FIRST_YEAR = 2022  # the law No. 86-VII of 27.12.2021 and its forms start in 2022
KINDS = ("integer", "amount", "number", "text")
LANGUAGES = ("kk", "ru", "en")
MAX_FIELDS = 60
MAX_NUMBER = Decimal("1e16")
_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
RESERVED = frozenset(
    {"bin", "year", "period", "organization", "step", "file"}
)  # the columns and questions around the fields


class AssessmentError(ValueError):
    """A form, version or return that cannot be accepted; the message says what to do."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Field:
    code: str
    kind: str
    required: bool
    label: Mapping[str, str]

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "kind": self.kind, "required": self.required, "label": dict(self.label)}


def fields_of(raw: Sequence[Mapping[str, Any]]) -> list[Field]:
    """A version's stored fields as `Field`s."""
    return [Field(f["code"], f["kind"], bool(f.get("required")), dict(f.get("label") or {})) for f in raw]


def field_problems(fields: Sequence[Field]) -> list[str]:
    """IP-6.3: what keeps a version's fields from being approved: none at all, too many, a code that is not a short
    lower-case name or is given twice, an unknown kind, a field without its label in Kazakh and Russian."""
    problems: list[str] = []
    if not fields:
        problems.append(_("Give the form at least one field."))
    if len(fields) > MAX_FIELDS:
        problems.append(_("A form has at most %(n)s fields; split it into two forms.") % {"n": MAX_FIELDS})
    seen: set[str] = set()
    for f in fields:
        if not _CODE.fullmatch(f.code) or f.code in RESERVED:
            problems.append(
                _(
                    "Field code “%(code)s”: use lower-case Latin letters, digits and _, starting with a letter, and "
                    "not bin, year, period, organization, step or file."
                )
                % {"code": f.code[:40]}
            )
        if f.code in seen:
            problems.append(_("Field code “%(code)s” is given twice.") % {"code": f.code})
        seen.add(f.code)
        if f.kind not in KINDS:
            problems.append(_("Field “%(code)s”: choose its kind.") % {"code": f.code})
        if not (f.label.get("kk", "").strip() and f.label.get("ru", "").strip()):
            problems.append(_("Field “%(code)s”: give its label in Kazakh and in Russian.") % {"code": f.code})
    return problems


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]  # the same code with another kind, label or requirement

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_dict(self) -> dict[str, list[str]]:
        return {"added": list(self.added), "removed": list(self.removed), "changed": list(self.changed)}


def version_changes(approved: Sequence[Field], proposed: Sequence[Field]) -> Changes:
    """IP-6.3: how a proposed version differs from the approved one. Any difference makes it a new version; one with
    none is not a version at all."""
    old = {f.code: f for f in approved}
    new = {f.code: f for f in proposed}
    return Changes(
        added=tuple(c for c in new if c not in old),
        removed=tuple(c for c in old if c not in new),
        changed=tuple(c for c in new if c in old and new[c] != old[c]),
    )


@dataclass(frozen=True)
class VersionDates:
    number: int
    in_force_from: dt.date


def version_in_force(versions: Sequence[VersionDates], on: dt.date) -> int | None:
    """The approved version a return filed on `on` is filled on: the latest in force by then, or None."""
    current = [v for v in versions if v.in_force_from <= on]
    return max(current, key=lambda v: (v.in_force_from, v.number)).number if current else None


# A return's period is the core's periodic report period: a calendar year (2025) or quarter (2026-Q1).
Period = periods.Period


def period_of(periodicity: str, year: int, number: int) -> Period:
    """The period a return covers: the year, or quarter `number` of it."""
    if periodicity == "year":
        return Period.of_year(year)
    if not 1 <= number <= 4:
        raise AssessmentError(_("A quarter is numbered 1 to 4."), "period")
    return Period.of_quarter(year, number)


def last_ended_period(periodicity: str, today: dt.date) -> Period:
    """The latest period whose last day has passed: the one a return is due for."""
    return periods.last_ended(periodicity, today)


def reportable_period(periodicity: str, year: int, number: int, today: dt.date) -> Period:
    """IP-6.3: a return is on a period that has ended (administrative data is on what happened), from the law's first
    year; the refusal names the latest period that may be filed."""
    if year < FIRST_YEAR:
        raise AssessmentError(_("File a period from %(first)s on: the law's forms start then.") % {"first": FIRST_YEAR})
    period = period_of(periodicity, year, number)
    if not period.ended_by(today):
        latest = last_ended_period(periodicity, today)
        raise AssessmentError(
            _(
                "The period %(period)s has not ended yet: a return is filed on an ended period. The latest is "
                "%(latest)s."
            )
            % {"period": period.label(), "latest": latest.label()},
            "period",
        )
    return period


def return_due(period: Period) -> Explained[dt.date]:
    """IP-6.3: a return is due within the term (a dated parameter) after its period, moved to the next working day
    when it falls on a day off."""
    return periods.due_on(RETURN_TERM, period)


def _number(text: str) -> Decimal:
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def values_of(fields: Sequence[Field], raw: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """A return's values as filled on a version's fields: each parsed by its kind and kept as text (a Decimal written
    exactly), and the problems by field. A required field left empty, a whole number with a fraction, an amount with
    more than two decimal places or a negative number are problems; unknown fields are refused."""
    values: dict[str, str] = {}
    problems: dict[str, str] = {}
    known = {f.code for f in fields}
    for code in raw:
        if code not in known:
            problems[code] = _("“%(code)s” is not a field of this version of the form.") % {"code": str(code)[:40]}
    for f in fields:
        given = raw.get(f.code)
        text = "" if given is None else str(given).strip()
        if not text:
            if f.required:
                problems[f.code] = _("Fill in this field.")
            continue
        if f.kind == "text":
            values[f.code] = text[:2000]
            continue
        try:
            number = _number(text)
        except InvalidOperation:
            problems[f.code] = _("Write a number, such as 1500000.00.")
            continue
        if not number.is_finite() or number < 0 or number >= MAX_NUMBER:
            problems[f.code] = _("Write a number, zero or more.")
        elif f.kind == "integer" and number != number.to_integral_value():
            problems[f.code] = _("Write a whole number.")
        elif f.kind == "amount" and number.as_tuple().exponent < -2:  # type: ignore[operator]
            problems[f.code] = _("Give tenge with at most 2 decimal places.")
        else:
            values[f.code] = str(number.quantize(Decimal(1)) if f.kind == "integer" else number)
    return values, problems
