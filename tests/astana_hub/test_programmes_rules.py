"""Acceleration, housing and invitations (AH-8-1.5-1, 5-5, 5-8), in the law's terms."""

from __future__ import annotations

import datetime as dt

import pytest

from nisi.astana_hub.rules import programmes as rules
from nisi.astana_hub.rules.programmes import Stay

D = dt.date


@pytest.mark.law("AH-8-1.5-8")
@pytest.mark.parametrize(
    ("kind", "housing", "problem"),
    [
        ("acceleration", True, None),
        ("acceleration", False, None),
        ("incubation", False, None),
        ("incubation", True, "acceleration only"),
        ("bootcamp", False, "Choose acceleration"),
    ],
)
def test_ah_8_1_5_8_housing_is_for_acceleration(kind: str, housing: bool, problem: str | None, english: None) -> None:
    problems = rules.programme_problems(kind=kind, provides_housing=housing)
    assert (problems == []) if problem is None else (problem in problems[0])


@pytest.mark.law("AH-8-1.5-1")
@pytest.mark.parametrize(("capacity", "taken", "full"), [(10, 9, False), (10, 10, True), (1, 0, False), (1, 1, True)])
def test_ah_8_1_5_1_a_cohort_admits_up_to_its_places(capacity: int, taken: int, full: bool) -> None:
    assert bool(rules.capacity_problems(capacity=capacity, taken=taken)) is full


def _housing(stay: Stay, *, room: list[Stay] = (), member: list[Stay] = (), **kw: object) -> list[str]:  # type: ignore[assignment]
    base: dict[str, object] = {
        "programme_kind": "acceleration",
        "provides_housing": True,
        "cohort_starts_on": D(2025, 3, 1),
        "cohort_ends_on": D(2025, 5, 31),
        "member_admitted": True,
    }
    base.update(kw)
    return rules.housing_problems(stay=stay, room_stays=list(room), member_stays=list(member), **base)  # type: ignore[arg-type]


BOOKED = Stay(D(2025, 3, 10), D(2025, 3, 20))


@pytest.mark.law("AH-8-1.5-8")
@pytest.mark.parametrize(
    ("stay", "kw", "problem"),
    [
        (Stay(D(2025, 3, 1), D(2025, 5, 31)), {}, None),  # the whole cohort, both ends included
        (Stay(D(2025, 2, 28), D(2025, 3, 5)), {}, "during the cohort only"),
        (Stay(D(2025, 5, 20), D(2025, 6, 1)), {}, "during the cohort only"),
        (Stay(D(2025, 3, 20), D(2025, 3, 25)), {"room": [BOOKED]}, "room is taken"),  # shares the 20th
        (Stay(D(2025, 3, 21), D(2025, 3, 25)), {"room": [BOOKED]}, None),  # from the next day
        (Stay(D(2025, 3, 1), D(2025, 3, 9)), {"room": [BOOKED]}, None),
        (Stay(D(2025, 3, 1), D(2025, 3, 31)), {"room": [BOOKED]}, "room is taken"),  # around it
        (Stay(D(2025, 3, 15), D(2025, 3, 16)), {"member": [BOOKED]}, "already housed"),
        (Stay(D(2025, 3, 5), D(2025, 3, 4)), {}, "cannot end before"),
        (Stay(D(2025, 3, 5), D(2025, 3, 6)), {"programme_kind": "incubation"}, "provide housing"),
        (Stay(D(2025, 3, 5), D(2025, 3, 6)), {"provides_housing": False}, "provide housing"),
        (Stay(D(2025, 3, 5), D(2025, 3, 6)), {"member_admitted": False}, "undergoing the programme"),
    ],
)
def test_ah_8_1_5_8_housing_within_the_cohort_and_no_double_booking(
    stay: Stay, kw: dict, problem: str | None, english: None
) -> None:
    problems = _housing(stay, **kw)
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems


@pytest.mark.law("AH-8-1.5-5")
@pytest.mark.parametrize(
    ("kind", "citizenship", "stateless", "passport", "issued", "problem"),
    [
        ("training", "UZB", False, "", D(2025, 3, 1), None),
        ("visa", "UZB", False, "FA1234567", D(2025, 3, 1), None),
        ("visa", "", True, "T0001", D(2025, 3, 1), None),  # stateless persons too
        ("visa", "UZB", False, " ", D(2025, 3, 1), "passport"),
        ("training", "KAZ", False, "", D(2025, 3, 1), "foreigners and stateless persons"),
        ("training", "kaz", False, "", D(2025, 3, 1), "foreigners and stateless persons"),
        ("training", "UZ", False, "", D(2025, 3, 1), "three-letter"),
        ("training", "UZB", True, "", D(2025, 3, 1), "no citizenship"),
        ("training", "UZB", False, "", D(2025, 6, 1), "cohort has ended"),
        ("letter", "UZB", False, "", D(2025, 3, 1), "Choose"),
    ],
)
def test_ah_8_1_5_5_invitations_to_foreigners_and_stateless_persons(
    kind: str, citizenship: str, stateless: bool, passport: str, issued: dt.date, problem: str | None, english: None
) -> None:
    problems = rules.invitation_problems(
        kind=kind,
        citizenship=citizenship,
        stateless=stateless,
        passport_number=passport,
        issued_on=issued,
        cohort_ends_on=D(2025, 5, 31),
    )
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems
