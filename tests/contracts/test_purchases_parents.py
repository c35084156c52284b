"""The purchase lines' batch and customer, checked by the database once per statement (ADR 0021, addendum 3): a line
naming a batch or a customer that does not exist is refused whatever writes it, a parent still named cannot be
deleted, Django's own CASCADE and PROTECT act as before; a line's stored verdict is forgotten when an update changes
what it was judged on, and an organisation's BIN changed re-judges the lines of both BINs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError

from nisi.contracts import verdicts
from nisi.contracts.models import PurchaseBatch, PurchaseLine
from nisi.contracts.services.purchases import LINE_COLUMNS, purchases_import
from nisi.core import bulk, identifiers
from nisi.core.models import Organization
from tests.contracts.purchases_fixtures import csv_of, today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _imported(world: dict[str, Any]) -> PurchaseBatch:  # noqa: F811 - the fixture
    content = csv_of(
        [
            (world["steady"].identifier, "720711", "1", "100.00", "2026-02-20", "Д-1", "нет"),
            (world["removed"].identifier, "840991", "2", "50.00", "2026-02-20", "Д-1", "нет"),
        ]
    )
    return purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content).batch


def _row(batch_id: int, customer_id: int) -> tuple[Any, ...]:
    return (
        batch_id,
        customer_id,
        2,
        identifiers.complete("19054000012"),
        "720711",
        "720711",
        Decimal(1),
        Decimal(10),
        dt.date(2026, 2, 1),
        "Д-1",
        False,
    )


def _stored_equal_the_statement() -> None:
    verdicts.bring_up_to_date()
    with connection.cursor() as cursor:
        cursor.execute(verdicts.statement_sql())
        expected = {pk: (code, None if share is None else Decimal(share)) for pk, code, share in cursor.fetchall()}
    stored = {
        pk: (code, None if share is None else Decimal(share))
        for pk, code, share in PurchaseLine.objects.values_list("id", "verdict", "verdict_share")
    }
    assert stored == expected


@pytest.mark.parametrize("missing", ["batch", "customer"])
def test_a_line_naming_a_missing_parent_is_refused_by_the_database(
    world: dict[str, Any],  # noqa: F811 - the fixture
    missing: str,
) -> None:
    batch = _imported(world)
    row = _row(10**9 if missing == "batch" else batch.pk, 10**9 if missing == "customer" else world["customer"].pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert_rows(PurchaseLine, LINE_COLUMNS, [row])  # COPY on PostgreSQL, the ORM on SQLite
    with pytest.raises(IntegrityError), transaction.atomic():
        PurchaseLine.objects.filter(batch=batch).update(**{f"{missing}_id": 10**9})
    assert PurchaseLine.objects.filter(batch=batch).count() == 2


def test_lines_naming_their_parents_are_written_and_django_cascades_and_protects(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    batch = _imported(world)
    bulk.insert_rows(PurchaseLine, LINE_COLUMNS, [_row(batch.pk, world["customer"].pk)])
    assert PurchaseLine.objects.filter(batch=batch).count() == 3
    with pytest.raises(ProtectedError), transaction.atomic():
        Organization.objects.filter(pk=world["customer"].pk).delete()
    batch.delete()  # CASCADE: the lines first, then the batch
    assert not PurchaseLine.objects.exists()


def _delete_behind_djangos_back(table: str, pk: int, batch_id: int) -> None:
    with connection.cursor() as cursor:
        if table == "core_organization":
            cursor.execute("DELETE FROM contracts_purchasebatch WHERE id = %s", [batch_id])
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [pk])  # noqa: S608 - a constant name
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the deferred check, as at commit


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite relies on Django's on_delete for deletes")
def test_a_customer_still_named_cannot_be_deleted_behind_djangos_back(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    batch = _imported(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        _delete_behind_djangos_back("core_organization", world["customer"].pk, batch.pk)
    assert PurchaseLine.objects.filter(batch=batch).count() == 2


def test_a_batch_deleted_behind_djangos_back_takes_its_lines_with_it(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    """Since migration 0009 the database deletes a batch's lines (by the batch's range of ids, ADR 0021 addendum 7),
    so a batch deleted by SQL leaves no line naming it, and the check at commit finds none."""
    batch = _imported(world)
    other = _imported(world)
    _delete_behind_djangos_back("contracts_purchasebatch", batch.pk, batch.pk)
    assert not PurchaseLine.objects.filter(batch_id=batch.pk).exists()
    assert PurchaseLine.objects.filter(batch=other).count() == 2


@pytest.mark.parametrize(
    "change",
    [
        {"supplier_bin": "stranger"},
        {"hs_code": "730630", "product_code": "730630"},
        {"purchase_date": dt.date(2026, 1, 25)},
    ],
)
def test_an_update_of_what_a_line_was_judged_on_forgets_its_verdict(
    world: dict[str, Any],  # noqa: F811 - the fixture
    change: dict[str, Any],
) -> None:
    batch = _imported(world)
    verdicts.bring_up_to_date()
    assert set(PurchaseLine.objects.values_list("verdict", flat=True)) == {verdicts.COUNTED}
    values = {k: world[v].identifier if v == "stranger" else v for k, v in change.items()}
    PurchaseLine.objects.filter(batch=batch).update(**values)
    assert set(PurchaseLine.objects.values_list("verdict", flat=True)) == {None}
    _stored_equal_the_statement()
    assert set(PurchaseLine.objects.values_list("verdict", flat=True)) != {verdicts.COUNTED}
    PurchaseLine.objects.filter(batch=batch).update(quantity=Decimal(7), amount=Decimal(70))  # nothing judged on
    assert None not in set(PurchaseLine.objects.values_list("verdict", flat=True))


def test_an_organisations_bin_changed_re_judges_the_lines_of_both_bins(
    world: dict[str, Any],  # noqa: F811 - the fixture
) -> None:
    old = world["steady"].identifier
    new = identifiers.complete("19054999991")
    _imported(world)
    bulk.insert_rows(
        PurchaseLine,
        LINE_COLUMNS,
        [(PurchaseBatch.objects.get().pk, world["customer"].pk, 9, new, *_row(0, 0)[4:])],
    )
    _stored_equal_the_statement()
    assert dict(PurchaseLine.objects.values_list("supplier_bin", "verdict"))[old] == verdicts.COUNTED
    assert dict(PurchaseLine.objects.values_list("supplier_bin", "verdict"))[new] == verdicts.SUPPLIER_NOT_IN_REGISTER
    Organization.objects.filter(pk=world["steady"].pk).update(identifier=new)
    _stored_equal_the_statement()
    assert dict(PurchaseLine.objects.values_list("supplier_bin", "verdict"))[old] == verdicts.SUPPLIER_NOT_IN_REGISTER
    assert dict(PurchaseLine.objects.values_list("supplier_bin", "verdict"))[new] == verdicts.COUNTED


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite drops triggers on a table rebuild")
def test_the_triggers_are_there_on_sqlite(db: None) -> None:
    names = import_module("nisi.contracts.migrations.0006_parents_checked_per_statement").SQLITE_NAMES
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        found = {row[0] for row in cursor.fetchall()}
    assert set(names) <= found
