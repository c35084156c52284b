"""The rules of domestic value development programmes (IP-61-1), in the law's terms."""

import datetime as dt
from decimal import Decimal

import pytest

from nisi.contracts.rules import programmes as rules

D = dt.date
ON = D(2026, 1, 15)
YEARS = (2026, 2027, 2028)


def share_target(values: dict[int, str] | None = None, baseline: str = "40") -> rules.PlannedTarget:
    values = values or {2026: "42", 2027: "45", 2028: "50"}
    return rules.PlannedTarget(
        indicator="Share of domestic value in goods purchased",
        is_share=True,
        baseline=Decimal(baseline),
        values={y: Decimal(v) for y, v in values.items()},
    )


def count_target() -> rules.PlannedTarget:
    return rules.PlannedTarget(
        indicator="Off-take contracts concluded",
        is_share=False,
        baseline=Decimal(2),
        values={2026: Decimal(3), 2027: Decimal(4), 2028: Decimal(5)},
    )


MID_2026 = D(2026, 6, 30)


def action(due: dt.date = MID_2026) -> rules.PlannedAction:
    return rules.PlannedAction("Publish the list of goods to localise", due)


def full_plan() -> list[rules.PlannedArea]:
    return [
        rules.PlannedArea(rules.DOMESTIC_SHARE, [action()], [share_target()]),
        rules.PlannedArea(rules.INDUSTRIAL_CONTRACTS, [action()], [count_target()]),
        rules.PlannedArea(rules.SME_DEVELOPMENT, [action()], [count_target()]),
        rules.PlannedArea(rules.OTHER),
    ]


@pytest.mark.law("IP-61-1.2")
@pytest.mark.parametrize(
    ("kind", "bodies"),
    [
        (rules.SUBSOIL_USER, (rules.AUTHORIZED_BODY,)),
        (rules.QUASI_PUBLIC, (rules.AUTHORIZED_BODY,)),
        (rules.NATURAL_MONOPOLY, (rules.AUTHORIZED_BODY, rules.REGULATOR)),
        (rules.SYSTEMIC_ENTERPRISE, (rules.AUTHORIZED_BODY,)),
    ],
)
def test_ip_61_1_2_natural_monopolies_also_agree_with_the_regulator(kind: str, bodies: tuple[str, ...]) -> None:
    assert rules.agreeing_bodies(kind) == bodies


def test_an_unknown_kind_of_customer_is_refused() -> None:
    with pytest.raises(ValueError, match="kind of large customer"):
        rules.agreeing_bodies("bank")


@pytest.mark.law("IP-61-1.2")
@pytest.mark.parametrize(("first", "years"), [(2026, (2026, 2027, 2028)), (2027, (2027, 2028, 2029))])
def test_ip_61_1_2_a_programme_covers_three_years(first: int, years: tuple[int, ...]) -> None:
    assert rules.programme_years(first, ON) == years


@pytest.mark.parametrize(("first", "refused"), [(2025, True), (2026, False), (2029, False), (2030, True)])
def test_a_programme_starts_this_year_or_up_to_three_years_ahead(first: int, refused: bool) -> None:
    assert bool(rules.first_year_problems(first, ON)) is refused


@pytest.mark.law("IP-61-1.2")
@pytest.mark.parametrize(
    ("ground", "provision"),
    [
        (rules.UNDERESTIMATED_TARGETS, "IP-61-1.2.1"),
        (rules.INAPPROPRIATE_CONTRACT_INDICATORS, "IP-61-1.2.2"),
        (rules.NO_SME_MEASURES, "IP-61-1.2.3"),
    ],
)
def test_ip_61_1_2_each_of_the_three_grounds_may_refuse(ground: str, provision: str) -> None:
    assert rules.refusal_problems(ground, "The 2028 share is below the 2025 baseline.") == []
    assert rules.REFUSAL_GROUNDS[ground] == provision


@pytest.mark.law("IP-61-1.2")
@pytest.mark.parametrize("ground", ["", "late_submission", "insufficient_budget", "other"])
def test_ip_61_1_2_no_other_ground_refuses(ground: str) -> None:
    problems = rules.refusal_problems(ground, "Some reasons")
    assert len(problems) == 1
    assert "three grounds" in problems[0]


@pytest.mark.law("IP-61-1.2")
def test_ip_61_1_2_a_refusal_names_what_meets_the_ground() -> None:
    assert rules.refusal_problems(rules.NO_SME_MEASURES, "  ") != []


@pytest.mark.law("IP-61-1.3")
def test_ip_61_1_3_a_programme_with_its_three_required_areas_planned_is_complete() -> None:
    assert rules.completeness_problems(full_plan(), YEARS) == []


@pytest.mark.law("IP-61-1.3")
@pytest.mark.parametrize("missing", [rules.DOMESTIC_SHARE, rules.INDUSTRIAL_CONTRACTS, rules.SME_DEVELOPMENT])
def test_ip_61_1_3_each_required_area_must_be_planned(missing: str) -> None:
    plan = [a for a in full_plan() if a.area != missing]
    problems = rules.completeness_problems(plan, YEARS)
    assert len(problems) == 1
    assert rules.AREAS[missing] in problems[0]


