"""The domestic value of a large customer's purchases that anyone may recompute (issue 12; ADR 21, addendum 6): once
a year has closed, each large customer's figure for it, its lines with their verdicts and the register's inputs are
public. Amounts whose price the customer marked as its commercial secret are shown only to those who may see them
(`purchases.amounts_visible`); the public gets them only inside the totals, and no money at all for a year whose
totals would give such a price back (`rules.totals_disclose_secrets`).

`day` (None: now) is the end of the day the figure is read as of (ADR 47): the year must have closed by then, the
customer must have been recorded as a large customer by then, and only the lines delivered by then count."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from nisi.contracts.models import LargeCustomer, PurchaseBatch, PurchaseLine
from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import domestic_value
from nisi.contracts.selectors import purchases as scoped
from nisi.core.authz import Actor
from nisi.core.models import Organization
from nisi.core.publication.selectors import end_of_day
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterGood


def _moment(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else end_of_day(day)


def year_open(year: int, day: dt.date | None) -> bool:
    """Whether `year` is not (or was not, on `day`) public yet."""
    return not rules.year_public(year, day or clock.today())


def large_customers(year: int, day: dt.date | None = None) -> QuerySet[Organization]:
    """The organizations that were large customers at some time in `year` (IP-1.25, IP-46.2), as recorded by the end
    of `day`."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    kept = LargeCustomer.objects.filter(since__lte=end).filter(Q(until__isnull=True) | Q(until__gte=start))
    if day is not None:
        kept = kept.filter(created_at__lt=end_of_day(day))
    return Organization.objects.filter(pk__in=kept.values("organization_id")).order_by("name", "identifier")


def large_customer(identifier: str, year: int, day: dt.date | None = None) -> Organization | None:
    return large_customers(year, day).filter(identifier=identifier).first()


@dataclass(frozen=True)
class PublicFigure:
    """A large customer's figure for a closed year as one reader may read it."""

    customer: Organization
    year: int
    figure: domestic_value.Figure
    amounts_visible: bool  # the reader sees the secret prices (the customer, the authorized body, ...)

    @property
    def money_withheld(self) -> bool:
        """The totals would give a secret price back: the reader gets the line counts and verdicts, no money."""
        return not self.amounts_visible and rules.totals_disclose_secrets(self.figure.confidential.lines)


def _visible(actor: Actor, customer: Organization) -> bool:
    return not actor.is_public and scoped.may_see(actor, customer) and scoped.amounts_visible(actor, customer)


def figures_of_year(actor: Actor, year: int, day: dt.date | None = None) -> list[PublicFigure]:
    """Every large customer's figure for a closed year, in one statement (an empty list for an open year)."""
    if year_open(year, day):
        return []
    customers = list(large_customers(year, day))
    found = domestic_value.figures(
        start=dt.date(year, 1, 1),
        end=dt.date(year + 1, 1, 1),
        customers=[c.pk for c in customers],
        delivered_before=_moment(day),
    )
    return [
        PublicFigure(
            customer=c,
            year=year,
            figure=found.get(c.pk)
            or domestic_value.Figure(customer_id=c.pk, start=dt.date(year, 1, 1), end=dt.date(year + 1, 1, 1)),
            amounts_visible=_visible(actor, c),
        )
        for c in customers
    ]


def figure_of(actor: Actor, customer: Organization, year: int, day: dt.date | None = None) -> PublicFigure:
    """The customer's figure for a closed year (callers have found it with `large_customer`)."""
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    found = domestic_value.figures(start=start, end=end, customers=[customer.pk], delivered_before=_moment(day))
    figure = found.get(customer.pk) or domestic_value.Figure(customer_id=customer.pk, start=start, end=end)
    return PublicFigure(customer=customer, year=year, figure=figure, amounts_visible=_visible(actor, customer))


def lines_of(
    public: PublicFigure,
    *,
    day: dt.date | None = None,
    verdict: Verdict | None = None,
    offset: int = 0,
    limit: int = 100,
) -> list[domestic_value.JudgedLine]:
    """One page of the figure's lines, by purchase date (the caller drops the amounts the reader may not see)."""
    return domestic_value.judged_lines(
        customer_id=public.customer.pk,
        start=dt.date(public.year, 1, 1),
        end=dt.date(public.year + 1, 1, 1),
        verdict=verdict,
        offset=offset,
        limit=limit,
        delivered_before=_moment(day),
    )


def supplier_bins(
    customer: Organization, start: dt.date, end: dt.date, *, day: dt.date | None = None, offset: int, limit: int
) -> list[str]:
    """The suppliers (BINs) of the customer's lines with start ≤ date ≤ end, in order, one page (the lines delivered
    by the end of `day` when given). Callers have checked that the reader may see these lines."""
    lines = PurchaseLine.objects.filter(customer=customer, purchase_date__gte=start, purchase_date__lte=end)
    if day is not None:
        lines = lines.filter(batch_id__in=PurchaseBatch.objects.filter(submitted_at__lt=end_of_day(day)).values("id"))
    return list(
        lines.order_by("supplier_bin").values_list("supplier_bin", flat=True).distinct()[offset : offset + limit]
    )


def _until(value: dt.date | None, day: dt.date | None) -> dt.date | None:
    """An end date as it stood on `day`: one still to come then was not known."""
    return None if value is None or (day is not None and value > day) else value


def register_inputs(bins: Iterable[str], day: dt.date | None = None) -> list[dict[str, Any]]:
    """For each supplier: its periods in the register and its goods with their shares and dates — the register as it
    stood at the end of `day` (what began later left out, what ended later still open) — enough to judge each line
    again (ADR 21: a good counts on D when its own interval and one of its producer's periods cover D)."""
    bins = list(bins)
    periods_found = RecordPeriod.objects.filter(record__organization__identifier__in=bins)
    goods_found = RegisterGood.objects.filter(record__organization__identifier__in=bins)
    if day is not None:
        periods_found = periods_found.filter(included_from__lte=day)
        goods_found = goods_found.filter(included_on__lte=day)
    periods: dict[str, list[dict[str, Any]]] = {b: [] for b in bins}
    for bin_, start, end in periods_found.values_list(
        "record__organization__identifier", "included_from", "included_to"
    ).order_by("included_from"):
        periods[bin_].append({"included_from": start, "included_to": _until(end, day)})
    goods: dict[str, list[dict[str, Any]]] = {b: [] for b in bins}
    for row in goods_found.values(
        "record__organization__identifier", "hs_code", "tnved_code", "domestic_value_share", "included_on", "removed_on"
    ).order_by("hs_code", "included_on"):
        good = {k: v for k, v in row.items() if k != "record__organization__identifier"}
        good["removed_on"] = _until(row["removed_on"], day)
        goods[row["record__organization__identifier"]].append(good)
    return [{"supplier_bin": b, "periods": periods[b], "goods": goods[b]} for b in bins]
