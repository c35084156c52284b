"""What a criterion expected and what a database answered, as a person reads them: fields by name, amounts and dates
as the reader's language writes them, yes and no, rights and licences as phrases (not `tax_arrears_kzt: 2038448.00`)."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from nisi.verification import wording

FOUND = [
    ({"tax_arrears_kzt": "2038448.00"}, "Tax arrears: 2,038,448 ₸"),
    ({"tax_arrears_kzt": "12.50"}, "Tax arrears: 12.50 ₸"),
    ({"bankruptcy_proceedings": False}, "Bankruptcy proceedings: no"),
    ({"resident": True}, "Resident of Kazakhstan: yes"),
    ({"status": "liquidated"}, "Registration status: liquidated"),
    ({"oked": "24101"}, "Main activity (OKED code): 24101"),
    (
        {"employees_by_month": ["12", "14", "9"]},
        "Employees with pension contributions, by month: 12 people, 14 people, 9 people",
    ),
    ({"consumption_kwh_by_month": "48200.5"}, "Electricity consumed: 48,200.50 kWh"),
    (
        {"rights": [{"kato": "351010000", "right": "lease", "purpose": "industrial", "valid_to": "2027-12-31"}]},
        "Rights to premises and land: lease industrial at KATO 351010000 until 31.12.2027",
    ),
    ({"rights": []}, "Rights to premises and land: none"),
    (
        {
            "licences": [
                {
                    "number": "42-EL",
                    "kind": "licence",
                    "mineral": "copper",
                    "valid_to": "2024-05-01",
                    "status": "expired",
                }
            ]
        },
        "Subsoil use licences and contracts: licence copper No. 42-EL until 01.05.2024 (expired)",
    ),
    (
        {"sales": {"codes_with_sales": ["7208"], "codes_without_sales": ["7210"]}},
        "Sales found for 7208; none for 7210",
    ),
    (
        {"sales": {"codes_with_sales": ["7208", "7210"], "codes_without_sales": []}},
        "Sales found for each declared code: 7208, 7210",
    ),
    ({"record": "not found"}, "Record in the database: no record about the organization"),
]

EXPECTED = [
    (
        {"tax_arrears_kzt": {"at_most": "25950", "parameter": "p", "parameter_value": "6", "mci": "4325"}},
        "Tax arrears: at most 25,950 ₸ (6 MCI × 4,325 ₸)",
    ),
    ({"bankruptcy_proceedings": False}, "Bankruptcy proceedings: no"),
    (
        {"oked": {"starts_with_one_of": ["10", "11", "12", "33"]}},
        "Main activity (OKED code): a code beginning with 10–33",
    ),
    ({"purchases_kzt": {"more_than": "0"}}, "Purchases by e-invoices: more than 0 ₸"),
    (
        {"employees_by_month": {"each employees at least": "5", "parameter": "p", "parameter_value": "5"}},
        "Employees with pension contributions, by month: at least 5 people in each month",
    ),
    (
        {"consumption_kwh_by_month": {"total kwh at least": "10000", "parameter": "p", "parameter_value": "10000"}},
        "Electricity consumed: at least 10,000 kWh in total",
    ),
    (
        {"rights": {"ownership or a valid lease at": "351010000"}},
        "Ownership or a lease in force of premises at the production site (KATO 351010000)",
    ),
    (
        {"permits": {"in_force_on": "2026-03-31", "kind": "scrap_metal"}},
        "Permits: at least one (collection and processing of scrap metal) in force on 31.03.2026",
    ),
    (
        {"licences": {"in_force_on": "2026-03-31"}},
        "Subsoil use licences and contracts: at least one in force on 31.03.2026",
    ),
    ({"sales": {"sales_of_each_code": ["7208", "7210"]}}, "Sales of each declared product code: 7208, 7210"),
]


@pytest.mark.parametrize(("values", "sentence"), FOUND)
def test_what_a_database_answered_reads_as_a_sentence(values: dict[str, Any], sentence: str) -> None:
    with translation.override("en"):
        assert wording.found(values) == sentence


@pytest.mark.parametrize(("values", "sentence"), EXPECTED)
def test_what_a_criterion_expected_reads_as_a_sentence(values: dict[str, Any], sentence: str) -> None:
    with translation.override("en"):
        assert wording.expected(values) == sentence


def test_amounts_and_dates_are_written_as_the_readers_language_writes_them() -> None:
    with translation.override("ru"):
        text = wording.found({"tax_arrears_kzt": "2038448.50"})
        assert "2\xa0038\xa0448,50" in text
        assert "tax_arrears_kzt" not in text
        assert wording.day("2027-12-31") == "31.12.2027"
    with translation.override("kk"):
        assert "2\xa0038\xa0448,50" in wording.found({"tax_arrears_kzt": "2038448.50"})
