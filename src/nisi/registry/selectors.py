"""Reads of the register: public lookups (now and on a past date), open data, and the actors' own lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.db.models import Count, Q, QuerySet

from nisi.core.authz import Actor, scope
from nisi.registry.models import (
    Appeal,
    MonitoringCheck,
    MonitoringRun,
    RecordPeriod,
    RegisterApplication,
    RegisterGood,
    RegisterRecord,
)


def _goods_on(on: dt.date | None) -> Q:
    if on is None:
        return Q(removed_on__isnull=True)
    return Q(included_on__lte=on) & (Q(removed_on__isnull=True) | Q(removed_on__gt=on))


def in_register_on(identifier: str, on: dt.date) -> bool:
    """Was this producer in the register on this day? (Procurement disputes ask; DESIGN 7.)"""
    return RecordPeriod.objects.filter(
        Q(record__organization__identifier=identifier),
        Q(included_from__lte=on),
        Q(included_to__isnull=True) | Q(included_to__gt=on),
    ).exists()


def record_by_identifier(identifier: str) -> RegisterRecord | None:
    return RegisterRecord.objects.select_related("organization").filter(organization__identifier=identifier).first()


def record_on(identifier: str, on: dt.date | None = None) -> dict[str, Any] | None:
    """A producer as the register showed it on a date (today if none): in or not, and its goods then."""
    record = record_by_identifier(identifier)
    if record is None:
        return None
    day = on
    included = in_register_on(identifier, on) if on else record.status == RegisterRecord.Status.INCLUDED
    goods = record.goods.filter(_goods_on(day)).order_by("hs_code", "id")
    return {
        "record": record,
        "in_register": included,
        "on": on,
        "goods": list(goods),
        "periods": list(record.periods.order_by("included_from")),
    }


def public_goods(
    *, q: str = "", identifier: str = "", code: str = "", region: str = "", on: dt.date | None = None
) -> QuerySet[RegisterGood]:
    """Goods in the register (now, or on a date), searchable by name, BIN, product code or region."""
    goods = RegisterGood.objects.select_related("record__organization").filter(_goods_on(on))
    if on is None:
        goods = goods.filter(record__status=RegisterRecord.Status.INCLUDED)
    if identifier:
        goods = goods.filter(record__organization__identifier=identifier)
    if code:
        goods = goods.filter(Q(hs_code__startswith=code[:6]) & (Q(tnved_code__startswith=code) | Q(tnved_code="")))
        if len(code) > 6:
            goods = goods.filter(tnved_code__startswith=code)
    if region:
        goods = goods.filter(record__region_code=region)
    for word in q.split():
        goods = goods.filter(
            Q(name_ru__icontains=word) | Q(name_kk__icontains=word) | Q(record__organization__name__icontains=word)
        )
    return goods.order_by("record__number", "hs_code", "id")


OPEN_DATA_FIELDS = (
    "register_number",
    "identifier",
    "name",
    "oked",
    "kato",
    "region",
    "included_on",
    "hs_code",
    "tnved_code",
    "good_name_ru",
    "good_name_kk",
    "annual_capacity",
    "unit",
    "domestic_value_share",
    "wholly_produced",
    "good_included_on",
    "basis",
)


def open_data_rows(*, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """The current register, one row per good, streamed in chunks (never the whole register in memory)."""
    rows = (
        RegisterGood.objects.filter(removed_on__isnull=True, record__status=RegisterRecord.Status.INCLUDED)
        .order_by("record__number", "id")
        .values_list(
            "record__number",
            "record__organization__identifier",
            "record__organization__name",
            "record__organization__oked",
            "record__site_kato",
            "record__region_code",
            "record__included_on",
            "hs_code",
            "tnved_code",
            "name_ru",
            "name_kk",
            "annual_capacity",
            "unit",
            "domestic_value_share",
            "wholly_produced",
            "included_on",
            "record__basis",
        )
    )
    for row in rows.iterator(chunk_size=chunk_size):
        item: dict[str, Any] = dict(zip(OPEN_DATA_FIELDS, row, strict=True))
        for key in ("included_on", "good_included_on", "annual_capacity", "domestic_value_share"):
            value = item[key]
            item[key] = "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)
        yield item


def applications_for(actor: Actor) -> QuerySet[RegisterApplication]:
    return scope(actor, RegisterApplication.objects.select_related("organization", "verification"))


def assessment_queue(actor: Actor) -> QuerySet[RegisterApplication]:
    return (
        applications_for(actor)
        .filter(status__in=[RegisterApplication.Status.ASSESSMENT, RegisterApplication.Status.INSPECTION])
        .order_by("submitted_at")
    )


def records_for(actor: Actor) -> QuerySet[RegisterRecord]:
    return scope(actor, RegisterRecord.objects.select_related("organization"))


def appeals_for(actor: Actor) -> QuerySet[Appeal]:
    return scope(actor, Appeal.objects.select_related("removal__record__organization"))


def monitoring_progress(run: MonitoringRun) -> dict[str, int]:
    """How far a run has got: checks by status, and the total."""
    counts = dict.fromkeys(MonitoringCheck.Status.values, 0)
    for row in run.checks.values("status").order_by().annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return {"total": run.total, **counts}
