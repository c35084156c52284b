"""The off-take contracts list and the procurement plans list sort in each order they offer and page (page 2, a page
past the end, a bad page number: never an error page); the work queue links a plan, an application and a contract
to their pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from nisi.contracts.models import ContractKind, DevelopmentContract, LargeCustomerKind, ProcurementPlan
from nisi.contracts.services import customers, plans, plans_review
from nisi.contracts.services import offtake as services
from nisi.core.authz import SYSTEM, actor_for
from nisi.core.roles import Role
from nisi.forms import listing
from nisi.law import clock
from tests.contracts.examination_fixtures import applied
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, draft, hs_codes_fixture, line  # noqa: F401

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def one_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of one row, so that a few rows make a few pages."""
    monkeypatch.setitem(listing.list_page.__kwdefaults__, "per_page", 1)


def _get(user: Any, url: str, **query: str) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(url, query, **EN)
    assert page.status_code == 200, page.content[:500]
    return str(page.content.decode())


def _order(html: str, numbers: list[str]) -> list[str]:
    """The numbers in the order the page lists them (each once, from the rows' links)."""
    found = [n for n in re.findall(r'class="govuk-link" href="[^"]*/([^/"]+)/">\1</a>', html) if n in numbers]
    return list(dict.fromkeys(found))


def _row(html: str, number: str) -> str:
    """The table row of the record `number`."""
    rows = [r for r in re.findall(r'<tr class="govuk-table__row">.*?</tr>', html, re.S) if f">{number}</a>" in r]
    assert len(rows) == 1, (number, len(rows))
    return rows[0]


# --- The off-take contracts list ---------------------------------------------------------------------------------

CONTRACTS = "/en/contracts/offtake/contracts/"


@pytest.fixture
def three_contracts(today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any) -> list[str]:
    """Three contracts concluded on three days, ending in an order other than that of their conclusion."""
    ends = [dt.date(2028, 3, 31), dt.date(2027, 3, 31), dt.date(2029, 3, 31)]
    numbers = []
    for offset, ends_on in enumerate(ends):
        with clock.frozen(today + dt.timedelta(days=offset)):
            volumes = {y: Decimal(1000) for y in range(2026, ends_on.year + 1)}
            contract = services.contract_conclude(
                actor=actor_for(customer_user),
                customer=customer,
                terms=terms(manufacturer, ends_on=ends_on, volumes=volumes),
            )
        numbers.append(contract.number)
    return numbers


def test_the_contracts_list_sorts_newest_first_and_ending_soonest(
    three_contracts: list[str], customer_user: Any
) -> None:
    first, second, third = three_contracts
    assert _order(_get(customer_user, CONTRACTS), three_contracts) == [third, second, first]  # newest, the default
    newest = _get(customer_user, CONTRACTS, order="newest")
    assert _order(newest, three_contracts) == [third, second, first]  # descending by conclusion
    assert '<option value="newest" selected>' in newest
    ends = _get(customer_user, CONTRACTS, order="ends")
    assert _order(ends, three_contracts) == [second, first, third]  # ascending by the end of the term
    assert '<option value="ends" selected>' in ends
    unknown = _get(customer_user, CONTRACTS, order="nonsense")  # an order not offered is the first one
    assert _order(unknown, three_contracts) == [third, second, first]


def test_the_contracts_list_pages_and_refuses_no_page(
    three_contracts: list[str], customer_user: Any, one_per_page: None
) -> None:
    first, _second, third = three_contracts
    assert _order(_get(customer_user, CONTRACTS, order="ends", page="2"), three_contracts) == [first]
    last = _get(customer_user, CONTRACTS, order="ends", page="3")
    assert _order(last, three_contracts) == [third]
    assert "page=4" not in last  # no next page after the last
    assert "order=ends&amp;page=2" in last or "page=2&amp;order=ends" in last  # the previous page keeps the order
    beyond = _get(customer_user, CONTRACTS, page="40")
    assert _order(beyond, three_contracts) == []
    for bad in ("0", "-1", "abc", "٢", "99999999999", "1.5", ""):
        assert _order(_get(customer_user, CONTRACTS, page=bad), three_contracts) == [third]  # the first page


# --- The procurement plans list ----------------------------------------------------------------------------------


