"""The purchase lines' stored verdicts (ADR 0021, addendum 2) always equal what the register's segments give them
now (`verdicts.statement_sql`, the join of addendum 1), after any sequence of register writes — inclusion, removal,
reinstatement, goods added, changed and removed — and line imports (the PostgreSQL import judges as it writes, the
other writers leave the lines to the next reader), read in between or not; and the figures and their explanation
equal the previous statement's (tests/contracts/domestic_value_previous.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nisi.contracts import verdicts
from nisi.contracts.models import PurchaseBatch, PurchaseLine
from nisi.contracts.selectors import domestic_value
from nisi.contracts.services.purchases import purchases_import
from nisi.law import clock
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord
from tests.contracts import domestic_value_previous as previous
from tests.contracts.purchases_fixtures import TODAY, csv_of, put_in_register, today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

DAY0 = TODAY - dt.timedelta(days=60)
CODES = ["720711", "730630", "840991"]
SHARES = [None, Decimal("10.00"), Decimal("35.50"), Decimal("60.00")]
PERIOD = (DAY0 - dt.timedelta(days=1), TODAY + dt.timedelta(days=1))

supplier = st.integers(0, 2)
day = st.integers(0, 60)
line = st.tuples(st.integers(0, 3), st.sampled_from([*CODES, "999999"]), st.integers(1, 10_000_00), day)
operation = st.one_of(
    st.tuples(st.just("include"), supplier, day),  # a period opens (inclusion, or reinstatement after a removal)
    st.tuples(st.just("remove"), supplier, day),  # the open period closes
    st.tuples(st.just("good"), supplier, st.sampled_from(CODES), st.sampled_from(SHARES), day),
    st.tuples(st.just("share"), supplier, st.sampled_from(CODES), st.sampled_from(SHARES)),
    st.tuples(st.just("drop"), supplier, st.sampled_from(CODES), day),  # a good removed from the register
    st.tuples(st.just("lines"), st.lists(line, min_size=1, max_size=6), st.booleans()),  # through the import or not
    st.tuples(st.just("read")),
)


def _day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def _apply(op: tuple[Any, ...], parties: dict[str, Any], records: list[RegisterRecord], suppliers: list[Any]) -> None:
    if op[0] == "lines":
        _lines(op[1], op[2], parties, suppliers)
    elif op[0] == "read":
        _check()
    else:
        _register(op, records)


def _register(op: tuple[Any, ...], records: list[RegisterRecord]) -> None:
    kind = op[0]
    if kind == "include":
        record = records[op[1]]
        last = RecordPeriod.objects.filter(record=record).order_by("-included_from").first()
        if last is None or last.included_to is not None:
            start = _day(op[2]) if last is None else max(_day(op[2]), last.included_to)
            RecordPeriod.objects.create(record=record, included_from=start, included_to=None)
    elif kind == "remove":
        for period in RecordPeriod.objects.filter(record=records[op[1]], included_to=None):
            period.included_to = max(_day(op[2]), period.included_from)
            period.save()
    elif kind == "good":
        _, s, code, share, start = op
        source = RegisterGood.objects.filter(record=records[s]).first()
        if source is None:
            return
        source.pk = None
        source.hs_code, source.domestic_value_share, source.included_on = code, share, _day(start)
        source.removed_on, source.status = None, "in_register"
        source.save()
    elif kind == "share":
        RegisterGood.objects.filter(record=records[op[1]], hs_code=op[2]).update(domestic_value_share=op[3])
    elif kind == "drop":
        for good in RegisterGood.objects.filter(record=records[op[1]], hs_code=op[2], removed_on=None):
            good.removed_on, good.status = max(_day(op[3]), good.included_on), "removed"
            good.save()


def _lines(rows: list[Any], through_import: bool, parties: dict[str, Any], suppliers: list[Any]) -> None:
    bins, customer = [s.identifier for s in suppliers], parties["customer"]
    if through_import:  # on PostgreSQL the COPY path, judged as written; on SQLite the Python path
        content = csv_of(
            [(bins[s], code, "1", f"{c / 100:.2f}", _day(d).isoformat(), "Д-1", "нет") for s, code, c, d in rows]
        )
        purchases_import(actor=parties["users"]["customer"], customer=customer, content=content)
        return
    batch = PurchaseBatch.objects.create(
        customer=customer,
        source="api",
        submitted_by_label="t",
        submitted_by_role="major_customer",
        submitted_at=clock.now(),
    )
    PurchaseLine.objects.bulk_create(  # not judged: the next reader judges them
        PurchaseLine(
            batch=batch,
            customer=customer,
            line_number=i,
            supplier_bin=bins[s],
            product_code=code,
            hs_code=code,
            quantity=Decimal(1),
            amount=Decimal(c) / 100,
            purchase_date=_day(d),
            contract_reference="Д-1",
        )
        for i, (s, code, c, d) in enumerate(rows, 1)
    )


def _dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _check() -> None:
    verdicts.bring_up_to_date()
    with connection.cursor() as cursor:
        cursor.execute(verdicts.statement_sql())
        expected = {pk: (code, _dec(share)) for pk, code, share in cursor.fetchall()}
    stored = {
        pk: (code, _dec(share))
        for pk, code, share in PurchaseLine.objects.values_list("id", "verdict", "verdict_share")
    }
    assert stored == expected


def _judged(module: Any, customer_id: int) -> list[tuple[Any, ...]]:
    lines = module.judged_lines(customer_id=customer_id, start=PERIOD[0], end=PERIOD[1], limit=1000)
    return [(j.id, str(j.verdict), j.share, j.counted) for j in lines]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, min_size=1, max_size=12))
def test_stored_verdicts_follow_every_register_write_and_import(
    world: dict[str, Any],  # noqa: F811 - the fixture
    make_org: Any,
    operations: list[Any],
) -> None:
    with transaction.atomic():
        suppliers = [make_org(f"ТОО «Поставщик {i}»") for i in range(4)]  # the fourth never in the register
        records = [
            put_in_register(s, periods=[(_day(0), _day(1))], goods=[("720711", Decimal("60.00"), _day(0), None)])
            for s in suppliers[:3]
        ]
        for op in operations:
            _apply(op, world, records, suppliers)
        _check()
        customer = world["customer"].pk
        ours = domestic_value.figures(start=PERIOD[0], end=PERIOD[1], customers=[customer])
        theirs = previous.figures(start=PERIOD[0], end=PERIOD[1], customers=[customer])
        assert {k: (f.parts, f.confidential, f.share) for k, f in ours.items()} == {
            k: (
                {v: domestic_value.Part(**vars(p)) for v, p in f.parts.items()},
                domestic_value.Part(**vars(f.confidential)),
                f.share,
            )
            for k, f in theirs.items()
        }
        assert _judged(domestic_value, customer) == _judged(previous, customer)
        transaction.set_rollback(True)


def test_a_producers_removal_re_judges_its_lines_only(world: dict[str, Any]) -> None:  # noqa: F811 - the fixture
    content = csv_of(
        [
            (world["steady"].identifier, "720711", "1", "100.00", "2026-02-20", "Д-1", "нет"),
            (world["removed"].identifier, "840991", "1", "100.00", "2026-02-20", "Д-1", "нет"),
        ]
    )
    purchases_import(actor=world["users"]["customer"], customer=world["customer"], content=content)
    verdicts.bring_up_to_date()
    assert sorted(PurchaseLine.objects.values_list("verdict", flat=True)) == [verdicts.COUNTED, verdicts.COUNTED]
    RecordPeriod.objects.filter(record__organization=world["removed"], included_to=None).update(
        included_from=dt.date(2026, 2, 25)
    )
    verdicts.bring_up_to_date()
    assert dict(PurchaseLine.objects.values_list("supplier_bin", "verdict")) == {
        world["steady"].identifier: verdicts.COUNTED,
        world["removed"].identifier: verdicts.SUPPLIER_NOT_IN_REGISTER,
    }
