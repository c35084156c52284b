"""Industrial grants (IP-42) end to end through the services: a call with published criteria, an application
with co-financing, the experts' examination with a recusal, the agreement with counter-obligations and tranches
paid from the grant account, the monitoring reports' deadlines, and the year's balance carried over."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.financing.scheme import FinancingError
from nisi.core.models import Deadline, JournalEntry
from nisi.incentives.models import GrantAccountYear, GrantAgreement, GrantApplication
from nisi.incentives.services import grant_agreements, grants
from nisi.law import clock
from tests.incentives.grants_fixtures import Grants

pytestmark = pytest.mark.django_db


@pytest.mark.law("IP-42.2")
def test_an_application_without_the_least_own_share_is_refused(grants_world: Grants) -> None:
    call = grants_world.call()
    assert call.own_share_min == Decimal("0.2")
    with pytest.raises(FinancingError, match=r"IP-42\.2"):
        grants_world.apply(call, own="30000000.00")
    assert not GrantApplication.objects.exists()


def test_an_application_to_a_draft_call_is_refused(grants_world: Grants) -> None:
    call = grants_world.call(open_it=False)
    with pytest.raises(PermissionDenied):
        grants_world.apply(call)


@pytest.mark.law("IP-42.3")
def test_an_expert_with_a_conflict_stands_down_and_another_examines(grants_world: Grants) -> None:
    call = grants_world.call()
    application = grants_world.apply(call)
    first, second, third = grants_world.experts
    with clock.frozen(dt.date(2026, 4, 2)):
        grants.call_close(actor=grants_world.institute_actor, call=call)
        a1 = grants.expert_assign(
            actor=grants_world.institute_actor, application=application, expert_user_id=first.user_id
        )
        grants.assignment_declare(actor=first, assignment=a1, conflict=True, details="Бывший сотрудник заявителя")
        with pytest.raises(PermissionDenied):
            grants.assignment_score(actor=first, assignment=a1, scores={"c1": 1, "c2": 1}, comment="x")
        for expert in (second, third):
            a = grants.expert_assign(
                actor=grants_world.institute_actor, application=application, expert_user_id=expert.user_id
            )
            grants.assignment_declare(actor=expert, assignment=a, conflict=False)
            grants.assignment_score(actor=expert, assignment=a, scores={"c1": 9, "c2": 5}, comment="Обосновано")
        [decided] = grants.call_decide(actor=grants_world.institute_actor, call=call)
    assert decided.status == GrantApplication.Status.APPROVED
    assert decided.average_score == Decimal("74.00")
    assert decided.approved_amount == Decimal("150000000.00")


def test_an_expert_from_the_applicant_is_never_assigned(grants_world: Grants) -> None:
    call = grants_world.call()
    application = grants_world.apply(call)
    with pytest.raises(FinancingError, match=r"IP-42\.3"):
        grants.expert_assign(
            actor=grants_world.institute_actor, application=application, expert_user_id=grants_world.users["insider"].pk
        )


@pytest.mark.law("IP-42.1")
@pytest.mark.law("IP-42.4")
def test_the_agreement_records_counter_obligations_and_opens_a_deadline_per_report(grants_world: Grants) -> None:
    agreement = grants_world.agreement()
    assert agreement.own_contribution == Decimal("60000000.00")
    assert [t["area"] for t in agreement.counter_obligations] == ["labour_productivity", "export_output"]
    deadlines = Deadline.objects.filter(subject_id=agreement.number).order_by("due_on")
    assert [d.params["to"] for d in deadlines] == ["2026-10-09", "2027-04-09", "2027-10-09", "2027-12-31"]
    assert all(d.organization_id == grants_world.applicant.pk for d in deadlines)
    with clock.frozen(dt.date(2026, 10, 20)):
        grant_agreements.report_submit(
            actor=grants_world.applicant_actor,
            agreement=agreement,
            period_start=dt.date(2026, 4, 10),
            period_end=dt.date(2026, 10, 9),
            progress="Линия смонтирована",
            spent=Decimal("90000000.00"),
        )
    assert deadlines[0].__class__.objects.get(pk=deadlines[0].pk).status == Deadline.Status.DONE
    entry = JournalEntry.objects.filter(subject_id=agreement.number, action="report_timeliness").get()
    assert entry.payload["days_late"] == 0


def test_negative_targets_leave_nothing_written(grants_world: Grants) -> None:
    application = grants_world.approved()
    with clock.frozen(dt.date(2026, 4, 10)), pytest.raises(FinancingError, match="negative"):
        grant_agreements.agreement_conclude(
            actor=grants_world.institute_actor,
            application=application,
            signed_on=dt.date(2026, 4, 10),
            ends_on=dt.date(2027, 12, 31),
            tranches=[(dt.date(2026, 5, 4), Decimal("150000000.00"), "")],
            counter_obligations=[{"area": "export_output", "year": 2026, "target": "-1"}],
        )
    assert not GrantAgreement.objects.exists()
    assert not Deadline.objects.exists()


@pytest.mark.law("IP-42.5")
def test_tranches_are_paid_from_the_account_and_its_balance_is_carried_over(grants_world: Grants) -> None:
    agreement = grants_world.agreement()
    first, second = agreement.tranches.order_by("planned_on")
    actor = grants_world.institute_actor
    with clock.frozen(dt.date(2026, 5, 4)):
        with pytest.raises(FinancingError, match="grant account"):
            grant_agreements.tranche_release(
                actor=actor, tranche=first, paid_on=dt.date(2026, 5, 4), document_reference="1"
            )
        grant_agreements.account_receive(
            actor=actor,
            institute=grants_world.institute,
            amount=Decimal("120000000.00"),
            received_on=dt.date(2026, 5, 4),
            document_reference="ПП 77",
        )
        grant_agreements.tranche_release(
            actor=actor, tranche=first, paid_on=dt.date(2026, 5, 4), document_reference="1"
        )
    with clock.frozen(dt.date(2026, 11, 2)), pytest.raises(FinancingError, match=r"20000000\.00"):
        grant_agreements.tranche_release(
            actor=actor, tranche=second, paid_on=dt.date(2026, 11, 2), document_reference="2"
        )
    account = GrantAccountYear.objects.get(year=2026)
    with clock.frozen(dt.date(2026, 12, 30)), pytest.raises(FinancingError, match="31"):
        grant_agreements.account_year_close(actor=actor, account=account)
    with clock.frozen(dt.date(2026, 12, 31)):
        closed = grant_agreements.account_year_close(actor=actor, account=account)
    assert closed.carried_forward == Decimal("20000000.00")
    assert GrantAccountYear.objects.get(year=2027).brought_forward == Decimal("20000000.00")
    entry = JournalEntry.objects.filter(action="year_closed").get()
    assert entry.payload["returned_to_budget"] == "0"
    with clock.frozen(dt.date(2027, 1, 10)), pytest.raises(FinancingError, match="closed"):
        grant_agreements.account_receive(
            actor=actor,
            institute=grants_world.institute,
            amount=Decimal("1.00"),
            received_on=dt.date(2026, 12, 31),
            document_reference="late",
        )
