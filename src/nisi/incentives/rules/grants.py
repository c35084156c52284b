"""Industrial grants (IP-42): what only the grants add to the core's financing by call (ADR 27, ADR 30). Pure
functions: no database, no clock; each takes the dates and amounts it decides on.

* IP-42.2 — grants are given through co-financing: the applicant brings its own share of the project's cost, at
  least the dated parameter `grant_own_share_min` (the rules for granting grants set it; unconfirmed).
* IP-42.1, IP-27.3 — a grant is irrevocable subject to the counter-obligations: the agreement records yearly
  targets in the areas of IP-27.3 (`counter_obligations.Area`), each above zero and within the agreement's years.
* IP-42.1, IP-27.4 — the recipient reports the actual figures of each year of the agreement (`result_periods`); a
  shortfall returns the money received as the counter-obligations' rules say, computed by the same functions
  (`counter_obligations.achieved_level`, `counter_obligations_refund`), each payment counting in the year it was
  received (`payments`).
* IP-42.5 — the balance of the institute's grant account at the end of the financial year (31 December) is not
  returned to the authorized body nor to the budget: it is spent on grants in the next financial year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from nisi.incentives.rules.counter_obligations import AREA_LABELS, Area, CounterObligationError, Period

ZERO = Decimal(0)
SHARE_PLACES = Decimal("0.0001")
TIYN = Decimal("0.01")


def own_share(*, own: Decimal, grant: Decimal) -> Decimal:
    """The applicant's own share of the project's cost (own contribution over own contribution plus the grant),
    to 0.01 % and never above what was brought (rounded down) (IP-42.2)."""
    total = own + grant
    if total <= 0:
        return ZERO
    return (own / total).quantize(SHARE_PLACES, rounding=ROUND_DOWN)


def cofinancing_problems(*, own: Decimal, grant: Decimal, minimum: Decimal) -> list[str]:
    """IP-42.2: the applicant co-finances the project; its own share is at least `minimum`."""
    if own <= 0:
        return [
            _("Give your own contribution to the project: industrial grants are given through co-financing (IP-42.2).")
        ]
    share = own_share(own=own, grant=grant)
    if share < minimum:
        least = (grant * minimum / (1 - minimum)).quantize(TIYN)
        return [
            _(
                "Your own contribution is %(share)s%% of the project's cost; co-financing requires at least "
                "%(minimum)s%% (IP-42.2). Bring at least %(least)s tenge of your own or ask for a smaller grant."
            )
            % {
                "share": format((share * 100).normalize(), "f"),
                "minimum": format((minimum * 100).normalize(), "f"),
                "least": least,
            }
        ]
    return []


@dataclass(frozen=True)
class Target:
    """A counter-obligation agreed in a grant agreement: an area of IP-27.3, a year, the target value."""

    area: str
    year: int
    target: Decimal

    def as_json(self) -> dict[str, str | int]:
        return {"area": self.area, "year": self.year, "target": str(self.target)}


def targets_from(rows: Iterable[Mapping[str, object]]) -> tuple[list[Target], list[str]]:
    """Reads targets as typed in a form or the API; the problems name each row that cannot be read."""
    targets: list[Target] = []
    problems: list[str] = []
    for i, row in enumerate(rows, start=1):
        try:
            targets.append(Target(str(row["area"]), int(str(row["year"])), Decimal(str(row["target"]))))
        except (KeyError, ValueError, InvalidOperation):
            problems.append(_("Counter-obligation %(i)s: give its area, year and target as a number.") % {"i": i})
    return targets, problems


def target_problems(targets: list[Target], *, signed_on: dt.date, ends_on: dt.date) -> list[str]:
    """IP-42.1, IP-27.3: at least one counter-obligation; each in an area of IP-27.3, in a year of the agreement,
    above zero (a zero target is no obligation, as in ADR 0028), and one target per area and year."""
    if not targets:
        return [_("Record at least one counter-obligation: a grant is irrevocable subject to them (IP-42.1).")]
    problems: list[str] = []
    areas = {a.value for a in Area}
    seen: set[tuple[str, int]] = set()
    for t in targets:
        if t.area not in areas:
            problems.append(
                _("“%(area)s” is not an area of counter-obligations; choose one of: %(areas)s (IP-27.3).")
                % {"area": t.area, "areas": ", ".join(str(AREA_LABELS[a]) for a in Area)}
            )
        if not signed_on.year <= t.year <= ends_on.year:
            problems.append(
                _("The target for %(year)s is outside the agreement's years, %(first)s to %(last)s.")
                % {"year": t.year, "first": signed_on.year, "last": ends_on.year}
            )
        if not t.target.is_finite() or t.target < 0:
            problems.append(_("A target cannot be negative; give the value the recipient undertakes to reach."))
        elif t.target == 0:
            problems.append(_("A target of zero is no obligation; give a value above zero or leave the area out."))
        if (t.area, t.year) in seen:
            problems.append(_("Two targets are given for the same area in %(year)s; keep one.") % {"year": t.year})
        seen.add((t.area, t.year))
    return problems


def year_end(year: int) -> dt.date:
    """The end of a financial year: 31 December (the budget's financial year is the calendar year)."""
    return dt.date(year, 12, 31)


@dataclass(frozen=True)
class YearClosing:
    """The closing of a year of the grant account (IP-42.5): the balance, all of it carried into the next year,
    nothing returned to the authorized body or the budget."""

    year: int
    balance: Decimal
    carried_forward: Decimal
    into_year: int
    returned_to_budget: Decimal


def close_year(*, year: int, on: dt.date, brought_forward: Decimal, received: Decimal, paid: Decimal) -> YearClosing:
    """IP-42.5: closes the year `year` of the grant account on `on`, which is its 31 December or later; the
    balance (brought forward + received − paid) is carried into year + 1 and never returned to the budget."""
    if on < year_end(year):
        raise ValueError(
            _("The financial year %(year)s ends on %(end)s; close it on that day or later.")
            % {"year": year, "end": year_end(year).isoformat()}
        )
    balance = brought_forward + received - paid
    if balance < 0:
        raise ValueError(_("More was paid than the account held; check the payments of %(year)s.") % {"year": year})
    return YearClosing(year=year, balance=balance, carried_forward=balance, into_year=year + 1, returned_to_budget=ZERO)


def payment_problems(*, balance: Decimal, amount: Decimal, year: int) -> list[str]:
    """A grant is paid from the account's balance of the year of payment (IP-42.5): never more than it holds."""
    if amount > balance:
        return [
            _(
                "The grant account holds %(balance)s tenge in %(year)s, less than the tranche's %(amount)s tenge. "
                "Record the budget funds received first."
            )
            % {"balance": balance, "year": year, "amount": amount}
        ]
    return []


def result_periods(*, signed_on: dt.date, ends_on: dt.date) -> tuple[Period, ...]:
    """The periods a grant recipient reports its counter-obligations' actual figures for (IP-42.1, IP-27.3): the
    agreement's years, as its targets are set by year — each calendar year cut to the agreement's term, the first
    from the signing, the last to its end."""
    if ends_on < signed_on:
        raise CounterObligationError([_("An agreement cannot end before it is signed: correct its dates.")])
    return tuple(
        Period(max(signed_on, dt.date(year, 1, 1)), min(ends_on, year_end(year)))
        for year in range(signed_on.year, ends_on.year + 1)
    )


def targets_in(targets: Iterable[Mapping[str, object]], period: Period) -> dict[str, Decimal]:
    """The agreement's targets for the year of `period`, area by area, as recorded (`Target.as_json`)."""
    return {str(t["area"]): Decimal(str(t["target"])) for t in targets if int(str(t["year"])) == period.start.year}
