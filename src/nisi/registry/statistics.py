"""The register's size as it stood on a day, for the National Report and the public dashboard (IP-5.2, IP-16.3):
read-only rows, one per producer (and per producer and product group), with the ids a figure is traced to."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.db.models.functions import Substr

from nisi.registry.models import RecordPeriod, RegisterGood


def _in_register_on(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}included_from__lte": on}) & (
        Q(**{f"{prefix}included_to__isnull": True}) | Q(**{f"{prefix}included_to__gt": on})
    )


def producers_on(on: dt.date) -> list[tuple[int, int, str]]:
    """(record id, organization id, region code) of every producer in the register on `on`, ordered by record."""
    return list(
        RecordPeriod.objects.filter(_in_register_on(on))
        .order_by("record_id")
        .values_list("record_id", "record__organization_id", "record__region_code")
        .distinct()
    )


def producer_groups_on(on: dt.date) -> list[tuple[int, int, str]]:
    """(record id, organization id, HS chapter) for each product group a producer had a good in the register in on
    `on` (software, which has no HS code, apart), one row per producer and chapter, ordered."""
    goods_on = Q(included_on__lte=on) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on))
    in_register = RecordPeriod.objects.filter(_in_register_on(on)).values("record_id")
    return list(
        RegisterGood.objects.filter(goods_on, record_id__in=in_register)
        .exclude(hs_code="")
        .annotate(chapter=Substr("hs_code", 1, 2))
        .order_by("record_id", "chapter")
        .values_list("record_id", "record__organization_id", "chapter")
        .distinct()
    )
