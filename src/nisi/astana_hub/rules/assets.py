"""The Fund's assets: formed by the sources of AH-10.1 and used for the purposes of AH-10.5.

Pure functions over movements (receipts and uses) with explicit dates; no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

ZERO = Decimal("0.00")

# AH-10.1 as amended: 1) contributions and donations, 3) sales, 4) dividends and interest, 4-2) membership fees,
# 5) other lawful sources. 2) was excluded by Law No. 220-VIII of 27.09.2025 and 4-1) by Law No. 172-VIII of
# 15.03.2025 (from 01.01.2025): they applied until then, so a receipt dated before its exclusion cites them and one
# dated after is refused (the provisions catalogue knows each window).
SOURCE_PROVISION: dict[str, str] = {
    "contribution": "AH-10.1.1",
    "sales": "AH-10.1.3",
    "investment_income": "AH-10.1.4",
    "membership_fees": "AH-10.1.4-2",
    "other": "AH-10.1.5",
    "excluded_10_1_2": "AH-10.1.2",
    "excluded_10_1_4_1": "AH-10.1.4-1",
}
EXCLUDED_SOURCES = frozenset({"excluded_10_1_2", "excluded_10_1_4_1"})
# AH-10.5: the activities, operation and development of the cluster; financing of cluster actors' projects
# (chosen on an independent expert assessment, AH-10.2-1).
PURPOSE_PROVISION: dict[str, str] = {"operations": "AH-10.5", "project_financing": "AH-10.2-1"}


@dataclass(frozen=True)
class Movement:
    """A receipt (`receipt=True`, with its source) or a use (with its purpose) of the Fund's assets on a day."""

    on: dt.date
    amount: Decimal
    receipt: bool
    source: str = ""
    purpose: str = ""

    @property
    def signed(self) -> Decimal:
        return self.amount if self.receipt else -self.amount


def balance_on(movements: Iterable[Movement], on: dt.date) -> Decimal:
    """The Fund's assets at the end of `on`: every receipt up to that day less every use (AH-10.1, AH-10.5)."""
    return sum((m.signed for m in movements if m.on <= on), ZERO)


def available_for_use(movements: Iterable[Movement], on: dt.date) -> Decimal:
    """The most the Fund may use on `on` (AH-10.5 lets it use only the assets it has, AH-10.1).

    Not only the balance of that day: a use dated in the past also lowers every later balance, so the answer is
    the lowest end-of-day balance from `on` onwards (the uses already recorded after `on` stay covered). Never
    below zero.
    """
    ordered = sorted(movements, key=lambda m: m.on)
    running = balance_on(ordered, on)
    lowest = running
    for m in ordered:
        if m.on > on:
            running += m.signed
            lowest = min(lowest, running)
    return max(lowest, ZERO)


@dataclass
class AssetReport:
    """Receipts by source and uses by purpose over [start, end], with the balances either side."""

    start: dt.date
    end: dt.date
    opening: Decimal
    receipts: dict[str, Decimal] = field(default_factory=dict)
    uses: dict[str, Decimal] = field(default_factory=dict)

    @property
    def total_receipts(self) -> Decimal:
        return sum(self.receipts.values(), ZERO)

    @property
    def total_uses(self) -> Decimal:
        return sum(self.uses.values(), ZERO)

    @property
    def closing(self) -> Decimal:
        return self.opening + self.total_receipts - self.total_uses


def asset_report(movements: Iterable[Movement], start: dt.date, end: dt.date) -> AssetReport:
    """The report by source (AH-10.1) and purpose (AH-10.5) for a period; every source and purpose is listed,
    with zero where nothing moved, so that reports of different periods line up."""
    if end < start:
        raise ValueError(_("The period ends before it starts."))
    items = list(movements)
    report = AssetReport(
        start=start,
        end=end,
        # Everything before the first day (not "the balance of the day before": 1 January of year 1 has none).
        opening=sum((m.signed for m in items if m.on < start), ZERO),
        # The excluded sources appear only in a period that has receipts from them.
        receipts=dict.fromkeys([s for s in SOURCE_PROVISION if s not in EXCLUDED_SOURCES], ZERO),
        uses=dict.fromkeys(PURPOSE_PROVISION, ZERO),
    )
    for m in items:
        if not start <= m.on <= end:
            continue
        if m.receipt:
            report.receipts[m.source] = report.receipts.get(m.source, ZERO) + m.amount
        else:
            report.uses[m.purpose] = report.uses.get(m.purpose, ZERO) + m.amount
    return report
