"""A purchase batch keeps the range of its lines' ids in place of an index on the lines' batch (ADR 0021, addendum 7;
migration 0009): the range covers every line of the batch whatever writes it (the import's statement, bulk inserts,
an update of a line's batch), only ever widens, and deleting a batch deletes exactly its lines, by that range."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from nisi.contracts.models import PurchaseBatch, PurchaseLine
from nisi.contracts.services.purchases import LINE_COLUMNS, purchases_import
from nisi.core import bulk, identifiers
from tests.contracts.purchases_fixtures import csv_of, today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _imported(world: dict[str, Any], lines: int = 3) -> PurchaseBatch:  # noqa: F811 - the fixture
    rows = [
        (world["steady"].identifier, "720711", "1", f"{100 + i}.00", "2026-02-20", f"Д-{i}", "нет")
        for i in range(lines)
    ]
    content = csv_of(rows)
    return purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content).batch


def _rows(batch_id: int, customer_id: int, count: int) -> list[tuple[Any, ...]]:
    return [
        (
            batch_id,
            customer_id,
            i + 2,
            identifiers.complete("19054000012"),
            "720711",
            "720711",
            Decimal(1),
            Decimal(10 + i),
            dt.date(2026, 2, 1),
            "Д-1",
            False,
        )
        for i in range(count)
    ]


def _covers(batch: PurchaseBatch) -> None:
    batch.refresh_from_db()
    ids = list(PurchaseLine.objects.filter(batch=batch).values_list("id", flat=True))
    assert ids
    assert batch.first_line_id is not None
    assert batch.last_line_id is not None
    assert batch.first_line_id <= min(ids)
    assert max(ids) <= batch.last_line_id


def test_an_imported_batch_keeps_the_range_of_its_lines(world: dict[str, Any]) -> None:  # noqa: F811
    batch = _imported(world, lines=5)
    _covers(batch)
    ids = PurchaseLine.objects.filter(batch=batch).values_list("id", flat=True)
    assert (batch.first_line_id, batch.last_line_id) == (min(ids), max(ids))


def test_lines_written_later_widen_the_range_and_a_delete_takes_only_the_batchs_lines(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    first = _imported(world)
    second = _imported(world)
    customer = world["customer"].pk
    # The first batch's lines now straddle the second's: its range holds the second's lines too.
    bulk.insert_rows(PurchaseLine, LINE_COLUMNS, _rows(first.pk, customer, 2))
    _covers(first)
    _covers(second)
    first.refresh_from_db()
    inside = PurchaseLine.objects.filter(id__range=(first.first_line_id, first.last_line_id))
    assert inside.filter(batch=second).exists()
    first.delete()
    assert not PurchaseLine.objects.filter(batch_id=first.pk).exists()
    assert PurchaseLine.objects.filter(batch=second).count() == 3
    assert not PurchaseBatch.objects.filter(pk=first.pk).exists()


def test_a_stale_batch_saved_whole_does_not_narrow_the_range(world: dict[str, Any]) -> None:  # noqa: F811
    batch = _imported(world)
    stale = PurchaseBatch.objects.get(pk=batch.pk)
    bulk.insert_rows(PurchaseLine, LINE_COLUMNS, _rows(batch.pk, world["customer"].pk, 2))
    stale.file_name = "renamed.csv"
    stale.save()  # carries the old range (or none)
    _covers(batch)
    stale.first_line_id = stale.last_line_id = None
    stale.save()
    _covers(batch)


def test_a_line_moved_to_another_batch_is_inside_that_batchs_range(world: dict[str, Any]) -> None:  # noqa: F811
    first = _imported(world)
    second = _imported(world)
    moved = PurchaseLine.objects.filter(batch=second).order_by("-id").first()
    assert moved is not None
    # Moved to the first batch, whose range ended below it: the range widens to it.
    PurchaseLine.objects.filter(pk=moved.pk).update(batch=first)
    _covers(first)
    first.delete()
    assert not PurchaseLine.objects.filter(pk=moved.pk).exists()
    assert PurchaseLine.objects.filter(batch=second).count() == 2


def test_the_lines_have_no_index_on_their_batch_alone() -> None:
    """What addendum 7 measured away (~0.9 µs a line imported): a test fails if a migration brings it back."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, PurchaseLine._meta.db_table)
    assert not [n for n, c in found.items() if c["index"] and c["columns"] == ["batch_id"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's trigger")
def test_deleting_a_batchs_lines_reads_the_primary_key(world: dict[str, Any]) -> None:  # noqa: F811
    batch = _imported(world)
    batch.refresh_from_db()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a table of three lines: the plan must be able to
        cursor.execute(
            "EXPLAIN DELETE FROM contracts_purchaseline WHERE id BETWEEN %s AND %s AND batch_id = %s",
            [batch.first_line_id, batch.last_line_id, batch.pk],
        )
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "contracts_purchaseline_pkey" in plan
