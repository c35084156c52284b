"""IP-47.2: a large customer's plan is lodged in the year preceding its first year of procurement. IP-48.3: an
off-take contract's term is the one the contract sets (no statutory shortest or longest term, unlike a guaranteed
purchase agreement's one to ten years, IP-48-1.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from nisi.contracts.models import ContractKind, ProcurementPlan
from nisi.contracts.rules import guaranteed_purchase, offtake
from nisi.contracts.rules import plans as rules
from nisi.contracts.services import offtake as services
from nisi.contracts.services import plans
from nisi.core.authz import actor_for
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401

D = dt.date


@pytest.mark.law("IP-47.2")
@pytest.mark.parametrize(
    ("today", "first_year", "refused"),
    [
        (D(2025, 1, 1), 2026, False),  # lodged in 2025, the year preceding 2026
        (D(2025, 12, 31), 2026, False),
        (D(2025, 6, 1), 2027, False),  # a draft may be made earlier; it is lodged by 10 December 2026
        (D(2026, 1, 1), 2026, True),  # the first year has begun: no longer the year preceding it
        (D(2026, 6, 1), 2025, True),
    ],
)
def test_ip_47_2_a_plan_is_lodged_in_the_year_preceding_its_first_year(
    today: dt.date, first_year: int, refused: bool
) -> None:
    problem = rules.first_year_problem(first_year, today)
    assert (problem is not None) is refused
    if refused:
        assert str(today.year + 1) in str(problem)
        assert "IP-47.2" in str(problem)


@pytest.mark.law("IP-47.2")
@pytest.mark.django_db
def test_ip_47_2_the_customer_cannot_make_a_plan_for_a_year_already_begun(cycle: Cycle) -> None:
    with clock.frozen(D(2026, 1, 10)):
        with pytest.raises(plans.PlanError) as refused:
            plans.plan_create(actor=cycle.customer_actor, organization=cycle.customer, first_year=2026, last_year=2026)
        assert refused.value.field == "first_year"
        assert not ProcurementPlan.objects.exists()
        plan = plans.plan_create(
            actor=cycle.customer_actor, organization=cycle.customer, first_year=2027, last_year=2028
        )
    assert rules.plans_due(2027).value == plan.due_on == D(2026, 12, 10)  # in the year preceding the first


@pytest.mark.law("IP-48.3")
@pytest.mark.parametrize(
    ("starts_on", "ends_on", "years"),
    [
        (D(2026, 4, 1), D(2026, 4, 30), [2026]),  # a month
        (D(2026, 4, 1), D(2027, 3, 31), [2026, 2027]),
        (D(2026, 1, 1), D(2040, 12, 31), list(range(2026, 2041))),  # fifteen years
    ],
)
def test_ip_48_3_the_off_take_contract_sets_its_own_term(
    starts_on: dt.date, ends_on: dt.date, years: list[int]
) -> None:
    assert offtake.contract_years(starts_on, ends_on) == years
    # every one of these terms is one a guaranteed purchase agreement may not have (IP-48-1.3): only off-take is free
    assert guaranteed_purchase.term_problem(starts_on=starts_on, ends_on=ends_on) is not None


@pytest.mark.law("IP-48.3")
def test_ip_48_3_a_term_still_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="cannot end before it starts"):
        offtake.contract_years(D(2027, 1, 1), D(2026, 12, 31))


@pytest.mark.law("IP-48.3")
@pytest.mark.parametrize(
    ("kind", "concluded"), [(ContractKind.OFFTAKE, True), (ContractKind.GUARANTEED_PURCHASE, False)]
)
def test_ip_48_3_an_off_take_contract_of_fifteen_years_is_concluded_a_guarantee_is_not(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, kind: str, concluded: bool
) -> None:
    long_term = terms(
        manufacturer,
        kind,
        starts_on=D(2026, 4, 1),
        ends_on=D(2040, 3, 31),
        volumes={y: Decimal(100) for y in range(2026, 2041)},
    )
    if concluded:
        contract = services.contract_conclude(actor=actor_for(customer_user), customer=customer, terms=long_term)
        assert [y.year for y in contract.years.order_by("year")] == list(range(2026, 2041))
    else:
        with pytest.raises(services.ContractError, match=r"IP-48-1\.3"):
            services.contract_conclude(actor=actor_for(customer_user), customer=customer, terms=long_term)
