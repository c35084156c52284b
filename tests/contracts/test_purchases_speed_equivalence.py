"""The domestic value through the register's integer-keyed segments (ADR 0021, addendum 1) equals, on generated
registers and purchases, what the previous statement (intervals cut at query time, joined on text) gave: every
customer's figure and each line's verdict and share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nisi.contracts.models import PurchaseBatch, PurchaseLine
from nisi.contracts.selectors import domestic_value
from nisi.registry import search
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord
from tests.contracts import domestic_value_previous as previous

pytestmark = pytest.mark.django_db

DAY0 = dt.date(2026, 1, 1)
CODES = ["720711", "730630", "840991"]
SHARES = [None, Decimal("10.00"), Decimal("35.50"), Decimal("60.00")]
YEAR = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))

day = st.integers(0, 40)
good = st.tuples(st.sampled_from(CODES), st.sampled_from(SHARES), day, st.one_of(st.none(), st.integers(1, 30)))
history = st.tuples(
    st.lists(st.integers(1, 15), min_size=1, max_size=4),  # period bounds, as gaps: open, close, open, ...
    st.booleans(),  # the last period still open
    st.lists(good, max_size=4),
)
purchase = st.tuples(
    st.integers(0, 3),
    st.sampled_from([*CODES, "999999"]),
    st.integers(1, 10_000_00),
    st.integers(0, 60),
    st.booleans(),
    st.integers(0, 1),
)


@pytest.fixture
def parties(make_org: Any) -> dict[str, Any]:
    return {
        "suppliers": [make_org(f"ТОО «Поставщик {i}»") for i in range(4)],  # the fourth never in the register
        "customers": [make_org("АО «Заказчик 1»"), make_org("АО «Заказчик 2»")],
    }


def _register(supplier: Any, spec: tuple[list[int], bool, list[Any]]) -> None:
    gaps, still_open, goods = spec
    bounds, at = [], 0
    for gap in gaps:
        at += gap
        bounds.append(DAY0 + dt.timedelta(days=at))
    periods = [(bounds[i], bounds[i + 1] if i + 1 < len(bounds) else None) for i in range(0, len(bounds), 2)]
    if not still_open and periods[-1][1] is None:
        periods[-1] = (periods[-1][0], periods[-1][0] + dt.timedelta(days=5))
    record = RegisterRecord.objects.create(
        number=f"T-{supplier.identifier}",
        organization=supplier,
        basis="assessed",
        included_on=periods[0][0],
        updated_at=timezone.now(),
    )
    for start, end in periods:
        RecordPeriod.objects.create(record=record, included_from=start, included_to=end)
    rows = []
    for code, share, start, length in goods:
        included = DAY0 + dt.timedelta(days=start)
        removed = None if length is None else included + dt.timedelta(days=length)
        rows.append(
            RegisterGood(
                record=record,
                hs_code=code,
                name_ru="Товар",
                annual_capacity=Decimal(1),
                unit="t",
                domestic_value_share=share,
                included_on=included,
                removed_on=removed,
                status="in_register" if removed is None else "removed",
            )
        )
    RegisterGood.objects.bulk_create(search.fill(rows, supplier))


def _judged(module: Any, customer_id: int) -> list[tuple[Any, ...]]:
    lines = module.judged_lines(customer_id=customer_id, start=YEAR[0], end=YEAR[1], limit=1000)
    return [(j.id, str(j.verdict), j.share, j.counted) for j in lines]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    histories=st.lists(history, min_size=3, max_size=3),
    purchases=st.lists(purchase, min_size=1, max_size=25),
)
def test_the_segments_give_what_the_previous_statement_gave(
    parties: dict[str, Any], histories: list[Any], purchases: list[Any]
) -> None:
    suppliers, customers = parties["suppliers"], parties["customers"]
    with transaction.atomic():
        for supplier, spec in zip(suppliers, histories, strict=False):
            _register(supplier, spec)
        batches = [
            PurchaseBatch.objects.create(
                customer=c,
                source="api",
                submitted_by_label="t",
                submitted_by_role="major_customer",
                submitted_at=timezone.now(),
            )
            for c in customers
        ]
        PurchaseLine.objects.bulk_create(
            [
                PurchaseLine(
                    batch=batches[c],
                    customer=customers[c],
                    line_number=i,
                    supplier_bin=suppliers[s].identifier,
                    product_code=code,
                    hs_code=code,
                    quantity=Decimal(1),
                    amount=Decimal(cents) / 100,
                    purchase_date=DAY0 + dt.timedelta(days=d),
                    contract_reference="Д",
                    price_confidential=secret,
                )
                for i, (s, code, cents, d, secret, c) in enumerate(purchases, 1)
            ]
        )
        ours = domestic_value.figures(start=YEAR[0], end=YEAR[1])
        theirs = previous.figures(start=YEAR[0], end=YEAR[1])
        assert {k: (f.parts, f.confidential, f.share) for k, f in ours.items()} == {
            k: (
                {v: domestic_value.Part(**vars(p)) for v, p in f.parts.items()},
                domestic_value.Part(**vars(f.confidential)),
                f.share,
            )
            for k, f in theirs.items()
        }
        for customer in customers:
            assert _judged(domestic_value, customer.pk) == _judged(previous, customer.pk)
        transaction.set_rollback(True)
