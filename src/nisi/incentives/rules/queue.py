"""The queue of a measure whose budget is limited, and the request to be told when a measure opens. Pure: the
services lock, number and journal; this decides who stands within the budget, what the public may read of an entity,
and whether an entity is told on the day a measure opens.

IP-25.5: measures are provided on the terms of the four conditions; IP-25.6: a failed condition is the basis for
refusal. Only a request that passed them takes a place, so no money is held for an application that would be refused.
IP-27.2: counter-obligations apply on the principles of legality, transparency, equality and good faith — the queue
is public so that anyone can check its order. The order is strict: a place within the budget is one whose amount,
added to those of every earlier place still held, fits; the first that does not fit and every place after it wait
(a later, smaller request does not pass an earlier one, so splitting a request gains nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from nisi.incentives.rules.conditions import Condition
from nisi.incentives.rules.findings import Finding

RESERVED, GRANTED, RELEASED = "reserved", "granted", "released"
HELD = (RESERVED, GRANTED)
WITHIN, WAITING = "within", "waiting"
MAX_AMOUNT = Decimal("9999999999999999.99")


@dataclass(frozen=True)
class PlaceIn:
    place: int
    amount: Decimal
    status: str


@dataclass(frozen=True)
class Standing:
    place: int
    amount: Decimal
    status: str
    standing: str  # within / waiting / released
    cumulative: Decimal | None  # what the budget holds up to and including this place, when it is held


@dataclass(frozen=True)
class Queue:
    budget: Decimal
    places: tuple[Standing, ...]

    @property
    def held(self) -> Decimal:
        """Reserved and granted within the budget."""
        return sum((p.amount for p in self.places if p.standing == WITHIN), Decimal("0.00"))

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.held

    @property
    def waiting(self) -> int:
        return sum(1 for p in self.places if p.standing == WAITING)


def standing(budget: Decimal, places: Sequence[PlaceIn]) -> Queue:
    """Each place's standing in strict order of places: within the budget while every held place up to it fits;
    the first held place that does not fit, and every held place after it, wait. Released places keep their number
    and hold nothing (places are never reused)."""
    if budget <= 0:
        raise ValueError(_("The budget must be above zero."))
    out: list[Standing] = []
    total = Decimal("0.00")
    fits = True
    for p in sorted(places, key=lambda p: p.place):
        if p.status not in HELD:
            out.append(Standing(p.place, p.amount, p.status, RELEASED, None))
            continue
        total += p.amount
        fits = fits and total <= budget
        out.append(Standing(p.place, p.amount, p.status, WITHIN if fits else WAITING, total))
    return Queue(budget, tuple(out))


def standing_of(queue: Queue, place: int) -> str | None:
    return next((p.standing for p in queue.places if p.place == place), None)


def amount_problems(raw: object) -> tuple[Decimal | None, list[str]]:
    """The amount asked of a measure with a budget: tenge above zero, to the tiyn (two decimal places at most)."""
    text = str(raw if raw is not None else "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not text:
        return None, [_("Give the amount you ask for, in tenge.")]
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, [_("Enter the amount as a number of tenge, for example 150000000.00.")]
    if not value.is_finite() or value <= 0:
        return None, [_("The amount must be above zero.")]
    if value != value.quantize(Decimal("0.01")):
        return None, [_("Give the amount to the tiyn: at most two digits after the point.")]
    if value > MAX_AMOUNT:
        return None, [_("The amount is too large: check the number of digits.")]
    return value.quantize(Decimal("0.01")), []


def budget_problems(
    *, period_start: dt.date, period_end: dt.date, amount: Decimal, others: Sequence[tuple[dt.date, dt.date]]
) -> list[str]:
    """A measure's budget for a period: the period ordered, the amount above zero, and no other budget of the same
    measure overlapping it (one budget answers for a day)."""
    problems: list[str] = []
    if period_end < period_start:
        problems.append(_("The period ends before it starts: correct the dates."))
    if amount <= 0:
        problems.append(_("The budget must be above zero."))
    for start, end in others:
        if start <= period_end and period_start <= end:
            problems.append(
                _("The measure already has a budget for %(start)s – %(end)s: choose a period that does not overlap it.")
                % {"start": start.strftime("%d.%m.%Y"), "end": end.strftime("%d.%m.%Y")}
            )
    return problems


def budget_on(budgets: Sequence[tuple[int, dt.date, dt.date]], on: dt.date) -> int | None:
    """The budget (its key) whose period holds `on`, if any: a measure without one takes no places that day."""
    return next((key for key, start, end in budgets if start <= on <= end), None)


# --- What the public reads of an entity in the queue ---

INDIVIDUAL = "IIN"


def public_entity(identifier_kind: str, identifier: str, name: str) -> tuple[str, str]:
    """(name, identifier) as the public queue shows them: a legal entity by its name and BIN; an individual
    entrepreneur is a natural person, shown by neither name nor IIN (personal data)."""
    if identifier_kind == INDIVIDUAL:
        return "", ""
    return name, identifier


# --- Being told when a measure opens ---

NOTIFY, NOT_ELIGIBLE, NOT_YET = "notify", "not_eligible", "not_yet"


@dataclass(frozen=True)
class AlertDecision:
    outcome: str  # notify / not_eligible / not_yet
    findings: tuple[Finding, ...] = ()


def opened_since(windows: Sequence[tuple[dt.date, dt.date | None]], asked_on: dt.date, on: dt.date) -> bool:
    """Whether the measure is open on `on` in a window that opened after the day the entity asked (the opening it
    asked to be told of)."""
    return any(asked_on < start <= on and (end is None or on <= end) for start, end in windows)


def alert_decision(
    *,
    windows: Sequence[tuple[dt.date, dt.date | None]],
    asked_on: dt.date,
    on: dt.date,
    conditions: Sequence[Condition],
) -> AlertDecision:
    """On a day, for an entity that asked to be told when a measure opens: not yet, while no window opened since it
    asked; otherwise told once, only if it would pass every condition of IP-25.5 that day (those known without an
    application: the acceptance of counter-obligations is asked when it applies), and not told, with the findings
    that would refuse it (IP-25.6), if it would not."""
    if not opened_since(windows, asked_on, on):
        return AlertDecision(NOT_YET)
    failed = tuple(f for c in conditions if c.passed is False for f in c.findings)
    if failed:
        return AlertDecision(NOT_ELIGIBLE, failed)
    return AlertDecision(NOTIFY)
