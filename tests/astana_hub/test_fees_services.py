"""Membership fees through the services: the schedule, charging a period (idempotent), payments, cancellations,
overdue notices — and every refusal, with nothing half-written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.astana_hub import participation
from nisi.astana_hub.models import AssetMovement, FeeCharge, FeePayment, FeeSchedule, HubActor
from nisi.astana_hub.rules.fees import PeriodError
from nisi.astana_hub.services import fees
from nisi.astana_hub.services.fees import FeeError
from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.core.services.deadlines import deadlines_daily
from nisi.law import clock
from tests.astana_hub.conftest import AUDITOR, FUND, member_of

D = dt.date
M = Decimal
pytestmark = pytest.mark.law("AH-10.1.4-2")


@pytest.fixture
def charged_march(hub_actor: HubActor, fee_schedule: FeeSchedule) -> FeeCharge:
    with clock.frozen(D(2025, 3, 3)):
        fees.fees_charge_period(actor=FUND, period="2025-03", hub_participant_ids=participation.hub_participant_ids)
    return FeeCharge.objects.get(organization=hub_actor.organization)


def _pay(org: Any, amount: str, on: dt.date, ref: str) -> FeePayment:
    with clock.frozen(on):
        return fees.fee_payment_record(
            is_hub_participant=participation.is_hub_participant,
            actor=FUND,
            organization=org,
            amount=M(amount),
            paid_on=on,
            payment_reference=ref,
        )


def test_charging_a_period_charges_every_hub_participant_on_its_first_day_once(
    hub_actor: HubActor, fee_schedule: FeeSchedule, make_org: Any, english: None
) -> None:
    late = make_org(name="ТОО «Late»")
    HubActor.objects.create(
        number="AH-A-2025-00002",
        organization=late,
        status=HubActor.Status.REGISTERED,
        activity="AI",
        applied_on=D(2025, 2, 20),
        registered_on=D(2025, 3, 2),  # mid-March: charged from April
    )
    with clock.frozen(D(2025, 3, 3)):
        result = fees.fees_charge_period(
            actor=FUND, period="2025-03", hub_participant_ids=participation.hub_participant_ids
        )
        again = fees.fees_charge_period(
            actor=FUND, period="2025-03", hub_participant_ids=participation.hub_participant_ids
        )
    assert result.charged == [hub_actor.organization.identifier]
    assert again.charged == []
    assert again.already == [hub_actor.organization.identifier]
    charge = FeeCharge.objects.get()
    assert (charge.amount, charge.period_start, charge.period_end, charge.due_on) == (
        M("25000.00"),
        D(2025, 3, 1),
        D(2025, 3, 31),
        D(2025, 3, 17),  # 1 March + 14 days = Saturday 15 March, moved to Monday 17 March
    )
    assert charge.schedule == fee_schedule
    deadline = Deadline.objects.get(subject_type="fee_charge")
    assert (deadline.due_on, deadline.organization_id, deadline.provision) == (
        D(2025, 3, 17),
        hub_actor.organization_id,
        "AH-10.1.4-2",
    )
    note = Notification.objects.get(message_key="astana_hub.fees.charged")
    assert note.organization == hub_actor.organization
    assert JournalEntry.objects.filter(subject_type="fee_charge", action="charged").count() == 1
    with clock.frozen(D(2025, 4, 2)):
        april = fees.fees_charge_period(
            actor=FUND, period="2025-04", hub_participant_ids=participation.hub_participant_ids
        )
    assert sorted(april.charged) == sorted([hub_actor.organization.identifier, late.identifier])


@pytest.mark.parametrize(
    ("period", "today", "message"),
    [
        ("2025-Q2", D(2025, 4, 2), "is monthly: charge 2025-04 instead of 2025-Q2"),
        ("2024-12", D(2025, 4, 2), "No fee schedule applies on 01.12.2024"),
        ("2025-05", D(2025, 4, 2), "2025-05 has not started yet"),
        ("2025-13", D(2025, 4, 2), "A month is 01 to 12"),
    ],
)
def test_charging_refuses_a_period_it_cannot_charge(
    hub_actor: HubActor, fee_schedule: FeeSchedule, period: str, today: dt.date, message: str, english: None
) -> None:
    with clock.frozen(today), pytest.raises((FeeError, PeriodError), match=message):
        fees.fees_charge_period(actor=FUND, period=period, hub_participant_ids=participation.hub_participant_ids)
    assert FeeCharge.objects.count() == 0


def test_only_the_funds_officers_charge(hub_actor: HubActor, fee_schedule: FeeSchedule) -> None:
    for actor in (AUDITOR, member_of(hub_actor.organization)):
        with clock.frozen(D(2025, 3, 3)), pytest.raises(PermissionDenied):
            fees.fees_charge_period(
                actor=actor, period="2025-03", hub_participant_ids=participation.hub_participant_ids
            )
    assert FeeCharge.objects.count() == 0


def test_a_payment_settles_the_charge_and_is_the_funds_receipt_counted_once(
    charged_march: FeeCharge, english: None
) -> None:
    org = charged_march.organization
    payment = _pay(org, "30000", D(2025, 3, 10), "PP-101")
    receipt = AssetMovement.objects.get()
    assert (receipt.direction, receipt.source, receipt.amount, receipt.fee_payment) == (
        "receipt",
        "membership_fees",
        M("30000.00"),
        payment,
    )
    assert Deadline.objects.get(subject_type="fee_charge").status == Deadline.Status.DONE
    assert Notification.objects.filter(organization=org, message_key="astana_hub.fees.payment_recorded").exists()
    # The 5,000 overpaid is a credit: April's charge is partly covered, and its deadline stays open.
    with clock.frozen(D(2025, 4, 2)):
        fees.fees_charge_period(actor=FUND, period="2025-04", hub_participant_ids=participation.hub_participant_ids)
    assert Deadline.objects.filter(subject_type="fee_charge", status="open").count() == 1
    _pay(org, "20000", D(2025, 4, 3), "PP-102")
    assert Deadline.objects.filter(subject_type="fee_charge", status="open").count() == 0


@pytest.mark.parametrize(
    ("amount", "paid_on", "ref", "message"),
    [
        ("0", D(2025, 3, 10), "PP-1", "greater than zero"),
        ("-5", D(2025, 3, 10), "PP-1", "greater than zero"),
        ("10.005", D(2025, 3, 10), "PP-1", "two decimal places"),
        ("100", D(2025, 3, 10), "  ", "number of the payment order"),
        ("100", D(2025, 3, 20), "PP-1", "cannot be in the future"),
        ("100", D(2025, 3, 10), "PP-DUP", "already recorded"),
    ],
)
def test_a_payment_that_cannot_be_recorded_is_refused_and_nothing_written(
    charged_march: FeeCharge, amount: str, paid_on: dt.date, ref: str, message: str, english: None
) -> None:
    org = charged_march.organization
    _pay(org, "100", D(2025, 3, 5), "PP-DUP")
    with clock.frozen(D(2025, 3, 12)), pytest.raises(FeeError, match=message):
        fees.fee_payment_record(
            actor=FUND,
            organization=org,
            amount=M(amount),
            paid_on=paid_on,
            payment_reference=ref,
            is_hub_participant=participation.is_hub_participant,
        )
    assert FeePayment.objects.count() == 1
    assert AssetMovement.objects.count() == 1


def test_the_same_payment_order_number_may_come_from_two_payers(
    charged_march: FeeCharge, make_org: Any, hub_actor: HubActor
) -> None:
    other = make_org(name="ТОО «Other»")
    HubActor.objects.create(
        number="AH-A-2025-00003",
        organization=other,
        status=HubActor.Status.REGISTERED,
        activity="x",
        applied_on=D(2025, 1, 1),
        registered_on=D(2025, 1, 1),
    )
    _pay(hub_actor.organization, "10", D(2025, 3, 5), "1")
    _pay(other, "10", D(2025, 3, 5), "1")
    assert FeePayment.objects.count() == 2


def test_a_payment_by_a_non_participant_is_refused(make_org: Any, fee_schedule: FeeSchedule, english: None) -> None:
    stranger = make_org(name="ТОО «Stranger»")
    with pytest.raises(FeeError, match=r"is not an Astana Hub participant on 05.03.2025 and owes no membership fees"):
        _pay(stranger, "100", D(2025, 3, 5), "PP-9")
    assert FeePayment.objects.count() == 0
    assert AssetMovement.objects.count() == 0


def test_a_former_participant_may_settle_its_arrears_but_not_more(
    charged_march: FeeCharge, hub_actor: HubActor, english: None
) -> None:
    hub_actor.status, hub_actor.terminated_on = HubActor.Status.TERMINATED, D(2025, 3, 20)
    hub_actor.save()
    org = hub_actor.organization
    with pytest.raises(FeeError, match=r"owes 25000.00 tenge: record at most that"):
        _pay(org, "30000", D(2025, 3, 25), "PP-7")
    _pay(org, "25000", D(2025, 3, 25), "PP-7")
    with pytest.raises(FeeError, match="owes no membership fees"):
        _pay(org, "1", D(2025, 3, 26), "PP-8")


def test_only_the_funds_officers_record_payments(charged_march: FeeCharge) -> None:
    org = charged_march.organization
    for actor in (AUDITOR, member_of(org)):
        with clock.frozen(D(2025, 3, 12)), pytest.raises(PermissionDenied):
            fees.fee_payment_record(
                actor=actor,
                organization=org,
                amount=M("1"),
                paid_on=D(2025, 3, 12),
                payment_reference="X",
                is_hub_participant=participation.is_hub_participant,
            )
    assert FeePayment.objects.count() == 0


def test_an_overdue_charge_is_announced_to_the_participant_once_and_a_paid_one_never(
    charged_march: FeeCharge, english: None
) -> None:
    org = charged_march.organization
    deadlines_daily(today=D(2025, 3, 17))
    assert not Notification.objects.filter(message_key="deadline.overdue").exists()
    deadlines_daily(today=D(2025, 3, 18))
    deadlines_daily(today=D(2025, 3, 19))
    overdue = Notification.objects.get(message_key="deadline.overdue")
    assert overdue.organization == org
    from nisi.core import messages

    subject, _body = messages.render(overdue.message_key, overdue.params)
    assert subject == "A deadline has passed: Pay the Astana Hub membership fee for 2025-03"
    # April paid in advance: no notice when its due date passes.
    _pay(org, "50000", D(2025, 3, 28), "PP-ADV")
    with clock.frozen(D(2025, 4, 1)):
        fees.fees_charge_period(actor=FUND, period="2025-04", hub_participant_ids=participation.hub_participant_ids)
    deadlines_daily(today=D(2025, 4, 20))
    assert Notification.objects.filter(message_key="deadline.overdue").count() == 1


def test_a_charge_is_cancelled_with_reasons_and_kept(charged_march: FeeCharge, english: None) -> None:
    org = charged_march.organization
    _pay(org, "25000", D(2025, 3, 10), "PP-1")
    with clock.frozen(D(2025, 3, 12)):
        with pytest.raises(FeeError, match="Enter the reason"):
            fees.fee_charge_cancel(actor=FUND, charge=charged_march, reason="  ")
        with pytest.raises(PermissionDenied):
            fees.fee_charge_cancel(actor=member_of(org), charge=charged_march, reason="no")
        fees.fee_charge_cancel(actor=FUND, charge=charged_march, reason="Registration terminated on 1 March")
    charge = FeeCharge.objects.get()
    assert charge.cancelled_at is not None
    assert charge.cancellation_reason == "Registration terminated on 1 March"
    assert Notification.objects.filter(message_key="astana_hub.fees.charge_cancelled", organization=org).exists()
    with pytest.raises(PermissionDenied):  # a cancelled charge cannot be cancelled again
        fees.fee_charge_cancel(actor=FUND, charge=charge, reason="again")
    # Not charged again for the period: the cancellation stands.
    with clock.frozen(D(2025, 3, 13)):
        assert (
            fees.fees_charge_period(
                actor=FUND, period="2025-03", hub_participant_ids=participation.hub_participant_ids
            ).charged
            == []
        )


def test_a_new_schedule_version_applies_from_its_date_and_leaves_past_charges(
    charged_march: FeeCharge, english: None
) -> None:
    with clock.frozen(D(2025, 3, 20)):
        with pytest.raises(FeeError, match="already charged and a new version never changes past charges"):
            fees.fee_schedule_create(
                actor=FUND, applies_from=D(2025, 3, 1), period="monthly", amount=M("1"), due_days=5, basis="x"
            )
        with pytest.raises(FeeError, match="first day of a period"):
            fees.fee_schedule_create(
                actor=FUND, applies_from=D(2025, 5, 1), period="quarterly", amount=M("1"), due_days=5, basis="x"
            )
        with pytest.raises(FeeError, match="clause of the Fund's operating rules"):
            fees.fee_schedule_create(
                actor=FUND, applies_from=D(2025, 7, 1), period="quarterly", amount=M("1"), due_days=5, basis=" "
            )
        with pytest.raises(PermissionDenied):
            fees.fee_schedule_create(
                actor=AUDITOR, applies_from=D(2025, 7, 1), period="quarterly", amount=M("1"), due_days=5, basis="x"
            )
        fees.fee_schedule_create(
            actor=FUND,
            applies_from=D(2025, 7, 1),
            period="quarterly",
            amount=M("70000"),
            due_days=10,
            basis="5.2 ed. 2",
        )
    assert FeeSchedule.objects.count() == 2
    assert FeeCharge.objects.get().amount == M("25000.00")
    with clock.frozen(D(2025, 7, 2)):
        result = fees.fees_charge_period(
            actor=FUND, period="2025-Q3", hub_participant_ids=participation.hub_participant_ids
        )
    assert result.charged
    assert FeeCharge.objects.get(period_start=D(2025, 7, 1)).amount == M("70000.00")
