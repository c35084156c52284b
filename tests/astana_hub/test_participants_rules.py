"""The participants' rules in the law's terms: the SEZ register's rows (AH-7.2.1), the list's categories and the
documents that give the status (AH-7.2.2, AH-9.4.5), who may be an Astana Hub actor (AH-1.4-1) and when a basis may
end."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.astana_hub.models import ClusterActorCategory
from nisi.astana_hub.rules import participants as rules
from nisi.core import identifiers

D = dt.date
BIN = identifiers.complete("23014000031")
BAD_BIN = BIN[:11] + str((int(BIN[11]) + 1) % 10)


def _row(**values: str) -> dict[str, str]:
    base = {"bin": BIN, "register_number": "PIT-1", "included_on": "2024-01-10", "excluded_on": "", "name": ""}
    return {**base, **values}


@pytest.mark.law("AH-7.2.1")
@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, (D(2024, 1, 10), None, False)),
        ({"included_on": "10.01.2024", "excluded_on": "01.02.2025"}, (D(2024, 1, 10), D(2025, 2, 1), False)),
        ({"outside_territory": "yes"}, (D(2024, 1, 10), None, True)),
        ({"outside_territory": "Да"}, (D(2024, 1, 10), None, True)),
        ({"outside_territory": "жоқ"}, (D(2024, 1, 10), None, False)),
        ({"bin": f" {BIN[:6]} {BIN[6:]} "}, (D(2024, 1, 10), None, False)),  # spaces inside a BIN are tolerated
    ],
)
def test_ah_7_2_1_an_sez_register_row_is_read(values: dict[str, str], expected: tuple[object, ...]) -> None:
    row, problems = rules.parse_sez_row(2, _row(**values))
    assert problems == []
    assert row is not None
    assert (row.included_on, row.excluded_on, row.outside_territory) == expected
    assert row.bin == BIN


@pytest.mark.law("AH-7.2.1")
@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"bin": BAD_BIN}, f"bin: {BAD_BIN} is not a valid BIN or IIN: its last digit does not match its check digit"),
        ({"bin": "12345"}, "bin: 12345 is not a BIN or IIN: one has exactly 12 digits"),
        ({"register_number": " "}, "register_number: enter the number"),
        ({"register_number": "P" * 41}, "register_number: at most 40 characters"),
        ({"name": "N" * 301}, "name: at most 300 characters"),
        ({"included_on": "2024-02-30"}, "included_on: enter the date of inclusion"),
        ({"included_on": ""}, "included_on: enter the date of inclusion"),
        ({"excluded_on": "soon"}, "excluded_on: enter the date of exclusion"),
        ({"excluded_on": "2023-12-31"}, "excluded_on: the date of exclusion is before the date of inclusion"),
        ({"outside_territory": "maybe"}, "outside_territory: write yes or no"),
    ],
)
def test_ah_7_2_1_a_bad_sez_row_says_what_is_wrong(values: dict[str, str], problem: str, english: None) -> None:
    row, problems = rules.parse_sez_row(7, _row(**values))
    assert row is None
    assert any(p.startswith(problem) for p in problems), problems


@pytest.mark.law("AH-9.4.5")
@pytest.mark.parametrize(
    ("category", "basis", "activity", "fields"),
    [
        ("educational_organization", "Licence No. 1", "", set()),
        ("innovative_entity", "Patent No. 5", "Speech recognition", set()),
        ("innovative_entity", "Patent No. 5", " ", {"innovation_activity"}),
        ("technology_park", "", "", {"status_basis"}),
        ("bank", "Licence", "", {"category"}),
    ],
)
def test_ah_9_4_5_an_application_to_the_list_names_the_document_that_gives_the_status(
    category: str, basis: str, activity: str, fields: set[str]
) -> None:
    assert set(rules.cluster_application_problems(category, basis, activity)) == fields


@pytest.mark.law("AH-7.2.2")
def test_ah_7_2_2_every_category_of_the_list_has_its_status_document() -> None:
    assert set(rules.STATUS_DOCUMENTS) == set(ClusterActorCategory.values)
    assert len(ClusterActorCategory.values) == 11


@pytest.mark.law("AH-1.4-1")
@pytest.mark.parametrize(
    ("kind", "liquidated_on", "refused"),
    [
        ("BIN", None, False),
        ("IIN", None, True),  # an individual entrepreneur is not a legal entity
        ("BIN", D(2025, 3, 1), True),
        ("BIN", D(2025, 4, 1), False),  # liquidated later: still a legal entity on the day it applies
    ],
)
def test_ah_1_4_1_astana_hub_actors_are_legal_entities(kind: str, liquidated_on: dt.date | None, refused: bool) -> None:
    assert (rules.hub_actor_applicant_problem(kind, liquidated_on, D(2025, 3, 14)) is not None) is refused


@pytest.mark.law("AH-7.2.2-1")
@pytest.mark.parametrize(
    ("ends_on", "problem"),
    [
        (D(2025, 3, 14), None),  # today: the basis no longer runs from today
        (D(2025, 6, 1), None),  # with notice
        (D(2025, 3, 13), "cannot be in the past"),  # backdating would rewrite past participation
        (D(2025, 1, 1), "cannot be before the start date"),
    ],
)
def test_ah_7_2_2_1_a_registration_ends_no_earlier_than_its_start_and_the_decision(
    ends_on: dt.date, problem: str | None, english: None
) -> None:
    found = rules.end_date_problem(D(2025, 2, 1), ends_on, D(2025, 3, 14))
    assert (found is None) if problem is None else (found is not None and problem in found)


def test_record_numbers() -> None:
    assert rules.record_number(rules.HUB_ACTOR_LETTER, 2026, 7) == "AH-A-2026-00007"
    assert rules.record_number(rules.CLUSTER_ACTOR_LETTER, 2026, 12345) == "AH-L-2026-12345"


@pytest.mark.law("AH-8-1.5-7")
def test_ah_8_1_5_7_the_decision_term_comes_from_the_funds_operating_rules() -> None:
    from nisi.law import legal_calendar, params

    value = params.value_on("hub_actor_registration_decision_term", D(2026, 1, 5))
    assert "operating rules" in value.reference
    assert legal_calendar.parameter_term("hub_actor_registration_decision_term", D(2026, 1, 5)).value == D(2026, 1, 20)
