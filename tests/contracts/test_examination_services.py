"""The examination of applications (IP-47.7): refused with reasons, or awarded with the characteristics fixed
before signing and the contract of the application's kind concluded from the award (IP-47.8); its deadline, journal
and notifications."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import ContractKind, DevelopmentContract, PlanApplication
from nisi.contracts.services import examination, offtake
from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.law import clock
from tests.contracts.examination_fixtures import AWARD, EXAMINE_BY, TERMS, D, applied, awarded
from tests.contracts.plans_fixtures import Cycle, cycle_fixture, hs_codes_fixture  # noqa: F401
from tests.contracts.purchases_fixtures import put_in_register

pytestmark = pytest.mark.django_db
S = PlanApplication.Status


def _deadline(application: PlanApplication) -> Deadline:
    return Deadline.objects.get(subject_id=application.number, kind=examination.EXAMINE_DEADLINE)


@pytest.mark.law("IP-47.7")
def test_a_refusal_gives_its_reasons_closes_the_term_and_tells_the_manufacturer(cycle: Cycle) -> None:
    application = applied(cycle)
    assert _deadline(application).due_on == EXAMINE_BY
    with clock.frozen(D(2026, 3, 2)):
        with pytest.raises(examination.ExaminationError):
            examination.application_refuse(actor=cycle.customer_actor, application=application, reasons="  ")
        with pytest.raises(PermissionDenied):
            examination.application_refuse(actor=cycle.manufacturer_actor, application=application, reasons="Нет")
        examination.application_refuse(
            actor=cycle.customer_actor, application=application, reasons="Объём закрыт другим поставщиком."
        )
    assert application.status == S.REFUSED
    assert application.examined_on == D(2026, 3, 2)
    assert _deadline(application).status == Deadline.Status.DONE
    note = Notification.objects.get(organization=cycle.manufacturer, message_key="contracts.application.refused")
    assert note.params["reasons"] == "Объём закрыт другим поставщиком."
    assert JournalEntry.objects.filter(subject_id=application.number, action="refused").exists()
    with pytest.raises(PermissionDenied):  # refused: no award after it
        examination.application_award(actor=cycle.customer_actor, application=application, **AWARD)


@pytest.mark.law("IP-47.8")
def test_the_award_needs_the_three_characteristics(cycle: Cycle) -> None:
    application = applied(cycle)
    with clock.frozen(D(2026, 3, 2)), pytest.raises(examination.ExaminationError) as refused:
        examination.application_award(
            actor=cycle.customer_actor, application=application, **{**AWARD, "configuration": " "}
        )
    assert refused.value.field == "configuration"
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    with clock.frozen(D(2026, 3, 2)), pytest.raises(PermissionDenied):  # no contract before the award
        examination.application_conclude(actor=cycle.customer_actor, application=application, **TERMS)


@pytest.mark.law("IP-47.7")
def test_awarded_and_concluded_an_offtake_contract_linked_both_ways(cycle: Cycle) -> None:
    application = awarded(cycle, applied(cycle))
    assert application.status == S.AWARDED
    assert Notification.objects.filter(
        organization=cycle.manufacturer, message_key="contracts.application.awarded"
    ).exists()
    assert _deadline(application).status == Deadline.Status.OPEN  # the term covers the conclusion too
    with clock.frozen(D(2026, 3, 5)):
        contract = examination.application_conclude(actor=cycle.customer_actor, application=application, **TERMS)
    assert application.status == S.CONCLUDED
    assert contract.application == application
    assert application.contract == contract
    assert contract.kind == ContractKind.OFFTAKE
    assert contract.manufacturer == cycle.manufacturer
    assert contract.hs_code == "730429"
    assert contract.goods_name == application.line.description
    assert AWARD["technical_characteristics"] in contract.characteristics
    assert AWARD["configuration"] in contract.characteristics
    assert sorted(contract.years.values_list("year", "contracted_volume")) == [(2026, 20), (2027, 10)]
    assert _deadline(application).status == Deadline.Status.DONE
    concluded = JournalEntry.objects.get(subject_id=application.number, action="concluded")
    assert concluded.payload["contract"] == contract.number
    with pytest.raises(PermissionDenied):  # once
        examination.application_conclude(actor=cycle.customer_actor, application=application, **TERMS)


@pytest.mark.law("IP-48.5")
def test_the_contracts_own_checks_refuse_and_nothing_is_half_written(cycle: Cycle) -> None:
    application = awarded(cycle, applied(cycle))
    with clock.frozen(D(2026, 3, 5)), pytest.raises(offtake.ContractError, match=r"IP-48\.5"):
        examination.application_conclude(
            actor=cycle.customer_actor, application=application, **{**TERMS, "volumes": {2026: Decimal(20)}}
        )
    application.refresh_from_db()
    assert application.status == S.AWARDED
    assert not DevelopmentContract.objects.exists()


@pytest.mark.law("IP-47.7")
def test_a_guaranteed_purchase_application_concludes_a_guaranteed_purchase_agreement(cycle: Cycle) -> None:
    # A guaranteed purchase is for goods from existing production (IP-46.1.1-1): the maker is in the register.
    put_in_register(cycle.manufacturer, periods=[(D(2025, 1, 1), None)], goods=[("730429", None, D(2025, 1, 1), None)])
    application = awarded(cycle, applied(cycle, PlanApplication.Kind.GUARANTEED_PURCHASE))
    terms: dict[str, Any] = {
        **TERMS,
        "min_domestic_value": None,
        "programme_duty": False,
        "ends_on": D(2027, 4, 1),
        "liability": "0,1 % за день просрочки",
    }
    with clock.frozen(D(2026, 3, 5)):
        contract = examination.application_conclude(actor=cycle.customer_actor, application=application, **terms)
    assert contract.kind == ContractKind.GUARANTEED_PURCHASE


@pytest.mark.law("IP-47.8")
def test_the_pilot_batch_is_tested_against_the_awarded_characteristics_and_none_added_after_signing(
    cycle: Cycle,
) -> None:
    application = awarded(cycle, applied(cycle))
    with clock.frozen(D(2026, 3, 5)):
        contract = examination.application_conclude(actor=cycle.customer_actor, application=application, **TERMS)
        offtake.contract_confirm(actor=cycle.manufacturer_actor, contract=contract)
        with pytest.raises(offtake.ContractError, match=r"IP-47\.8"):
            offtake.characteristics_add(actor=cycle.customer_actor, contract=contract, text="Покрытие цинком")
    with clock.frozen(D(2026, 4, 10)):
        test = offtake.pilot_result_record(
            actor=cycle.customer_actor,
            contract=contract,
            kind="laboratory",
            tested_on=D(2026, 4, 10),
            positive=True,
            findings="Соответствует",
        )
    assert AWARD["physical_chemical_properties"] in test.characteristics_tested
    assert "Покрытие" not in test.characteristics_tested
