"""The register's segments (registry 0013, ADR 0021 addendum 1) stay equal to the register through every kind of
write: whatever wrote, the triggers note the record, and the next refresh recomputes its segments. The expected
segments are worked out here in Python from the goods and periods, independently of the SQL."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.registry import segments
from nisi.registry.models import (
    GoodsSegment,
    ProducerSegment,
    RecordPeriod,
    RegisterGood,
    RegisterRecord,
    Removal,
    SegmentsStale,
)
from nisi.registry.services import register
from tests.registry.test_good_record_copies import new_good

D = dt.date
FOREVER = D(9999, 12, 31)
WHOLE = "whole"

Pieces = dict[int, list[tuple[dt.date, dt.date, Any]]]


def _merge(pieces: Pieces) -> Pieces:
    """Adjacent pieces of one key with the same value as one, so that two ways of cutting compare equal."""
    out: Pieces = {}
    for key, items in pieces.items():
        merged: list[tuple[dt.date, dt.date, Any]] = []
        for f, t, v in sorted(items):
            if merged and merged[-1][1] == f and merged[-1][2] == v:
                merged[-1] = (merged[-1][0], t, v)
            else:
                merged.append((f, t, v))
        out[key] = merged
    return out


def _cover(intervals: dict[int, list[tuple[dt.date, dt.date, Any]]], combine: Any) -> Pieces:
    pieces: Pieces = {}
    for key, items in intervals.items():
        bounds = sorted({d for f, t, _ in items for d in (f, t)})
        for f, t in pairwise(bounds):
            values = [v for a, b, v in items if a <= f and t <= b]
            if values:
                pieces.setdefault(key, []).append((f, t, combine(values)))
    return _merge(pieces)


def expected() -> tuple[Pieces, Pieces]:
    goods: dict[int, list[tuple[dt.date, dt.date, Any]]] = defaultdict(list)
    producers: dict[int, list[tuple[dt.date, dt.date, Any]]] = defaultdict(list)
    for record in RegisterRecord.objects.select_related("organization"):
        identifier = record.organization.identifier
        if not (len(identifier) == 12 and identifier.isdigit()):
            continue
        bin_ = int(identifier)
        periods = [(p.included_from, p.included_to or FOREVER) for p in record.periods.all()]
        for f, t in periods:
            if f < t:
                producers[bin_].append((f, t, True))
        for g in record.goods.all():
            if not (len(g.hs_code) == 6 and g.hs_code.isdigit()):
                continue
            g_to = g.removed_on or FOREVER
            for pf, pt in periods:
                f, t = max(g.included_on, pf), min(g_to, pt)
                if f < t:
                    share = WHOLE if g.domestic_value_share is None else g.domestic_value_share
                    goods[bin_ * 1_000_000 + int(g.hs_code)].append((f, t, share))

    def best(values: list[Any]) -> Any:
        return WHOLE if WHOLE in values else max(values)

    return _cover(goods, best), _cover(producers, lambda _: True)


def stored() -> tuple[Pieces, Pieces]:
    segments.refresh()
    goods: Pieces = defaultdict(list)
    for s in GoodsSegment.objects.all():
        assert s.key // 1_000_000 == s.bin
        goods[s.key].append((s.valid_from, s.valid_to, WHOLE if s.share is None else Decimal(s.share)))
    producers: Pieces = defaultdict(list)
    for p in ProducerSegment.objects.all():
        producers[p.bin].append((p.valid_from, p.valid_to, True))
    for pieces in (goods, producers):
        for items in pieces.values():
            items.sort()
            assert all(a[1] <= b[0] for a, b in pairwise(items)), "segments overlap"
    return _merge(goods), _merge(producers)


def assert_segments_agree() -> None:
    found = stored()
    assert found == expected()
    assert not SegmentsStale.objects.exists()


def share_changed(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0], hs_code="720810").update(domestic_value_share=Decimal("71.25"))


def share_dropped_by_save(records: list[RegisterRecord]) -> None:
    good = RegisterGood.objects.filter(record=records[1]).first()
    assert good is not None
    good.domestic_value_share = None
    good.save()


def code_changed(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0], hs_code="720851").update(hs_code="720852")


def good_moved(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0]).update(record=records[1])


def goods_added(records: list[RegisterRecord]) -> None:
    new_good(records[1], domestic_value_share=Decimal("10.00")).save()
    RegisterGood.objects.bulk_create(
        [new_good(records[0], "720810", domestic_value_share=Decimal("80.00")), new_good(records[2], "720851")]
    )


def goods_deleted(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0]).delete()


def good_taken_out(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[1]).update(removed_on=D(2026, 2, 1), status="removed")


def period_closed_and_reopened(records: list[RegisterRecord]) -> None:
    RecordPeriod.objects.filter(record=records[0]).update(included_to=D(2026, 2, 10))
    RecordPeriod.objects.create(record=records[0], included_from=D(2026, 2, 20))


def period_moved(records: list[RegisterRecord]) -> None:
    RecordPeriod.objects.filter(record=records[1]).update(included_from=D(2026, 1, 20))


def period_deleted(records: list[RegisterRecord]) -> None:
    RecordPeriod.objects.filter(record=records[2]).delete()


def record_deleted(records: list[RegisterRecord]) -> None:
    RegisterRecord.objects.filter(pk=records[2].pk).delete()


def record_given_to_another_organization(records: list[RegisterRecord]) -> None:
    record = records[2]
    other = RegisterRecord.objects.get(pk=records[1].pk).organization
    RegisterRecord.objects.filter(pk=records[1].pk).delete()
    RegisterRecord.objects.filter(pk=record.pk).update(organization=other)


def bin_changed(records: list[RegisterRecord]) -> None:
    from nisi.core import identifiers
    from nisi.core.models import Organization

    Organization.objects.filter(pk=records[0].organization_id).update(identifier=identifiers.complete("19054999991"))


@pytest.mark.parametrize(
    "change",
    [
        bin_changed,
        share_changed,
        share_dropped_by_save,
        code_changed,
        good_moved,
        goods_added,
        goods_deleted,
        good_taken_out,
        period_closed_and_reopened,
        period_moved,
        period_deleted,
        record_deleted,
        record_given_to_another_organization,
    ],
)
def test_every_write_keeps_the_segments(lookup_register: list[RegisterRecord], change: Any) -> None:
    assert_segments_agree()
    assert GoodsSegment.objects.exists()
    change(lookup_register)
    assert SegmentsStale.objects.exists()
    assert_segments_agree()


def test_inclusion_removal_and_reinstatement_keep_the_segments(included: RegisterRecord) -> None:
    assert_segments_agree()  # inclusion through the register's service
    bin_ = int(included.organization.identifier)
    assert ProducerSegment.objects.filter(bin=bin_, valid_to=FOREVER).exists()
    with clock.frozen(D(2026, 3, 13)):
        removal = register.record_remove(
            actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, reasons=[{"criterion": "staff"}]
        )
    assert_segments_agree()
    assert not GoodsSegment.objects.filter(bin=bin_, valid_to=FOREVER).exists()
    with clock.frozen(D(2026, 4, 1)):
        register.record_reinstate(actor=SYSTEM, removal=removal)
    assert_segments_agree()
    assert GoodsSegment.objects.filter(bin=bin_, valid_from=D(2026, 4, 1), valid_to=FOREVER).exists()


def test_only_the_touched_records_are_recomputed(lookup_register: list[RegisterRecord]) -> None:
    segments.refresh()
    untouched = set(
        GoodsSegment.objects.exclude(bin=int(lookup_register[0].organization.identifier)).values_list("id", flat=True)
    )
    share_changed(lookup_register)
    assert segments.refresh() == 1
    assert untouched <= set(GoodsSegment.objects.values_list("id", flat=True))
    assert segments.refresh() == 0  # nothing stale: nothing done


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite drops triggers on a table rebuild")
def test_the_triggers_are_there_on_sqlite(db: None) -> None:
    from importlib import import_module

    from nisi.registry.migrations import __name__ as package  # noqa: F401

    names = (
        *import_module("nisi.registry.migrations.0013_goods_segments").SQLITE_NAMES,
        *import_module("nisi.registry.migrations.0014_segments_stale_on_bin_change").SQLITE_NAMES,
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        found = {row[0] for row in cursor.fetchall()}
    assert set(names) <= found


def test_a_refresh_tells_its_hooks_which_bins_it_recomputed(
    lookup_register: list[RegisterRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    segments.refresh()
    seen: list[Any] = []

    def hook(bins_sql: str | None) -> None:
        with connection.cursor() as cursor:
            cursor.execute(bins_sql or "SELECT NULL")
            seen.append(sorted(row[0] for row in cursor.fetchall()))

    monkeypatch.setattr(segments, "_HOOKS", [hook])
    share_changed(lookup_register)
    segments.refresh()
    assert seen == [[int(lookup_register[0].organization.identifier)]]
    segments.refresh()  # nothing stale: no call
    assert len(seen) == 1
