"""Counter-obligations (IP-27): the three areas, the agreement's yearly periods, the achieved level per area and
overall, and the checks the services make before they record targets, a report or a refund. Pure functions: no
database, no clock; each takes the dates it applies on. The refund itself is in `counter_obligations_refund`.

IP-27.1: the agreement provides for the state's obligation to provide measures of state incentives and the
recipient's obligation to fulfil counter-obligations. IP-27.3: counter-obligations are applied "in aggregate or
separately" in three areas — increase in labour productivity, increasing the production of export-oriented goods,
meeting the needs of the domestic market. How the areas combine into one level is left to the rules for
determining and applying counter-obligations (IP-9.27), which were not read: the weights are dated parameters
(`counter_obligation_weight_*`, unconfirmed), see ADR 0028.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from enum import StrEnum

from django.utils.translation import gettext, gettext_lazy, gettext_noop

from nisi.incentives.rules.counter_obligations_display import Day, Figure, Percent, WeightedTerms, parameter_step
from nisi.law import params
from nisi.law.trace import Explained, Step

ZERO = Decimal(0)
ONE = Decimal(1)
# A level is kept to 0.01 % and never shown higher than it was reached (rounded down): 99.996 % is 99.99 %, a
# shortfall, not fulfilment. The law sets no precision; this is nisi's (ADR 0028).
LEVEL_PLACES = Decimal("0.0001")


class Area(StrEnum):
    """The three areas of counter-obligations (IP-27.3)."""

    LABOUR_PRODUCTIVITY = "labour_productivity"
    EXPORT_OUTPUT = "export_output"
    DOMESTIC_MARKET = "domestic_market"


AREA_LABELS = {
    Area.LABOUR_PRODUCTIVITY: gettext_lazy("increase in labour productivity"),
    Area.EXPORT_OUTPUT: gettext_lazy("increasing the production of export-oriented goods"),
    Area.DOMESTIC_MARKET: gettext_lazy("meeting the needs of the domestic market"),
}


class CounterObligationError(ValueError):
    """Input the rules cannot compute on; `problems` says each thing to correct, in the reader's language."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def refuse_if(problems: list[str]) -> None:
    if problems:
        raise CounterObligationError(problems)


# --- Periods ---


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period of an agreement, both days included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise CounterObligationError([gettext("A period cannot end before it starts: correct its dates.")])

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{Day(self.start)}–{Day(self.end)}"


def _add_years(day: dt.date, years: int) -> dt.date:
    year = day.year + years
    return dt.date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def agreement_periods(starts_on: dt.date, ends_on: dt.date) -> tuple[Period, ...]:
    """The agreement's reporting periods: its years counted from the day it takes effect, the last one ending with
    the agreement (IP-27.1: the agreement provides for the counter-obligations, with yearly targets). A year that
    starts on 1 July ends on 30 June and spans a year end."""
    if ends_on < starts_on:
        raise CounterObligationError([gettext("An agreement cannot end before it takes effect: correct its dates.")])
    periods = []
    start, n = starts_on, 1
    while start <= ends_on:
        end = min(ends_on, _add_years(starts_on, n) - dt.timedelta(days=1))
        periods.append(Period(start, end))
        start, n = end + dt.timedelta(days=1), n + 1
    return tuple(periods)


# --- Validation the services call before they write ---


def _area(name: str) -> Area | None:
    try:
        return Area(name)
    except ValueError:
        return None


def _label(name: str) -> str:
    area = _area(name)
    return str(AREA_LABELS[area]) if area else name


def _amount(value: object) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return amount if amount.is_finite() else None


