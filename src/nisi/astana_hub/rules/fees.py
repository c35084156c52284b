"""Membership fees of Astana Hub participants (AH-10.1.4-2): periods, who is charged, due dates, and how payments
settle charges. Pure functions with explicit dates; no database.

The law says only that Astana Hub participants pay membership fees to the Fund "in accordance with the Fund's
operating rules" (AH-10.1.4-2), which the informatization authority approves (AH-9.4.4). It fixes no amount,
period or term, so the Fund keeps them as a versioned schedule (`FeeSchedule`), and the choices the law leaves
open are made here, each in one place:

* Who is charged for a period: the Astana Hub participants (AH-1.4-1, AH-7.2.2-1) on the period's first day.
  A participant registered after the first day pays from the next period — no proration: a fee for the
  participation the period starts with, as membership fees usually are, and one amount everybody can check.
  A participant whose registration ends during a period keeps that period's charge (it was a participant when the
  period began); the Fund may cancel it with reasons.
* When a charge is due: `due_days` calendar days after the period's first day, moved to the next working day when
  it falls on a day off (the Civil Code's rule for terms, as the legal calendar applies it).
* How payments settle charges: oldest charge first (by due date), whatever the payer wrote on the payment order,
  so arrears are always the oldest debts; money beyond every charge is a credit carried forward to the next ones.
* Arrears on a date: what is unpaid of the charges already due before that date, counting the payments received
  up to and including that date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nisi.law import legal_calendar
from nisi.law.trace import Explained

PROVISION = "AH-10.1.4-2"
CHARGE_SUBJECT = "fee_charge"  # journal and deadline subject of a charge: "<BIN>/<period>"
ZERO = Decimal("0.00")


class PeriodKind(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"


KIND_LABEL = {
    PeriodKind.MONTHLY: gettext_lazy("monthly"),
    PeriodKind.QUARTERLY: gettext_lazy("quarterly"),
    PeriodKind.ANNUAL: gettext_lazy("annual"),
}


class PeriodError(ValueError):
    """A period that cannot be read; the message says how to write one."""


@dataclass(frozen=True, order=True)
class Period:
    """A fee period [start, end] of a kind: a month (2025-03), a quarter (2025-Q2) or a year (2025)."""

    start: dt.date
    end: dt.date
    kind: PeriodKind

    @property
    def label(self) -> str:
        if self.kind is PeriodKind.MONTHLY:
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind is PeriodKind.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    def __str__(self) -> str:
        return self.label


_PERIOD = re.compile(r"^(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{2})|[Qq](?P<quarter>[1-4])))?$")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period:
    """`2025-03` (a month), `2025-Q2` (a quarter) or `2025` (a year)."""
    match = _PERIOD.match((text or "").strip())
    if not match or not 2000 <= int(match["year"]) <= 2100:
        raise PeriodError(
            _("Write the period as a month (2025-03), a quarter (2025-Q2) or a year (2025), not “%(text)s”.")
            % {"text": text}
        )
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(_("A month is 01 to 12, not %(month)s.") % {"month": match["month"]})
        return Period(dt.date(year, month, 1), _month_end(year, month), PeriodKind.MONTHLY)
    if match["quarter"]:
        first = (int(match["quarter"]) - 1) * 3 + 1
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTERLY)
    return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), PeriodKind.ANNUAL)


def period_containing(kind: str, day: dt.date) -> Period:
    """The period of `kind` that `day` falls in."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.MONTHLY:
        return Period(day.replace(day=1), _month_end(day.year, day.month), kind)
    if kind is PeriodKind.QUARTERLY:
        first = (day.month - 1) // 3 * 3 + 1
        return Period(dt.date(day.year, first, 1), _month_end(day.year, first + 2), kind)
    return Period(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), kind)


def next_period(period: Period) -> Period:
    return period_containing(period.kind, period.end + dt.timedelta(days=1))


def is_period_start(kind: str, day: dt.date) -> bool:
    return period_containing(kind, day).start == day


def first_charged_period(kind: str, registered_on: dt.date) -> Period:
    """AH-10.1.4-2 (as the Fund's rules apply it): the first period a participant registered on `registered_on`
    pays for — the period starting that day, or else the next one (no proration of a part period)."""
    period = period_containing(kind, registered_on)
    return period if period.start == registered_on else next_period(period)


def is_charged_for(period: Period, participation: Iterable[tuple[dt.date, dt.date | None]]) -> bool:
    """AH-10.1.4-2: charged for `period` if an Astana Hub participant on its first day. `participation` holds the
    registrations as [registered_on, ends_on) — `ends_on` the first day no longer covered, None while it runs."""
    return any(starts <= period.start and (ends is None or period.start < ends) for starts, ends in participation)


def due_date(period_start: dt.date, due_days: int) -> Explained[dt.date]:
    """The day a charge is due: `due_days` calendar days after the period's first day, on a working day."""
    return legal_calendar.add_calendar_days(period_start, due_days, provision=PROVISION)


