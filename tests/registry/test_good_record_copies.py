"""The goods carry their record's register number, status and region (migration 0012), which the goods lookup by code
filters and orders by: every way of writing a record or a good keeps the copies equal to the record's own."""

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import SYSTEM
from nisi.law import clock
from nisi.registry import selectors
from nisi.registry.models import RegisterGood, RegisterRecord, Removal
from nisi.registry.services import register

D = dt.date


def copies() -> dict[int, tuple[str, str, str]]:
    return {
        g["id"]: (g["record_number"], g["record_status"], g["record_region"])
        for g in RegisterGood.objects.values("id", "record_number", "record_status", "record_region")
    }


def records_own() -> dict[int, tuple[str, str, str]]:
    return {
        g["id"]: (g["record__number"], g["record__status"], g["record__region_code"])
        for g in RegisterGood.objects.values("id", "record__number", "record__status", "record__region_code")
    }


def assert_copies_agree() -> None:
    found = copies()
    assert found, "the register has goods"
    assert found == records_own()


def new_good(record: RegisterRecord, code: str = "730630", **extra: Any) -> RegisterGood:
    return RegisterGood(
        record=record,
        hs_code=code,
        name_ru=f"Товар {code}",
        annual_capacity=Decimal(10),
        unit="t",
        included_on=D(2026, 1, 15),
        search_text="товар",
        **extra,
    )


def renumber(records: list[RegisterRecord]) -> None:
    record = records[0]
    record.number = "KZ-2026-000777"
    record.save(update_fields=["number"])


def remove_by_update(records: list[RegisterRecord]) -> None:
    RegisterRecord.objects.filter(pk=records[1].pk).update(status="removed", removed_on=D(2026, 5, 1))


def move_region(records: list[RegisterRecord]) -> None:
    record = RegisterRecord.objects.get(pk=records[0].pk)
    record.region_code, record.site_kato = "75", "751110000"
    record.save()


def stale_good_saved(records: list[RegisterRecord]) -> None:
    good = RegisterGood.objects.filter(record=records[0]).first()
    assert good is not None
    RegisterRecord.objects.filter(pk=records[0].pk).update(status="removed", number="KZ-2026-000888")
    good.name_ru = "Прокат"
    good.save()  # what it holds of its record is from before the record changed


def good_moved(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0]).update(record=records[1])


def goods_added(records: list[RegisterRecord]) -> None:
    new_good(records[1]).save()
    RegisterGood.objects.bulk_create([new_good(records[0], "720810"), new_good(records[2], "720851")])


def copies_forged(records: list[RegisterRecord]) -> None:
    # A write that sets the copies itself gets the record's anyway.
    RegisterGood.objects.filter(record=records[0]).update(
        record_number="X", record_status="removed", record_region="99"
    )
    new_good(records[1], record_number="Y", record_status="removed", record_region="01").save()


@pytest.mark.parametrize(
    "change",
    [renumber, remove_by_update, move_region, stale_good_saved, good_moved, goods_added, copies_forged],
)
def test_every_write_keeps_the_copies(lookup_register: list[RegisterRecord], change: Any) -> None:
    assert_copies_agree()
    change(lookup_register)
    assert_copies_agree()


def test_removal_and_reinstatement_keep_the_copies(included: RegisterRecord) -> None:
    assert set(copies().values()) == {(included.number, "included", "35")}
    with clock.frozen(D(2026, 3, 13)):
        removal = register.record_remove(
            actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, reasons=[{"criterion": "staff"}]
        )
    assert_copies_agree()
    assert {status for _, status, _ in copies().values()} == {"removed"}
    with clock.frozen(D(2026, 4, 1)):
        register.record_reinstate(actor=SYSTEM, removal=removal)
    assert_copies_agree()
    # The reinstated entries are new goods of a record in the register again; the removed rows say so too.
    assert {status for _, status, _ in copies().values()} == {"included"}


def test_the_code_lookup_follows_a_renumbered_and_removed_record(lookup_register: list[RegisterRecord]) -> None:
    first, second, _ = lookup_register
    assert [g.record_id for g in selectors.public_goods(code="720810")] == [first.pk, second.pk]
    RegisterRecord.objects.filter(pk=first.pk).update(number="RKT-2999-999999")
    assert [g.record_id for g in selectors.public_goods(code="720810")] == [second.pk, first.pk]
    RegisterRecord.objects.filter(pk=second.pk).update(status="removed")
    assert [g.record_id for g in selectors.public_goods(code="720810")] == [first.pk]
    assert [g.record_id for g in selectors.public_goods(code="720810", region="35")] == [first.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan of PostgreSQL's one statement")
@pytest.mark.parametrize(("code", "region"), [("720810", ""), ("7208100000", ""), ("720810", "35")])
def test_a_codes_page_is_read_in_order_from_one_index(
    lookup_register: list[RegisterRecord], code: str, region: str
) -> None:
    sql = selectors._goods_by_code_sql(
        "", tnved=len(code) > 6, now=True, in_region=bool(region), good_fields=tuple(selectors.PUBLIC_GOOD_FIELDS)
    )
    params = {"hs": code[:6], "code": code + "%", "region": region, "on": None, "limit": 20, "offset": 0}
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test's few rows would be read whole otherwise
        # Tests run before this one leave the table and its indexes full of rolled-back rows (autovacuum is off
        # here), and with a handful of live rows a sort looks as cheap as the wide covering index: the question is
        # whether the index can give the page in order, so a sort is priced out.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        # With the few rows an earlier test left in the statistics a sort looks free; the question is whether the
        # index can give the page in order, so a sort is made the last resort.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "registry_good_code_page" in plan, plan
    assert "Sort" not in plan, plan  # the page is the index's first rows (the JSON's ORDER BY sorts those alone)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a check of PostgreSQL's")
def test_postgresql_refuses_a_good_without_copies(lookup_register: list[RegisterRecord]) -> None:
    from django.db import IntegrityError, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")  # the triggers off, as if lost
        with pytest.raises(IntegrityError), transaction.atomic():
            new_good(lookup_register[0]).save()
