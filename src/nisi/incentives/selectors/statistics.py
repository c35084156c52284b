"""The measures of state incentive given, for the National Report and the public dashboard (IP-5.2, IP-16.3):
read-only rows with the ids a figure is traced to."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from nisi.incentives.models import CounterObligationAgreement, Measure, SupportPayment


def agreements_concluded(start: dt.date, end: dt.date) -> list[tuple[int, int, str, Decimal]]:
    """(agreement id, organization id, measure code, amount paid from `start` to `end`) of every counter-obligation
    agreement concluded from `start` to `end` inclusive, ordered by agreement."""
    paid = (
        SupportPayment.objects.filter(agreement_id=OuterRef("pk"), paid_on__gte=start, paid_on__lte=end)
        .order_by()
        .values("agreement_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    money = DecimalField(max_digits=18, decimal_places=2)
    return list(
        CounterObligationAgreement.objects.filter(Q(concluded_on__gte=start) & Q(concluded_on__lte=end))
        .annotate(paid=Coalesce(Subquery(paid, output_field=money), Value(Decimal(0)), output_field=money))
        .order_by("id")
        .values_list("id", "organization_id", "request__measure__code", "paid")
    )


def measure_titles(codes: list[str]) -> dict[str, str]:
    """The measures' titles by code, as the catalogue names them."""
    return dict(Measure.objects.filter(code__in=codes).values_list("code", "title"))
