"""Domestic value development programmes (IP-61-1) as pure functions: who agrees a programme, the years it covers,
the only grounds on which it may be refused, what each of its areas must hold, the report on a year, and what a
failure to implement it entails. No database, no clock: every function takes the date it applies on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from nisi.law import legal_calendar, params
from nisi.law.trace import Explained

# The kinds of large customers (IP-1.25), as LargeCustomerKind stores them (rules do not import models).
QUASI_PUBLIC = "quasi_public"
SUBSOIL_USER = "subsoil_user"
NATURAL_MONOPOLY = "natural_monopoly"
SYSTEMIC_ENTERPRISE = "systemic_enterprise"
KINDS = (QUASI_PUBLIC, SUBSOIL_USER, NATURAL_MONOPOLY, SYSTEMIC_ENTERPRISE)

# Who agrees (IP-61-1.2): the authorized body for every kind; for natural monopolies also the state body overseeing
# the relevant sphere of natural monopolies (the regulator).
AUTHORIZED_BODY = "authorized_body"
REGULATOR = "natural_monopoly_regulator"

# The only grounds for refusing to agree a programme (IP-61-1.2, part five), each with its subparagraph.
UNDERESTIMATED_TARGETS = "underestimated_targets"
INAPPROPRIATE_CONTRACT_INDICATORS = "inappropriate_contract_indicators"
NO_SME_MEASURES = "no_sme_measures"
REFUSAL_GROUNDS: dict[str, str] = {
    UNDERESTIMATED_TARGETS: "IP-61-1.2.1",
    INAPPROPRIATE_CONTRACT_INDICATORS: "IP-61-1.2.2",
    NO_SME_MEASURES: "IP-61-1.2.3",
}

# The four areas every programme covers (IP-61-1.3), each with its subparagraph.
DOMESTIC_SHARE = "domestic_share"
INDUSTRIAL_CONTRACTS = "industrial_contracts"
SME_DEVELOPMENT = "sme_development"
OTHER = "other"
AREAS: dict[str, str] = {
    DOMESTIC_SHARE: "IP-61-1.3.1",
    INDUSTRIAL_CONTRACTS: "IP-61-1.3.2",
    SME_DEVELOPMENT: "IP-61-1.3.3",
    OTHER: "IP-61-1.3.4",
}
# "Other areas" (IP-61-1.3.4) is open: a programme need not name one, but one it names is planned like the rest.
REQUIRED_AREAS = (DOMESTIC_SHARE, INDUSTRIAL_CONTRACTS, SME_DEVELOPMENT)

AREA_NAMES = {
    DOMESTIC_SHARE: _("Increasing the share of domestic value in the procurement of goods"),
    INDUSTRIAL_CONTRACTS: _("Planning, concluding and executing contracts aimed at industrial development"),
    SME_DEVELOPMENT: _("Development of small and medium-sized enterprises"),
    OTHER: _("Other areas"),
}

# How the authorized body recognises a programme's obligations (IP-61-1.6).
FULFILLED = "fulfilled"
NOT_FULFILLED = "not_fulfilled"

HUNDRED = Decimal(100)


def agreeing_bodies(kind: str) -> tuple[str, ...]:
    """Whose agreement a programme needs (IP-61-1.2): the authorized body for state stimulation of industry for
    every kind of large customer, and for a natural monopoly (not a small one) also the state body overseeing its
    sphere of natural monopolies."""
    if kind not in KINDS:
        raise ValueError(gettext("Choose the kind of large customer (IP-1.25)."))
    return (AUTHORIZED_BODY, REGULATOR) if kind == NATURAL_MONOPOLY else (AUTHORIZED_BODY,)


def programme_years(first_year: int, on: dt.date) -> tuple[int, ...]:
    """The calendar years a programme covers: it is developed for three years (IP-61-1.2; the period is the
    dated parameter `domestic_value_programme_period` in force on `on`)."""
    period = int(params.value_on("domestic_value_programme_period", on).value)
    if not 2000 <= first_year <= 2100 - period:
        raise ValueError(gettext("Enter the programme's first year as four digits, for example 2026."))
    return tuple(range(first_year, first_year + period))


def first_year_problems(first_year: int, on: dt.date) -> list[str]:
    """A programme is developed ahead: its first year is the current year or a later one (IP-61-1.1: develop,
    approve and implement)."""
    if first_year < on.year:
        return [gettext("A programme starts in the current year or a later one: correct the first year.")]
    if first_year > on.year + 3:
        return [gettext("A programme is developed at most three years ahead: correct the first year.")]
    return []


def refusal_problems(ground: str, reasons: str) -> list[str]:
    """A programme is refused only on one of the three grounds of IP-61-1.2 (underestimated targets for the share
    of domestic value in procurement; indicators for planning and concluding contracts aimed at industrial
    development that do not fit the number of applications from industrial and innovative entities; no measures to
    develop small and medium-sized enterprises), named, with the reasons the customer reads."""
    problems = []
    if ground not in REFUSAL_GROUNDS:
        problems.append(
            gettext(
                "A programme may be refused only on one of the three grounds of IP-61-1.2: choose the ground, or "
                "agree the programme."
            )
        )
    if not reasons.strip():
        problems.append(gettext("Say what in the programme meets the ground, so that the customer can correct it."))
    return problems


@dataclass(frozen=True)
class PlannedAction:
    description: str
    due_on: dt.date


@dataclass(frozen=True)
class PlannedTarget:
    indicator: str
    is_share: bool  # a share of domestic value, in per cent
    baseline: Decimal
    values: Mapping[int, Decimal]  # year -> target


@dataclass(frozen=True)
class PlannedArea:
    area: str
    actions: Sequence[PlannedAction] = ()
    targets: Sequence[PlannedTarget] = field(default_factory=tuple)


def action_problems(due_on: dt.date, years: Sequence[int]) -> list[str]:
    """An action is due within the programme's years (IP-61-1.4: an action plan of specific measures)."""
    if due_on.year < years[0] or due_on.year > years[-1]:
        return [
            gettext("An action is due within the programme's years, %(first)s to %(last)s: correct the due date.")
            % {"first": years[0], "last": years[-1]}
        ]
    return []


