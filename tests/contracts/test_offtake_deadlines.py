"""What waits on a party to a contract is a deadline in that party's work queue, linked to the contract's page, and
closes when it is done (IP-47.7, IP-48.2, IP-48-1.2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from nisi.contracts.models import ContractKind, DevelopmentContract
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_deadlines as deadlines
from nisi.contracts.services import offtake_performance as performance
from nisi.core.authz import actor_for
from nisi.core.models import Deadline, Organization
from nisi.core.roles import Role
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import terms
from tests.contracts.test_offtake_services import existing_production


def _open(contract: DevelopmentContract, kind: str) -> list[Deadline]:
    return list(
        Deadline.objects.filter(
            subject_type="contracts_contract", subject_id=contract.number, kind=kind, status=Deadline.Status.OPEN
        )
    )


def _queue(client: Any, user: Any, page_name: str = "web:account") -> str:
    """What waits on the user: an officer's work queue page, an organization's personal account."""
    client.force_login(user)
    page = client.get(reverse(page_name), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    if page_name == "web:account":  # the table of what waits, not the inbox below it, which links the contract too
        start = html.find('id="waiting"')
        return html[start : html.index('id="inbox"' if 'id="inbox"' in html else "Inbox</h2>")] if start >= 0 else ""
    return str(html)


@pytest.mark.law("IP-47.7")
def test_ip_47_7_the_manufacturers_confirmation_is_due_and_closes_when_signed(
    proposed: DevelopmentContract, manufacturer_user: Any, manufacturer: Organization
) -> None:
    (due,) = _open(proposed, deadlines.CONFIRM)
    assert due.organization == manufacturer
    assert due.responsible_role == Role.APPLICANT
    assert due.provision == "IP-47.7"
    assert due.due_on == proposed.proposed_on + dt.timedelta(days=30)
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=proposed)
    assert _open(proposed, deadlines.CONFIRM) == []
    due.refresh_from_db()
    assert due.status == Deadline.Status.DONE


def test_a_declined_or_withdrawn_contract_leaves_nothing_waiting(
    proposed: DevelopmentContract, manufacturer_user: Any
) -> None:
    services.contract_decline(actor=actor_for(manufacturer_user), contract=proposed, reasons="Wrong diameter.")
    assert not Deadline.objects.filter(subject_id=proposed.number, status=Deadline.Status.OPEN).exists()


@pytest.mark.law("IP-48.2")
def test_ip_48_2_the_years_acceptance_is_due_at_the_years_end_and_closes_when_the_minimum_is_accepted(
    signed: DevelopmentContract, customer: Organization, customer_user: Any, manufacturer_user: Any
) -> None:
    (due,) = _open(signed, deadlines.ACCEPTANCE)
    assert (due.organization, due.responsible_role, due.provision) == (customer, Role.MAJOR_CUSTOMER, "IP-48.2")
    assert due.due_on == dt.date(2026, 12, 31)
    assert due.params["year"] == 2026
    with clock.frozen(dt.date(2026, 5, 4)):
        delivery = performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=clock.today(), volume=Decimal(999)
        )
        performance.delivery_accept(actor=actor_for(customer_user), delivery=delivery, accepted_volume=Decimal(999))
        assert len(_open(signed, deadlines.ACCEPTANCE)) == 1  # the first year's minimum is all of it: 1 t still due
        delivery = performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=clock.today(), volume=Decimal(1)
        )
        performance.delivery_accept(actor=actor_for(customer_user), delivery=delivery, accepted_volume=Decimal(1))
    assert _open(signed, deadlines.ACCEPTANCE) == []


@pytest.mark.law("IP-48.2")
def test_ip_48_2_the_q4_warning_is_the_deadlines_reminder_and_the_next_year_opens_when_one_closes(
    signed: DevelopmentContract,
) -> None:
    with clock.frozen(dt.date(2026, 10, 1)):
        assert performance.contracts_daily()["warned"] == 1
    (due,) = _open(signed, deadlines.ACCEPTANCE)
    assert due.reminded_on == dt.date(2026, 10, 1)
    with clock.frozen(dt.date(2027, 1, 4)):
        assert performance.contracts_daily()["closed"] == 1
    due.refresh_from_db()
    assert due.status == Deadline.Status.DONE
    (following,) = _open(signed, deadlines.ACCEPTANCE)
    assert (following.params["year"], following.due_on) == (2027, dt.date(2027, 12, 31))


def test_a_guaranteed_purchase_has_no_acceptance_minimum_to_wait_for(
    today: dt.date,
    hs_codes: None,
    customer: Organization,
    customer_user: Any,
    manufacturer: Organization,
    manufacturer_user: Any,
) -> None:
    existing_production(manufacturer)
    contract = services.contract_conclude(
        actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer, ContractKind.GUARANTEED_PURCHASE)
    )
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=contract)
    assert _open(contract, deadlines.ACCEPTANCE) == []


@pytest.mark.law("IP-48-1.2")
def test_ip_48_1_2_an_amendment_waits_on_the_other_party_only(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, manufacturer: Organization
) -> None:
    amendment = changes.amendment_propose(
        actor=actor_for(customer_user),
        contract=signed,
        volumes={2027: Decimal(1200)},
        unit_price=None,
        explanation="More balls for the new mill.",
    )
    (due,) = _open(signed, deadlines.AMENDMENT)
    assert (due.organization, due.responsible_role, due.provision) == (manufacturer, Role.APPLICANT, "IP-48.2")
    assert due.due_on == clock.today() + dt.timedelta(days=30)
    changes.amendment_decide(actor=actor_for(manufacturer_user), amendment=amendment, accept=True)
    assert _open(signed, deadlines.AMENDMENT) == []


def test_the_work_queue_links_the_contract_for_the_party_that_must_act_only(
    client: Any, proposed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, officer_user: Any
) -> None:
    link = f'href="{reverse("contracts:offtake_contract", args=[proposed.number])}"'
    manufacturers = _queue(client, manufacturer_user)
    assert link in manufacturers
    assert f"Confirm or decline contract {proposed.number}" in manufacturers
    assert link not in _queue(client, customer_user)
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=proposed)
    customers = _queue(client, customer_user)
    assert link in customers
    assert f"Accept the 2026 volume under contract {proposed.number}" in customers
    assert link not in _queue(client, manufacturer_user)
    assert link in _queue(client, officer_user, "web:work_queue")  # the authorized body oversees every term