def overlaps(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    """Two periods share a day (a quarter already charged covers its months when the schedule turns monthly)."""
    return a[0] <= b[1] and b[0] <= a[1]


def schedule_version_problem(
    applies_from: dt.date, kind: str, last_charged_end: dt.date | None, existing_from: Sequence[dt.date]
) -> str | None:
    """Why a new version of the fee schedule cannot apply from `applies_from`, or None.

    A version starts a period of its kind (a quarterly fee from 1 January, 1 April …), and never reaches back over
    periods already charged: a new version changes the future, never past charges.
    """
    if applies_from in existing_from:
        return _("A version already applies from %(on)s; a new version needs its own start date.") % {
            "on": applies_from.strftime("%d.%m.%Y")
        }
    if not is_period_start(kind, applies_from):
        first = next_period(period_containing(kind, applies_from)).start
        return _("A %(kind)s fee applies from the first day of a period: choose %(first)s, for instance.") % {
            "kind": KIND_LABEL[PeriodKind(kind)],
            "first": first.strftime("%d.%m.%Y"),
        }
    if last_charged_end is not None and applies_from <= last_charged_end:
        return _(
            "Periods up to %(end)s are already charged and a new version never changes past charges: let it "
            "apply from %(next)s or later."
        ) % {
            "end": last_charged_end.strftime("%d.%m.%Y"),
            "next": (last_charged_end + dt.timedelta(days=1)).strftime("%d.%m.%Y"),
        }
    return None


@dataclass(frozen=True)
class Charge:
    key: str
    amount: Decimal
    due_on: dt.date
    period_start: dt.date
    period_end: dt.date | None = None


@dataclass(frozen=True)
class Payment:
    key: str
    amount: Decimal
    paid_on: dt.date


@dataclass
class Allocation:
    """How payments settle charges: per charge the amount paid, per payment its parts, and what is left over."""

    paid: dict[str, Decimal] = field(default_factory=dict)
    parts: list[tuple[str, str, Decimal]] = field(default_factory=list)  # (payment, charge, amount)
    credit: Decimal = ZERO

    def unpaid(self, charge: Charge) -> Decimal:
        return charge.amount - self.paid.get(charge.key, ZERO)


def _oldest_first(charges: Iterable[Charge]) -> list[Charge]:
    return sorted(charges, key=lambda c: (c.due_on, c.period_start, c.key))


def allocate(charges: Iterable[Charge], payments: Iterable[Payment]) -> Allocation:
    """AH-10.1.4-2 (the Fund's rules): each payment, in the order received, settles the oldest unpaid charge first;
    what is left after every charge is a credit carried forward to the charges to come."""
    queue = _oldest_first(charges)
    result = Allocation(paid={c.key: ZERO for c in queue})
    index = 0
    for payment in sorted(payments, key=lambda p: (p.paid_on, p.key)):
        left = payment.amount
        while left > 0 and index < len(queue):
            charge = queue[index]
            part = min(left, result.unpaid(charge))
            if part > 0:
                result.paid[charge.key] += part
                result.parts.append((payment.key, charge.key, part))
                left -= part
            if result.unpaid(charge) == 0:
                index += 1
        result.credit += left
    return result


def arrears_on(charges: Iterable[Charge], payments: Iterable[Payment], on: dt.date) -> Decimal:
    """Arrears on `on`: the unpaid part of the charges due before `on`, after the payments received by `on`."""
    items = list(charges)
    allocation = allocate(items, [p for p in payments if p.paid_on <= on])
    return sum((allocation.unpaid(c) for c in items if c.due_on < on), ZERO)


@dataclass(frozen=True)
class StatementLine:
    on: dt.date
    kind: str  # "charge" or "payment"
    reference: str  # the period of a charge, the payment order number of a payment
    charged: Decimal
    paid: Decimal
    balance: Decimal  # after this line; positive: owed to the Fund, negative: credit
    due_on: dt.date | None = None


@dataclass
class Statement:
    """A participant's statement for [start, end]: a charge counts on its period's first day, a payment on the
    day it was paid."""

    start: dt.date
    end: dt.date
    opening: Decimal
    lines: list[StatementLine]
    arrears: Decimal
    credit: Decimal
    as_of: dt.date  # the day arrears and credit are counted on: the period's end, or today within it

    @property
    def charged(self) -> Decimal:
        return sum((line.charged for line in self.lines), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((line.paid for line in self.lines), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.charged - self.paid

    @property
    def closing_credit(self) -> Decimal:
        """The closing balance in the participant's favour (a credit carried forward), as a positive amount."""
        return -self.closing if self.closing < 0 else ZERO


def statement(
    charges: Iterable[Charge],
    payments: Iterable[Payment],
    start: dt.date,
    end: dt.date,
    as_of: dt.date | None = None,
) -> Statement:
    """The statement of one participant's fees for a period (AH-10.1.4-2): opening balance, the period's charges
    (with due dates) and payments in date order with the running balance, the closing balance, and the arrears
    and credit at the period's end — or on `as_of` (today) for a period still running."""
    if end < start:
        raise PeriodError(_("The period ends before it starts."))
    as_of = min(as_of or end, end)
    all_charges, all_payments = list(charges), list(payments)
    opening = sum((c.amount for c in all_charges if c.period_start < start), ZERO) - sum(
        (p.amount for p in all_payments if p.paid_on < start), ZERO
    )
    entries: list[tuple[dt.date, int, str, Decimal, Decimal, dt.date | None]] = [
        (c.period_start, 0, c.key, c.amount, ZERO, c.due_on) for c in all_charges if start <= c.period_start <= end
    ]
    entries += [(p.paid_on, 1, p.key, ZERO, p.amount, None) for p in all_payments if start <= p.paid_on <= end]
    running = opening
    lines = []
    for on, order, key, charged, paid, due_on in sorted(entries, key=lambda e: (e[0], e[1], e[2])):
        running += charged - paid
        lines.append(StatementLine(on, "charge" if order == 0 else "payment", key, charged, paid, running, due_on))
    booked = [c for c in all_charges if c.period_start <= end]
    received = [p for p in all_payments if p.paid_on <= end]
    return Statement(
        start=start,
        end=end,
        opening=opening,
        lines=lines,
        arrears=arrears_on(booked, received, as_of),
        credit=allocate(booked, received).credit,
        as_of=as_of,
    )
