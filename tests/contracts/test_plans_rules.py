"""The plans' rules in the law's terms (IP-46.2, IP-47)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.contracts.rules import customers as c
from nisi.contracts.rules import plans as rules

D = dt.date
H = c.Holding
FIFTY = Decimal(50)


@pytest.mark.law("IP-47.1")
@pytest.mark.parametrize(
    ("submitted_on", "late"),
    [(D(2025, 12, 9), False), (D(2025, 12, 10), False), (D(2025, 12, 11), True), (D(2026, 1, 5), True)],
)
def test_ip_47_1_plan_received_by_10_december_of_the_year_before(submitted_on: dt.date, late: bool) -> None:
    assert rules.plans_due(2026).value == D(2025, 12, 10)
    assert rules.plan_late(submitted_on, 2026) is late


@pytest.mark.law("IP-47.4")
def test_ip_47_4_resubmission_on_the_5th_working_day_is_in_time_the_6th_is_late() -> None:
    notified = D(2026, 2, 2)  # a Monday; the week that follows has no holidays
    fifth = rules.amendment_due(notified).value
    assert fifth == D(2026, 2, 9)
    assert rules.resubmission_late(notified, fifth) is False
    assert rules.resubmission_late(notified, D(2026, 2, 10)) is True


@pytest.mark.law("IP-47.6")
@pytest.mark.parametrize(("applied_on", "late"), [(D(2026, 3, 4), False), (D(2026, 3, 5), True)])
def test_ip_47_6_application_on_the_30th_day_passes_on_the_31st_is_refused(applied_on: dt.date, late: bool) -> None:
    published = D(2026, 2, 2)  # the 30th calendar day after is Wednesday 4 March 2026
    assert rules.application_due(published).value == D(2026, 3, 4)
    assert rules.application_late(published, applied_on) is late


@pytest.mark.law("IP-47.6")
def test_ip_47_6_a_30th_day_off_moves_to_the_next_working_day() -> None:
    assert rules.application_due(D(2026, 1, 1)).value == D(2026, 2, 2)  # 31 January 2026 is a Saturday


@pytest.mark.law("IP-47.7")
def test_ip_47_7_examination_within_30_days_of_the_application_deadline() -> None:
    assert rules.examination_due(D(2026, 3, 4)).value == D(2026, 4, 3)


@pytest.mark.law("IP-47.5")
def test_ip_47_5_the_list_is_published_by_1_february_of_the_first_year() -> None:
    assert rules.publication_due(2027).value == D(2027, 2, 1)


@pytest.mark.law("IP-47.1")
@pytest.mark.parametrize(
    ("customer", "plan"),
    [
        ("quasi_public", "procurement_plan"),
        ("subsoil_user", "procurement_programme"),
        ("natural_monopoly", "goods_list"),
        ("systemic_enterprise", "systemic_plan"),
    ],
)
def test_ip_47_1_the_kind_of_plan_follows_the_kind_of_customer(customer: str, plan: str) -> None:
    assert rules.plan_kind(customer) == plan


@pytest.mark.law("IP-47.3")
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"product_code": "73042"}, "product_code"),
        ({"product_code": "७३०४२९"}, "product_code"),
        ({"quantity": Decimal(0)}, "quantity"),
        ({"quantity": Decimal(-1)}, "quantity"),
        ({"quantity": None}, "quantity"),
        ({"year": 2025}, "year"),
        ({"unit": " "}, "unit"),
        ({"planned_amount": Decimal("-0.01")}, "planned_amount"),
        ({"exclusion": "domestic_market"}, "exclusion_reason"),
        ({"exclusion": "other"}, "exclusion"),
    ],
)
def test_ip_47_3_a_bad_line_is_refused_by_field(changes: dict[str, object], field: str) -> None:
    values: dict[str, object] = {
        "product_code": "730429",
        "description": "pipes",
        "quantity": Decimal(1),
        "unit": "t",
        "year": 2026,
    }
    values.update(changes)
    found = rules.line_problems(rules.LineIn(**values), first_year=2026, last_year=2027)  # type: ignore[arg-type]
    assert field in found


def test_a_good_line_and_an_excluded_one_with_its_reason_pass() -> None:
    good = rules.LineIn("730429", "pipes", Decimal(1), "t", 2027, exclusion="foreign_warranty", exclusion_reason="OEM")
    assert rules.line_problems(good, first_year=2026, last_year=2027) == {}


@pytest.mark.parametrize(
    ("first", "last", "ok"), [(2026, 2026, True), (2026, 2030, True), (2026, 2031, False), (2027, 2026, False)]
)
def test_a_plan_covers_one_to_five_years(first: int, last: int, ok: bool) -> None:
    assert (rules.years_problem(first, last) is None) is ok


@pytest.mark.law("IP-46.2")
@pytest.mark.parametrize(
    ("holdings", "excluded"),
    [
        ([H("F", "A", Decimal(50))], True),
        ([H("F", "A", Decimal("49.99"))], False),
        # Two levels: the Fund controls B (100 %), B holds 50 % of A.
        ([H("F", "B", Decimal(100)), H("B", "A", Decimal(50))], True),
        ([H("F", "B", Decimal(100)), H("B", "A", Decimal("49.99"))], False),
        # Held through an entity the Fund does not control: not the Fund's.
        ([H("F", "B", Decimal("49.99")), H("B", "A", Decimal(100))], False),
        # Directly and through a controlled entity together.
        ([H("F", "A", Decimal(30)), H("F", "B", Decimal(60)), H("B", "A", Decimal(20))], True),
        # Trust management counts as the Fund's.
        ([H("F", "B", Decimal(100), trust_management=True), H("B", "A", Decimal(50))], True),
        ([H("F", "A", Decimal(50), trust_management=True)], True),
        # A cycle in the chain given is followed once.
        ([H("A", "B", Decimal(10)), H("B", "A", Decimal(10))], False),
    ],
)
def test_ip_46_2_the_fund_and_entities_it_holds_50_percent_of(holdings: list[c.Holding], excluded: bool) -> None:
    assert c.fund_share("F", "A", holdings, threshold=FIFTY).excluded is excluded


@pytest.mark.law("IP-46.2")
def test_ip_46_2_the_fund_itself_is_excluded_and_the_threshold_is_dated() -> None:
    assert c.fund_share("F", "F", [], threshold=FIFTY).excluded
    assert c.fund_threshold(D(2025, 1, 1)) == FIFTY
