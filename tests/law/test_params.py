import datetime as dt
from decimal import Decimal

import pytest

from nisi.law import params, provisions

D = dt.date


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (D(2018, 1, 1), 2405),
        (D(2019, 6, 30), 2525),
        (D(2020, 3, 31), 2651),  # before the mid-year change
        (D(2020, 4, 1), 2778),  # the 2020 mid-year change
        (D(2021, 12, 31), 2917),
        (D(2022, 5, 1), 3063),  # fines and taxes stayed at 3,063 all of 2022
        (D(2023, 1, 1), 3450),
        (D(2024, 7, 15), 3692),
        (D(2025, 3, 20), 3932),
        (D(2026, 11, 24), 4325),
    ],
)
def test_mci_on_a_date_is_the_budget_law_value_in_force(on: dt.date, expected: int) -> None:
    value = params.value_on("mci", on)
    assert value.value == expected
    assert value.reference


@pytest.mark.parametrize(
    ("on", "expected", "confidence"),
    [
        (D(2022, 3, 31), 3063, "high"),
        (D(2022, 4, 1), 3180, "low"),
        (D(2022, 12, 31), 3180, "low"),
        (D(2023, 1, 1), 3450, "high"),
    ],
)
def test_mci_2022_has_a_second_value_for_social_payments(on: dt.date, expected: int, confidence: str) -> None:
    value = params.value_on("mci", on, purpose="social_payments")
    assert value.value == expected
    assert value.confidence == confidence


def test_the_2020_mid_year_change_ends_the_earlier_value() -> None:
    value = params.value_on("mci", D(2020, 2, 1))
    assert value.effective_from == D(2020, 1, 1)
    assert value.effective_to == D(2020, 3, 31)


def test_ip_49_1_contract_procurement_threshold_is_500000_mci_in_the_year() -> None:
    threshold = params.value_on("contract_procurement_threshold", D(2025, 6, 1))
    mci = params.value_on("mci", D(2025, 6, 1))
    assert threshold.value == 500_000
    assert threshold.unit == "MCI"
    assert Decimal(threshold.value) * Decimal(mci.value) == Decimal("1966000000")


@pytest.mark.parametrize(
    ("name", "on", "value", "unit"),
    [
        pytest.param(
            "contract_procurement_minimum_share",
            D(2025, 1, 1),
            Decimal("0.05"),
            "fraction",
        ),
        pytest.param(
            "offtake_first_year_acceptance",
            D(2025, 1, 1),
            Decimal("1.00"),
            "fraction",
        ),
        pytest.param(
            "offtake_later_years_minimum_acceptance",
            D(2025, 1, 1),
            Decimal("0.50"),
            "fraction",
        ),
        pytest.param("guaranteed_purchase_minimum_term", D(2026, 1, 1), 1, "years"),
        pytest.param("guaranteed_purchase_maximum_term", D(2026, 1, 1), 10, "years"),
        pytest.param(
            "systemic_enterprise_regional_share",
            D(2026, 1, 1),
            Decimal("0.03"),
            "fraction",
        ),
        pytest.param("procurement_plan_review_term", D(2026, 1, 1), 30, "calendar_days"),
        pytest.param("procurement_plan_amendment_term", D(2026, 1, 1), 5, "working_days"),
        pytest.param("procurement_plan_approval_term", D(2026, 1, 1), 10, "working_days"),
        pytest.param("register_appeal_term", D(2026, 1, 1), 30, "working_days"),
        pytest.param("software_producer_appeal_term", D(2026, 1, 1), 30, "calendar_days"),
        pytest.param("industrial_assembly_violation_cure_term", D(2026, 1, 1), 3, "months"),
        pytest.param("domestic_value_programme_period", D(2026, 1, 1), 3, "years"),
        pytest.param("foreign_worker_visa_maximum_validity", D(2026, 1, 1), 5, "years"),
    ],
)
def test_thresholds_shares_and_terms_of_the_laws(name: str, on: dt.date, value: object, unit: str) -> None:
    result = params.value_on(name, on)
    assert result.value == value
    assert result.unit == unit


def test_every_amount_has_a_source_and_every_cited_provision_exists() -> None:
    for parameter in params.catalogue().values():
        for provision in parameter.provisions:
            assert provisions.exists(provision), f"{parameter.name} cites {provision}, which is not in the catalogue"
        for values in parameter.values.values():
            for v in values:
                assert v.reference or v.same_as, f"{parameter.name} {v.effective_from} has no source"


def test_unknown_parameter_says_which_exist() -> None:
    with pytest.raises(params.UnknownParameter, match=r"Known parameters: .*mci"):
        params.value_on("mrp", D(2024, 1, 1))


def test_date_before_any_value_says_the_first_date() -> None:
    with pytest.raises(params.NoValueOnDate, match="no value before 2018-01-01"):
        params.value_on("mci", D(2017, 12, 31))


def test_unknown_purpose_lists_the_purposes() -> None:
    with pytest.raises(params.UnknownParameter, match="general, social_payments"):
        params.value_on("mci", D(2022, 5, 1), purpose="fines")


def test_base_rate_unconfirmed_values_say_so() -> None:
    assert params.value_on("base_rate", D(2022, 3, 1)).value == Decimal("13.50")
    assert params.value_on("base_rate", D(2022, 3, 1)).confidence == "high"
    assert params.value_on("base_rate", D(2025, 11, 1)).unconfirmed


def test_a_value_that_rests_on_rules_nobody_read_is_the_systems_own_default() -> None:
    """A term the law leaves to by-laws we do not hold (the register rules, the Fund's operating rules, the inclusion
    rules) is nisi's own reasoned default, said so in its reference and unconfirmed, never a citation of rules."""
    leaning_on_rules = []
    for parameter in params.catalogue().values():
        for table in parameter.values.values():
            for value in table:
                if "rules" in value.reference.lower() and not value.reference.startswith("nisi default"):
                    leaning_on_rules.append(f"{parameter.name} {value.effective_from}: {value.reference}")
                if value.reference.startswith("nisi default"):
                    assert value.confidence == "low", parameter.name
    assert leaning_on_rules == []


def test_the_base_rate_is_cited_where_the_law_uses_it() -> None:
    """Every provision a parameter cites for the base rate speaks of the base rate (IP-27.4: money returned with the
    base rate; IP-33 subsidises interest and never names it)."""
    from nisi.law import provisions

    cited = params.get("base_rate").provisions
    assert cited
    for pid in cited:
        assert "base rate" in provisions.get(pid).text.lower(), pid


def test_the_parameters_read_by_libyaml_are_those_of_the_python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The catalogue is read with libyaml's parser where PyYAML has it (a worker's first answers waited for the
    Python parser: ADR 17, addendum 7); it must read the same parameters, values and dates."""
    import yaml

    fast = params.catalogue()
    params.catalogue.cache_clear()
    monkeypatch.setattr(params, "_LOADER", yaml.SafeLoader)
    try:
        assert params.catalogue() == fast
    finally:
        params.catalogue.cache_clear()