def target_problems(targets: Mapping[str, object]) -> list[str]:
    """What is wrong with one period's targets (IP-27.3): at least one of the three areas, each target a number
    above zero. A target of zero is no obligation: the area is left out of that period instead."""
    problems = []
    if not targets:
        problems.append(gettext("Set a target in at least one of the three areas of counter-obligations (IP-27.3)."))
    for name, raw in targets.items():
        value = _amount(raw)
        if _area(name) is None:
            problems.append(
                gettext("“%(area)s” is not an area of counter-obligations: use one of the three areas of IP-27.3.")
                % {"area": name}
            )
        elif value is None:
            problems.append(
                gettext("Enter the target for “%(area)s” as a number, for example 1250.5.") % {"area": _label(name)}
            )
        elif value < 0:
            problems.append(
                gettext("A target cannot be negative: correct the target for “%(area)s”.") % {"area": _label(name)}
            )
        elif value == 0:
            problems.append(
                gettext(
                    "A target of zero is no obligation: leave “%(area)s” out of this period, or set a target above "
                    "zero."
                )
                % {"area": _label(name)}
            )
    return problems


def agreement_targets_problems(
    periods: Collection[Period], targets: Mapping[Period, Mapping[str, object]]
) -> list[str]:
    """What is wrong with an agreement's yearly targets: each period of the agreement has its targets, none is set
    for a period outside it, and each period's targets are sound (`target_problems`)."""
    problems = []
    for period in sorted(periods):
        if period not in targets:
            problems.append(gettext("Set the targets for the period %(period)s.") % {"period": period})
    for period, period_targets in sorted(targets.items()):
        if period not in periods:
            problems.append(
                gettext("The period %(period)s is not one of the agreement's periods: set targets for its periods.")
                % {"period": period}
            )
            continue
        problems += [f"{period}: {problem}" for problem in target_problems(period_targets)]
    return problems


def report_problems(
    *,
    period: Period,
    periods: Collection[Period],
    reported: Collection[Period],
    targets: Mapping[str, object],
    actuals: Mapping[str, object],
    on: dt.date,
) -> list[str]:
    """What is wrong with a recipient's report of actual figures for a period (IP-27.1, IP-27.4): the period is one
    of the agreement's and has started by `on`, it has no report yet, and it gives a figure, zero or more, for each
    area with a target in that period and for no other."""
    if period not in periods:
        if not periods:
            return [gettext("The agreement has no periods yet: record its term first.")]
        first, last = min(periods), max(periods)
        return [
            gettext(
                "The period %(period)s is outside the agreement, which runs from %(start)s to %(end)s: report on one "
                "of its periods."
            )
            % {"period": period, "start": Day(first.start), "end": Day(last.end)}
        ]
    if on < period.start:
        return [
            gettext("The period %(period)s has not started: report on it from %(start)s.")
            % {"period": period, "start": Day(period.start)}
        ]
    if period in reported:
        return [
            gettext(
                "The report for the period %(period)s has already been given: correct that report instead of giving "
                "a second one."
            )
            % {"period": period}
        ]
    problems = []
    for name in targets:
        if name not in actuals:
            problems.append(
                gettext("Give the actual figure for “%(area)s”, the area has a target in this period.")
                % {"area": _label(name)}
            )
    for name, raw in actuals.items():
        value = _amount(raw)
        if name not in targets:
            problems.append(
                gettext("The agreement sets no target for “%(area)s” in this period: leave it out of the report.")
                % {"area": _label(name)}
            )
        elif value is None:
            problems.append(
                gettext("Enter the actual figure for “%(area)s” as a number, for example 1250.5.")
                % {"area": _label(name)}
            )
        elif value < 0:
            problems.append(
                gettext("An actual figure cannot be negative: correct the figure for “%(area)s”.")
                % {"area": _label(name)}
            )
    return problems


def refund_problems(*, period: Period, on: dt.date) -> list[str]:
    """A refund is determined once the period has ended (IP-27.4: on non-fulfilment, which is known only then);
    before that the recipient can see a provisional figure."""
    if on <= period.end:
        return [
            gettext(
                "The period %(period)s ends on %(end)s: the refund is determined after that day. Until then you can "
                "see what you would owe today, marked provisional."
            )
            % {"period": period, "end": Day(period.end)}
        ]
    return []


