"""Recording purchase lines: from a CSV file and through the API, all or nothing (every bad line reported by its
number) unless bad lines are skipped on request; by the customer, or by an akimat for its region's systemic
enterprises (IP-11.3)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import PurchaseBatch, PurchaseLine
from nisi.contracts.services.purchases import PurchaseImportError, purchases_import, purchases_record
from nisi.core.models import JournalEntry
from tests.contracts.purchases_fixtures import csv_of, today, world  # noqa: F401  (fixtures)
from tests.contracts.test_purchases_systemic import approve_list_with

pytestmark = pytest.mark.django_db


def _rows(world: dict[str, Any]) -> list[tuple[str, ...]]:  # noqa: F811
    s = world["steady"].identifier
    return [
        (s, "7207110000", "10", "1000.00", "2026-01-15", "Д-1", "no"),
        (s, "730630", "2.5", "250.50", "15.02.2026", "Д-2", ""),
    ]


def test_a_customer_imports_its_file(world: dict[str, Any]) -> None:  # noqa: F811
    result = purchases_import(
        actor=world["users"]["customer"], customer=world["customer"], content=csv_of(_rows(world)), file_name="a.csv"
    )
    assert result.written == 2
    lines = list(PurchaseLine.objects.filter(batch=result.batch).order_by("line_number"))
    assert [line.line_number for line in lines] == [2, 3]
    assert lines[1].amount == Decimal("250.50")
    assert lines[1].quantity == Decimal("2.5")
    assert lines[0].hs_code == "720711"
    entry = JournalEntry.objects.get(subject_type="purchase_batch", subject_id=str(result.batch.pk))
    assert entry.payload["lines"] == 2
    assert entry.provisions == ["IP-47-1.3"]


def test_semicolons_and_windows_1251_are_read(world: dict[str, Any]) -> None:  # noqa: F811
    text = csv_of(_rows(world)).decode().replace(",", ";").replace("250.50", "250,50")
    result = purchases_import(
        actor=world["users"]["customer"], customer=world["customer"], content=text.encode("cp1251")
    )
    assert result.written == 2


def test_every_bad_line_is_reported_and_nothing_written(world: dict[str, Any]) -> None:  # noqa: F811
    rows = [
        *_rows(world),
        ("190540000124", "720711", "1", "1", "2026-01-01", "Д", ""),
        (world["steady"].identifier, "720711", "0", "1", "2026-01-01", "Д", ""),
        *_rows(world),
    ]
    with pytest.raises(PurchaseImportError) as caught:
        purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=csv_of(rows))
    assert [p.line for p in caught.value.problems] == [4, 5]
    assert "check digit" in caught.value.problems[0].message
    assert "Nothing was recorded: 2 lines" in str(caught.value)
    assert not PurchaseLine.objects.exists()
    assert not PurchaseBatch.objects.exists()


def test_bad_lines_are_skipped_when_asked(world: dict[str, Any]) -> None:  # noqa: F811
    rows = [*_rows(world), ("x", "720711", "1", "1", "2026-01-01", "Д", "")]
    result = purchases_import(
        actor=world["users"]["customer"], customer=world["customer"], content=csv_of(rows), skip_bad=True
    )
    assert result.written == 2
    assert result.skipped_count == 1
    assert result.skipped[0].line == 4
    assert result.batch.skipped == [{"line": 4, "message": result.skipped[0].message}]


def test_more_than_chunk_lines_are_written_whole_or_not_at_all(world: dict[str, Any], monkeypatch: Any) -> None:  # noqa: F811
    from nisi.contracts.services import purchases

    monkeypatch.setattr(purchases, "CHUNK", 2)
    rows = _rows(world) * 3
    with pytest.raises(PurchaseImportError):
        purchases_import(
            actor=world["users"]["customer"],
            customer=world["customer"],
            content=csv_of([*rows, ("bad", "1", "1", "1", "1", "", "")]),
        )
    assert not PurchaseLine.objects.exists()
    assert (
        purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=csv_of(rows)).written
        == 6
    )


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"supplier_bin,amount\n1,2\n", "missing: product_code, quantity, purchase_date, contract_reference"),
        (b"supplier_bin,product_code,quantity,amount,purchase_date,contract_reference\n", "no lines"),
        (b"\x98\x98", "UTF-8"),
    ],
)
def test_a_file_that_is_not_a_purchases_file(world: dict[str, Any], content: bytes, problem: str) -> None:  # noqa: F811
    with pytest.raises(Exception, match=problem):
        purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content, skip_bad=True)
    assert not PurchaseBatch.objects.exists()


def test_a_line_with_the_wrong_number_of_columns(world: dict[str, Any]) -> None:  # noqa: F811
    content = csv_of(_rows(world)) + b"1,2,3\n"
    with pytest.raises(PurchaseImportError) as caught:
        purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content)
    assert caught.value.problems[0].line == 4
    assert "columns" in caught.value.problems[0].message


def test_api_lines_are_numbered_in_the_order_given(world: dict[str, Any]) -> None:  # noqa: F811
    lines = [
        dict(
            zip(
                ["supplier_bin", "product_code", "quantity", "amount", "purchase_date", "contract_reference"],
                row[:6],
                strict=True,
            )
        )
        for row in _rows(world)
    ]
    result = purchases_record(actor=world["users"]["customer"], customer=world["customer"], lines=lines)
    assert sorted(PurchaseLine.objects.values_list("line_number", flat=True)) == [1, 2]
    assert result.batch.source == "api"


@pytest.mark.parametrize("who", ["other_customer", "authorized_body", "institute", "auditor", "applicant"])
def test_only_the_customer_records_its_purchases(world: dict[str, Any], who: str) -> None:  # noqa: F811
    with pytest.raises(PermissionDenied):
        purchases_import(actor=world["users"][who], customer=world["customer"], content=csv_of(_rows(world)))


def test_an_akimat_records_for_its_regions_systemic_enterprise_only(world: dict[str, Any]) -> None:  # noqa: F811
    with pytest.raises(PurchaseImportError, match="systemic enterprises for your region"):
        purchases_import(actor=world["users"]["akimat"], customer=world["customer"], content=csv_of(_rows(world)))
    approve_list_with(world, world["customer"], region="35")
    with pytest.raises(PurchaseImportError, match="your region"):
        purchases_import(actor=world["users"]["other_akimat"], customer=world["customer"], content=csv_of(_rows(world)))
    result = purchases_import(actor=world["users"]["akimat"], customer=world["customer"], content=csv_of(_rows(world)))
    assert result.batch.submitted_by_role == "akimat"
    assert result.batch.region_id == "35"
    assert JournalEntry.objects.get(subject_type="purchase_batch").provisions == ["IP-11.3"]
