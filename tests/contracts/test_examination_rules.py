"""The examination's and the objections' rules in the law's terms (IP-47.3, IP-47.4, IP-47.7, IP-47.8)."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.contracts.rules import examination, objections
from nisi.contracts.rules.plans import application_due, examination_due

D = dt.date


@pytest.mark.law("IP-47.7")
@pytest.mark.parametrize(
    ("published_on", "applications_due", "examined_by"),
    [
        (D(2026, 6, 1), D(2026, 7, 1), D(2026, 7, 31)),  # the thirtieth calendar day, a Friday
        (D(2026, 7, 3), D(2026, 8, 3), D(2026, 9, 2)),  # a Wednesday
        # The thirtieth day is 21 March, a Saturday in the Nauryz holidays: moved to the next working day.
        (D(2026, 1, 20), D(2026, 2, 19), D(2026, 3, 26)),
        (D(2026, 3, 2), D(2026, 4, 1), D(2026, 5, 4)),  # 1 May, a holiday, then the weekend
    ],
)
def test_thirty_calendar_days_from_the_deadline_for_applications(
    published_on: dt.date, applications_due: dt.date, examined_by: dt.date
) -> None:
    assert application_due(published_on).value == applications_due
    assert examination_due(applications_due).value == examined_by


@pytest.mark.law("IP-47.7")
@pytest.mark.parametrize(
    ("status", "today", "overdue"),
    [
        ("submitted", D(2026, 3, 26), False),  # the last day is in time
        ("submitted", D(2026, 3, 27), True),
        ("awarded", D(2026, 3, 27), True),  # awarded, the contract not yet concluded
        ("concluded", D(2026, 4, 30), False),
        ("refused", D(2026, 4, 30), False),
        ("withdrawn", D(2026, 4, 30), False),
    ],
)
def test_an_examination_is_overdue_after_its_last_day(status: str, today: dt.date, overdue: bool) -> None:
    assert examination.examination_overdue(status=status, due_on=D(2026, 3, 26), today=today) is overdue


@pytest.mark.law("IP-47.8")
@pytest.mark.parametrize(
    ("technical", "physical_chemical", "configuration", "missing"),
    [
        ("Ø 100 мм", "HRC 58-62", "в таре", set()),
        ("", "HRC 58-62", "в таре", {"technical_characteristics"}),
        ("Ø 100 мм", " ", "в таре", {"physical_chemical_properties"}),
        ("Ø 100 мм", "HRC 58-62", "", {"configuration"}),
        ("", "", "", set(examination.CHARACTERISTICS)),
    ],
)
def test_the_award_fixes_the_three_characteristics(
    technical: str, physical_chemical: str, configuration: str, missing: set[str]
) -> None:
    found = examination.award_problems(
        technical=technical, physical_chemical=physical_chemical, configuration=configuration
    )
    assert set(found) == missing


@pytest.mark.law("IP-47.7")
@pytest.mark.parametrize(
    ("status", "allowed"), [("submitted", False), ("awarded", True), ("concluded", False), ("refused", False)]
)
def test_a_contract_is_concluded_from_an_award_once(status: str, allowed: bool) -> None:
    assert examination.may_conclude(status) is allowed


def test_the_contracts_characteristics_are_the_three_in_the_laws_order() -> None:
    text = examination.characteristics_text(technical=" A ", physical_chemical="B", configuration="C")
    assert text == "A\n\nB\n\nC"


@pytest.mark.law("IP-47.3")
@pytest.mark.parametrize(
    ("line_code", "register", "makes"),
    [
        ("850440", ["850440"], True),
        ("8504409000", ["850440"], True),  # a TN VED code under the register's subheading
        ("850440", ["8504401000"], True),
        ("850440", ["850450"], False),
        ("850440", [], False),
    ],
)
def test_a_producer_makes_an_excluded_good_by_its_hs_subheading(
    line_code: str, register: list[str], makes: bool
) -> None:
    assert objections.producer_makes(line_code, register) is makes


@pytest.mark.law("IP-47.4")
@pytest.mark.parametrize(
    ("status", "open_"), [("draft", False), ("submitted", True), ("comments", True), ("agreed", False)]
)
def test_objections_are_filed_while_the_plan_is_under_review(status: str, open_: bool) -> None:
    assert objections.objection_open(status) is open_


def _o(status: str, still_excluded: bool = False) -> objections.ObjectionState:
    return objections.ObjectionState(
        number="OB-1", status=status, product_code="850440", year=2026, still_excluded=still_excluded
    )


@pytest.mark.law("IP-47.4")
@pytest.mark.parametrize(
    ("objection", "planned", "blocked"),
    [
        (_o("pending"), [], True),
        (_o("rejected", still_excluded=True), [], False),
        (_o("accepted", still_excluded=True), [("850440", 2026)], True),  # still excluded as well
        (_o("accepted"), [], True),  # removed, but not planned for purchase
        (_o("accepted"), [("850440", 2027)], True),  # planned for another year
        (_o("accepted"), [("8504409000", 2026)], False),
    ],
)
def test_a_plan_is_agreed_only_with_its_objections_decided_and_met(
    objection: objections.ObjectionState, planned: list[tuple[str, int]], blocked: bool
) -> None:
    assert bool(objections.agreement_blockers([objection], planned)) is blocked
