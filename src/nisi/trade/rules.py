"""The rules of foreign trade monitoring and promotion, pure: no database, no I/O, `Decimal` money.

IP-52: "To protect the economic interests of the Republic of Kazakhstan, constant monitoring of the prices of
imported goods produced in the territory of the Republic of Kazakhstan shall be carried out." The monitoring reads
the import declarations' customs values and quantities, computes the unit prices per product code, unit and period,
and compares them with the prices the register's producers of the same code report.

IP-43.2.3: the authorized body for foreign trade, with the national institute for the development and promotion of
non-resource exports, raises "awareness among potential foreign buyers by regularly publishing details of
Kazakhstani goods producers, service providers and their goods and services abroad": a catalogue published in dated
editions, each frozen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from nisi.law import params
from nisi.law.money import TIYN

SIGNAL_RATIO = "trade_import_price_signal_ratio"
REVIEW_TERM = "trade_price_signal_review_term"
RATIO_PLACES = Decimal("0.0001")


class TradeRuleError(ValueError):
    """An input the rules cannot work with; the message says what to give instead."""


# ---------------------------------------------------------------------------------------------------------------
# Periods


# The years a period may name: no declaration or price falls outside them, and the calendar's arithmetic needs room.
FIRST_YEAR, LAST_YEAR = 1990, 2199
_MONTH = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """A month (`2026-03`) or a quarter (`2026-Q1`) of the monitoring."""

    start: dt.date
    end: dt.date  # the last day, inclusive
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return self.label


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def parse_period(text: str) -> Period:
    """A month written `YYYY-MM` or a quarter written `YYYY-Qn`."""
    text = (text or "").strip().upper()
    m = _MONTH.match(text) or _QUARTER.match(text)
    if m is None or not FIRST_YEAR <= int(m.group(1)) <= LAST_YEAR:
        raise TradeRuleError(_("Write the period as a month (2026-03) or a quarter (2026-Q1)."))
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        return Period(dt.date(year, month, 1), _month_end(year, month), f"{year}-{month:02d}")
    if m := _QUARTER.match(text):
        year, quarter = int(m.group(1)), int(m.group(2))
        first = 3 * quarter - 2
        return Period(dt.date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{quarter}")
    raise TradeRuleError(_("Write the period as a month (2026-03) or a quarter (2026-Q1)."))


def quarter_of(day: dt.date) -> Period:
    return parse_period(f"{day.year}-Q{(day.month - 1) // 3 + 1}")


def month_of(day: dt.date) -> Period:
    return parse_period(f"{day.year}-{day.month:02d}")


def last_ended_quarter(today: dt.date) -> Period:
    return quarter_of(quarter_of(today).start - dt.timedelta(days=1))


def previous_quarters(period: Period, count: int) -> list[Period]:
    """`count` quarters ending with the quarter that holds `period`'s end, oldest first."""
    quarters = [quarter_of(period.end)]
    while len(quarters) < count:
        quarters.insert(0, quarter_of(quarters[0].start - dt.timedelta(days=1)))
    return quarters


# ---------------------------------------------------------------------------------------------------------------
# Unit prices and their statistics (IP-52)


def unit_price(customs_value: Decimal, quantity: Decimal) -> Decimal:
    """IP-52: an imported good's unit price is its customs value in tenge divided by its quantity in its unit,
    rounded half up to the tiyn. A declaration without a quantity has no unit price."""
    if quantity <= 0:
        raise TradeRuleError(_("The quantity must be more than zero: a unit price needs it."))
    if customs_value < 0:
        raise TradeRuleError(_("The customs value cannot be negative."))
    return (Decimal(customs_value) / Decimal(quantity)).quantize(TIYN, rounding=ROUND_HALF_UP)


