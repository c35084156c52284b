"""The measures' own refusal rules (IP-30 … IP-41) and the catalogue's kinds (IP-29), in the law's terms."""

import datetime as dt

import pytest

from nisi.incentives.models import MeasureKind, OperatorKind
from nisi.incentives.rules import catalogue, measures
from nisi.incentives.rules.findings import describe

D = dt.date


def test_ip_29_the_catalogue_holds_all_fourteen_kinds_as_the_models_do() -> None:
    assert list(catalogue.KINDS) == list(MeasureKind.values)
    assert [k.item for k in catalogue.KINDS.values()] == [f"IP-29.{i}" for i in range(1, 15)]
    for info in catalogue.KINDS.values():
        assert set(info.operators) <= set(OperatorKind.values), info.code


@pytest.mark.law("IP-30.2")
@pytest.mark.parametrize(
    ("purpose", "refused"),
    [
        ("new_production", False),
        ("modernization", False),
        ("expansion", False),
        ("recovery", True),
        ("working_capital", True),
    ],
)
def test_ip_30_2_financing_only_for_new_projects_or_modernization_and_expansion(purpose: str, refused: bool) -> None:
    found = measures.measure_problems("financing", purpose=purpose, operator_kind="development_bank")
    assert bool(found) is refused
    if refused:
        assert found[0].provision == "IP-30.2"
        assert found[0].data == {"purpose": purpose}


@pytest.mark.law("IP-33.1")
@pytest.mark.parametrize(
    ("purpose", "refused"),
    [("working_capital", True), ("new_production", False), ("modernization", False), ("recovery", False)],
)
def test_ip_33_1_a_working_capital_interest_subsidy_refused(purpose: str, refused: bool) -> None:
    found = measures.measure_problems("interest_subsidy", purpose=purpose, operator_kind="financial_agent")
    assert bool(found) is refused
    if refused:
        assert [f.provision for f in found] == ["IP-33.1"]
        assert "working capital" in describe(found[0])


def test_working_capital_bars_only_the_interest_subsidy() -> None:
    assert measures.measure_problems("guarantees", purpose="working_capital", operator_kind="financial_agent") == []


@pytest.mark.law("IP-38.1")
@pytest.mark.parametrize(
    ("operator", "refused"),
    [
        ("foreign_trade_authority", False),
        ("financial_agent", False),  # IP-38.2: interest subsidies on export loans
        ("development_bank", True),
        ("akimat", True),
        ("industrial_institute", True),
    ],
)
def test_ip_38_export_support_through_the_foreign_trade_authority(operator: str, refused: bool) -> None:
    found = measures.measure_problems("export", purpose="new_production", operator_kind=operator, operator_name="X")
    assert bool(found) is refused
    if refused:
        assert found[0].provision == "IP-38.1"
        assert found[0].data == {"operator": "X"}


@pytest.mark.law("IP-39.2")
@pytest.mark.parametrize(
    ("costs", "refused"),
    [
        (["competence"], False),
        (["digital", "processes", "organization"], False),
        (["competence", "digital", "processes", "organization"], False),
        ([], True),
        (["marketing"], True),
        (["competence", "office_rent"], True),
    ],
)
def test_ip_39_2_the_kinds_of_labour_productivity_costs(costs: list[str], refused: bool) -> None:
    found = measures.measure_problems(
        "labour_productivity",
        purpose="modernization",
        operator_kind="industrial_institute",
        details={"productivity_costs": costs},
    )
    assert bool(found) is refused


@pytest.mark.law("IP-40.1")
@pytest.mark.parametrize(
    ("basis", "refused"),
    [("competitive_selection", False), ("cluster_register", False), ("", True), ("akim_letter", True)],
)
def test_ip_40_1_cluster_support_from_competitive_selection_or_the_register(basis: str, refused: bool) -> None:
    found = measures.measure_problems(
        "clusters", purpose="expansion", operator_kind="industrial_institute", details={"cluster_basis": basis}
    )
    assert bool(found) is refused


@pytest.mark.law("IP-41.2")
@pytest.mark.parametrize(
    ("forms", "refused"),
    [
        (["schedule_change"], False),
        (["debt_to_capital", "penalties_cancelled"], False),
        (["claims_terminated", "terms_changed", "other_lawful"], False),
        ([], True),
        (["write_off_everything"], True),
    ],
)
def test_ip_41_2_the_forms_of_debt_restructuring(forms: list[str], refused: bool) -> None:
    found = measures.measure_problems(
        "debt_restructuring",
        purpose="recovery",
        operator_kind="investment_institute",
        details={"restructuring_forms": forms},
    )
    assert bool(found) is refused


@pytest.mark.law("IP-13")
@pytest.mark.parametrize(
    ("kind", "operator", "refused"),
    [
        ("financing", "development_bank", False),
        ("financing", "financial_agent", True),
        ("guarantees", "financial_agent", False),
        ("land", "akimat", False),
        ("land", "development_bank", True),
        ("grants", "industrial_institute", False),
    ],
)
def test_ip_13_each_measure_by_the_body_its_article_names(kind: str, operator: str, refused: bool) -> None:
    assert bool(measures.operator_kind_problem(kind, operator)) is refused


@pytest.mark.parametrize(
    ("windows", "on", "is_open"),
    [
        ([(D(2026, 1, 1), D(2026, 3, 31))], D(2026, 1, 1), True),  # the opening day
        ([(D(2026, 1, 1), D(2026, 3, 31))], D(2026, 3, 31), True),  # the closing day
        ([(D(2026, 1, 1), D(2026, 3, 31))], D(2026, 4, 1), False),
        ([(D(2026, 1, 1), D(2026, 3, 31))], D(2025, 12, 31), False),
        ([(D(2026, 1, 1), None)], D(2030, 1, 1), True),
        ([], D(2026, 1, 1), False),
    ],
)
def test_a_measure_is_open_on_a_day_of_its_windows(windows: list, on: dt.date, is_open: bool) -> None:
    assert catalogue.open_on(windows, on) is is_open


def test_the_next_opening() -> None:
    windows = [(D(2026, 1, 1), D(2026, 1, 31)), (D(2026, 6, 1), None)]
    assert catalogue.next_opening(windows, D(2026, 2, 1)) == D(2026, 6, 1)
    assert catalogue.next_opening(windows, D(2026, 7, 1)) is None
