"""Counter-obligations' actual figures from the state's systems (IP-27.1, IP-27.3), for the agreement's whole term.
Pure: the services ask the systems through the gateway and store what they answered; this says which figures a
period needs as of which day, how each area's figure is made from the answers, and which figure "what you would owe
today" uses.

The areas of IP-27.3 and the state data that measure them (nisi's reading, ADR on the queue and state data):
- increase in labour productivity — IP-25.4.5 defines it as "the ratio of production volume and labour resources":
  the output declared to the tax authority (turnover of the period) divided by the average number of employees
  for whom pension contributions were paid (the pension payment centre), in tenge per employee;
- increasing the production of export-oriented goods — the customs value of the goods exported in the period
  (export declarations, customs);
- meeting the needs of the domestic market — the turnover sold on the domestic market declared to the tax authority.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from nisi.incentives.rules.counter_obligations import Area, Period

CENT = Decimal("0.01")
TAX, EMPLOYMENT, CUSTOMS = "kgd_vat", "gcvp_staff", "customs"
SOURCES_OF: dict[str, tuple[str, ...]] = {
    Area.LABOUR_PRODUCTIVITY: (TAX, EMPLOYMENT),
    Area.EXPORT_OUTPUT: (CUSTOMS,),
    Area.DOMESTIC_MARKET: (TAX,),
}
STATE, CONTESTED, REPORTED = "state", "contested", "reported"


def month_end_before(on: dt.date) -> dt.date:
    """The last day of the month before `on`'s: the state's monthly figures are complete up to it."""
    first = on.replace(day=1)
    return first - dt.timedelta(days=1)


def fetch_as_of(period: Period, today: dt.date) -> dt.date | None:
    """The day up to which a period's figures are asked today: the end of the last complete month, or the period's
    end once it has passed; None while no complete month of the period has passed."""
    as_of = min(month_end_before(today), period.end)
    return as_of if as_of >= period.start else None


def sources_needed(areas: Sequence[str]) -> tuple[str, ...]:
    """The systems to ask for the areas with a target (each once)."""
    found: list[str] = []
    for area in areas:
        for source in SOURCES_OF.get(area, ()):
            if source not in found:
                found.append(source)
    return tuple(found)


def _money(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and number >= 0 else None


@dataclass(frozen=True)
class Figure:
    area: str
    value: Decimal
    used: dict[str, str]  # the source's figures it was made from, written out


def labour_productivity(output: Decimal, employees: Sequence[int]) -> Decimal | None:
    """IP-25.4.5: production volume over labour resources — the period's output over the average number of
    employees in its months, to the tiyn; None when no employee was reported (no ratio)."""
    staff = [e for e in employees if e > 0]
    if not staff or len(staff) != len(employees):
        return None
    average = Decimal(sum(staff)) / Decimal(len(staff))
    return (output / average).quantize(CENT, rounding=ROUND_HALF_UP)


def figures(areas: Sequence[str], answers: Mapping[str, Mapping[str, Any]]) -> tuple[list[Figure], list[str]]:
    """Each area's figure from the systems' answers (`answers[source]` is its `data`), and the areas no figure
    could be made for (an answer without the fields, no employees): those stay for the recipient to report."""
    found: list[Figure] = []
    missing: list[str] = []
    tax = answers.get(TAX, {})
    for area in areas:
        figure: Figure | None = None
        if area == Area.DOMESTIC_MARKET:
            domestic = _money(tax.get("domestic_turnover_kzt"))
            if domestic is not None:
                figure = Figure(area, domestic.quantize(CENT), {"domestic_turnover_kzt": str(domestic)})
        elif area == Area.EXPORT_OUTPUT:
            exported = _money(answers.get(CUSTOMS, {}).get("export_value_kzt"))
            if exported is not None:
                figure = Figure(area, exported.quantize(CENT), {"export_value_kzt": str(exported)})
        elif area == Area.LABOUR_PRODUCTIVITY:
            domestic = _money(tax.get("domestic_turnover_kzt"))
            exported = _money(tax.get("export_turnover_kzt"))
            months = answers.get(EMPLOYMENT, {}).get("employees_by_month") or []
            employees = [int(m.get("employees", 0) or 0) for m in months if isinstance(m, dict)]
            if domestic is not None and exported is not None and employees:
                value = labour_productivity(domestic + exported, employees)
                if value is not None:
                    figure = Figure(
                        area,
                        value,
                        {
                            "output_kzt": str(domestic + exported),
                            "employees": ", ".join(str(e) for e in employees),
                        },
                    )
        if figure is None:
            missing.append(area)
        else:
            found.append(figure)
    return found, missing


@dataclass(frozen=True)
class Used:
    value: Decimal
    origin: str  # state / contested (the recipient's own figure) / reported (the recipient's report)
    as_of: dt.date | None


def figures_for_estimate(
    *, reported: Mapping[str, Any] | None, state: Mapping[str, tuple[Decimal, str, Decimal | None, dt.date]]
) -> dict[str, Used]:
    """Which figure of each area "what you would owe today" uses: the recipient's report for the period if it made
    one; otherwise the latest figure from the state's systems, or the recipient's own figure where it contested
    that one. `state[area]` is (value, status, contested value, as of)."""
    if reported:
        return {area: Used(Decimal(str(value)), REPORTED, None) for area, value in reported.items()}
    used: dict[str, Used] = {}
    for area, (value, status, contested, as_of) in state.items():
        if status == CONTESTED and contested is not None:
            used[area] = Used(contested, CONTESTED, as_of)
        else:
            used[area] = Used(value, STATE, as_of)
    return used


def month_days(day: dt.date) -> int:
    return calendar.monthrange(day.year, day.month)[1]
