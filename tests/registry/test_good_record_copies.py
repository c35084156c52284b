"""The goods carry their record's register number, status and region (migration 0012) and their producer's BIN and
name (migration 0016), which the goods lookup by code filters by, orders by and shows: every way of writing a record,
a good or an organization keeps the copies equal to the record's and the organization's own."""

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection

from nisi.core.authz import SYSTEM
from nisi.core.models import Organization
from nisi.law import clock
from nisi.registry import answer_statements, selectors
from nisi.registry.models import RegisterGood, RegisterRecord, Removal
from nisi.registry.services import register

D = dt.date


COPIES = ("record_number", "record_status", "record_region", "producer_identifier", "producer_name")
OWN = (
    "record__number",
    "record__status",
    "record__region_code",
    "record__organization__identifier",
    "record__organization__name",
)


def copies() -> dict[int, tuple[str, ...]]:
    return {g[0]: tuple(g[1:]) for g in RegisterGood.objects.values_list("id", *COPIES)}


def records_own() -> dict[int, tuple[str, ...]]:
    return {g[0]: tuple(g[1:]) for g in RegisterGood.objects.values_list("id", *OWN)}


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


def another_organization(identifier: str, name: str) -> Organization:
    return Organization.objects.create(
        identifier=identifier, identifier_kind="BIN", name=name, kato="351010000", created_at=clock.now()
    )


def producer_renamed(records: list[RegisterRecord]) -> None:
    organization = records[0].organization
    organization.name = "ТОО «Новое имя»"
    organization.save()


def producer_renamed_by_update(records: list[RegisterRecord]) -> None:
    Organization.objects.filter(pk=records[1].organization_id).update(name="АО «Другое»", name_kk="АҚ «Басқа»")


def bin_changed(records: list[RegisterRecord]) -> None:
    Organization.objects.filter(pk=records[2].organization_id).update(identifier="990140000001")


def record_moved_to_another_organization(records: list[RegisterRecord]) -> None:
    other = another_organization("990140000002", "ТОО «Правопреемник»")
    RegisterRecord.objects.filter(pk=records[0].pk).update(organization=other)


def producer_copies_forged(records: list[RegisterRecord]) -> None:
    RegisterGood.objects.filter(record=records[0]).update(producer_identifier="000000000000", producer_name="X")
    new_good(records[2], producer_identifier="111111111111", producer_name="Y").save()


def organization_outside_the_register_renamed(records: list[RegisterRecord]) -> None:
    outsider = another_organization("990140000003", "ТОО «Вне»")
    Organization.objects.filter(pk=outsider.pk).update(name="ТОО «Всё ещё вне»")


@pytest.mark.parametrize(
    "change",
    [
        renumber,
        remove_by_update,
        move_region,
        stale_good_saved,
        good_moved,
        goods_added,
        copies_forged,
        producer_renamed,
        producer_renamed_by_update,
        bin_changed,
        record_moved_to_another_organization,
        producer_copies_forged,
        organization_outside_the_register_renamed,
    ],
)
def test_every_write_keeps_the_copies(lookup_register: list[RegisterRecord], change: Any) -> None:
    assert_copies_agree()
    change(lookup_register)
    assert_copies_agree()


def test_removal_and_reinstatement_keep_the_copies(included: RegisterRecord) -> None:
    producer = included.organization
    assert set(copies().values()) == {(included.number, "included", "35", producer.identifier, producer.name)}
    with clock.frozen(D(2026, 3, 13)):
        removal = register.record_remove(
            actor=SYSTEM, record=included, ground=Removal.Ground.MONITORING, reasons=[{"criterion": "staff"}]
        )
    assert_copies_agree()
    assert {copied[1] for copied in copies().values()} == {"removed"}
    with clock.frozen(D(2026, 4, 1)):
        register.record_reinstate(actor=SYSTEM, removal=removal)
    assert_copies_agree()
    # The reinstated entries are new goods of a record in the register again; the removed rows say so too.
    assert {copied[1] for copied in copies().values()} == {"included"}
    assert {copied[3:] for copied in copies().values()} == {(producer.identifier, producer.name)}


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
    sql = answer_statements._goods_by_code_sql(
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


def test_the_code_lookup_shows_the_producers_new_bin_and_name(
    client: Any, lookup_register: list[RegisterRecord]
) -> None:
    """The answer shows the copies (on PostgreSQL read from the goods alone): a BIN or a name changed by the
    organization's save shows in the next lookup, kept answers or not."""
    first, second, _ = lookup_register

    def producers() -> list[tuple[str, str]]:
        response = client.get("/api/v1/register/goods", {"code": "720810"})
        assert response.status_code == 200
        return [(hit["identifier"], hit["producer"]) for hit in response.json()]

    assert producers() == [(o.identifier, o.name) for o in (first.organization, second.organization)]
    organization = Organization.objects.get(pk=second.organization_id)
    organization.identifier, organization.name = "990140000001", "АО «Переименованное»"
    organization.save()
    assert producers() == [
        (first.organization.identifier, first.organization.name),
        ("990140000001", organization.name),
    ]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite drops triggers on a table rebuild")
def test_the_copies_triggers_are_there_on_sqlite(db: None) -> None:
    from importlib import import_module

    names = import_module("nisi.registry.migrations.0016_good_producer_copies").SQLITE_NAMES
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        found = {row[0] for row in cursor.fetchall()}
    assert set(names) <= found


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's one statement")
@pytest.mark.parametrize("on", [None, D(2026, 2, 1)])
def test_the_concatenated_page_is_json_build_objects_own_bytes(
    lookup_register: list[RegisterRecord], on: dt.date | None
) -> None:
    """The code page's JSON is written by concatenating text (cheaper per row): byte for byte what json_build_object
    and json_agg write, names needing escapes, a missing share and a wholly produced good included."""
    odd = new_good(lookup_register[1], "720810", domestic_value_share=None, wholly_produced=True)
    odd.name_ru, odd.name_kk, odd.unit = 'Лист "горячий"\\ \n\tтип', "Табақ «ыстық»", "м²"
    odd.save()
    Organization.objects.filter(pk=lookup_register[1].organization_id).update(name='ТОО "Кавычки" \\ и «ёлочки»')
    fields = tuple(selectors.PUBLIC_GOOD_FIELDS)
    concatenated = answer_statements._goods_by_code_sql(
        "", tnved=False, now=on is None, in_region=False, good_fields=fields
    )
    state = answer_statements._good_state_on_sql("g")
    built = concatenated.split("SELECT '[' ||")[0] + (  # noqa: S608 - names only
        "SELECT COALESCE(json_agg(json_build_object('register_number', g.record_number, 'identifier', "
        "g.producer_identifier, 'producer', g.producer_name, 'region', g.record_region, 'good', json_build_object("
        + answer_statements._json_pairs(RegisterGood, list(fields), "g", state)
        + ")) ORDER BY g.record_number, g.hs_code, g.id), '[]')::text FROM page g"
    )
    params = {"hs": "720810", "code": "720810%", "region": "", "on": on, "limit": 20, "offset": 0}
    with connection.cursor() as cursor:
        cursor.execute(concatenated, params)
        mine = cursor.fetchone()[0]
        cursor.execute(built, params)
        theirs = cursor.fetchone()[0]
    assert mine == theirs
    assert len(json.loads(mine)) == 3  # the two producers' goods and the odd one
    empty = {**params, "hs": "999999", "code": "999999%"}
    with connection.cursor() as cursor:
        cursor.execute(concatenated, empty)
        assert cursor.fetchone()[0] == "[]"
