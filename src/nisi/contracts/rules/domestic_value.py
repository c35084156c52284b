"""The domestic value of a customer's purchases in a period (IP-47-1.3, IP-61-1.3.1): pure functions, no database.

Three measures carry the name "domestic value" and stay apart (DESIGN 9, FACTS.md):
- the law's definition (IP-1.2): the percentage of goods, works and services produced on the domestic market in
  the total volume — the idea the other two measure;
- a good's share on its register extract (IP-51-1.8): `nisi.registry.rules.domestic_value_share`, per good;
- a customer's **purchases' domestic value share** for a period (this module): the value of its purchase lines
  that count as Kazakhstani, each weighted by its good's extract share, over the value of all its lines.

A line counts when its supplier was in the register of Kazakhstani commodity producers *for that good* on the
purchase date — the register as it stood then — and is weighted by the good's share on its extract where the extract
states one (a good without a stated share counts whole). The set-based statement in
`nisi.contracts.selectors.domestic_value` computes the same figures; a test recomputes them with these functions.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
PROVISION = "IP-47-1.3"


class Verdict(StrEnum):
    """Why a purchase line counted as Kazakhstani or did not."""

    COUNTED = "counted"  # in the register for the good on the day, weighted by its extract share
    COUNTED_WHOLE = "counted_whole"  # in the register for the good on the day; the extract states no share
    GOOD_NOT_IN_REGISTER = "good_not_in_register"  # the supplier was in the register, but not for this good
    SUPPLIER_NOT_IN_REGISTER = "supplier_not_in_register"  # the supplier was not in the register on the day


VERDICT_TEXT = {
    Verdict.COUNTED: _(
        "Counted: the supplier was in the register for this good on the purchase date; weighted by "
        "the good's share of domestic value on its extract."
    ),
    Verdict.COUNTED_WHOLE: _(
        "Counted in full: the supplier was in the register for this good on the purchase date "
        "and its extract states no share."
    ),
    Verdict.GOOD_NOT_IN_REGISTER: _(
        "Not counted: the supplier was in the register on the purchase date, but not for this good (its HS subheading)."
    ),
    Verdict.SUPPLIER_NOT_IN_REGISTER: _(
        "Not counted: the supplier was not in the register of Kazakhstani commodity producers on the purchase date."
    ),
}


def line_verdict(*, supplier_in_register: bool, good_in_register: bool, share: Decimal | None) -> Verdict:
    """The verdict on one purchase line, from what the register said on its date (IP-47-1.3). `share` is the good's
    share on its extract (per cent) when the good was in the register, None when the extract states none."""
    if good_in_register:
        return Verdict.COUNTED if share is not None else Verdict.COUNTED_WHOLE
    return Verdict.GOOD_NOT_IN_REGISTER if supplier_in_register else Verdict.SUPPLIER_NOT_IN_REGISTER


def line_weight(verdict: Verdict, share: Decimal | None) -> Decimal:
    """The fraction of the line's amount that counts as domestic value: the extract's share ÷ 100, all of it for a
    good whose extract states no share, nothing for a line that did not count."""
    if verdict is Verdict.COUNTED:
        if share is None or not (0 <= share <= HUNDRED):
            raise ValueError(gettext("a counted line needs its good's share, 0 to 100 per cent"))
        return share / HUNDRED
    if verdict is Verdict.COUNTED_WHOLE:
        return Decimal(1)
    return Decimal(0)


def counted_value(amount: Decimal, verdict: Verdict, share: Decimal | None) -> Decimal:
    """The line's amount that counts as domestic value, unrounded (the period's sum is rounded once)."""
    return amount * line_weight(verdict, share)


def purchases_domestic_value_share(total: Decimal, counted: Decimal) -> Decimal | None:
    """A customer's purchases' domestic value share for a period, in per cent rounded half up to 0.01 %:
    counted ÷ total × 100. None when there were no purchases (no figure, rather than 0 %)."""
    if total < 0 or counted < 0 or counted > total:
        raise ValueError(gettext("the counted value must lie between zero and the total"))
    if total == 0:
        return None
    return (counted / total * HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def tenge(amount: Decimal) -> Decimal:
    """A sum of tenge to the tiyn, half up."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# --- What the public reads (ADR 21, addendum 6) ---

# The fewest lines with a secret price a published figure may rest on, besides none: with one such line the total
# less the lines shown, or the share itself, gives its price back; with two, each of the two suppliers learns the
# other's. Three is the usual threshold of statistical disclosure control (the National Report's cells, ADR 35).
# Not a figure the law sets, so not a dated parameter.
MIN_WITHHELD_PUBLISHED = 3


def year_public(year: int, day: dt.date) -> bool:
    """Whether a large customer's figure for `year` is public on `day`: once the year has closed, from 1 January of
    the next year (a figure of an open year changes with every purchase; the closed year's is the one IP-47-1.3's
    monitoring and the annual reports speak of)."""
    return day.year > year


def totals_disclose_secrets(withheld_lines: int) -> bool:
    """Whether publishing the figure's money (total, counted, share and their parts) would give back the prices
    the customer marked as its commercial secret: with 1 or 2 such lines it would (`MIN_WITHHELD_PUBLISHED`)."""
    return 0 < withheld_lines < MIN_WITHHELD_PUBLISHED