@pytest.fixture
def three_plans(cycle: Cycle, make_org: Any, make_user: Any) -> dict[str, ProcurementPlan]:
    """A plan submitted in time, one submitted late by another customer, and one published (no open deadline)."""
    with clock.frozen(dt.date(2025, 11, 20)):
        timely = draft(cycle)
        plans.plan_submit(actor=cycle.customer_actor, plan=timely)
        agreed = plans.plan_create(
            actor=cycle.customer_actor, organization=cycle.customer, first_year=2027, last_year=2027
        )
        plans.line_add(actor=cycle.customer_actor, plan=agreed, line=line(year=2027))
        plans.plan_submit(actor=cycle.customer_actor, plan=agreed)
        plans_review.plan_agree(actor=cycle.officer, plan=agreed)
        plans_review.plan_publish(actor=cycle.officer, plan=agreed)
    other = make_org("АО «Алтын»", kato="351010000", email="altyn@test.kz")
    with clock.frozen(dt.date(2025, 11, 20)):
        customers.customer_record(
            actor=SYSTEM, organization=other, kind=LargeCustomerKind.SUBSOIL_USER, since=dt.date(2025, 9, 1)
        )
    other_actor = actor_for(make_user(Role.MAJOR_CUSTOMER, other))
    with clock.frozen(dt.date(2025, 12, 11)):
        late = plans.plan_create(actor=other_actor, organization=other, first_year=2026, last_year=2027)
        plans.line_add(actor=other_actor, plan=late, line=line())
        plans.plan_submit(actor=other_actor, plan=late)
    for plan in (timely, agreed, late):
        plan.refresh_from_db()
    assert (timely.late, late.late, agreed.status) == (False, True, ProcurementPlan.Status.PUBLISHED)
    return {"timely": timely, "late": late, "agreed": agreed}


def test_the_late_filter_shows_the_late_plan_tagged_in_its_own_row(
    cycle: Cycle, three_plans: dict[str, ProcurementPlan]
) -> None:
    officer = cycle.users["officer"]
    url = reverse("contracts:plans")
    everything = _get(officer, url)
    late, timely = three_plans["late"].number, three_plans["timely"].number
    assert 'govuk-tag--red">Late</strong>' in _row(everything, late)
    assert ">Late</strong>" not in _row(everything, timely)
    only_late = _get(officer, url, late="1")
    assert _order(only_late, [p.number for p in three_plans.values()]) == [late]


def test_the_plans_list_sorts_in_each_order_it_offers(cycle: Cycle, three_plans: dict[str, ProcurementPlan]) -> None:
    officer = cycle.users["officer"]
    url = reverse("contracts:plans")
    timely, late, agreed = (three_plans[k].number for k in ("timely", "late", "agreed"))
    numbers = [timely, late, agreed]
    # Nearest deadline first; a plan with no open deadline last, on SQLite and PostgreSQL alike.
    assert _order(_get(officer, url, order="due"), numbers) == [timely, late, agreed]
    assert _order(_get(officer, url), numbers) == [timely, late, agreed]  # the default
    # Newest first: by the day submitted, descending (the later of two the same day first).
    assert _order(_get(officer, url, order="newest"), numbers) == [late, agreed, timely]
    # By customer's name, ascending: «Алтын» before «Недра».
    assert _order(_get(officer, url, order="customer"), numbers) == [late, timely, agreed]


def test_the_plans_list_pages_and_refuses_no_page(
    cycle: Cycle, three_plans: dict[str, ProcurementPlan], one_per_page: None
) -> None:
    officer = cycle.users["officer"]
    url = reverse("contracts:plans")
    numbers = [p.number for p in three_plans.values()]
    assert _order(_get(officer, url, order="newest", page="2"), numbers) == [three_plans["agreed"].number]
    assert _order(_get(officer, url, page="9"), numbers) == []
    for bad in ("0", "x", "-3", "99999999999"):
        assert _order(_get(officer, url, page=bad), numbers) == [three_plans["timely"].number]


# --- The work queue's links -------------------------------------------------------------------------------------


def _queue(user: Any) -> str:
    return _get(user, reverse("web:work_queue"))


def test_the_work_queue_links_a_plan_an_application_and_a_contract(cycle: Cycle, make_org: Any, make_user: Any) -> None:
    officer = cycle.users["officer"]
    application = applied(cycle)  # on a published plan from 2026
    link = f'href="{reverse("contracts:application", args=[application.number])}"'
    assert link in _get(cycle.users["customer"], reverse("web:account"))  # the customer examines it (IP-47.7)
    assert link in _queue(officer)
    with clock.frozen(dt.date(2026, 2, 2)):
        plan = plans.plan_create(
            actor=cycle.customer_actor, organization=cycle.customer, first_year=2027, last_year=2027
        )
        plans.line_add(actor=cycle.customer_actor, plan=plan, line=line(year=2027))
        plans.plan_submit(actor=cycle.customer_actor, plan=plan)
    assert f'href="{reverse("contracts:plan", args=[plan.number])}"' in _queue(officer)
    contract = services.contract_conclude(
        actor=cycle.customer_actor,
        customer=cycle.customer,
        terms=terms(cycle.manufacturer, ContractKind.OFFTAKE, hs_code="730429"),
    )
    assert isinstance(contract, DevelopmentContract)
    assert f'href="{reverse("contracts:offtake_contract", args=[contract.number])}"' in _queue(officer)
    for path in (
        reverse("contracts:plan", args=[plan.number]),
        reverse("contracts:application", args=[application.number]),
        reverse("contracts:offtake_contract", args=[contract.number]),
    ):
        _get(officer, path)  # each link opens its page for the officer
