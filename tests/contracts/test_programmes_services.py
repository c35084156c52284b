"""The programme's life through its services: prepared, submitted, agreed (with the regulator for a natural
monopoly) or refused on a ground of IP-61-1.2, reported on and monitored (IP-61-1.5), recognised (IP-61-1.6)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.contracts.models import DomesticValueProgramme, ProgrammeReport
from nisi.contracts.services import programmes as services
from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.law import clock
from tests.contracts.programmes_fixtures import *  # noqa: F403  (the fixtures: draft, submitted, agreed, …)
from tests.contracts.programmes_fixtures import OFFICER, START, customer_of, make_programme, plan

pytestmark = pytest.mark.django_db
Status = DomesticValueProgramme.Status


def open_deadlines(subject_id_prefix: str) -> list[Deadline]:
    return list(
        Deadline.objects.filter(subject_id__startswith=subject_id_prefix, status=Deadline.Status.OPEN).order_by("id")
    )


def journal(number: str) -> list[str]:
    return list(
        JournalEntry.objects.filter(subject_type=services.PROGRAMME_SUBJECT, subject_id=number)
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_a_programme_covers_three_years_from_its_first(draft: DomesticValueProgramme) -> None:
    assert draft.status == Status.DRAFT
    assert draft.number == f"DVP-2026-{draft.pk:05d}"
    assert draft.years == [2026, 2027, 2028]
    assert journal(draft.number) == ["created"]


@pytest.mark.parametrize(
    ("kind", "first_year", "title", "message"),
    [
        ("bank", 2026, "T", "kind of large customer"),
        ("subsoil_user", 2025, "T", "current year"),
        ("subsoil_user", 2026, "  ", "title"),
    ],
)
def test_bad_programmes_are_refused_and_nothing_is_written(
    customer: Any, customer_org: Any, kind: str, first_year: int, title: str, message: str, english: None
) -> None:
    with clock.frozen(START), pytest.raises(services.ProgrammeError, match=message):
        services.programme_create(
            actor=customer, organization=customer_org, customer_kind=kind, title=title, first_year=first_year
        )
    assert not DomesticValueProgramme.objects.exists()


def test_another_organization_cannot_start_a_programme_for_the_customer(make_org: Any, customer_org: Any) -> None:
    other = customer_of(make_org(name="Other"), user_id=9399)
    with clock.frozen(START), pytest.raises(PermissionDenied):
        services.programme_create(
            actor=other, organization=customer_org, customer_kind="subsoil_user", title="T", first_year=2026
        )


@pytest.mark.law("IP-61-1.3")
def test_an_incomplete_programme_is_not_submitted(customer: Any, draft: DomesticValueProgramme, english: None) -> None:
    with clock.frozen(START):
        services.programme_target_add(
            actor=customer,
            programme=draft,
            area="domestic_share",
            indicator="Share",
            unit="%",
            is_share=True,
            baseline=Decimal(30),
            values={2026: Decimal(31), 2027: Decimal(32), 2028: Decimal(33)},
        )
        with pytest.raises(services.ProgrammeError, match=r"IP-61-1\.3\.2"):
            services.programme_submit(actor=customer, programme=draft)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_action_outside_the_years_is_refused_on_its_question(
    customer: Any, draft: DomesticValueProgramme, english: None
) -> None:
    with clock.frozen(START), pytest.raises(services.ProgrammeError, match="within the programme") as refused:
        services.programme_action_add(
            actor=customer,
            programme=draft,
            area="sme_development",
            kind="customer",
            description="Fair",
            due_on=dt.date(2029, 1, 1),
        )
    assert refused.value.field == "due_on"


@pytest.mark.law("IP-61-1.2")
def test_submission_opens_the_authorized_body_s_review(submitted: DomesticValueProgramme) -> None:
    assert submitted.status == Status.SUBMITTED
    assert submitted.submitted_on == START
    [review] = open_deadlines(submitted.number)
    assert review.kind == "contracts.deadline.programme_review"
    assert review.responsible_role == "authorized_body"
    assert review.due_on == dt.date(2026, 2, 16)  # 30 calendar days fall on Saturday 14 February
    assert Notification.objects.filter(message_key="contracts.programme.submitted").count() == 1
    assert journal(submitted.number)[-1] == "submitted"


def test_a_submitted_programme_is_no_longer_edited(customer: Any, submitted: DomesticValueProgramme) -> None:
    with clock.frozen(START), pytest.raises(PermissionDenied):
        services.programme_action_add(
            actor=customer, programme=submitted, area="other", kind="other", description="x", due_on=START
        )


@pytest.mark.law("IP-61-1.2")
def test_agreement_opens_a_report_deadline_for_each_year(agreed: DomesticValueProgramme) -> None:
    assert agreed.status == Status.AGREED
    assert agreed.decided_by_label == "industry officer"
    reports = open_deadlines(agreed.number)
    assert [d.subject_id for d in reports] == [f"{agreed.number}/{y}" for y in (2026, 2027, 2028)]
    assert [d.due_on for d in reports] == [dt.date(2027, 3, 1), dt.date(2028, 3, 1), dt.date(2029, 3, 1)]
    assert {d.responsible_role for d in reports} == {"major_customer"}
    assert Deadline.objects.get(kind="contracts.deadline.programme_review").status == Deadline.Status.DONE


@pytest.mark.law("IP-61-1.2")
def test_a_natural_monopoly_s_programme_needs_the_regulator_s_agreement_first(
    customer: Any, customer_org: Any, english: None
) -> None:
    programme = make_programme(customer, customer_org, kind="natural_monopoly")
    with clock.frozen(START):
        plan(customer, programme)
        services.programme_submit(actor=customer, programme=programme)
    day = START + dt.timedelta(days=5)
    with clock.frozen(day):
        with pytest.raises(services.ProgrammeError, match="regulator"):
            services.programme_agree(actor=OFFICER, programme=programme)
        with pytest.raises(services.ProgrammeError, match="between the submission and today"):
            services.programme_regulator_record(
                actor=OFFICER,
                programme=programme,
                regulator_name="KREMZK",
                regulator_letter="No. 1",
                agreed_on=day + dt.timedelta(days=1),
            )
        services.programme_regulator_record(
            actor=OFFICER, programme=programme, regulator_name="KREMZK", regulator_letter="No. 12-3/456", agreed_on=day
        )
        services.programme_agree(actor=OFFICER, programme=programme)
    programme.refresh_from_db()
    assert programme.status == Status.AGREED
    assert programme.regulator_letter == "No. 12-3/456"
    assert journal(programme.number)[-2:] == ["regulator_agreed", "agreed"]


@pytest.mark.law("IP-61-1.2")
def test_only_a_natural_monopoly_s_programme_goes_to_the_regulator(
    submitted: DomesticValueProgramme, english: None
) -> None:
    with clock.frozen(START), pytest.raises(services.ProgrammeError, match="Only a natural monopoly"):
        services.programme_regulator_record(
            actor=OFFICER, programme=submitted, regulator_name="KREMZK", regulator_letter="No. 1", agreed_on=START
        )


@pytest.mark.law("IP-61-1.2")
def test_a_refusal_names_its_ground_and_the_customer_resubmits(
    customer: Any, submitted: DomesticValueProgramme
) -> None:
    with clock.frozen(START + dt.timedelta(days=3)):
        services.programme_refuse(
            actor=OFFICER, programme=submitted, ground="underestimated_targets", reasons="2028 share below 2025's."
        )
    submitted.refresh_from_db()
    assert (submitted.status, submitted.refusal_ground) == (Status.REFUSED, "underestimated_targets")
    entry = JournalEntry.objects.filter(subject_id=submitted.number, action="refused").get()
    assert entry.payload["provision"] == "IP-61-1.2.1"
    assert Notification.objects.filter(message_key="contracts.programme.refused").exists()
    assert open_deadlines(submitted.number) == []
    with clock.frozen(START + dt.timedelta(days=6)):
        services.programme_submit(actor=customer, programme=submitted)
    submitted.refresh_from_db()
    assert (submitted.status, submitted.refusal_ground, submitted.reasons) == (Status.SUBMITTED, "", "")


@pytest.mark.law("IP-61-1.2")
@pytest.mark.parametrize(("ground", "reasons"), [("late", "Late"), ("no_sme_measures", " "), ("", "Reasons")])
def test_a_refusal_without_a_ground_of_the_law_or_its_reasons_is_refused(
    submitted: DomesticValueProgramme, ground: str, reasons: str
) -> None:
    with clock.frozen(START), pytest.raises(services.ProgrammeError):
        services.programme_refuse(actor=OFFICER, programme=submitted, ground=ground, reasons=reasons)
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def report_2026(customer: Any, programme: DomesticValueProgramme, on: dt.date = dt.date(2027, 2, 10)) -> Any:
    figures = {t.pk: Decimal(50) for t in programme.targets.all()}
    with clock.frozen(on):
        return services.programme_report_submit(
            actor=customer, programme=programme, year=2026, summary="Done as planned.", figures=figures
        )


@pytest.mark.law("IP-61-1.5")
def test_a_year_s_information_closes_its_deadline_and_opens_the_monitoring(
    customer: Any, agreed: DomesticValueProgramme
) -> None:
    report = report_2026(customer, agreed)
    assert not report.submitted_late
    assert report.figures.count() == 3
    monitoring = Deadline.objects.get(kind="contracts.deadline.programme_monitoring")
    assert (monitoring.subject_id, monitoring.responsible_role) == (f"{agreed.number}/2026", "authorized_body")
    year_deadline = Deadline.objects.get(kind="contracts.deadline.programme_report", subject_id=f"{agreed.number}/2026")
    assert year_deadline.status == Deadline.Status.DONE


@pytest.mark.law("IP-61-1.5")
def test_late_information_is_accepted_and_marked_late(customer: Any, agreed: DomesticValueProgramme) -> None:
    assert report_2026(customer, agreed, on=dt.date(2027, 3, 2)).submitted_late


@pytest.mark.law("IP-61-1.5")
def test_information_before_the_year_ends_or_twice_or_incomplete_is_refused(
    customer: Any, agreed: DomesticValueProgramme, english: None
) -> None:
    with pytest.raises(services.ProgrammeError, match="has ended"):
        report_2026(customer, agreed, on=dt.date(2026, 12, 31))
    with clock.frozen(dt.date(2027, 2, 1)), pytest.raises(services.ProgrammeError, match="each target"):
        services.programme_report_submit(actor=customer, programme=agreed, year=2026, summary="x", figures={})
    report_2026(customer, agreed)
    with pytest.raises(services.ProgrammeError, match="already given"):
        report_2026(customer, agreed)
    assert ProgrammeReport.objects.count() == 1


@pytest.mark.law("IP-61-1.5")
def test_monitoring_a_lagging_report_says_what_lags(
    customer: Any, agreed: DomesticValueProgramme, english: None
) -> None:
    report = report_2026(customer, agreed)
    with clock.frozen(dt.date(2027, 3, 1)):
        with pytest.raises(services.ProgrammeError, match="lag"):
            services.programme_report_monitor(actor=OFFICER, report=report, assessment="lagging", notes=" ")
        services.programme_report_monitor(actor=OFFICER, report=report, assessment="lagging", notes="SME target.")
        with pytest.raises(PermissionDenied):  # monitored once
            services.programme_report_monitor(actor=OFFICER, report=report, assessment="on_track", notes="")
    report.refresh_from_db()
    assert (report.assessment, report.monitored_on) == ("lagging", dt.date(2027, 3, 1))
    assert Deadline.objects.get(kind="contracts.deadline.programme_monitoring").status == Deadline.Status.DONE
    assert Notification.objects.filter(message_key="contracts.programme.report_monitored").exists()


def monitor_every_year(customer: Any, programme: DomesticValueProgramme) -> None:
    for year in programme.years:
        with clock.frozen(dt.date(year + 1, 2, 1)):
            report = services.programme_report_submit(
                actor=customer,
                programme=programme,
                year=year,
                summary="Done",
                figures={t.pk: Decimal(60) for t in programme.targets.all()},
            )
            services.programme_report_monitor(actor=OFFICER, report=report, assessment="on_track", notes="")


@pytest.mark.law("IP-61-1.6")
def test_fulfilment_is_recognised_once_every_year_was_monitored(
    customer: Any, agreed: DomesticValueProgramme, english: None
) -> None:
    report_2026(customer, agreed)
    with clock.frozen(dt.date(2027, 4, 1)), pytest.raises(services.ProgrammeError, match="every year"):
        services.programme_recognise(actor=OFFICER, programme=agreed, outcome="fulfilled", reasons="ok")
    agreed.reports.all().delete()
    monitor_every_year(customer, agreed)
    with clock.frozen(dt.date(2029, 4, 1)):
        services.programme_recognise(actor=OFFICER, programme=agreed, outcome="fulfilled", reasons="All reached.")
    agreed.refresh_from_db()
    assert (agreed.status, agreed.recognised_on, agreed.no_fault) == (Status.FULFILLED, dt.date(2029, 4, 1), False)
    entry = JournalEntry.objects.filter(subject_id=agreed.number, action="fulfilled").get()
    assert entry.payload["liability"] is False


@pytest.mark.law("IP-61-1.6")
def test_a_failure_not_the_customer_s_fault_is_recorded_with_its_reason(
    agreed: DomesticValueProgramme, english: None
) -> None:
    after_last_due = dt.date(2029, 3, 2)
    with clock.frozen(after_last_due):
        with pytest.raises(services.ProgrammeError, match="not the customer's fault"):
            services.programme_recognise(
                actor=OFFICER, programme=agreed, outcome="not_fulfilled", reasons="No reports.", no_fault=True
            )
        services.programme_recognise(
            actor=OFFICER,
            programme=agreed,
            outcome="not_fulfilled",
            reasons="No information given.",
            no_fault=True,
            no_fault_reason="The only domestic producer was liquidated.",
        )
    agreed.refresh_from_db()
    assert (agreed.status, agreed.no_fault) == (Status.NOT_FULFILLED, True)
    assert agreed.no_fault_reason == "The only domestic producer was liquidated."
    entry = JournalEntry.objects.filter(subject_id=agreed.number, action="not_fulfilled").get()
    assert entry.payload["liability"] is False


@pytest.mark.law("IP-61-1.6")
def test_failure_is_not_recognised_before_the_last_information_is_due(agreed: DomesticValueProgramme) -> None:
    with clock.frozen(dt.date(2029, 3, 1)), pytest.raises(services.ProgrammeError):
        services.programme_recognise(actor=OFFICER, programme=agreed, outcome="not_fulfilled", reasons="Nothing.")
