import datetime as dt

import pytest

from nisi.verification import rules
from nisi.verification.simulator import agency_data

D = dt.date
CRITERIA = {c.id: c for c in rules.active_criteria().criteria}
CTX = rules.Context(on=D(2026, 3, 2), declared_codes=("720810", "721049"), site_kato="351010000")


@pytest.mark.law("IP-51-1.3")
@pytest.mark.parametrize(
    ("criterion", "data", "passed"),
    [
        ("registered", {"status": "active"}, True),
        ("registered", {"status": "in_liquidation"}, False),
        ("registered", {"found": False}, False),
        ("manufacturing_oked", {"oked": "24100"}, True),
        ("manufacturing_oked", {"oked": "46900"}, False),
        ("no_tax_arrears", {"tax_arrears_kzt": "25950.00"}, True),  # 6 MCI of 2026 = 25,950
        ("no_tax_arrears", {"tax_arrears_kzt": "25950.01"}, False),
        (
            "staff",
            {"employees_by_month": [{"month": "2026-01", "employees": 3}, {"month": "2026-02", "employees": 1}]},
            True,
        ),
        (
            "staff",
            {"employees_by_month": [{"month": "2026-01", "employees": 3}, {"month": "2026-02", "employees": 0}]},
            False,
        ),
        ("staff", {"employees_by_month": []}, False),
        (
            "sales_of_declared_goods",
            {"sales": [{"code": "720810", "amount_kzt": "10.00"}, {"code": "721049", "amount_kzt": "5"}]},
            True,
        ),
        (
            "sales_of_declared_goods",
            {"sales": [{"code": "720810", "amount_kzt": "10.00"}, {"code": "721049", "amount_kzt": "0"}]},
            False,
        ),
        ("purchases_of_inputs", {"purchases_kzt": "1.00"}, True),
        ("purchases_of_inputs", {"purchases_kzt": "0.00"}, False),
        (
            "electricity",
            {"consumption_kwh_by_month": [{"month": "2026-01", "kwh": 600}, {"month": "2026-02", "kwh": 400}]},
            True,
        ),
        ("electricity", {"consumption_kwh_by_month": [{"month": "2026-01", "kwh": 999}]}, False),
        ("premises", {"rights": [{"kato": "351010000", "right": "ownership"}]}, True),
        ("premises", {"rights": [{"kato": "351010000", "right": "lease", "valid_to": "2026-03-01"}]}, False),
        ("premises", {"rights": [{"kato": "351010000", "right": "lease", "valid_to": "2026-03-02"}]}, True),
        ("premises", {"rights": [{"kato": "711110000", "right": "ownership"}]}, False),
    ],
)
def test_ip_51_1_3_default_criteria(criterion: str, data: dict, passed: bool) -> None:
    outcome = rules.evaluate(CRITERIA[criterion], data, CTX)
    assert outcome.passed is passed
    assert outcome.provision
    assert outcome.found


def test_a_failed_criterion_says_what_was_expected_and_found() -> None:
    outcome = rules.evaluate(CRITERIA["no_tax_arrears"], {"tax_arrears_kzt": "100000.00"}, CTX)
    assert outcome.expected["tax_arrears_kzt"]["at_most"] == "25950"
    assert outcome.expected["tax_arrears_kzt"]["mci"] == "4325"
    assert outcome.found == {"tax_arrears_kzt": "100000.00"}
    outcome = rules.evaluate(
        CRITERIA["sales_of_declared_goods"], {"sales": [{"code": "720810", "amount_kzt": "3"}]}, CTX
    )
    assert outcome.found["sales"]["codes_without_sales"] == ["721049"]


@pytest.mark.parametrize(
    ("criterion", "data"),
    [
        ("registered", {}),
        ("no_tax_arrears", {"tax_arrears_kzt": "lots"}),
        ("no_tax_arrears", {"tax_arrears_kzt": 1.5}),
        ("staff", {"employees_by_month": "3"}),
        ("sales_of_declared_goods", {"sales": [{"amount_kzt": "1"}]}),
    ],
)
def test_an_unreadable_answer_is_never_a_negative_result(criterion: str, data: dict) -> None:
    with pytest.raises(rules.UnreadableAnswer):
        rules.evaluate(CRITERIA[criterion], data, CTX)


# The kind of production each of the simulator's profiles is verified for.
PROFILE_ACTIVITY = {
    "manufacturer": "manufacturing",
    "miner": "natural_resources",
    "farm": "agriculture",
    "scrap_collector": "scrap",
}


def test_the_simulator_answers_satisfy_the_criteria_for_healthy_organizations() -> None:
    healthy = [f"{n:012d}" for n in range(100140000000, 100140002000) if agency_data.problem_of(f"{n:012d}") is None]
    seen: dict[str, int] = {}
    for identifier in healthy:
        profile = agency_data.profile_of(identifier)
        if seen.get(profile, 0) >= 15:
            continue
        seen[profile] = seen.get(profile, 0) + 1
        for criterion in rules.active_criteria().for_purpose("monitoring", [PROFILE_ACTIVITY[profile]]):
            query = {"codes": ",".join(CTX.declared_codes), "kato": CTX.site_kato}
            data = agency_data.answer(criterion.source, identifier, CTX.on, query)
            assert rules.evaluate(criterion, data, CTX).passed, (identifier, profile, criterion.id)
    assert set(seen) == set(PROFILE_ACTIVITY)  # miners, farms and scrap collectors are among them


