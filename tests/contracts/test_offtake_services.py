"""Concluding, signing, performing and changing contracts aimed at industrial development through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import Amendment, ContractKind, ContractYear, DevelopmentContract, OffsetCondition, Penalty
from nisi.contracts.services import offtake as services
from nisi.contracts.services import offtake_changes as changes
from nisi.contracts.services import offtake_performance as performance
from nisi.core.authz import SYSTEM, actor_for
from nisi.core.models import JournalEntry, Notification
from nisi.law import clock
from tests.contracts.offtake_fixtures import *  # noqa: F403  (the area's fixtures)
from tests.contracts.offtake_fixtures import OFFICER, terms
from tests.contracts.purchases_fixtures import put_in_register

V = Decimal
D = dt.date


def test_the_customer_concludes_and_the_manufacturer_is_notified(
    proposed: DevelopmentContract, manufacturer: Any
) -> None:
    assert proposed.number == f"CT-OT-2026-{proposed.pk:05d}"
    assert proposed.status == DevelopmentContract.Status.PROPOSED
    assert [(y.year, y.contracted_volume) for y in proposed.years.all()] == [(2026, 1000), (2027, 1000), (2028, 1000)]
    note = Notification.objects.get(organization=manufacturer)
    assert note.message_key == "contracts.contract.proposed"
    assert JournalEntry.objects.filter(subject_id=proposed.number, action="proposed").exists()


@pytest.mark.law("IP-48.5")
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hs_code": "999999"}, "hs_code"),
        ({"hs_code": "7326"}, "hs_code"),
        ({"characteristics": "  "}, "characteristics"),
        ({"volumes": {2026: V(1000), 2027: V(1000)}}, "volumes"),  # 2028 missing: volumes for the whole term
        ({"volumes": {2026: V(-1), 2027: V(1000), 2028: V(1000)}}, "volumes"),
        ({"min_domestic_value": None}, "min_domestic_value"),
        ({"programme_duty": False}, "programme_duty"),
        ({"unit_price": V(0)}, "unit_price"),
    ],
)
def test_ip_48_5_required_content_is_checked_and_nothing_is_written(
    today: dt.date,
    hs_codes: None,
    customer: Any,
    customer_user: Any,
    manufacturer: Any,
    change: dict[str, Any],
    field: str,
) -> None:
    with pytest.raises(services.ContractError) as refused:
        services.contract_conclude(
            actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer, **change)
        )
    assert refused.value.field == field
    assert not DevelopmentContract.objects.exists()


def existing_production(manufacturer: Any) -> None:
    """A guaranteed purchase is for goods from existing production (IP-46.1.1-1): the maker is in the register."""
    put_in_register(manufacturer, periods=[(D(2025, 1, 1), None)], goods=[("732690", None, D(2025, 1, 1), None)])


@pytest.mark.law("IP-48-1.3")
def test_ip_48_1_3_a_guaranteed_purchase_of_eleven_months_is_refused(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    actor = actor_for(customer_user)
    existing_production(manufacturer)
    short = terms(
        manufacturer, ContractKind.GUARANTEED_PURCHASE, ends_on=D(2027, 3, 1), volumes={2026: V(10), 2027: V(10)}
    )
    with pytest.raises(services.ContractError, match="at least 1 year"):
        services.contract_conclude(actor=actor, customer=customer, terms=short)
    ok = services.contract_conclude(
        actor=actor, customer=customer, terms=terms(manufacturer, ContractKind.GUARANTEED_PURCHASE)
    )
    assert ok.number.startswith("CT-GP-")


@pytest.mark.law("IP-49.2")
def test_ip_49_2_contract_procurement_below_five_per_cent_or_threshold_is_refused(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any
) -> None:
    actor = actor_for(customer_user)
    low = [("training", "Courses", V("67499999.99"), D(2027, 12, 31))]  # 5 % of 1,350,000,000 is 67,500,000
    with pytest.raises(services.ContractError, match="less than 5 %"):
        services.contract_conclude(
            actor=actor,
            customer=customer,
            terms=terms(manufacturer, ContractKind.CONTRACT_PROCUREMENT, offset_conditions=low),
        )
    with pytest.raises(services.ContractError, match="500,000 MCI"):
        services.contract_conclude(
            actor=actor,
            customer=customer,
            terms=terms(manufacturer, ContractKind.CONTRACT_PROCUREMENT, customer_year_purchases=V("2162500000.00")),
        )
    contract = services.contract_conclude(
        actor=actor, customer=customer, terms=terms(manufacturer, ContractKind.CONTRACT_PROCUREMENT)
    )
    assert contract.offset_conditions.get().value == V("70000000.00")


def test_only_the_customers_users_conclude(
    today: dt.date, hs_codes: None, customer: Any, manufacturer_user: Any, manufacturer: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.contract_conclude(actor=actor_for(manufacturer_user), customer=customer, terms=terms(manufacturer))


def test_the_manufacturer_signs_and_the_customer_cannot(
    proposed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    with pytest.raises(PermissionDenied):
        services.contract_confirm(actor=actor_for(customer_user), contract=proposed)
    signed = services.contract_confirm(actor=actor_for(manufacturer_user), contract=proposed)
    assert signed.status == DevelopmentContract.Status.IN_FORCE
    assert signed.signed_on == clock.today()


@pytest.mark.law("IP-47.8")
def test_ip_47_8_characteristics_are_added_before_signing_and_refused_after(
    proposed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    actor = actor_for(customer_user)
    services.characteristics_add(actor=actor, contract=proposed, text="Impact test: 10 drops from 8 m")
    proposed.refresh_from_db()
    assert "Impact test" in proposed.characteristics
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=proposed)
    with pytest.raises(services.ContractError, match=r"IP-47\.8"):
        services.characteristics_add(actor=actor, contract=proposed, text="Chromium at least 2 %")


@pytest.mark.law("IP-47.8")
def test_ip_47_8_a_negative_pilot_batch_terminates_for_the_manufacturers_fault(
    signed: DevelopmentContract, customer_user: Any, manufacturer: Any
) -> None:
    actor = actor_for(customer_user)
    services.pilot_result_record(
        actor=actor, contract=signed, kind="laboratory", tested_on=clock.today(), positive=True, findings="All met"
    )
    signed.refresh_from_db()
    assert signed.status == DevelopmentContract.Status.IN_FORCE
    services.pilot_result_record(
        actor=actor,
        contract=signed,
        kind="industrial",
        tested_on=clock.today(),
        positive=False,
        findings="Hardness 51 HRC",
    )
    signed.refresh_from_db()
    assert signed.status == DevelopmentContract.Status.TERMINATED
    assert signed.termination_reasons == "Hardness 51 HRC"
    assert Notification.objects.filter(
        organization=manufacturer, message_key="contracts.contract.pilot_negative"
    ).exists()


def _deliver(
    signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any, on: dt.date, volume: str, accepted: str
) -> None:
    with clock.frozen(on):
        delivery = performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=on, volume=V(volume)
        )
        reasons = "" if accepted == volume else "Storage full"
        performance.delivery_accept(
            actor=actor_for(customer_user), delivery=delivery, accepted_volume=V(accepted), reasons=reasons
        )


@pytest.mark.law("IP-48.2")
def test_ip_48_2_the_years_commitment_against_delivery_is_seen_by_both_and_warned_in_the_last_quarter(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, customer: Any, manufacturer: Any
) -> None:
    _deliver(signed, manufacturer_user, customer_user, D(2026, 5, 10), "600", "600")
    first = performance.year_standings(signed)[0]
    assert (first.accepted, first.minimum, first.still_due) == (V(600), V(1000), V(400))
    assert performance.contracts_daily(today=D(2026, 9, 30)) == {"warned": 0, "closed": 0}
    assert performance.contracts_daily(today=D(2026, 10, 1)) == {"warned": 1, "closed": 0}
    assert performance.contracts_daily(today=D(2026, 10, 2)) == {"warned": 0, "closed": 0}  # once
    for party in (customer, manufacturer):
        assert (
            Notification.objects.filter(organization=party, message_key="contracts.contract.year_warning").count() == 1
        )


@pytest.mark.law("IP-48.4")
def test_ip_48_4_the_year_closes_with_its_breach_and_the_penalty_for_a_refusal(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    _deliver(signed, manufacturer_user, customer_user, D(2026, 5, 10), "1000", "700")
    assert performance.contracts_daily(today=D(2027, 1, 1)) == {"warned": 0, "closed": 1}
    year = signed.years.get(year=2026)
    assert year.status == ContractYear.Status.BREACHED
    assert (year.minimum_volume, year.accepted_volume, year.refused_volume) == (V(1000), V(700), V(300))
    penalty = Penalty.objects.get(contract=signed)
    assert penalty.amount == V("13500000.00")  # 300 t × 450,000 × 10 %, the unconfirmed parameter
    assert penalty.unconfirmed
    assert performance.contracts_daily(today=D(2027, 1, 2))["closed"] == 0  # idempotent


@pytest.mark.law("IP-48.2")
def test_ip_48_2_half_of_a_later_year_meets_it(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    _deliver(signed, manufacturer_user, customer_user, D(2026, 5, 10), "1000", "1000")
    _deliver(signed, manufacturer_user, customer_user, D(2027, 5, 10), "600", "500")
    performance.contracts_daily(today=D(2028, 1, 1))
    assert list(signed.years.values_list("status", flat=True)) == ["met", "met", "open"]
    assert not Penalty.objects.exists()


def test_a_delivery_outside_the_term_or_an_acceptance_above_it_is_refused(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any
) -> None:
    with pytest.raises(services.ContractError):
        performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=D(2026, 3, 1), volume=V(1)
        )
    with clock.frozen(D(2026, 5, 1)):
        delivery = performance.delivery_record(
            actor=actor_for(manufacturer_user), contract=signed, delivered_on=D(2026, 5, 1), volume=V(5)
        )
        with pytest.raises(services.ContractError):
            performance.delivery_accept(actor=actor_for(customer_user), delivery=delivery, accepted_volume=V(6))
        with pytest.raises(services.ContractError, match="why"):
            performance.delivery_accept(actor=actor_for(customer_user), delivery=delivery, accepted_volume=V(4))
        with pytest.raises(PermissionDenied):
            performance.delivery_accept(actor=actor_for(manufacturer_user), delivery=delivery, accepted_volume=V(5))


@pytest.mark.law("IP-48.2")
@pytest.mark.parametrize("proposer", ["customer", "manufacturer"])
def test_ip_48_2_a_reduction_by_one_party_alone_is_refused_whoever_asks_and_takes_effect_when_the_other_accepts(
    signed: DevelopmentContract, customer_user: Any, manufacturer_user: Any, proposer: str
) -> None:
    mine, theirs = (customer_user, manufacturer_user) if proposer == "customer" else (manufacturer_user, customer_user)
    amendment = changes.amendment_propose(
        actor=actor_for(mine), contract=signed, volumes={2027: V(800)}, unit_price=V("440000.00"), explanation="Market"
    )
    assert amendment.reduces == ["volume:2027", "price"]
    with pytest.raises(services.ContractError, match=r"IP-48\.2"):
        changes.amendment_decide(actor=actor_for(mine), amendment=amendment, accept=True)
    assert signed.years.get(year=2027).contracted_volume == V(1000)
    changes.amendment_decide(actor=actor_for(theirs), amendment=amendment, accept=True)
    signed.refresh_from_db()
    assert signed.years.get(year=2027).contracted_volume == V(800)
    assert signed.unit_price == V("440000.00")
    assert Amendment.objects.get().status == Amendment.Status.ACCEPTED


@pytest.mark.law("IP-48-1.2")
def test_ip_48_1_2_a_guaranteed_purchase_amendment_needs_the_other_party(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, manufacturer_user: Any
) -> None:
    existing_production(manufacturer)
    contract = services.contract_conclude(
        actor=actor_for(customer_user), customer=customer, terms=terms(manufacturer, ContractKind.GUARANTEED_PURCHASE)
    )
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=contract)
    amendment = changes.amendment_propose(
        actor=actor_for(customer_user), contract=contract, volumes={2027: V(1200)}, unit_price=None, explanation="More"
    )
    with pytest.raises(services.ContractError, match=r"IP-48-1\.2"):
        changes.amendment_decide(actor=actor_for(customer_user), amendment=amendment, accept=True)
    with pytest.raises(services.ContractError, match="why"):
        changes.amendment_decide(actor=actor_for(manufacturer_user), amendment=amendment, accept=False)
    changes.amendment_decide(
        actor=actor_for(manufacturer_user), amendment=amendment, accept=False, reasons="No capacity"
    )
    assert contract.years.get(year=2027).contracted_volume == V(1000)


@pytest.mark.law("IP-48.1")
def test_ip_48_1_the_manufacturer_records_the_pledge(
    signed: DevelopmentContract, manufacturer_user: Any, customer_user: Any
) -> None:
    pledge = changes.pledge_record(
        actor=actor_for(manufacturer_user),
        contract=signed,
        pledgee="Development Bank of Kazakhstan",
        agreement_reference="DBK-77/2026",
        pledged_on=clock.today(),
    )
    assert pledge.pledgee == "Development Bank of Kazakhstan"
    with pytest.raises(PermissionDenied):
        changes.pledge_record(
            actor=actor_for(customer_user),
            contract=signed,
            pledgee="x",
            agreement_reference="y",
            pledged_on=clock.today(),
        )


@pytest.mark.law("IP-49.3")
def test_ip_49_3_an_offset_failure_records_the_penalty(
    today: dt.date, hs_codes: None, customer: Any, customer_user: Any, manufacturer: Any, manufacturer_user: Any
) -> None:
    contract = services.contract_conclude(
        actor=actor_for(customer_user),
        customer=customer,
        terms=terms(
            manufacturer,
            ContractKind.CONTRACT_PROCUREMENT,
            offset_conditions=[
                ("training", "Training centre", V("40000000"), D(2027, 1, 1)),
                ("research", "R&D", V("40000000"), D(2027, 1, 1)),
            ],
        ),
    )
    services.contract_confirm(actor=actor_for(manufacturer_user), contract=contract)
    first, second = contract.offset_conditions.all()
    changes.offset_fulfilment_report(
        actor=actor_for(manufacturer_user), condition=first, evidence="Opened 1 March", on=clock.today()
    )
    with pytest.raises(PermissionDenied):
        changes.offset_failure_record(
            actor=actor_for(customer_user), condition=second, evidence="x", on=clock.today(), penalty=V(1)
        )
    changes.offset_failure_record(
        actor=OFFICER, condition=second, evidence="No R&D contract", on=clock.today(), penalty=V("2000000.00")
    )
    assert list(OffsetCondition.objects.values_list("status", flat=True)) == ["fulfilled", "failed"]
    assert Penalty.objects.get().ground == Penalty.Ground.OFFSET_FAILURE
    with pytest.raises(services.ContractError, match="already"):
        changes.offset_fulfilment_report(
            actor=actor_for(manufacturer_user), condition=second, evidence="late", on=clock.today()
        )


def test_the_system_closes_years_as_the_authorized_body(signed: DevelopmentContract) -> None:
    with pytest.raises(services.ContractError, match="not ended"):
        performance.year_close(actor=SYSTEM, year=signed.years.get(year=2026), today=D(2026, 12, 31))
