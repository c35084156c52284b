"""The refund formula's parameters load through the law layer with their dates and sources, unconfirmed because the
rules for determining and applying counter-obligations were not read; the provisions the rules cite exist. These
tests read data, so they carry no law marks."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from nisi.incentives.rules import counter_obligations_refund as cr
from nisi.law import params, provisions

RULES = Path(cr.__file__).parent
IN_FORCE = dt.date(2022, 1, 9)  # Law No. 86-VII + 10 days, as law/data/enactments.yaml derives it (unconfirmed)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("counter_obligation_weight_labour_productivity", 1),
        ("counter_obligation_weight_export_output", 1),
        ("counter_obligation_weight_domestic_market", 1),
        ("counter_obligation_fulfilled_level", Decimal("1.00")),
        ("counter_obligation_full_refund_below", Decimal("0.00")),
        ("counter_obligation_interest_day_count", 365),
    ],
)
def test_the_formula_is_a_dated_parameter_set_marked_unconfirmed(name: str, value: object) -> None:
    parameter = params.get(name)
    assert parameter.source_file == "incentives_refunds.yaml"
    assert all(provisions.exists(pid) for pid in parameter.provisions)
    found = params.value_on(name, dt.date(2026, 1, 1))
    assert found.value == value
    assert found.effective_from == IN_FORCE
    assert found.unconfirmed
    assert found.reference.startswith("nisi default")
    with pytest.raises(params.NoValueOnDate):
        params.value_on(name, IN_FORCE - dt.timedelta(days=1))


def test_the_day_count_is_one_the_rules_know() -> None:
    assert params.value_on("counter_obligation_interest_day_count", dt.date(2026, 1, 1)).value in cr.DAY_COUNTS


def test_every_provision_the_rules_cite_is_in_the_catalogue() -> None:
    cited = set()
    for path in RULES.glob("*.py"):
        cited |= set(re.findall(r"\bIP-[0-9]+(?:-[0-9]+)?(?:\.[0-9]+(?:-[0-9]+)?){0,2}\b", path.read_text()))
    assert {"IP-27.1", "IP-27.3", "IP-27.4", "IP-28.4", "IP-9.27"} <= cited
    assert sorted(pid for pid in cited if not provisions.exists(pid)) == []