def median(values: Sequence[Decimal]) -> Decimal:
    """The median unit price, defined exactly: the values sorted; with an odd number of them the middle one; with an
    even number the arithmetic mean of the two middle ones, rounded half up to the tiyn. Each declaration counts
    once, whatever its quantity (the weighted mean is the figure that weighs by quantity)."""
    if not values:
        raise TradeRuleError(_("A median needs at least one price."))
    ordered = sorted(Decimal(v) for v in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle].quantize(TIYN, rounding=ROUND_HALF_UP)
    return ((ordered[middle - 1] + ordered[middle]) / 2).quantize(TIYN, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One import declaration's line as the monitoring reads it."""

    customs_value: Decimal
    quantity: Decimal


@dataclass(frozen=True)
class PriceStatistics:
    """IP-52: the import unit prices of one code, unit and period."""

    declarations: int
    quantity: Decimal
    customs_value: Decimal
    median: Decimal
    weighted_mean: Decimal
    minimum: Decimal
    maximum: Decimal


def price_statistics(lines: Iterable[Line]) -> PriceStatistics:
    """IP-52: the statistics of the import unit prices of the declarations of one code, unit and period: their
    number, the median of their unit prices (`median`), the weighted mean (total customs value over total quantity,
    to the tiyn), the lowest and the highest unit price."""
    lines = list(lines)
    if not lines:
        raise TradeRuleError(_("There are no declarations for this code and period."))
    prices = [unit_price(x.customs_value, x.quantity) for x in lines]
    quantity = sum((x.quantity for x in lines), Decimal(0))
    value = sum((x.customs_value for x in lines), Decimal(0))
    return PriceStatistics(
        declarations=len(lines),
        quantity=quantity,
        customs_value=value.quantize(TIYN, rounding=ROUND_HALF_UP),
        median=median(prices),
        weighted_mean=unit_price(value, quantity),
        minimum=min(prices),
        maximum=max(prices),
    )


# ---------------------------------------------------------------------------------------------------------------
# Comparison with the domestic producers (IP-52)


@dataclass(frozen=True)
class Comparison:
    """How the import median compares with the domestic producers' median price of the same code and unit."""

    domestic_median: Decimal | None
    ratio: Decimal | None  # import median / domestic median, to four places
    threshold: Decimal
    threshold_unconfirmed: bool
    signal: bool
    provision: str = "IP-52"


def signal_threshold(on: dt.date) -> tuple[Decimal, bool]:
    """IP-52: the share of the domestic price below which an import price is flagged (the parameter in force on
    `on`), and whether its source is unconfirmed."""
    value = params.value_on(SIGNAL_RATIO, on)
    return Decimal(str(value.value)), value.unconfirmed


def compare(import_median: Decimal, domestic_prices: Sequence[Decimal], *, on: dt.date) -> Comparison:
    """IP-52: the import median against the median of the prices the register's producers of the same code reported
    (in the same unit, for the same period). A signal of possible dumping or below-cost import is raised when the
    ratio is strictly below the threshold in force at the period's end. Without a domestic price there is nothing to
    compare: no ratio, no signal."""
    threshold, unconfirmed = signal_threshold(on)
    if not domestic_prices:
        return Comparison(None, None, threshold, unconfirmed, signal=False)
    domestic = median(domestic_prices)
    if domestic <= 0:
        return Comparison(domestic, None, threshold, unconfirmed, signal=False)
    ratio = (Decimal(import_median) / domestic).quantize(RATIO_PLACES, rounding=ROUND_HALF_UP)
    return Comparison(domestic, ratio, threshold, unconfirmed, signal=ratio < threshold)


# ---------------------------------------------------------------------------------------------------------------
# Codes, countries, units of the declarations


def code_problem(code: str) -> str | None:
    """A product code of a declaration: an HS subheading (6 digits) or a TN VED code (10 digits)."""
    if not re.fullmatch(r"[0-9]{6}|[0-9]{10}", code or ""):
        return _("A product code has 6 (HS) or 10 (TN VED) digits.")
    return None


def country_problem(country: str) -> str | None:
    """A country of origin as an ISO 3166-1 alpha-2 code; Kazakhstan's own goods are not imports."""
    if not re.fullmatch(r"[A-Z]{2}", country or ""):
        return _("Write the country of origin as two capital Latin letters (ISO 3166-1), for example CN.")
    if country == "KZ":
        return _("Goods originating in Kazakhstan are not imports: leave the row out.")
    return None


# ---------------------------------------------------------------------------------------------------------------
# The catalogue for foreign buyers (IP-43.2.3)


def edition_number(on: dt.date) -> str:
    """IP-43.2.3 ("regularly publishing"): one edition a month, numbered by its month (`2026-12`)."""
    return f"{on.year}-{on.month:02d}"


def contacts_shown(*, consented: bool) -> bool:
    """IP-6.3 read with IP-43.2.3: a producer's contact details go into the published catalogue only with its own
    consent (given when it confirms its export profile); without it the catalogue lists the producer and its goods
    as the public register does, without contacts."""
    return consented


def product_name(names: dict[str, str], language: str) -> str:
    """A good's name in the reader's language: the classifier's name of its code in English (the register's goods
    are named in Russian and Kazakh only), else the register's own name in that language, else in Russian."""
    return names.get(language) or names.get("ru") or names.get("kk") or names.get("en") or ""
