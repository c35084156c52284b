"""The agreements' life through the services: conclusion with the conditions checked, the check, the notice with its
three months in the work queue, elimination or termination with the benefits to reimburse, recall campaigns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.assembly import selectors, services
from nisi.assembly.messages import CURE_DEADLINE, SUBJECT
from nisi.assembly.models import Agreement, Notice
from nisi.core.models import Deadline, Document, JournalEntry, Notification
from nisi.law import clock

from .conftest import CONCLUDED, TRUCK_FACTS

pytestmark = pytest.mark.django_db


@pytest.mark.law("IP-62.1")
def test_conclusion_issues_the_signed_agreement_and_notifies(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    assert agreement.number.startswith("IA-2026-")
    assert agreement.status == Agreement.Status.IN_FORCE
    assert agreement.form == "vehicles"
    assert Document.objects.get(pk=agreement.document_id).pdf
    assert Notification.objects.filter(organization=people["plant"], subject_id=agreement.number).exists()
    assert JournalEntry.objects.filter(subject_type=SUBJECT, subject_id=agreement.number, action="concluded").exists()
    assert all(f["met"] for f in agreement.findings)
    assert len(agreement.findings) == 5


@pytest.mark.law("IP-63.2.1")
def test_a_condition_not_met_refuses_and_writes_nothing(conclude: Any) -> None:
    facts = dataclasses.replace(TRUCK_FACTS, capacity=9_999)
    with pytest.raises(services.AssemblyError, match="9999"):
        conclude(facts=facts)
    assert not Agreement.objects.exists()
    assert not Document.objects.exists()


def test_bad_input_is_refused_in_words(conclude: Any) -> None:
    with pytest.raises(services.AssemblyError, match="870323"):
        conclude(hs_codes=["870323"])  # a passenger car's code under a truck agreement
    with pytest.raises(services.AssemblyError, match="classifier"):
        conclude(hs_codes=["870499"])  # not a code of the classifier
    with pytest.raises(services.AssemblyError):
        conclude(organization="123456789012")
    assert not Agreement.objects.exists()


def test_only_the_authorized_body_concludes(conclude: Any, people: dict[str, Any]) -> None:
    for who in ("applicant", "auditor", "customer", "akimat"):
        with pytest.raises(PermissionDenied):
            conclude(actor=people[who])


@pytest.mark.law("IP-62.4")
def test_notice_termination_and_reimbursement(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    officer = people["officer"]
    with clock.frozen(dt.date(2026, 3, 10)):
        services.benefit_record(
            actor=officer,
            agreement=agreement,
            hs_code="870421",
            period_start=CONCLUDED,
            period_end=dt.date(2026, 2, 28),
            kind="import customs duty",
            amount=Decimal("2500000.10"),
        )
        services.benefit_record(
            actor=officer,
            agreement=agreement,
            hs_code="870422",
            period_start=dt.date(2026, 2, 1),
            period_end=dt.date(2026, 2, 28),
            kind="VAT on import",
            amount=Decimal("400000.05"),
        )
        with pytest.raises(services.AssemblyError):  # the same benefit twice
            services.benefit_record(
                actor=officer,
                agreement=agreement,
                hs_code="870422",
                period_start=dt.date(2026, 2, 1),
                period_end=dt.date(2026, 2, 28),
                kind="VAT on import",
                amount=Decimal("1.00"),
            )
        check = services.agreement_check(
            actor=officer,
            agreement=agreement,
            facts=TRUCK_FACTS,
            obligations_met=False,
            note="localization below the schedule",
        )
        assert not check.met
    with clock.frozen(dt.date(2026, 3, 31)):
        services.agreement_notify(actor=officer, agreement=agreement, violations="localization below the schedule")
    notice = Notice.objects.get(agreement=agreement)
    assert notice.cure_ends_on == dt.date(2026, 6, 30)  # 31 June does not exist
    deadline = Deadline.objects.get(subject_type=SUBJECT, subject_id=agreement.number, kind=CURE_DEADLINE)
    assert deadline.due_on == dt.date(2026, 6, 30)
    assert deadline.responsible_role == "authorized_body"
    assert list(selectors.cure_deadlines(officer)) == [deadline]
    with clock.frozen(dt.date(2026, 6, 30)), pytest.raises(services.AssemblyError, match=r"30\.06\.2026"):
        services.agreement_terminate(actor=officer, agreement=agreement, reasons="not eliminated")
    with clock.frozen(dt.date(2026, 7, 1)):
        with pytest.raises(PermissionDenied):
            services.agreement_terminate(actor=people["applicant"], agreement=agreement, reasons="x")
        services.agreement_terminate(actor=officer, agreement=agreement, reasons="violations not eliminated")
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.TERMINATED
    assert agreement.terminated_on == dt.date(2026, 7, 1)
    assert agreement.reimbursement_total == Decimal("2900000.15")
    assert agreement.termination_document is not None
    assert {"kk", "ru", "en"} <= set(agreement.reimbursement_trace)
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    notice.refresh_from_db()
    assert notice.status == Notice.Status.TERMINATED


@pytest.mark.law("IP-62.4")
def test_eliminated_violations_keep_the_agreement(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    with clock.frozen(dt.date(2026, 2, 2)):
        services.agreement_notify(actor=people["officer"], agreement=agreement, violations="no painting line")
        services.agreement_cure(actor=people["officer"], agreement=agreement, note="painting line restored")
    agreement.refresh_from_db()
    assert agreement.status == Agreement.Status.IN_FORCE
    assert not Deadline.objects.filter(subject_id=agreement.number, status=Deadline.Status.OPEN).exists()
    with clock.frozen(dt.date(2026, 2, 3)), pytest.raises(PermissionDenied):  # in force: nothing to terminate on
        services.agreement_terminate(actor=people["officer"], agreement=agreement, reasons="x")


@pytest.mark.law("IP-63.4")
def test_fulfilment_opens_contracts_for_the_agreements_codes(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    bin_ = people["plant"].identifier
    ask = selectors.development_contract_access
    assert ask(organization_identifier=bin_, hs_code="870421", on=dt.date(2026, 2, 1)).refused  # not yet checked
    with clock.frozen(dt.date(2026, 2, 1)):
        services.agreement_check(actor=people["officer"], agreement=agreement, facts=TRUCK_FACTS, obligations_met=True)
    granted = ask(organization_identifier=bin_, hs_code="870421", on=dt.date(2026, 2, 1))
    assert granted.granted
    assert granted.agreement == agreement.number
    assert ask(organization_identifier=bin_, hs_code="870323", on=dt.date(2026, 2, 1)).refused  # not its code
    assert not ask(organization_identifier=bin_, hs_code="720110", on=dt.date(2026, 2, 1)).required  # not a vehicle
    with clock.frozen(dt.date(2026, 2, 5)):
        services.agreement_notify(actor=people["officer"], agreement=agreement, violations="x")
    assert ask(organization_identifier=bin_, hs_code="870421", on=dt.date(2026, 2, 5)).refused


@pytest.mark.law("IP-63.3")
def test_multilateral_agreement_within_an_executed_one(conclude: Any, people: dict[str, Any]) -> None:
    parent = conclude()
    with clock.frozen(dt.date(2026, 2, 1)):
        with pytest.raises(services.AssemblyError, match=r"IP-63\.3"):  # not yet shown fulfilled
            services.agreement_conclude(
                actor=people["officer"],
                organization=people["plant"].identifier,
                category="bus",
                hs_codes=["870210"],
                facts=TRUCK_FACTS,
                parent=parent,
                parties=[people["other"].identifier],
            )
        services.agreement_check(actor=people["officer"], agreement=parent, facts=TRUCK_FACTS, obligations_met=True)
        with pytest.raises(services.AssemblyError, match="passenger cars"):
            services.agreement_conclude(
                actor=people["officer"],
                organization=people["plant"].identifier,
                category="passenger_car",
                hs_codes=["870323"],
                facts=TRUCK_FACTS,
                parent=parent,
                parties=[people["other"].identifier],
            )
        bus_facts = dataclasses.replace(TRUCK_FACTS, capacity=1_200)
        multilateral = services.agreement_conclude(
            actor=people["officer"],
            organization=people["plant"].identifier,
            category="bus",
            hs_codes=["870210"],
            facts=bus_facts,
            parent=parent,
            parties=[people["other"].identifier],
        )
    assert multilateral.parent == parent
    assert list(multilateral.parties.all()) == [people["other"]]


@pytest.mark.law("IP-62.5")
def test_recall_campaign_recorded_by_the_manufacturer(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    with clock.frozen(dt.date(2026, 3, 1)):
        with pytest.raises(PermissionDenied):
            services.recall_record(
                actor=people["stranger"],
                agreement=agreement,
                started_on=dt.date(2026, 2, 20),
                models_affected="KAMAZ-5490, batch 2025",
                units=120,
                defect="brake hose",
                remedy="replace",
            )
        recall = services.recall_record(
            actor=people["applicant"],
            agreement=agreement,
            started_on=dt.date(2026, 2, 20),
            models_affected="KAMAZ-5490, batch 2025",
            units=120,
            defect="brake hose",
            remedy="replace",
            buyers_notified=80,
        )
        with pytest.raises(services.AssemblyError):
            services.recall_complete(actor=people["applicant"], recall=recall, repaired=121, buyers_notified=120)
        done = services.recall_complete(actor=people["applicant"], recall=recall, repaired=118, buyers_notified=120)
    assert done.status == "completed"
    assert done.number.startswith("RC-2026-")
    assert list(selectors.recalls_for(people["auditor"])) == [recall]
    assert list(selectors.recalls_for(people["stranger"])) == []


def test_each_reader_sees_its_own(conclude: Any, people: dict[str, Any]) -> None:
    agreement = conclude()
    assert list(selectors.agreements_for(people["applicant"])) == [agreement]
    assert list(selectors.agreements_for(people["officer"])) == [agreement]
    assert list(selectors.agreements_for(people["auditor"])) == [agreement]
    assert list(selectors.agreements_for(people["stranger"])) == []
    assert list(selectors.agreements_for(people["akimat"])) == []
