"""The rules of the needs of industry in the law's terms (IP-55.1, IP-57), boundary rows included."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.industry_needs import rules
from nisi.industry_needs.rules import TOTAL, Need, NeedsError
from tests.industry_needs.conftest import research, specialist

D = dt.date
REGIONS = ("35", "55", "71")


@pytest.mark.law("IP-55.1")
@pytest.mark.parametrize(
    ("year", "today", "problem"),
    [
        (2026, D(2026, 1, 1), None),  # the running year: its needs are given in it
        (2025, D(2026, 2, 16), None),  # a past year, late
        (2022, D(2026, 2, 16), None),  # the law's first year
        (2021, D(2026, 2, 16), "2022 or a later year"),  # before the law
        (2027, D(2026, 12, 31), "has not begun"),  # a future period
    ],
)
def test_ip_55_1_needs_are_given_for_a_year_not_in_the_future(year: int, today: dt.date, problem: str | None) -> None:
    if problem is None:
        assert rules.reportable_year(year, today) == year
    else:
        with pytest.raises(NeedsError, match=problem):
            rules.reportable_year(year, today)


@pytest.mark.law("IP-55.1")
def test_ip_55_1_the_term_runs_from_the_first_day_of_the_year_to_the_next_working_day() -> None:
    due = rules.return_due(2026)
    assert due.value == D(2026, 4, 1)  # 90 calendar days from 1 January 2026, a Wednesday
    assert rules.is_late(D(2026, 4, 2), due.value)
    assert not rules.is_late(D(2026, 4, 1), due.value)


@pytest.mark.law("IP-55.1")
@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (specialist(), set()),
        (specialist(code="07150100", level="tve"), set()),  # technical and vocational education's 8 digits
        (specialist(code="B07101"), {"speciality_code"}),  # a code starts with a digit
        (specialist(code="6b07101"), {"speciality_code"}),  # capital letters
        (specialist(code="6В07101"), {"speciality_code"}),  # a Cyrillic В
        (specialist(number=0), {"number"}),
        (specialist(number=100_001), {"number"}),
        (specialist(region="99"), {"region"}),
        (specialist(year_needed=2025), {"year_needed"}),  # before the period
        (specialist(year_needed=2031), set()),  # the fifth year after: the horizon
        (specialist(year_needed=2032), {"year_needed"}),
        (specialist(level="school"), {"level"}),
    ],
)
def test_ip_55_1_a_need_for_specialists_names_its_speciality_region_year_and_level(
    line: rules.SpecialistNeedIn, fields: set[str]
) -> None:
    assert set(rules.specialist_need_problems(line, year=2026, regions=REGIONS, on=D(2026, 2, 16))) == fields


@pytest.mark.law("IP-57")
@pytest.mark.parametrize(
    ("line", "fields"),
    [
        (research(), set()),
        (research(subject="R&D"), {"subject"}),
        (research(oked="24.10"), {"oked"}),
        (research(oked="2"), {"oked"}),
        (research(desired_result=""), {"desired_result"}),
        (research(budget_min=Decimal(5), budget_max=Decimal(4)), {"budget_min"}),  # upside down
        (research(budget_min=Decimal(-1)), {"budget_min"}),
        (research(budget_min=Decimal(0), budget_max=Decimal(0)), {"budget_min"}),
        (research(budget_min=Decimal(0), budget_max=Decimal("0.001")), {"budget_min"}),
        (research(budget_min=Decimal(0), budget_max=Decimal("NaN")), {"budget_min"}),
        (research(deadline=D(2026, 2, 15)), {"deadline"}),  # passed
        (research(deadline=D(2026, 2, 16)), set()),  # today
    ],
)
def test_ip_57_a_need_for_research_has_a_subject_industry_result_budget_and_deadline(
    line: rules.ResearchNeedIn, fields: set[str]
) -> None:
    assert set(rules.research_need_problems(line, year=2026, today=D(2026, 2, 16))) == fields


NEEDS = [
    Need(1, "6B07101", "Химия", "35", 10),
    Need(2, "6B07101", "Химия", "35", 5),
    Need(3, "6B07101", "Химическая инженерия", "35", 1),
    Need(1, "6B07101", "Химия", "55", 2),
    Need(1, "6B07201", "Металлургия", "55", 7),
]


@pytest.mark.law("IP-55.1")
def test_ip_55_1_needs_are_summed_by_speciality_and_region_with_the_entities_counted() -> None:
    table = rules.aggregate(NEEDS, returns=3)
    cells = {(c.speciality, c.region): (c.number, c.entities) for c in table.cells}
    assert cells == {
        ("6B07101", "35"): (16, 3),
        ("6B07101", "55"): (2, 1),
        ("6B07101", TOTAL): (18, 3),
        ("6B07201", "55"): (7, 1),
        ("6B07201", TOTAL): (7, 1),
        (TOTAL, "35"): (16, 3),
        (TOTAL, "55"): (9, 1),
        (TOTAL, TOTAL): (25, 3),
    }
    assert table.names == {"6B07101": "Химия", "6B07201": "Металлургия"}
    assert (table.entities, table.returns) == (3, 3)


@pytest.mark.law("IP-55.1")
def test_ip_55_1_what_is_shown_beyond_the_authorized_body_hides_cells_of_fewer_than_three_entities() -> None:
    shown = rules.suppressed(rules.aggregate(NEEDS), minimum=3)
    hidden = {(c.speciality, c.region) for c in shown.cells if c.suppressed}
    # One entity's cells are hidden, and so is what would give them back from a published total.
    assert ("6B07101", "55") in hidden
    assert ("6B07201", "55") in hidden
    assert ("6B07201", TOTAL) in hidden
    assert (TOTAL, "55") in hidden
    # The row of chemists has two regions: hiding Pavlodar's alone would give it back from the row's total.
    assert ("6B07101", "35") in hidden
    assert (TOTAL, TOTAL) not in hidden  # three entities in all
    for speciality in ("6B07101", "6B07201"):  # no row or column with a lone hidden cell
        row = [(s, r) for s, r in hidden if s == speciality]
        assert len(row) != 1
    as_sent = shown.as_dict()["cells"]
    assert all(c["number"] is None and c["entities"] is None for c in as_sent if c["suppressed"])


@pytest.mark.law("IP-57")
@pytest.mark.parametrize(
    ("consented", "shown"), [(True, "ТОО «Завод А»"), (False, "An industrial entity (OKED 24101)")]
)
def test_ip_57_an_entity_is_named_only_with_its_consent(consented: bool, shown: str) -> None:
    from django.utils import translation

    with translation.override("en"):
        assert rules.public_name(consented=consented, name="ТОО «Завод А»", oked="24101") == shown