@pytest.mark.law("IP-51-1.9")
@pytest.mark.law("IP-51-3.1")
@pytest.mark.parametrize(
    ("activity", "checked", "not_checked"),
    [
        ("manufacturing", {"manufacturing_oked", "premises", "electricity", "purchases_of_inputs"}, {"farmland"}),
        (
            "natural_resources",
            {"subsoil_use_right", "sales_of_declared_goods", "registered"},
            {"manufacturing_oked", "premises", "electricity", "purchases_of_inputs"},
        ),
        ("agriculture", {"farmland", "staff"}, {"manufacturing_oked", "premises", "electricity", "subsoil_use_right"}),
        ("scrap", {"scrap_permit", "sales_of_declared_goods"}, {"manufacturing_oked", "electricity", "premises"}),
    ],
)
def test_the_criteria_depend_on_the_kind_of_production(activity: str, checked: set[str], not_checked: set[str]) -> None:
    ids = {c.id for c in rules.active_criteria().for_purpose("monitoring", [activity])}
    assert checked <= ids
    assert not ids & not_checked


def test_a_miner_s_answers_fail_the_manufacturing_criteria_but_pass_those_of_its_kind() -> None:
    miner = next(
        f"{n:012d}"
        for n in range(100140000000, 100140100000)
        if agency_data.profile_of(f"{n:012d}") == "miner" and agency_data.problem_of(f"{n:012d}") is None
    )
    ul = agency_data.answer("gbd_ul", miner, CTX.on, {})
    assert not rules.evaluate(CRITERIA["manufacturing_oked"], ul, CTX).passed  # its OKED is in section B
    licences = agency_data.answer("subsoil", miner, CTX.on, {})
    assert rules.evaluate(CRITERIA["subsoil_use_right"], licences, CTX).passed


@pytest.mark.parametrize(
    ("data", "passed"),
    [
        ({"licences": [{"status": "active", "valid_from": "2020-01-01", "valid_to": "2030-01-01"}]}, True),
        ({"licences": [{"status": "active", "valid_from": "2020-01-01", "valid_to": None}]}, True),
        ({"licences": [{"status": "active", "valid_from": "2020-01-01", "valid_to": "2026-03-01"}]}, False),
        ({"licences": [{"status": "active", "valid_from": "2026-03-03"}]}, False),
        ({"licences": [{"status": "revoked", "valid_from": "2020-01-01"}]}, False),
        ({"licences": []}, False),
    ],
)
def test_a_licence_counts_while_it_is_in_force(data: dict, passed: bool) -> None:
    assert rules.evaluate(CRITERIA["subsoil_use_right"], data, CTX).passed is passed


@pytest.mark.parametrize(
    "data", [{"licences": "none"}, {"licences": ["1-EL"]}, {"licences": [{"valid_to": "soon"}]}, {}]
)
def test_an_unreadable_licence_answer_is_never_a_negative_result(data: dict) -> None:
    with pytest.raises(rules.UnreadableAnswer):
        rules.evaluate(CRITERIA["subsoil_use_right"], data, CTX)


def test_farmland_is_land_of_agricultural_purpose() -> None:
    industrial = {"rights": [{"kato": "351010000", "right": "ownership", "purpose": "industrial"}]}
    farm = {"rights": [{"kato": "391010000", "right": "lease", "purpose": "agricultural", "valid_to": "2030-01-01"}]}
    assert not rules.evaluate(CRITERIA["farmland"], industrial, CTX).passed
    assert rules.evaluate(CRITERIA["farmland"], farm, CTX).passed


@pytest.mark.parametrize(
    ("problem", "criterion"),
    [
        ("liquidation", "registered"),
        ("bankruptcy", "not_bankrupt"),
        ("tax_arrears", "no_tax_arrears"),
        ("no_staff", "staff"),
        ("no_sales", "sales_of_declared_goods"),
        ("no_purchases", "purchases_of_inputs"),
        ("no_electricity", "electricity"),
        ("no_premises", "premises"),
        ("not_manufacturing", "manufacturing_oked"),
    ],
)
def test_each_seeded_problem_fails_its_criterion(problem: str, criterion: str) -> None:
    identifier = next(
        f"{n:012d}" for n in range(100140000000, 100140100000) if agency_data.problem_of(f"{n:012d}") == problem
    )
    data = agency_data.answer(
        CRITERIA[criterion].source, identifier, CTX.on, {"codes": ",".join(CTX.declared_codes), "kato": CTX.site_kato}
    )
    assert not rules.evaluate(CRITERIA[criterion], data, CTX).passed
