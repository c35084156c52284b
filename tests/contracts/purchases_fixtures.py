"""Fixtures of the purchases area (ctpurch): producers in the register with a history, customers, akimats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from nisi.core.models import Organization
from nisi.law import clock
from nisi.registry import search
from nisi.registry.models import RecordPeriod, RegisterGood, RegisterRecord

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def today() -> Iterator[dt.date]:
    with clock.frozen(TODAY):
        yield TODAY


def put_in_register(
    organization: Organization,
    *,
    periods: list[tuple[dt.date, dt.date | None]],
    goods: list[tuple[str, Decimal | None, dt.date, dt.date | None]],
) -> RegisterRecord:
    """A producer's record with its periods in the register and its goods (HS code, extract share, included on,
    removed on), written directly as the register's services leave them."""
    last_to = periods[-1][1]
    record = RegisterRecord.objects.create(
        number=f"T-{organization.identifier}",
        organization=organization,
        basis="assessed",
        status="included" if last_to is None else "removed",
        included_on=periods[0][0],
        removed_on=last_to,
        region_code=organization.region_id or "",
        updated_at=clock.now(),
    )
    for start, end in periods:
        RecordPeriod.objects.create(record=record, included_from=start, included_to=end)
    rows = [
        RegisterGood(
            record=record,
            hs_code=hs,
            name_ru=f"Товар {hs}",
            annual_capacity=Decimal(100),
            unit="t",
            domestic_value_share=share,
            included_on=start,
            removed_on=end,
            status="in_register" if end is None else "removed",
        )
        for hs, share, start, end in goods
    ]
    RegisterGood.objects.bulk_create(search.fill(rows, organization))
    return record


@pytest.fixture
def world(make_org: Any, make_user: Any, actor_of: Any, today: dt.date) -> dict[str, Any]:
    """A customer in Karaganda region (35), another customer, suppliers with register histories, and the users."""
    from nisi.core.roles import Role

    customer = make_org("АО «Заказчик»", kato="351010000")
    other = make_org("АО «Другой»", kato="751010000")
    steady = make_org("ТОО «Постоянный»")  # in the register since 2025 for 720711 (60 %) and 730630 (no share)
    removed = make_org("ТОО «Исключённый»")  # in the register 2025-01-10 .. 2026-01-20, then back from 2026-02-10
    stranger = make_org("ТОО «Посторонний»")  # never in the register
    put_in_register(
        steady,
        periods=[(dt.date(2025, 1, 1), None)],
        goods=[
            ("720711", Decimal("60.00"), dt.date(2025, 1, 1), None),
            ("720711", Decimal("40.00"), dt.date(2025, 1, 1), dt.date(2026, 2, 1)),  # a second good, same heading
            ("730630", None, dt.date(2025, 1, 1), None),
        ],
    )
    put_in_register(
        removed,
        periods=[(dt.date(2025, 1, 10), dt.date(2026, 1, 20)), (dt.date(2026, 2, 10), None)],
        goods=[
            ("840991", Decimal("35.50"), dt.date(2025, 1, 10), dt.date(2026, 1, 20)),
            ("840991", Decimal("35.50"), dt.date(2026, 2, 10), None),
        ],
    )
    users = {
        "customer": actor_of(make_user(Role.MAJOR_CUSTOMER, organization=customer)),
        "other_customer": actor_of(make_user(Role.MAJOR_CUSTOMER, organization=other)),
        "akimat": actor_of(make_user(Role.AKIMAT, region="35")),
        "other_akimat": actor_of(make_user(Role.AKIMAT, region="75")),
        "authorized_body": actor_of(make_user(Role.AUTHORIZED_BODY)),
        "institute": actor_of(make_user(Role.DEVELOPMENT_INSTITUTE)),
        "auditor": actor_of(make_user(Role.AUDITOR)),
        "applicant": actor_of(make_user(Role.APPLICANT, organization=steady)),
    }
    return {
        "customer": customer,
        "other": other,
        "steady": steady,
        "removed": removed,
        "stranger": stranger,
        "users": users,
    }


HEADER = "supplier_bin,product_code,quantity,amount,purchase_date,contract_reference,price_confidential\n"


def csv_of(rows: list[tuple[str, ...]]) -> bytes:
    return (HEADER + "".join(",".join(r) + "\n" for r in rows)).encode()