def target_problems(target: PlannedTarget, years: Sequence[int]) -> list[str]:
    """A target has its baseline and a value for each year of the programme (IP-61-1.4: specific targets); a share
    of domestic value lies between 0 and 100 per cent; nothing is negative."""
    problems = []
    if sorted(target.values) != list(years):
        problems.append(
            gettext("Give the target “%(indicator)s” a value for each year of the programme, %(first)s to %(last)s.")
            % {"indicator": target.indicator, "first": years[0], "last": years[-1]}
        )
    figures = [target.baseline, *target.values.values()]
    if any(v < 0 for v in figures):
        problems.append(gettext("A baseline or a target cannot be negative."))
    elif target.is_share and any(v > HUNDRED for v in figures):
        problems.append(gettext("A share of domestic value is at most 100 per cent."))
    return problems


def completeness_problems(areas: Iterable[PlannedArea], years: Sequence[int]) -> list[str]:
    """What a programme lacks before it is submitted: each area of IP-61-1.3 (the first three always, "other
    areas" when named) has an action plan with at least one action and at least one target (IP-61-1.4), every
    action within the programme's years and every target with a value for each year; and the area of the share
    of domestic value in procurement has a target for that share (IP-61-1.3.1)."""
    by_area = {a.area: a for a in areas}
    problems = []
    for area, provision in AREAS.items():
        planned = by_area.get(area)
        if planned is None or (not planned.actions and not planned.targets):
            if area in REQUIRED_AREAS:
                problems.append(
                    gettext("The area “%(area)s” (%(provision)s) has no actions or targets yet.")
                    % {"area": AREA_NAMES[area], "provision": provision}
                )
            continue
        if not planned.actions:
            problems.append(
                gettext("Add at least one action to the area “%(area)s” (IP-61-1.4).") % {"area": AREA_NAMES[area]}
            )
        if not planned.targets:
            problems.append(
                gettext("Add at least one target to the area “%(area)s” (IP-61-1.4).") % {"area": AREA_NAMES[area]}
            )
        for action in planned.actions:
            problems.extend(action_problems(action.due_on, years))
        for target in planned.targets:
            problems.extend(target_problems(target, years))
        if area == DOMESTIC_SHARE and planned.targets and not any(t.is_share for t in planned.targets):
            problems.append(
                gettext(
                    "The area of the share of domestic value needs a target for that share, in per cent (IP-61-1.3.1)."
                )
            )
    return list(dict.fromkeys(problems))


def report_year_problems(year: int, years: Sequence[int], on: dt.date) -> list[str]:
    """Information on a programme's implementation (IP-61-1.5) is given for a year of the programme that has
    ended."""
    if year not in years:
        return [
            gettext("Report on a year of the programme, %(first)s to %(last)s.")
            % {"first": years[0], "last": years[-1]}
        ]
    if on <= dt.date(year, 12, 31):
        return [gettext("Report on a year that has ended: the report for %(year)s is due after it.") % {"year": year}]
    return []


def report_due(year: int) -> Explained[dt.date]:
    """When the information on a year's implementation is due (IP-61-1.5; the day of the following year is the
    dated parameter `domestic_value_programme_report_due`, unconfirmed until the programme rules are read)."""
    start = dt.date(year + 1, 1, 1)
    value = params.value_on("domestic_value_programme_report_due", start)
    due = legal_calendar.by_annual_date(year + 1, str(value.value), provision=value.provisions[0])
    return Explained(due.value, (value.step(), *due.steps))


def target_met(planned: Decimal, actual: Decimal | None) -> bool | None:
    """Whether a year's target was reached, for the authorized body's monitoring (IP-61-1.5): the indicators are of
    the "at least" kind (a share, a number of contracts or of enterprises supported); None when not reported."""
    if actual is None:
        return None
    return actual >= planned


def fulfilment_problems(outcome: str, no_fault: bool, no_fault_reason: str, reasons: str) -> list[str]:
    """Recognising a programme's obligations as fulfilled or not (IP-61-1.6): the outcome is one of the two, with
    the reasons; "not through the customer's fault" is recorded only for a failure, and only with its reason."""
    problems = []
    if outcome not in (FULFILLED, NOT_FULFILLED):
        problems.append(gettext("Choose whether the programme's obligations are fulfilled or not."))
    if not reasons.strip():
        problems.append(gettext("Give the reasons for the recognition; the customer reads them."))
    if no_fault and outcome == FULFILLED:
        problems.append(gettext("“Not the customer's fault” is recorded only for a programme not fulfilled."))
    if no_fault and not no_fault_reason.strip():
        problems.append(
            gettext("Say why the failure was not the customer's fault (IP-61-1.6); the reason is kept on record.")
        )
    return problems


def liability_applies(outcome: str, no_fault: bool) -> bool:
    """A failure to implement a programme entails liability under the laws, except where it occurred through no
    fault of the large customer (IP-61-1.6, part two)."""
    return outcome == NOT_FULFILLED and not no_fault
