"""The list of priority goods (IP-26): which version is in force on a date, and a good's row as the methodology
scores it (IP-26.2). Pure: no database."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext

from nisi.law import params

LEVELS = ("medium", "high")
SCORES = ("technological_complexity", "export_potential", "domestic_market_potential")
SCORE_MAX = "priority_goods_score_max"


def version_in_force(versions: Iterable[tuple[int, dt.date]], on: dt.date) -> int | None:
    """IP-26: the version in force on `on` is the latest one in force from that day or before; a good leaves the
    list only when a later version without it comes into force."""
    in_force = [(start, number) for number, start in versions if start <= on]
    return max(in_force)[1] if in_force else None


@dataclass(frozen=True)
class GoodRow:
    hs_code: str
    name: str
    level: str
    technological_complexity: Decimal
    export_potential: Decimal
    domestic_market_potential: Decimal


def _score(text: str, top: Decimal) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0 or value > top or value.as_tuple().exponent < -2:  # type: ignore[operator]
        return None
    return value


def good_row(row: dict[str, str], on: dt.date) -> tuple[GoodRow | None, list[str]]:
    """A row of an uploaded version: a good of medium or high processing level (IP-26.1) with its three criteria
    scores (IP-26.2), each from zero to the methodology's highest score. Returns the row or every problem."""
    problems: list[str] = []
    code = row.get("hs_code", "").strip().replace(" ", "").replace(".", "")
    if not re.fullmatch(r"[0-9]{4,10}", code):
        problems.append(gettext("hs_code must be an HS / TN VED code of 4 to 10 digits"))
    name = row.get("name", "").strip()
    if not name or len(name) > 300:
        problems.append(gettext("name must be the good's name, at most 300 characters"))
    level = row.get("level", "").strip().lower()
    if level not in LEVELS:
        problems.append(
            gettext("level must be medium or high: the list holds goods of medium and high processing levels (IP-26.1)")
        )
    top = Decimal(str(params.value_on(SCORE_MAX, on).value))
    scores: dict[str, Decimal] = {}
    for name_ in SCORES:
        value = _score(row.get(name_, ""), top)
        if value is None:
            problems.append(
                gettext("%(column)s must be a score from 0 to %(max)s with at most 2 decimal places")
                % {"column": name_, "max": top}
            )
        else:
            scores[name_] = value
    if problems:
        return None, problems
    return GoodRow(hs_code=code, name=name, level=level, **scores), []
