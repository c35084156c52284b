"""The law of industrial assembly agreements in its own terms (IP-62 … IP-64), boundary rows included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.assembly import rules
from nisi.assembly.rules import Benefit, Category, Facts, Operation

ON = dt.date(2026, 5, 1)  # MCI 4,325 tenge (law on the republican budget for 2026–2028)
MCI_2026 = Decimal(4325)
CAR_OPS = frozenset({Operation.WELDING, Operation.PAINTING, Operation.CATAPHORESIS, Operation.BODY_ASSEMBLY})
TRUCK_OPS = frozenset({Operation.WELDING, Operation.PAINTING, Operation.BODY_ASSEMBLY})
AGRI_OPS = frozenset({Operation.CUTTING, Operation.BENDING, Operation.WELDING, Operation.ASSEMBLY, Operation.PAINTING})


def finding(verdict: rules.Verdict, criterion: str) -> rules.Finding:
    return next(f for f in verdict.findings if f.criterion == criterion)


@pytest.mark.law("IP-62.4")
@pytest.mark.parametrize(
    ("notified_on", "ends_on"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 4, 15)),  # the same date three months later
        (dt.date(2026, 3, 31), dt.date(2026, 6, 30)),  # 31 June does not exist: the month's last day
        (dt.date(2024, 11, 30), dt.date(2025, 2, 28)),  # 30 February does not exist: 28 February (not a leap year)
        (dt.date(2023, 11, 29), dt.date(2024, 2, 29)),  # a leap year has 29 February
        (dt.date(2023, 11, 30), dt.date(2024, 2, 29)),  # 30 February of a leap year: the 29th
        (dt.date(2026, 8, 31), dt.date(2026, 11, 30)),  # 31 November does not exist
        (dt.date(2026, 5, 31), dt.date(2026, 8, 31)),  # the 31st exists three months later
        # The last day falls on a day off: the term ends on the next working day (the legal calendar's rule).
        (dt.date(2025, 11, 30), dt.date(2026, 3, 2)),  # 28 February 2026 is a Saturday
        (dt.date(2025, 5, 31), dt.date(2025, 9, 2)),  # 31 August 2025 a Sunday, 1 September a day off in lieu
    ],
)
def test_ip_62_4_cure_period_is_three_months_from_the_notification(notified_on: dt.date, ends_on: dt.date) -> None:
    result = rules.cure_period_end(notified_on)
    assert result.value == ends_on
    assert "IP-62.4" in result.provisions


@pytest.mark.law("IP-62.4")
@pytest.mark.parametrize(
    ("on", "cured", "allowed"),
    [
        (dt.date(2026, 4, 14), False, False),
        (dt.date(2026, 4, 15), False, False),  # the term's last day: still running
        (dt.date(2026, 4, 16), False, True),  # the next day: unilateral termination is open
        (dt.date(2026, 9, 1), True, False),  # eliminated: no termination on this notice
    ],
)
def test_ip_62_4_termination_only_after_the_three_months_without_cure(on: dt.date, cured: bool, allowed: bool) -> None:
    problems = rules.termination_problems(cure_ends_on=dt.date(2026, 4, 15), cured=cured, on=on)
    assert (problems == []) is allowed


@pytest.mark.law("IP-63.2.1")
@pytest.mark.parametrize(
    ("category", "capacity", "met"),
    [
        (Category.PASSENGER_CAR, 24_999, False),
        (Category.PASSENGER_CAR, 25_000, True),
        (Category.TRUCK, 9_999, False),
        (Category.TRUCK, 10_000, True),
        (Category.TRUCK_TRACTOR, 10_000, True),
        (Category.SPECIAL_EQUIPMENT, 9_999, False),
        (Category.BUS, 1_199, False),
        (Category.BUS, 1_200, True),
    ],
)
def test_ip_63_2_1_two_shift_capacity_by_category(category: Category, capacity: int, met: bool) -> None:
    facts = Facts(operations=CAR_OPS, brands={"A": 2}, capacity=capacity, assets=Decimal(10) ** 15)
    verdict = rules.conditions_check(category, facts, ON).value
    assert finding(verdict, "two-shift production capacity a year").met is met


@pytest.mark.law("IP-63.2.2")
@pytest.mark.law("IP-64.1.2")
@pytest.mark.law("IP-64.2.2")
@pytest.mark.parametrize(
    ("category", "multiple"),
    [
        (Category.PASSENGER_CAR, 18_000_000),
        (Category.TRUCK, 3_500_000),
        (Category.BUS, 3_500_000),
        (Category.AGRICULTURAL_MAJOR, 500_000),
        (Category.AGRICULTURAL_OTHER, 100_000),
    ],
)
@pytest.mark.parametrize(("tiyn", "met"), [(Decimal("-0.01"), False), (Decimal(0), True)])
def test_production_assets_in_mci_of_the_year(category: Category, multiple: int, tiyn: Decimal, met: bool) -> None:
    threshold = Decimal(multiple) * MCI_2026
    assert rules.assets_threshold(category, ON).value == threshold
    facts = Facts(operations=CAR_OPS | AGRI_OPS, brands={"A": 2, "B": 1}, capacity=30_000, assets=threshold + tiyn)
    verdict = rules.conditions_check(category, facts, ON).value
    assert finding(verdict, "production assets on the balance sheet").met is met


@pytest.mark.law("IP-63.2.2")
def test_ip_63_2_2_the_mci_is_the_one_in_force_on_the_date() -> None:
    assert rules.assets_threshold(Category.PASSENGER_CAR, dt.date(2025, 12, 31)).value == Decimal(18_000_000) * 3932
    assert rules.assets_threshold(Category.PASSENGER_CAR, dt.date(2026, 1, 1)).value == Decimal(18_000_000) * 4325


@pytest.mark.law("IP-63.2.1")
@pytest.mark.parametrize(
    ("category", "brands", "met"),
    [
        (Category.PASSENGER_CAR, {"Chevrolet": 1}, False),  # one brand: at least two models
        (Category.PASSENGER_CAR, {"Chevrolet": 2}, True),
        (Category.PASSENGER_CAR, {"Chevrolet": 1, "Hyundai": 1}, True),  # two brands: one model of each
        (Category.PASSENGER_CAR, {"Chevrolet": 1, "Hyundai": 0}, False),
        (Category.TRUCK, {}, False),
        (Category.TRUCK, {"KAMAZ": 1}, True),  # trucks: at least one model
        (Category.BUS, {"Yutong": 1}, True),
    ],
)
def test_ip_63_2_1_models_per_brand(category: Category, brands: dict[str, int], met: bool) -> None:
    facts = Facts(operations=CAR_OPS, brands=brands, capacity=30_000, assets=Decimal(10) ** 15)
    assert finding(rules.conditions_check(category, facts, ON).value, "models per brand").met is met


@pytest.mark.law("IP-63.2.1")
@pytest.mark.law("IP-64.1.1")
@pytest.mark.law("IP-64.2.1")
@pytest.mark.parametrize(
    ("category", "operations", "painting_in_design", "met"),
    [
        (Category.PASSENGER_CAR, CAR_OPS, True, True),
        (Category.PASSENGER_CAR, TRUCK_OPS, True, False),  # painting without cataphoresis: not for passenger cars
        (Category.TRUCK, TRUCK_OPS, True, True),  # cataphoresis is asked of passenger cars only
        (Category.BUS, TRUCK_OPS - {Operation.WELDING}, True, False),
        (Category.AGRICULTURAL_MAJOR, AGRI_OPS, True, True),
        (Category.AGRICULTURAL_MAJOR, AGRI_OPS - {Operation.BENDING}, True, False),
        (Category.AGRICULTURAL_OTHER, AGRI_OPS - {Operation.PAINTING}, False, True),  # no painting in the design
        (Category.AGRICULTURAL_OTHER, AGRI_OPS - {Operation.PAINTING}, True, False),
    ],
)
def test_technological_operations_by_category(
    category: Category, operations: frozenset[str], painting_in_design: bool, met: bool
) -> None:
    facts = Facts(
        operations=operations,
        brands={"A": 2},
        capacity=30_000,
        assets=Decimal(10) ** 15,
        painting_in_design=painting_in_design,
    )
    assert finding(rules.conditions_check(category, facts, ON).value, "technological operations").met is met


@pytest.mark.law("IP-63.1")
def test_ip_63_1_other_vehicles_and_components_have_no_conditions_of_the_law() -> None:
    for category in (Category.OTHER_VEHICLE, Category.VEHICLE_COMPONENTS, Category.AGRICULTURAL_COMPONENTS):
        verdict = rules.conditions_check(category, Facts(), ON).value
        assert verdict.findings == ()
        assert verdict.met


@pytest.mark.law("IP-62.1")
@pytest.mark.parametrize(
    ("category", "codes", "ok"),
    [
        (Category.PASSENGER_CAR, ["870323"], True),
        (Category.PASSENGER_CAR, ["870421"], False),  # a truck's code under a passenger car agreement
        (Category.TRUCK_TRACTOR, ["870122"], True),
        (Category.AGRICULTURAL_MAJOR, ["843351", "870192"], True),
        (Category.AGRICULTURAL_OTHER, ["843351"], False),  # a combine harvester is IP-64.1's
        (Category.VEHICLE_COMPONENTS, ["401110"], True),
        (Category.BUS, [], False),
    ],
)
def test_codes_of_the_category(category: Category, codes: list[str], ok: bool) -> None:
    assert (rules.code_problems(category, codes) == []) is ok


CONCLUDED = dt.date(2025, 3, 1)


@pytest.mark.law("IP-62.6")
def test_ip_62_6_benefits_since_conclusion_by_code_line_by_line() -> None:
    benefits = [
        Benefit("870323", dt.date(2025, 3, 1), dt.date(2025, 12, 31), "customs duty", Decimal("1200000.50")),
        Benefit("870323", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "customs duty", Decimal("300000.25")),
        Benefit("870421", dt.date(2025, 6, 1), dt.date(2025, 12, 31), "VAT", Decimal("99.99")),
        Benefit("870323", dt.date(2025, 2, 1), dt.date(2025, 2, 28), "customs duty", Decimal("5")),  # before
        Benefit("999999", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "other", Decimal("7")),  # another code
    ]
    result = rules.reimbursement(
        codes=["870323", "870421"], concluded_on=CONCLUDED, terminated_on=dt.date(2026, 6, 1), benefits=benefits
    )
    by_code = {c.hs_code: c.amount for c in result.value.by_code}
    assert by_code == {"870323": Decimal("1500000.75"), "870421": Decimal("99.99")}
    assert result.value.total == Decimal("1500100.74")
    texts = [s.text for s in result.steps]
    assert (
        sum("outside the agreement's term" in t for t in texts) == 1
    )  # the benefit before the conclusion, shown and not counted
    assert any("999999" in t for t in texts)
    assert "1500100.74" in texts[-1]


@pytest.mark.law("IP-62.6")
@pytest.mark.parametrize(
    ("start", "end", "amount", "ok"),
    [
        (CONCLUDED, dt.date(2025, 3, 31), Decimal("1.00"), True),  # from the conclusion day itself
        (CONCLUDED - dt.timedelta(days=1), dt.date(2025, 3, 31), Decimal("1.00"), False),
        (CONCLUDED, dt.date(2026, 6, 2), Decimal("1.00"), False),  # the period has not ended
        (CONCLUDED, dt.date(2025, 3, 31), Decimal("0.00"), False),
        (CONCLUDED, dt.date(2025, 3, 31), Decimal("0.001"), False),
    ],
)
def test_ip_62_6_what_benefit_may_be_recorded(start: dt.date, end: dt.date, amount: Decimal, ok: bool) -> None:
    benefit = Benefit("870323", start, end, "duty", amount)
    problems = rules.benefit_problems(benefit, codes=["870323"], concluded_on=CONCLUDED, on=dt.date(2026, 6, 1))
    assert (problems == []) is ok


@pytest.mark.law("IP-63.3")
@pytest.mark.parametrize(
    ("category", "fulfilled", "operations", "ok"),
    [
        (Category.TRUCK, True, TRUCK_OPS, True),
        (Category.PASSENGER_CAR, True, CAR_OPS, False),  # never for passenger cars
        (Category.BUS, False, TRUCK_OPS, False),  # the earlier obligations not met
        (Category.TRUCK, True, frozenset({Operation.WELDING}), False),  # no painting under the earlier agreement
        (Category.AGRICULTURAL_MAJOR, True, AGRI_OPS, False),  # vehicles only
    ],
)
def test_ip_63_3_multilateral_agreements(
    category: Category, fulfilled: bool, operations: frozenset[str], ok: bool
) -> None:
    problems = rules.multilateral_problems(
        category=category, parent_category=Category.TRUCK, parent_fulfilled=fulfilled, parent_operations=operations
    )
    assert (problems == []) is ok


@pytest.mark.law("IP-63.4")
@pytest.mark.parametrize(
    ("category", "in_force", "last_check", "open_notice", "fulfilled"),
    [
        (Category.TRUCK, True, True, False, True),
        (Category.TRUCK, True, None, False, False),  # not yet checked
        (Category.TRUCK, True, False, False, False),
        (Category.TRUCK, True, True, True, False),  # a notice open
        (Category.TRUCK, False, True, False, False),  # terminated
        (Category.AGRICULTURAL_MAJOR, True, True, False, False),  # not one of IP-63.2's vehicles
    ],
)
def test_ip_63_4_fulfilment(
    category: Category, in_force: bool, last_check: bool | None, open_notice: bool, fulfilled: bool
) -> None:
    result = rules.fulfilment(category=category, in_force=in_force, last_check_met=last_check, open_notice=open_notice)
    assert result.value is fulfilled
    assert result.provisions == ["IP-63.4"]