def estimate_problems(*, period: Period, as_of: dt.date) -> list[str]:
    """A provisional figure is for a period that has started and not yet ended on `as_of`."""
    if as_of < period.start:
        return [
            gettext("The period %(period)s has not started: there is nothing to estimate before %(start)s.")
            % {"period": period, "start": Day(period.start)}
        ]
    if as_of > period.end:
        return [
            gettext("The period %(period)s has ended: ask for the refund itself, not a provisional figure.")
            % {"period": period}
        ]
    return []


# --- The achieved level ---


@dataclass(frozen=True)
class AreaLevel:
    """One area's level in a period: the actual figure over the target, at most full fulfilment (IP-27.3)."""

    area: Area
    target: Decimal
    actual: Decimal
    level: Decimal
    weight: int


@dataclass(frozen=True)
class Achievement:
    """The achieved level of fulfilment of a period's counter-obligations (IP-27.4), per area and overall."""

    areas: tuple[AreaLevel, ...]
    level: Decimal
    unconfirmed: bool


def _area_level(target: Decimal, actual: Decimal) -> Decimal:
    return min(ONE, actual / target).quantize(LEVEL_PLACES, rounding=ROUND_DOWN)


def achieved_level(
    *, targets: Mapping[str, object], actuals: Mapping[str, object], agreed_on: dt.date
) -> Explained[Achievement]:
    """The achieved level of fulfilment of counter-obligations (IP-27.4) in the areas of IP-27.3: each area's level
    is its actual figure over its target, at most 100 % (over-fulfilment in one area does not make up for a shortfall
    in another); the overall level is the areas' mean weighted by the dated weights in force when the agreement was
    concluded (`agreed_on`). Each level is kept to 0.01 %, rounded down."""
    problems = target_problems(targets)
    for name in targets:
        if name not in actuals:
            problems.append(gettext("Give the actual figure for “%(area)s”.") % {"area": _label(name)})
    for name, raw in actuals.items():
        value = _amount(raw)
        if name not in targets:
            problems.append(
                gettext("The agreement sets no target for “%(area)s” in this period: leave it out of the report.")
                % {"area": _label(name)}
            )
        elif value is None:
            problems.append(
                gettext("Enter the actual figure for “%(area)s” as a number, for example 1250.5.")
                % {"area": _label(name)}
            )
        elif value < 0:
            problems.append(
                gettext("An actual figure cannot be negative: correct the figure for “%(area)s”.")
                % {"area": _label(name)}
            )
    refuse_if(problems)
    steps: list[Step] = []
    levels: list[AreaLevel] = []
    unconfirmed = False
    for area in Area:  # the law's order, whatever order the caller gave
        if area.value not in targets:
            continue
        target, actual = Decimal(str(targets[area.value])), Decimal(str(actuals[area.value]))
        weight = params.value_on(f"counter_obligation_weight_{area.value}", agreed_on)
        unconfirmed |= weight.unconfirmed
        level = _area_level(target, actual)
        levels.append(AreaLevel(area, target, actual, level, int(weight.value)))
        steps.append(parameter_step(weight))
        steps.append(
            Step(
                message=gettext_noop("%(area)s: actual %(actual)s of target %(target)s = %(level)s"),
                params={
                    "area": AREA_LABELS[area],
                    "actual": Figure(actual),
                    "target": Figure(target),
                    "level": Percent(level),
                },
                provision="IP-27.3",
            )
        )
    total_weight = sum(item.weight for item in levels)
    if total_weight == 0:
        raise CounterObligationError(
            [gettext("The areas with targets all weigh nothing: the authorized body must correct the weights.")]
        )
    overall = (sum((item.level * item.weight for item in levels), ZERO) / total_weight).quantize(
        LEVEL_PLACES, rounding=ROUND_DOWN
    )
    steps.append(
        Step(
            message=gettext_noop("achieved level = (%(terms)s) ÷ %(weights)s = %(level)s"),
            params={
                "terms": WeightedTerms(tuple((item.weight, item.level) for item in levels)),
                "weights": total_weight,
                "level": Percent(overall),
            },
            provision="IP-27.4",
        )
    )
    return Explained(Achievement(tuple(levels), overall, unconfirmed), tuple(steps))
