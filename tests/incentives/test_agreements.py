"""Agreements with counter-obligations (IP-27): concluded on a granted measure with yearly targets, the recipient's
reports once per period, the refund after the period with its trace and "what you would owe today" before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.models import Deadline, Document, JournalEntry
from nisi.core.roles import Role
from nisi.core.services.documents import document_check
from nisi.incentives import facts
from nisi.incentives.models import CounterObligationAgreement, CounterObligationRefund, CounterObligationReport
from nisi.incentives.services import agreements
from nisi.incentives.services.agreements import AgreementError
from nisi.law import clock
from tests.incentives.agreements_fixtures import FIRST, SECOND, TARGETS, conclude, granted
from tests.incentives.fixtures import World


@pytest.mark.law("IP-27.1")
def test_ip_27_1_the_agreement_records_the_measures_and_the_yearly_targets(world: World) -> None:
    agreement = conclude(world)
    assert agreement.number.startswith("CO-2026-")
    assert [(p.paid_on, p.amount) for p in agreement.payments.all()] == [(FIRST[0], Decimal("1000000000.00"))]
    assert {(t.period_start, t.area, t.target) for t in agreement.targets.all()} == {
        (FIRST[0], "labour_productivity", Decimal("100.00")),
        (FIRST[0], "export_output", Decimal("2000000.00")),
        (SECOND[0], "labour_productivity", Decimal("110.00")),
        (SECOND[0], "export_output", Decimal("2500000.00")),
        (SECOND[0], "domestic_market", Decimal("500.00")),
    }
    deadlines = Deadline.objects.filter(subject_type="co_agreement", subject_id=agreement.number).order_by("due_on")
    assert [(d.params["period_start"], d.responsible_role, d.organization) for d in deadlines] == [
        ("2026-03-02", Role.APPLICANT, world.applicant),
        ("2027-03-02", Role.APPLICANT, world.applicant),
    ]
    assert all(d.starts_on in (FIRST[1], SECOND[1]) and d.due_on > d.starts_on for d in deadlines)
    document = agreement.document
    assert document is not None
    assert document.pdf
    assert document.organization == world.applicant
    assert document_check(document).status == "valid"
    assert JournalEntry.objects.filter(subject_type="co_agreement", action="concluded").count() == 1


@pytest.mark.law("IP-27.3")
def test_ip_27_3_negative_targets_are_refused_and_nothing_is_written(world: World) -> None:
    request = granted(world)
    bad = {FIRST[0]: {"labour_productivity": "-5"}, SECOND[0]: {"export_output": "10"}}
    with pytest.raises(AgreementError) as refused:
        conclude(world, request, targets=bad)
    assert "cannot be negative" in str(refused.value)
    assert not CounterObligationAgreement.objects.exists()
    assert not Document.objects.filter(kind="incentives_co_agreement").exists()


def test_every_period_needs_its_targets_and_none_outside(world: World) -> None:
    request = granted(world)
    with pytest.raises(AgreementError) as refused:
        conclude(world, request, targets={FIRST[0]: TARGETS[FIRST[0]], dt.date(2030, 1, 1): {"export_output": 1}})
    text = str(refused.value)
    assert "Set the targets for the period 02.03.2027–01.03.2028" in text
    assert "is not one of the agreement's periods" in text


def test_a_payment_after_the_agreement_ends_is_refused(world: World) -> None:
    with pytest.raises(AgreementError):
        conclude(world, payments=[(dt.date(2029, 1, 1), Decimal("5"))])


def test_only_the_operator_of_a_granted_measure_concludes_once(world: World) -> None:
    request = granted(world)
    with pytest.raises(PermissionDenied):
        conclude(world, request, actor=world.agent_actor)  # another operator
    with pytest.raises(PermissionDenied):
        conclude(world, request, actor=world.applicant_actor)
    conclude(world, request)
    with pytest.raises(AgreementError):
        conclude(world, request)


def report(world: World, agreement: CounterObligationAgreement, start: dt.date, **actuals: object):
    return agreements.report_submit(
        actor=world.applicant_actor, agreement=agreement, period_start=start, actuals=actuals
    )


@pytest.mark.law("IP-27.4")
def test_ip_27_4_a_report_computes_the_achieved_level_and_closes_its_deadline(world: World) -> None:
    agreement = conclude(world)
    found = report(world, agreement, FIRST[0], labour_productivity="80", export_output="1000000")
    assert found.level == Decimal("0.6500")  # (80 % + 50 %) ÷ 2
    first, second = Deadline.objects.filter(subject_type="co_agreement").order_by("due_on")
    assert (first.status, second.status) == (Deadline.Status.DONE, Deadline.Status.OPEN)


@pytest.mark.law("IP-27.1")
def test_ip_27_1_a_report_outside_the_agreement_or_a_second_one_is_refused(world: World) -> None:
    agreement = conclude(world)
    with pytest.raises(AgreementError) as outside:
        report(world, agreement, dt.date(2025, 1, 1), labour_productivity="1")
    assert "outside the agreement" in str(outside.value)
    with pytest.raises(AgreementError) as early:
        report(world, agreement, SECOND[0], labour_productivity="1", export_output="1", domestic_market="1")
    assert "has not started" in str(early.value)
    report(world, agreement, FIRST[0], labour_productivity="100", export_output="2000000")
    with pytest.raises(AgreementError) as second:
        report(world, agreement, FIRST[0], labour_productivity="100", export_output="2000000")
    assert "already been given" in str(second.value)
    with pytest.raises(AgreementError) as negative:
        report(world, agreement, SECOND[0], labour_productivity="-1")
    assert CounterObligationReport.objects.count() == 1
    del negative


def test_only_the_recipient_reports(world: World, make_user, make_org) -> None:
    agreement = conclude(world)
    with pytest.raises(PermissionDenied):
        agreements.report_submit(
            actor=world.bank_actor, agreement=agreement, period_start=FIRST[0], actuals={"labour_productivity": 1}
        )


@pytest.mark.law("IP-27.4")
def test_ip_27_4_refund_refused_before_the_period_ends_and_estimated_instead(world: World) -> None:
    agreement = conclude(world)
    found = report(world, agreement, FIRST[0], labour_productivity="80", export_output="1000000")
    with pytest.raises(AgreementError) as early:
        agreements.refund_determine(actor=world.bank_actor, agreement=agreement, period_start=FIRST[0])
    assert "what you would owe today" in str(early.value)
    estimate = facts.refund_estimate_of(agreement=agreement, report=found, as_of=clock.today())
    assert estimate.value.provisional
    assert estimate.value.principal == Decimal("350000000.00")  # 35 % of the support
    assert estimate.value.counted_to == clock.today()
    assert "Provisional" in estimate.steps[0].text
    assert not CounterObligationRefund.objects.exists()


@pytest.mark.law("IP-27.4")
def test_ip_27_4_the_refund_after_the_period_is_stored_with_its_trace_and_parameters(world: World) -> None:
    agreement = conclude(world)
    report(world, agreement, FIRST[0], labour_productivity="80", export_output="1000000")
    with clock.frozen(dt.date(2027, 3, 10)):
        refund = agreements.refund_determine(actor=world.bank_actor, agreement=agreement, period_start=FIRST[0])
    assert (refund.level, refund.share) == (Decimal("0.6500"), Decimal("0.3500"))
    assert refund.principal == Decimal("350000000.00")
    # 18 % a year on 350 000 000 over 365 days of the period, actual/365
    assert refund.interest == Decimal("63000000.00")
    assert refund.total == refund.principal + refund.interest
    assert set(refund.trace) == {"kk", "ru", "en"}
    assert any("350\xa0000\xa0000,00 ₸ к возврату" in line["text"] for line in refund.trace["ru"])
    assert any(p["parameter"] == "counter_obligation_fulfilled_level" for p in refund.parameters)
    assert any(p["parameter"] == "base_rate" for p in refund.parameters)
    assert refund.document is not None
    assert refund.document.pdf
    assert refund.document.data["total"] == "413000000.00"
    with clock.frozen(dt.date(2027, 3, 10)), pytest.raises(AgreementError):
        agreements.refund_determine(actor=world.officer, agreement=agreement, period_start=FIRST[0])


def test_a_refund_needs_the_report(world: World) -> None:
    agreement = conclude(world)
    with clock.frozen(dt.date(2027, 3, 10)), pytest.raises(AgreementError) as refused:
        agreements.refund_determine(actor=world.officer, agreement=agreement, period_start=FIRST[0])
    assert "has not reported" in str(refused.value)


def test_fulfilled_obligations_return_nothing(world: World) -> None:
    agreement = conclude(world)
    report(world, agreement, FIRST[0], labour_productivity="120", export_output="2000000")
    with clock.frozen(dt.date(2027, 3, 10)):
        refund = agreements.refund_determine(actor=world.officer, agreement=agreement, period_start=FIRST[0])
    assert (refund.total, refund.share) == (Decimal("0.00"), Decimal("0"))


def test_the_auditor_and_others_cannot_determine_a_refund(world: World) -> None:
    agreement = conclude(world)
    report(world, agreement, FIRST[0], labour_productivity="80", export_output="1000000")
    with clock.frozen(dt.date(2027, 3, 10)):
        for actor in (world.auditor, world.applicant_actor, world.agent_actor):
            with pytest.raises(PermissionDenied):
                agreements.refund_determine(actor=actor, agreement=agreement, period_start=FIRST[0])
