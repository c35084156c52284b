"""Notifications and reports through the services (IP-9.39): bad input refused, nothing half-written; terms as
deadlines; files all or nothing with every bad row named by its line."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, JournalEntry, Notification
from nisi.law import clock
from nisi.scrap_metal import services
from nisi.scrap_metal.messages import REPORT_DEADLINE
from nisi.scrap_metal.models import ScrapNotification, ScrapReport, ScrapReportLine
from nisi.scrap_metal.rules import Quarter, ScrapError

from .conftest import report

pytestmark = pytest.mark.django_db


@pytest.mark.law("IP-9.39")
def test_a_notification_goes_to_the_akimat_of_the_site(people: dict[str, Any], notified: Any) -> None:
    n = notified()
    assert n.number.startswith("SCR-2026-")
    assert n.region_id == "35"
    assert n.organization == people["collector"]
    assert JournalEntry.objects.filter(
        subject_type="scrap_notification", subject_id=n.number, action="notified"
    ).exists()
    assert Notification.objects.filter(
        organization=people["collector"], message_key="scrap_metal.notification.received"
    ).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"site_kato": "991010000"}, "site_kato"),  # no such region
        ({"site_address": "  "}, "site_address"),
        ({"activities": []}, "activities"),
        ({"activities": ["smelting"]}, "activities"),
        ({"metals": ["gold"]}, "metals"),
        ({"starts_on": dt.date(2026, 1, 9)}, "starts_on"),  # before the notification
    ],
)
def test_bad_notifications_are_refused_and_nothing_written(notified: Any, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(ScrapError) as caught:
        notified(**changes)
    assert caught.value.field == field
    assert not ScrapNotification.objects.exists()


def test_one_active_notification_per_site(notified: Any) -> None:
    notified()
    with pytest.raises(ScrapError, match="notified already"):
        notified()
    notified(kato="351020000")  # another site
    assert ScrapNotification.objects.count() == 2


def test_only_the_entity_notifies(people: dict[str, Any], notified: Any) -> None:
    for who in ("akimat", "officer", "auditor", "customer"):
        with pytest.raises(PermissionDenied):
            notified(actor=people[who])


@pytest.mark.law("IP-9.39")
def test_a_report_is_recorded_once_and_closes_its_deadline(
    people: dict[str, Any], notified: Any, today: dt.date
) -> None:
    n = notified()
    assert services.report_deadlines_open() == 1
    assert services.report_deadlines_open() == 0  # idempotent
    deadline = Deadline.objects.get(kind=REPORT_DEADLINE, subject_id=n.number)
    assert deadline.due_on == dt.date(2026, 4, 10)
    assert deadline.params["period"] == "2026-Q1"
    r = services.report_submit(actor=people["entity"], notification=n, data=report())
    assert r.late is True  # given on 20 May, due 10 April
    assert sorted(r.lines.values_list("hs_code", "metal")) == [("720449", "ferrous"), ("760200", "non_ferrous")]
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    with pytest.raises(ScrapError, match="given already") as caught:
        services.report_submit(actor=people["entity"], notification=n, data=report())
    assert caught.value.field == "period"
    assert ScrapReport.objects.count() == 1
    assert ScrapReportLine.objects.count() == 2


@pytest.mark.law("IP-9.39")
def test_a_future_period_is_refused_and_nothing_written(people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n = notified()
    for year, quarter in ((2026, 2), (2026, 3), (2027, 1)):
        with pytest.raises(ScrapError, match="has not ended yet"):
            services.report_submit(actor=people["entity"], notification=n, data=report(year, quarter))
    with pytest.raises(ScrapError, match="after 2025-Q4 ended"):
        services.report_submit(actor=people["entity"], notification=n, data=report(2025, 4))
    assert not ScrapReport.objects.exists()
    assert not ScrapReportLine.objects.exists()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ((("720110", "1", "1"),), "not an HS code of waste and scrap"),
        ((("720449", "-1", "1"),), "from 0"),
        ((("720449", "1.0001", "1"),), "three decimal places"),
        ((("720449", "1", "1"), ("720449", "2", "2")), "twice"),
    ],
)
def test_bad_lines_are_refused_whole(
    people: dict[str, Any], notified: Any, today: dt.date, rows: Any, message: str
) -> None:
    n = notified()
    with pytest.raises(ScrapError, match=message):
        services.report_submit(actor=people["entity"], notification=n, data=report(2026, 1, *rows))
    assert not ScrapReport.objects.exists()
    assert not ScrapReportLine.objects.exists()


def test_only_the_entity_reports(people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n = notified()
    for who in ("stranger", "akimat", "officer", "auditor"):
        with pytest.raises(PermissionDenied):
            services.report_submit(actor=people[who], notification=n, data=report())
    assert not ScrapReport.objects.exists()


def test_ceasing_ends_the_reports_after_it(people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n = notified()
    services.report_deadlines_open(quarter=Quarter(2026, 1))
    with pytest.raises(ScrapError, match="future"):
        services.notification_cease(actor=people["entity"], notification=n, ceased_on=dt.date(2026, 6, 1))
    with pytest.raises(PermissionDenied):
        services.notification_cease(actor=people["akimat"], notification=n, ceased_on=dt.date(2026, 3, 1))
    services.notification_cease(actor=people["entity"], notification=n, ceased_on=dt.date(2026, 3, 1))
    n.refresh_from_db()
    assert n.status == ScrapNotification.Status.CEASED
    # 2026-Q1 had activity until 1 March: still due, and still reportable.
    assert Deadline.objects.get(subject_id=n.number).status == Deadline.Status.OPEN
    services.report_submit(actor=people["entity"], notification=n, data=report())
    with clock.frozen(dt.date(2026, 7, 2)):
        assert services.report_deadlines_open() == 0  # nothing due for 2026-Q2
        with pytest.raises(ScrapError, match="ceased"):
            services.report_submit(actor=people["entity"], notification=n, data=report(2026, 2))


CSV_HEADER = "notification,period,hs_code,bought_tonnes,sold_tonnes\n"


def test_a_file_of_reports(people: dict[str, Any], notified: Any, today: dt.date) -> None:
    n, m = notified(), notified(kato="351020000")
    text = (
        CSV_HEADER
        + f'{n.number},2026-Q1,720449,10.5,10\n{n.number},2026-Q1,740400,"1,25",1\n{m.number},2026-Q1,720449,3,0\n'
    )
    reports = services.reports_import(actor=people["entity"], content=text.encode())
    assert len(reports) == 2
    assert ScrapReportLine.objects.filter(report__notification=n).count() == 2
    assert ScrapReportLine.objects.get(report__notification=n, hs_code="740400").bought_tonnes == Decimal("1.25")


@pytest.mark.law("IP-9.39")
def test_a_file_with_bad_rows_writes_nothing_and_names_each_line(
    people: dict[str, Any], notified: Any, today: dt.date
) -> None:
    n = notified()
    services.report_submit(actor=people["entity"], notification=n, data=report(2026, 1))
    other = notified(actor=people["stranger"])
    text = (
        CSV_HEADER
        + f"{n.number},2026-Q1,720449,1,1\n"  # line 2: reported twice
        + f"{n.number},2026-Q2,720449,1,1\n"  # line 3: a future period
        + f"{other.number},2025-Q4,720449,1,1\n"  # line 4: not the entity's
        + "SCR-2026-999999,2026-Q1,720449,1,1\n"  # line 5: no such notification
        + f"{n.number},2025-Q4,720110,1,1\n"  # line 6: not scrap
        + f"{n.number},2025-Q4,720449,x,1\n"  # line 7: not a number
    )
    with pytest.raises(CsvImportError) as caught:
        services.reports_import(actor=people["entity"], content=text.encode())
    lines = {p.line: p.message for p in caught.value.problems}
    assert sorted(lines) == [2, 3, 4, 5, 6, 7]
    assert "given already" in lines[2]
    assert "has not ended" in lines[3]
    assert "not an HS code" in lines[6]
    assert ScrapReport.objects.count() == 1


def test_a_file_without_the_columns(people: dict[str, Any], today: dt.date) -> None:
    with pytest.raises(CsvImportError):
        services.reports_import(actor=people["entity"], content=b"a,b\n1,2\n")


def test_an_xlsx_file(people: dict[str, Any], notified: Any, today: dt.date) -> None:
    import io

    from openpyxl import Workbook

    n = notified()
    book = Workbook()
    sheet = book.active
    sheet.append(["notification", "period", "hs_code", "bought_tonnes", "sold_tonnes"])
    sheet.append([n.number, "2026-Q1", "720449", 12.5, 10])
    out = io.BytesIO()
    book.save(out)
    [r] = services.reports_import(actor=people["entity"], content=out.getvalue(), name="r.xlsx")
    assert r.lines.get().bought_tonnes == Decimal("12.5")
