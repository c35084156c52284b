"""Contract procurement on the principles of an offset policy (IP-49): when it applies, and the offset conditions a
contract must carry. Pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.utils.translation import gettext, gettext_noop

from nisi.law import params
from nisi.law.money import mci_multiple, share_of, tenge
from nisi.law.trace import Explained, Step

# The kinds of additional conditions of IP-49.2, each with its subparagraph.
OFFSET_KINDS = {
    "direct_investment": "IP-49.2.1",
    "research": "IP-49.2.2",
    "production_facilities": "IP-49.2.3",
    "training": "IP-49.2.4",
    "service_infrastructure": "IP-49.2.5",
    "technology_transfer": "IP-49.2.6",
    "other": "IP-49.2.7",
}


def offset_threshold(year: int) -> Explained[Decimal]:
    """The yearly purchases above which contract procurement follows the offset policy (IP-49.1): 500,000 times the
    monthly calculation index set by the law on the republican budget for that financial year (the MCI in force on
    1 January of the year)."""
    first_day = dt.date(year, 1, 1)
    multiple = params.value_on("contract_procurement_threshold", first_day)
    mci = params.value_on("mci", first_day)
    amount = mci_multiple(int(multiple.value), Decimal(mci.value))
    step = Step(
        message=gettext_noop("threshold for %(year)s = %(multiple)s × %(mci)s = %(amount)s"),
        params={"year": year, "multiple": multiple.value, "mci": mci.value, "amount": amount},
        provision="IP-49.1",
    )
    return Explained(amount, (multiple.step(), mci.step(), step))


def offset_applies(*, purchases: Decimal, year: int) -> Explained[bool]:
    """Whether a customer's purchases of goods, works and services in `year` exceed the threshold (IP-49.1):
    "exceeds" is strictly more, so purchases equal to it do not."""
    if purchases < 0:
        raise ValueError(gettext("Purchases cannot be negative."))
    threshold = offset_threshold(year)
    return Explained(tenge(purchases) > threshold.value, threshold.steps)


def offset_problems(*, contract_amount: Decimal, conditions: Iterable[tuple[str, Decimal]], on: dt.date) -> list[str]:
    """What is wrong with a contract's offset conditions (IP-49.2), or nothing: each of a kind the law lists, each
    worth more than nothing in money, alone or combined worth at least the minimum share (5 %) of the contract
    amount."""
    problems = []
    listed = list(conditions)
    if contract_amount <= 0:
        problems.append(gettext("The contract amount must be more than zero."))
    if not listed:
        problems.append(gettext("Give at least one offset condition of the kinds IP-49.2 lists."))
    for kind, value in listed:
        if kind not in OFFSET_KINDS:
            problems.append(gettext("%(kind)s is not a kind of offset condition (IP-49.2).") % {"kind": kind})
        if value <= 0:
            problems.append(gettext("Each offset condition is worth more than zero tenge (IP-49.2)."))
    if contract_amount > 0 and listed:
        share = params.value_on("contract_procurement_minimum_share", on)
        minimum = share_of(contract_amount, Decimal(share.value))
        total = tenge(sum((value for _kind, value in listed), Decimal(0)))
        if total < minimum:
            problems.append(
                gettext(
                    "The offset conditions are worth %(total)s tenge together, less than %(share)s of the contract "
                    "amount (%(minimum)s tenge, IP-49.2): add conditions or raise their value."
                )
                % {"total": total, "share": share.display(), "minimum": minimum}
            )
    return problems
