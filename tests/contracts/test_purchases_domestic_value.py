"""The domestic value of purchases (IP-47-1.3): the set-based statement against the register as it stood on each
purchase date, its explanation line by line, and a recomputation with the pure rules that must give the same."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.rules import domestic_value as rules
from nisi.contracts.rules.domestic_value import Verdict
from nisi.contracts.selectors import domestic_value
from nisi.contracts.services.purchases import purchases_record
from tests.contracts.purchases_fixtures import today, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _line(supplier: str, code: str, amount: str, day: str, confidential: str = "") -> dict[str, str]:
    return {
        "supplier_bin": supplier,
        "product_code": code,
        "quantity": "1",
        "amount": amount,
        "purchase_date": day,
        "contract_reference": "Д-1",
        "price_confidential": confidential,
    }


@pytest.fixture
def bought(world: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    steady, removed, stranger = (world[k].identifier for k in ("steady", "removed", "stranger"))
    lines = [
        _line(steady, "7207110000", "1000", "2026-01-15"),  # 1: two goods of the heading: the higher share, 60 %
        _line(steady, "720711", "1000", "2026-02-15"),  # 2: the 40 % good left on 1 February: 60 %
        _line(steady, "730630", "500", "2026-01-05", "yes"),  # 3: the extract states no share: whole
        _line(steady, "999999", "300", "2026-01-05"),  # 4: the supplier is in the register, not for this good
        _line(removed, "840991", "2000", "2026-01-25"),  # 5: between removal and reinstatement
        _line(removed, "840991", "2000", "2026-01-19"),  # 6: the day before removal: 35.5 %
        _line(removed, "840991", "2000", "2026-02-10"),  # 7: the day of reinstatement: 35.5 %
        _line(removed, "840991", "100", "2026-01-20"),  # 8: the day of removal: out
        _line(stranger, "720711", "400", "2026-02-01"),  # 9: never in the register
        _line(steady, "720711", "5000", "2025-12-31"),  # 10: the year before
    ]
    purchases_record(actor=world["users"]["customer"], customer=world["customer"], lines=lines)
    purchases_record(
        actor=world["users"]["other_customer"],
        customer=world["other"],
        lines=[_line(steady, "720711", "777", "2026-01-15")],
    )
    return world


YEAR = (dt.date(2026, 1, 1), dt.date(2027, 1, 1))


@pytest.mark.law("IP-47-1.3")
def test_figure_counts_lines_by_the_register_as_it_stood_on_each_date(bought: dict[str, Any]) -> None:
    figure = domestic_value.figures(start=YEAR[0], end=YEAR[1], customers=[bought["customer"].pk])[
        bought["customer"].pk
    ]
    assert figure.lines == 9
    assert figure.total == Decimal("9300.00")
    assert figure.counted == Decimal("3120.00")  # 600 + 600 + 500 + 710 + 710
    assert figure.share == Decimal("33.55")
    assert figure.parts[Verdict.COUNTED].lines == 4
    assert figure.parts[Verdict.COUNTED_WHOLE].lines == 1
    assert figure.parts[Verdict.GOOD_NOT_IN_REGISTER].lines == 1
    assert figure.parts[Verdict.SUPPLIER_NOT_IN_REGISTER].lines == 3
    assert figure.confidential.lines == 1
    assert figure.confidential.counted == Decimal("500")


@pytest.mark.law("IP-47-1.3")
def test_each_line_explains_itself_and_the_rules_recompute_the_figure(bought: dict[str, Any]) -> None:
    customer = bought["customer"]
    lines = domestic_value.judged_lines(customer_id=customer.pk, start=YEAR[0], end=YEAR[1], limit=100)
    by_number = {line.line_number: line for line in lines}
    assert by_number[1].verdict is Verdict.COUNTED
    assert by_number[1].share == Decimal("60.00")
    assert by_number[2].share == Decimal("60.00")
    assert by_number[3].verdict is Verdict.COUNTED_WHOLE
    assert by_number[3].share is None
    assert by_number[4].verdict is Verdict.GOOD_NOT_IN_REGISTER
    assert by_number[5].verdict is Verdict.SUPPLIER_NOT_IN_REGISTER
    assert by_number[6].share == by_number[7].share == Decimal("35.50")
    assert by_number[8].verdict is Verdict.SUPPLIER_NOT_IN_REGISTER
    assert by_number[9].verdict is Verdict.SUPPLIER_NOT_IN_REGISTER
    assert 10 not in by_number
    total = sum((line.amount for line in lines), Decimal(0))
    counted = sum((line.counted for line in lines), Decimal(0))
    figure = domestic_value.figures(start=YEAR[0], end=YEAR[1], customers=[customer.pk])[customer.pk]
    assert rules.purchases_domestic_value_share(total, counted) == figure.share
    assert rules.tenge(counted) == figure.counted


def test_explanation_pages_and_filters_by_verdict(bought: dict[str, Any]) -> None:
    customer = bought["customer"]
    first = domestic_value.judged_lines(customer_id=customer.pk, start=YEAR[0], end=YEAR[1], limit=4)
    second = domestic_value.judged_lines(customer_id=customer.pk, start=YEAR[0], end=YEAR[1], offset=4, limit=10)
    assert len(first) == 4
    assert len(second) == 5
    assert not {line.id for line in first} & {line.id for line in second}
    assert [line.purchase_date for line in first + second] == sorted(line.purchase_date for line in first + second)
    missing = domestic_value.judged_lines(
        customer_id=customer.pk, start=YEAR[0], end=YEAR[1], verdict=Verdict.SUPPLIER_NOT_IN_REGISTER
    )
    assert sorted(line.line_number for line in missing) == [5, 8, 9]


def test_all_customers_at_once_and_none(bought: dict[str, Any]) -> None:
    every = domestic_value.figures(start=YEAR[0], end=YEAR[1])
    assert set(every) == {bought["customer"].pk, bought["other"].pk}
    assert every[bought["other"].pk].share == Decimal("60.00")
    assert domestic_value.figures(start=YEAR[0], end=YEAR[1], customers=[]) == {}
    earlier = domestic_value.figures(start=dt.date(2025, 1, 1), end=YEAR[0], customers=[bought["customer"].pk])
    assert earlier[bought["customer"].pk].share == Decimal("60.00")  # line 10: the 60 % and 40 % goods, 60 counts
