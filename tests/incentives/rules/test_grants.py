"""The grants' own rules (IP-42.2, IP-42.1 with IP-27.3, IP-42.5), table-driven."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from nisi.incentives.rules import grants as rules
from nisi.incentives.rules.counter_obligations import CounterObligationError
from nisi.law import params

D = Decimal


@pytest.mark.law("IP-42.5")
@pytest.mark.parametrize(
    ("case", "on", "brought", "received", "paid", "carried"),
    [
        (
            "a grant balance carried over on 31 December",
            dt.date(2026, 12, 31),
            "0",
            "500000000.00",
            "150000000.00",
            "350000000.00",
        ),
        (
            "the balance brought in is carried again with the year's",
            dt.date(2026, 12, 31),
            "20000000.00",
            "100000000.00",
            "99999999.99",
            "20000000.01",
        ),
        ("an account spent to the tiyn carries nothing", dt.date(2026, 12, 31), "0", "100.00", "100.00", "0.00"),
        ("a year closed after its end carries the same", dt.date(2027, 1, 5), "1.00", "0", "0", "1.00"),
    ],
)
def test_a_grant_balance_is_carried_into_the_next_year_never_returned(
    case: str, on: dt.date, brought: str, received: str, paid: str, carried: str
) -> None:
    closing = rules.close_year(year=2026, on=on, brought_forward=D(brought), received=D(received), paid=D(paid))
    assert closing.carried_forward == D(carried), case
    assert closing.into_year == 2027
    assert closing.returned_to_budget == 0


@pytest.mark.law("IP-42.5")
def test_a_year_is_not_closed_before_31_december() -> None:
    with pytest.raises(ValueError, match="31"):
        rules.close_year(year=2026, on=dt.date(2026, 12, 30), brought_forward=D(0), received=D(1), paid=D(0))


@pytest.mark.law("IP-42.5")
@pytest.mark.parametrize(("balance", "amount", "refused"), [("100", "100", False), ("99.99", "100", True)])
def test_a_tranche_is_paid_only_from_what_the_account_holds(balance: str, amount: str, refused: bool) -> None:
    assert bool(rules.payment_problems(balance=D(balance), amount=D(amount), year=2026)) is refused


@pytest.mark.law("IP-42.2")
@pytest.mark.parametrize(
    ("case", "own", "grant", "minimum", "refused"),
    [
        ("exactly the least share", "25", "100", "0.2", False),
        ("more than the least share", "50", "100", "0.2", False),
        ("a tiyn short of the least share", "24.99", "100", "0.2", True),
        ("no own contribution", "0", "100", "0.2", True),
        ("a negative own contribution", "-5", "100", "0", True),
    ],
)
def test_the_applicant_co_finances_its_project(case: str, own: str, grant: str, minimum: str, refused: bool) -> None:
    assert bool(rules.cofinancing_problems(own=D(own), grant=D(grant), minimum=D(minimum))) is refused, case


def test_the_own_share_is_rounded_down() -> None:
    assert rules.own_share(own=D(1), grant=D(2)) == D("0.3333")


@pytest.mark.law("IP-42.1")
@pytest.mark.law("IP-27.3")
@pytest.mark.parametrize(
    ("case", "rows", "problems"),
    [
        ("targets in two areas", [("labour_productivity", 2026, "10"), ("domestic_market", 2027, "0.01")], 0),
        ("no target at all", [], 1),
        ("a negative target", [("export_output", 2026, "-1")], 1),
        ("a zero target", [("export_output", 2026, "0")], 1),
        ("an area outside IP-27.3", [("tax_paid", 2026, "1")], 1),
        ("a year outside the agreement", [("export_output", 2029, "1")], 1),
        ("the same area twice in a year", [("export_output", 2026, "1"), ("export_output", 2026, "2")], 1),
    ],
)
def test_the_counter_obligations_of_a_grant_agreement(
    case: str, rows: list[tuple[str, int, str]], problems: int
) -> None:
    targets = [rules.Target(a, y, D(t)) for a, y, t in rows]
    found = rules.target_problems(targets, signed_on=dt.date(2026, 4, 10), ends_on=dt.date(2027, 12, 31))
    assert len(found) == problems, (case, found)


def test_unreadable_targets_are_named_by_row() -> None:
    targets, problems = rules.targets_from([{"area": "export_output", "year": "2026", "target": "x"}])
    assert not targets
    assert "1" in problems[0]


@pytest.mark.law("IP-42.2")
@pytest.mark.parametrize(
    ("case", "own", "grant", "refused"),
    [
        ("own share 19.99 % of the project's cost", "19.99", "80.01", True),
        ("own share exactly 20 %", "20.00", "80.00", False),
        ("own share 20.01 %", "20.01", "79.99", False),
        ("a tiyn below 20 % on a large project", "37499999.99", "150000000.00", True),
        ("exactly 20 % on a large project", "37500000.00", "150000000.00", False),
    ],
)
def test_ip_42_2_the_own_share_boundary_at_the_dated_minimum(case: str, own: str, grant: str, refused: bool) -> None:
    minimum = D(str(params.value_on("grant_own_share_min", dt.date(2026, 3, 2)).value))
    assert minimum == D("0.2")
    assert bool(rules.cofinancing_problems(own=D(own), grant=D(grant), minimum=minimum)) is refused, case


def test_the_own_share_minimum_is_a_dated_unconfirmed_parameter_with_its_source() -> None:
    value = params.value_on("grant_own_share_min", dt.date(2026, 3, 2))
    assert value.unconfirmed
    assert "IP-42.3" in value.reference


@pytest.mark.law("IP-42.1")
@pytest.mark.parametrize(
    ("signed", "ends", "periods"),
    [
        (
            dt.date(2026, 4, 10),
            dt.date(2027, 12, 31),
            [(dt.date(2026, 4, 10), dt.date(2026, 12, 31)), (dt.date(2027, 1, 1), dt.date(2027, 12, 31))],
        ),
        (dt.date(2026, 1, 1), dt.date(2026, 6, 30), [(dt.date(2026, 1, 1), dt.date(2026, 6, 30))]),
        (
            dt.date(2026, 12, 31),
            dt.date(2027, 1, 1),
            [(dt.date(2026, 12, 31), dt.date(2026, 12, 31)), (dt.date(2027, 1, 1), dt.date(2027, 1, 1))],
        ),
    ],
)
def test_a_grant_agreements_results_are_reported_by_its_years(
    signed: dt.date, ends: dt.date, periods: list[tuple[dt.date, dt.date]]
) -> None:
    assert [(p.start, p.end) for p in rules.result_periods(signed_on=signed, ends_on=ends)] == periods


def test_a_grant_agreement_ending_before_it_is_signed_has_no_periods() -> None:
    with pytest.raises(CounterObligationError):
        rules.result_periods(signed_on=dt.date(2026, 5, 1), ends_on=dt.date(2026, 4, 30))
