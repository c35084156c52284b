"""Production conditions across codes (IP-51-7.4): goods are assessed against the most specific approved code that
covers theirs, so "never more favourable" holds between a code and the codes under it."""

import datetime as dt
from typing import Any

import pytest

from nisi.law import clock
from nisi.registry.models import ProductionConditions
from nisi.registry.services import catalogue
from nisi.registry.services.applications import conditions_for
from tests.registry.conftest import AGREEMENT, OFFICER

STEEL_CONDITIONS = [
    {"kind": "raw_material", "text": "Slabs or billets smelted in Kazakhstan"},
    {"kind": "testing", "text": "Mechanical testing of each batch"},
]
STEEL_OPERATIONS = [
    {"code": "heating", "name": "Heating of slabs", "mandatory": True},
    {"code": "rolling", "name": "Hot rolling", "mandatory": True},
    {"code": "pickling", "name": "Pickling"},
    {"code": "cutting", "name": "Cutting to length"},
    {"code": "coiling", "name": "Coiling"},
]
BATCH_TEST = {"code": "batch_test", "name": "Testing of each batch", "mandatory": True}


def approve(product_code: str, **terms: Any) -> ProductionConditions:
    return catalogue.conditions_approve(
        actor=OFFICER,
        product_code=product_code,
        title=terms.pop("title", f"Goods of {product_code}"),
        conditions=terms.pop("conditions", STEEL_CONDITIONS),
        operations=terms.pop("operations", STEEL_OPERATIONS),
        minimum_operations=terms.pop("minimum_operations", 3),
        valid_from=terms.pop("valid_from", dt.date(2025, 9, 1)),
        agreements=terms.pop("agreements", [AGREEMENT]),
        **terms,
    )


@pytest.mark.law("IP-51-7.4")
def test_conditions_for_a_narrower_code_may_not_be_easier_than_those_that_cover_it(
    steel_conditions: ProductionConditions,
) -> None:
    # 7208 asks for 3 operations, heating and rolling among them; goods of 7208100000 are assessed against it.
    with pytest.raises(catalogue.ConditionsError) as refused:
        approve(
            "7208100000",
            operations=[{"code": "rolling", "name": "Hot rolling"}],
            minimum_operations=1,
        )
    message = str(refused.value)
    assert "7208 (version 1)" in message
    assert "IP-51-7.4" in message
    assert "the minimum threshold falls from 3 to 1" in message
    assert "the mandatory operation heating is dropped or made optional" in message
    assert not ProductionConditions.objects.filter(product_code="7208100000").exists()
    with clock.frozen(dt.date(2026, 3, 1)):
        assert conditions_for("7208100000") == steel_conditions
    # Stricter than 7208 is what a narrower code may be.
    stricter = approve("7208100000", operations=[*STEEL_OPERATIONS, BATCH_TEST], minimum_operations=4)
    with clock.frozen(dt.date(2026, 3, 1)):
        assert conditions_for("7208100000") == stricter


@pytest.mark.law("IP-51-7.4")
def test_a_stricter_version_of_a_code_is_refused_while_a_narrower_code_would_stay_easier(
    steel_conditions: ProductionConditions,
) -> None:
    narrower = approve("7208100000")  # as strict as 7208 version 1
    with pytest.raises(catalogue.ConditionsError) as refused:
        approve("7208", operations=[*STEEL_OPERATIONS, BATCH_TEST], minimum_operations=4)
    message = str(refused.value)
    assert f"7208100000 (version {narrower.version})" in message
    assert "the minimum threshold falls from 4 to 3" in message
    assert "the mandatory operation batch_test is dropped or made optional" in message
    assert "make them at least as strict first" in message
    assert catalogue.conditions_in_force("7208") == steel_conditions
    # Tighten the narrower code first; then the covering one may follow.
    approve("7208100000", operations=[*STEEL_OPERATIONS, BATCH_TEST], minimum_operations=4)
    assert approve("7208", operations=[*STEEL_OPERATIONS, BATCH_TEST], minimum_operations=4).version == 2


@pytest.mark.law("IP-51-7.4")
def test_a_refusal_calls_a_version_that_starts_later_approved_not_in_force(
    steel_conditions: ProductionConditions, english: None
) -> None:
    # Version 1 of 7208 is approved and in force from 1 August 2025; asked before that day, it is not "in force".
    easier = {"operations": [{"code": "rolling", "name": "Hot rolling"}], "minimum_operations": 1}
    with clock.frozen(dt.date(2025, 7, 20)), pytest.raises(catalogue.ConditionsError) as refused:
        approve("7208", valid_from=dt.date(2025, 9, 1), **easier)
    assert "version 1, approved and in force from 01.08.2025" in str(refused.value)
    assert "in force, which" not in str(refused.value)
    with clock.frozen(dt.date(2025, 8, 20)), pytest.raises(catalogue.ConditionsError) as refused:
        approve("7208", valid_from=dt.date(2025, 9, 1), **easier)
    assert "version 1 in force" in str(refused.value)
