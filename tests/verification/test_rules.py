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


def test_the_simulator_answers_satisfy_the_criteria_for_healthy_organizations() -> None:
    healthy = [f"{n:012d}" for n in range(100140000000, 100140000400) if agency_data.problem_of(f"{n:012d}") is None]
    for identifier in healthy[:50]:
        for criterion in rules.active_criteria().criteria:
            query = {"codes": ",".join(CTX.declared_codes), "kato": CTX.site_kato}
            data = agency_data.answer(criterion.source, identifier, CTX.on, query)
            assert rules.evaluate(criterion, data, CTX).passed, (identifier, criterion.id)


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
