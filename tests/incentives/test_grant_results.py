"""A grant recipient's yearly results against its counter-obligations and the refund when they fall short (IP-42.1,
IP-27.4), through the services: one report per year of the agreement, nothing half-written, the refund computed by
the counter-obligations' rules on the tranches paid that year, and its signed decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from nisi.core.models import Document, JournalEntry
from nisi.incentives import grant_facts
from nisi.incentives.models import GrantRefund, GrantResultReport
from nisi.incentives.services import grant_results
from nisi.incentives.services.agreements import AgreementError
from nisi.law import clock
from tests.incentives.grant_results_fixtures import paid_agreement
from tests.incentives.grants_fixtures import Grants

pytestmark = pytest.mark.django_db


def _report(world: Grants, agreement: object, year: int, actuals: dict[str, str]) -> GrantResultReport:
    return grant_results.results_submit(
        actor=world.applicant_actor,
        agreement=agreement,  # type: ignore[arg-type]
        year=year,
        actuals=actuals,
    )


def test_the_years_of_a_grant_agreement_are_its_periods(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    periods = grant_facts.periods_of(agreement)
    assert [(p.start, p.end) for p in periods] == [
        (dt.date(2026, 4, 10), dt.date(2026, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    ]


@pytest.mark.law("IP-27.4")
def test_a_short_year_returns_its_share_of_the_grant_paid_that_year_with_interest(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)):
        report = _report(grants_world, agreement, 2026, {"labour_productivity": "10"})
    assert report.level == Decimal("0.8000")
    with clock.frozen(dt.date(2027, 1, 15)):
        refund = grant_results.refund_determine(
            actor=grants_world.institute_actor, agreement=agreement, period_start=dt.date(2026, 4, 10)
        )
    assert refund.support == Decimal("150000000.00")
    assert refund.share == Decimal("0.2000")
    assert refund.principal == Decimal("30000000.00")
    assert refund.interest > 0
    assert refund.total == refund.principal + refund.interest
    assert refund.document is not None
    assert refund.document.kind == grant_results.REFUND_DOCUMENT
    assert refund.trace["kk"]
    assert refund.trace["ru"]
    assert refund.trace["en"]
    with translation.override("en"):
        lines = [line["text"] for line in refund.trace["en"]]
    assert any("30 000 000" in line or "30,000,000" in line for line in lines), lines
    assert JournalEntry.objects.filter(subject_id=agreement.number, action="refund_determined").exists()
    used = {p["parameter"] for p in refund.parameters}
    assert {"counter_obligation_payment_attribution", "base_rate", "counter_obligation_fulfilled_level"} <= used


@pytest.mark.law("IP-27.4")
def test_a_fulfilled_year_returns_nothing(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)):
        _report(grants_world, agreement, 2026, {"labour_productivity": "13"})
    with clock.frozen(dt.date(2027, 1, 15)):
        refund = grant_results.refund_determine(
            actor=grants_world.institute_actor, agreement=agreement, period_start=dt.date(2026, 4, 10)
        )
    assert (refund.level, refund.total) == (Decimal("1.0000"), Decimal("0.00"))


def test_a_year_outside_the_agreement_is_refused_and_nothing_written(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with (
        clock.frozen(dt.date(2026, 12, 20)),
        translation.override("en"),
        pytest.raises(AgreementError, match="outside the agreement"),
    ):
        _report(grants_world, agreement, 2029, {"labour_productivity": "10"})
    assert not GrantResultReport.objects.exists()


def test_a_second_report_for_the_same_year_is_refused(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)), translation.override("en"):
        _report(grants_world, agreement, 2026, {"labour_productivity": "10"})
        with pytest.raises(AgreementError, match="already been given"):
            _report(grants_world, agreement, 2026, {"labour_productivity": "12"})
    assert GrantResultReport.objects.get().actuals == {"labour_productivity": "10"}


@pytest.mark.parametrize(
    ("case", "actuals", "message"),
    [
        ("a negative figure", {"labour_productivity": "-1"}, "cannot be negative"),
        ("an area without a target that year", {"labour_productivity": "1", "export_output": "5"}, "no target"),
        ("a figure missing", {}, "Give the actual figure"),
        ("not a number", {"labour_productivity": "many"}, "as a number"),
    ],
)
def test_bad_figures_are_refused(grants_world: Grants, case: str, actuals: dict[str, str], message: str) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)), translation.override("en"), pytest.raises(AgreementError, match=message):
        _report(grants_world, agreement, 2026, actuals)
    assert not GrantResultReport.objects.exists(), case


def test_a_year_not_yet_started_is_refused(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with (
        clock.frozen(dt.date(2026, 12, 20)),
        translation.override("en"),
        pytest.raises(AgreementError, match="has not started"),
    ):
        _report(grants_world, agreement, 2027, {"export_output": "1"})


def test_a_refund_asked_before_the_year_ends_is_refused_but_the_estimate_is_shown(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)), translation.override("en"):
        report = _report(grants_world, agreement, 2026, {"labour_productivity": "10"})
        with pytest.raises(AgreementError, match="what you would owe today"):
            grant_results.refund_determine(
                actor=grants_world.institute_actor, agreement=agreement, period_start=dt.date(2026, 4, 10)
            )
        estimate = grant_facts.refund_estimate_of(agreement=agreement, report=report, as_of=dt.date(2026, 12, 20))
    assert estimate.value.provisional
    assert estimate.value.principal == Decimal("30000000.00")
    assert not GrantRefund.objects.exists()


def test_only_the_recipient_reports_and_only_the_institute_determines(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)):
        with pytest.raises(PermissionDenied):
            grant_results.results_submit(
                actor=grants_world.institute_actor, agreement=agreement, year=2026, actuals={"labour_productivity": "1"}
            )
        _report(grants_world, agreement, 2026, {"labour_productivity": "10"})
    with clock.frozen(dt.date(2027, 1, 15)), pytest.raises(PermissionDenied):
        grant_results.refund_determine(
            actor=grants_world.applicant_actor, agreement=agreement, period_start=dt.date(2026, 4, 10)
        )


CSV_GOOD = "year,area,actual\n2026,labour_productivity,11.25\n"
CSV_BAD = "year,area,actual\n2026,labour_productivity,11\n2029,export_output,5\n2026,labour_productivity,3\n"


def test_a_file_of_figures_is_imported(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)):
        [report] = grant_results.results_import(
            actor=grants_world.applicant_actor, agreement=agreement, content=CSV_GOOD.encode(), name="f.csv"
        )
    assert report.level == Decimal("0.9000")


def test_a_file_with_a_bad_line_writes_nothing_and_names_each_line(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)), translation.override("en"), pytest.raises(AgreementError) as caught:
        grant_results.results_import(
            actor=grants_world.applicant_actor, agreement=agreement, content=CSV_BAD.encode(), name="f.csv"
        )
    text = " ".join(caught.value.problems)
    assert "Line 4" in text
    assert "Line 3" in text
    assert not GrantResultReport.objects.exists()


def test_an_xlsx_file_is_read_like_a_csv(grants_world: Grants) -> None:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["year", "area", "actual"])
    sheet.append([2026, "labour_productivity", 12.5])
    buffer = io.BytesIO()
    book.save(buffer)
    agreement = paid_agreement(grants_world)
    with clock.frozen(dt.date(2026, 12, 20)):
        [report] = grant_results.results_import(
            actor=grants_world.applicant_actor, agreement=agreement, content=buffer.getvalue(), name="f.xlsx"
        )
    assert report.level == Decimal("1.0000")


def test_the_grant_agreement_is_a_signed_document_with_a_qr(grants_world: Grants) -> None:
    agreement = paid_agreement(grants_world)
    document = Document.objects.get(pk=agreement.document_id)
    assert document.kind == "incentives_grant_agreement"
    assert document.data["amount"] == "150000000.00"
    assert [t["year"] for t in document.data["targets"]] == [2026, 2027]
    assert document.pdf.read().startswith(b"%PDF")