@pytest.mark.law("IP-61-1.4")
@pytest.mark.parametrize(
    ("area", "expected"),
    [
        (rules.PlannedArea(rules.SME_DEVELOPMENT, [], [count_target()]), "at least one action"),
        (rules.PlannedArea(rules.SME_DEVELOPMENT, [action()], []), "at least one target"),
        (rules.PlannedArea(rules.OTHER, [action()], []), "at least one target"),
    ],
)
def test_ip_61_1_4_each_area_has_an_action_plan_and_targets(area: rules.PlannedArea, expected: str) -> None:
    plan = [a for a in full_plan() if a.area != area.area] + [area]
    problems = rules.completeness_problems(plan, YEARS)
    assert any(expected in p for p in problems)


@pytest.mark.law("IP-61-1.3")
def test_ip_61_1_3_1_the_domestic_share_area_needs_a_share_target() -> None:
    plan = [rules.PlannedArea(rules.DOMESTIC_SHARE, [action()], [count_target()]), *full_plan()[1:]]
    assert any("IP-61-1.3.1" in p for p in rules.completeness_problems(plan, YEARS))


@pytest.mark.law("IP-61-1.4")
@pytest.mark.parametrize(
    ("due", "refused"),
    [(D(2025, 12, 31), True), (D(2026, 1, 1), False), (D(2028, 12, 31), False), (D(2029, 1, 1), True)],
)
def test_ip_61_1_4_actions_are_due_within_the_programme_years(due: dt.date, refused: bool) -> None:
    assert bool(rules.action_problems(due, YEARS)) is refused


@pytest.mark.law("IP-61-1.4")
@pytest.mark.parametrize(
    ("target", "refused"),
    [
        (share_target(), False),
        (share_target({2026: "42", 2027: "45"}), True),  # a year without a value
        (share_target({2026: "42", 2027: "45", 2028: "50", 2029: "55"}), True),  # a year outside the programme
        (share_target({2026: "42", 2027: "45", 2028: "100"}), False),
        (share_target({2026: "42", 2027: "45", 2028: "100.01"}), True),  # a share above 100 per cent
        (share_target(baseline="-1"), True),
    ],
)
def test_ip_61_1_4_targets_have_a_value_for_each_year(target: rules.PlannedTarget, refused: bool) -> None:
    assert bool(rules.target_problems(target, YEARS)) is refused


@pytest.mark.law("IP-61-1.5")
@pytest.mark.parametrize(
    ("year", "on", "refused"),
    [
        (2026, D(2026, 12, 31), True),  # the year has not ended
        (2026, D(2027, 1, 1), False),
        (2028, D(2029, 2, 1), False),
        (2025, D(2026, 2, 1), True),  # not a year of the programme
        (2029, D(2030, 2, 1), True),
    ],
)
def test_ip_61_1_5_information_is_given_on_a_year_of_the_programme_that_has_ended(
    year: int, on: dt.date, refused: bool
) -> None:
    assert bool(rules.report_year_problems(year, YEARS, on)) is refused


@pytest.mark.law("IP-61-1.5")
def test_ip_61_1_5_a_year_s_information_is_due_the_following_year() -> None:
    due = rules.report_due(2026)
    assert due.value == D(2027, 3, 1)
    assert "IP-61-1.5" in [s.provision for s in due.steps]


@pytest.mark.law("IP-61-1.5")
def test_ip_61_1_5_a_due_date_on_a_day_off_moves_to_the_next_working_day() -> None:
    # 1 March 2026 is a Sunday.
    assert rules.report_due(2025).value == D(2026, 3, 2)


@pytest.mark.law("IP-61-1.5")
@pytest.mark.parametrize(
    ("planned", "actual", "met"),
    [("45", "45", True), ("45", "44.99", False), ("45", "60", True), ("45", None, None)],
)
def test_ip_61_1_5_a_target_is_reached_at_its_value_or_above(planned: str, actual: str | None, met: bool) -> None:
    assert rules.target_met(Decimal(planned), Decimal(actual) if actual else None) is met


@pytest.mark.law("IP-61-1.6")
@pytest.mark.parametrize(
    ("outcome", "no_fault", "no_fault_reason", "reasons", "refused"),
    [
        (rules.FULFILLED, False, "", "All targets reached", False),
        (rules.NOT_FULFILLED, False, "", "The 2028 share was not reached", False),
        (rules.NOT_FULFILLED, True, "No domestic producer of the goods existed", "Share not reached", False),
        (rules.NOT_FULFILLED, True, "", "Share not reached", True),  # no fault needs its reason
        (rules.FULFILLED, True, "Some reason", "All reached", True),  # no fault only for a failure
        (rules.FULFILLED, False, "", " ", True),
        ("partly", False, "", "Half", True),
    ],
)
def test_ip_61_1_6_recognition_and_no_fault(
    outcome: str, no_fault: bool, no_fault_reason: str, reasons: str, refused: bool
) -> None:
    assert bool(rules.fulfilment_problems(outcome, no_fault, no_fault_reason, reasons)) is refused


@pytest.mark.law("IP-61-1.6")
@pytest.mark.parametrize(
    ("outcome", "no_fault", "liable"),
    [(rules.FULFILLED, False, False), (rules.NOT_FULFILLED, False, True), (rules.NOT_FULFILLED, True, False)],
)
def test_ip_61_1_6_no_liability_for_a_failure_not_the_customer_s_fault(
    outcome: str, no_fault: bool, liable: bool
) -> None:
    assert rules.liability_applies(outcome, no_fault) is liable
