"""The foreign trade rules in the law's terms: the import unit prices, their median and weighted mean, and the
comparison with the domestic producers' prices that raises a signal (IP-52); the catalogue's editions and contacts
(IP-43.2.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.trade import rules

D = Decimal


@pytest.mark.law("IP-52")
@pytest.mark.parametrize(
    ("value", "quantity", "price"),
    [
        ("1000000.00", "4.000", "250000.00"),  # plain division
        ("100.00", "3.000", "33.33"),  # rounded to the tiyn
        ("200.00", "3.000", "66.67"),  # half up
        ("0.05", "2.000", "0.03"),  # 0.025 is rounded half up
        ("0.00", "5.000", "0.00"),  # a free import (aid) has a zero price
        ("1.00", "0.001", "1000.00"),  # a gram of a tonne
    ],
)
def test_ip_52_unit_price_is_the_customs_value_over_the_quantity_to_the_tiyn(
    value: str, quantity: str, price: str
) -> None:
    assert rules.unit_price(D(value), D(quantity)) == D(price)


@pytest.mark.parametrize(("value", "quantity"), [("100", "0"), ("100", "-1"), ("-1", "1")])
def test_unit_price_refuses_impossible_declarations(value: str, quantity: str) -> None:
    with pytest.raises(rules.TradeRuleError):
        rules.unit_price(D(value), D(quantity))


@pytest.mark.law("IP-52")
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["5"], "5.00"),  # one price is its own median
        (["3", "1", "2"], "2.00"),  # odd: the middle one, whatever the order given
        (["1", "2", "3", "4"], "2.50"),  # even: the mean of the two middle ones
        (["1.00", "1.01"], "1.01"),  # 1.005 rounded half up to the tiyn
        (["10", "10", "10", "1000"], "10.00"),  # an outlier does not move it
        (["7", "1", "7", "1"], "4.00"),  # ties on both sides
    ],
)
def test_ip_52_median_is_defined_exactly(values: list[str], expected: str) -> None:
    assert rules.median([D(v) for v in values]) == D(expected)


def test_a_median_of_nothing_is_refused() -> None:
    with pytest.raises(rules.TradeRuleError):
        rules.median([])


@pytest.mark.law("IP-52")
def test_ip_52_statistics_of_a_code_count_each_declaration_once_and_weigh_the_mean_by_quantity() -> None:
    lines = [
        rules.Line(customs_value=D("1000000.00"), quantity=D("10")),  # 100,000 per t
        rules.Line(customs_value=D("300000.00"), quantity=D("2")),  # 150,000 per t
        rules.Line(customs_value=D("120000.00"), quantity=D("1")),  # 120,000 per t
    ]
    stats = rules.price_statistics(lines)
    assert stats.declarations == 3
    assert stats.median == D("120000.00")
    assert stats.weighted_mean == D("109230.77")  # 1,420,000 / 13
    assert (stats.minimum, stats.maximum) == (D("100000.00"), D("150000.00"))
    assert stats.quantity == D("13")
    assert stats.customs_value == D("1420000.00")


ON = dt.date(2026, 3, 31)


@pytest.mark.law("IP-52")
@pytest.mark.parametrize(
    ("import_median", "domestic", "ratio", "signal"),
    [
        ("60.00", ["100.00"], "0.6000", True),  # far below the domestic price: flagged
        ("69.99", ["100.00"], "0.6999", True),  # just below the threshold (0.70)
        ("70.00", ["100.00"], "0.7000", False),  # at the threshold: not below it
        ("95.00", ["100.00"], "0.9500", False),  # close to the domestic price
        ("150.00", ["100.00"], "1.5000", False),  # dearer imports are no signal
        ("60.00", ["80.00", "100.00", "120.00"], "0.6000", True),  # against the producers' median
        ("60.00", ["90.00", "110.00"], "0.6000", True),  # even number of producers: the mean of the middle two
    ],
)
def test_ip_52_imports_much_cheaper_than_the_domestic_producers_are_a_signal(
    import_median: str, domestic: list[str], ratio: str, signal: bool
) -> None:
    comparison = rules.compare(D(import_median), [D(x) for x in domestic], on=ON)
    assert comparison.ratio == D(ratio)
    assert comparison.signal is signal
    assert comparison.threshold == D("0.70")
    assert comparison.threshold_unconfirmed


@pytest.mark.law("IP-52")
def test_ip_52_without_a_domestic_price_there_is_nothing_to_compare() -> None:
    comparison = rules.compare(D("1.00"), [], on=ON)
    assert comparison.ratio is None
    assert comparison.domestic_median is None
    assert not comparison.signal


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-03", dt.date(2026, 3, 1), dt.date(2026, 3, 31), "2026-03"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "2024-02"),
        ("2026-q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), "2026-Q4"),
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "2026-Q1"),
    ],
)
def test_periods_are_months_or_quarters(text: str, start: dt.date, end: dt.date, label: str) -> None:
    period = rules.parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("text", ["", "2026", "2026-13", "2026-Q5", "26-01", "2026-1", "0000-01", "9999-Q4"])
def test_other_periods_are_refused(text: str) -> None:
    with pytest.raises(rules.TradeRuleError):
        rules.parse_period(text)


def test_last_ended_quarter_and_previous_quarters() -> None:
    assert rules.last_ended_quarter(dt.date(2026, 1, 5)).label == "2025-Q4"
    labels = [q.label for q in rules.previous_quarters(rules.parse_period("2026-02"), 3)]
    assert labels == ["2025-Q3", "2025-Q4", "2026-Q1"]


@pytest.mark.parametrize(
    ("code", "ok"), [("720810", True), ("7208100000", True), ("72081", False), ("72081000", False), ("72o810", False)]
)
def test_codes_of_declarations(code: str, ok: bool) -> None:
    assert (rules.code_problem(code) is None) is ok


@pytest.mark.parametrize(("country", "ok"), [("CN", True), ("RU", True), ("KZ", False), ("cn", False), ("CHN", False)])
def test_countries_of_origin(country: str, ok: bool) -> None:
    assert (rules.country_problem(country) is None) is ok


@pytest.mark.law("IP-43.2.3")
def test_ip_43_2_3_one_edition_a_month_and_contacts_only_with_consent() -> None:
    assert rules.edition_number(dt.date(2026, 12, 1)) == rules.edition_number(dt.date(2026, 12, 31)) == "2026-12"
    assert rules.contacts_shown(consented=True)
    assert not rules.contacts_shown(consented=False)


@pytest.mark.law("IP-43.2.3")
@pytest.mark.parametrize(
    ("names", "language", "expected"),
    [
        ({"en": "Flat-rolled iron", "ru": "Прокат", "kk": "Илемдер"}, "en", "Flat-rolled iron"),
        ({"en": "", "ru": "Прокат", "kk": "Илемдер"}, "en", "Прокат"),  # no English name: the register's own
        ({"en": "Flat-rolled iron", "ru": "Прокат", "kk": ""}, "kk", "Прокат"),  # no Kazakh name: Russian
        ({"en": "Flat-rolled iron", "ru": "Прокат", "kk": "Илемдер"}, "ru", "Прокат"),
    ],
)
def test_ip_43_2_3_goods_named_for_foreign_buyers(names: dict[str, str], language: str, expected: str) -> None:
    assert rules.product_name(names, language) == expected
