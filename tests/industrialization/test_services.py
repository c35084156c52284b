"""The map's services: the application and the authorized body's decisions (IP-6.2, IP-9.11), the versions that
give the map as it stood at a quarter's end (ADR 0029), and the quarterly information (IP-6.2, IP-11.8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from nisi.core.csv_import import CsvImportError
from nisi.core.models import Deadline, JournalEntry
from nisi.industrialization.messages import CHECK_DEADLINE, QUARTER_DEADLINE
from nisi.industrialization.models import Project, ProjectVersion, QuarterlyReport
from nisi.industrialization.rules import Quarter, QuarterError
from nisi.industrialization.selectors.map import MapFilters, map_data
from nisi.industrialization.services import projects as services
from nisi.industrialization.services import reports
from nisi.law import clock

from .conftest import ASTANA, TODAY

pytestmark = pytest.mark.django_db


def _report(**changes: Any) -> reports.ReportIn:
    data = {
        "year": 2026,
        "quarter": 1,
        "stage": "construction",
        "investment_to_date": Decimal("3000000000.00"),
        "jobs_created": 120,
        "output": Decimal(0),
        "stage_date": dt.date(2026, 2, 1),
    }
    data.update(changes)
    return reports.ReportIn(**data)


@pytest.mark.law("IP-6.2")
def test_an_application_is_checked_and_included(today: dt.date, people: dict[str, Any], apply: Any) -> None:
    project = apply()
    assert project.status == Project.Status.APPLIED
    assert project.number == f"IM-2026-{project.pk:06d}"
    assert project.region_id == "35"
    check = Deadline.objects.get(subject_id=project.number, kind=CHECK_DEADLINE)
    assert check.status == Deadline.Status.OPEN
    services.project_check(actor=people["officer"], project=project)
    services.project_include(actor=people["officer"], project=project)
    project.refresh_from_db()
    assert project.status == Project.Status.INCLUDED
    assert project.included_on == today
    check.refresh_from_db()
    assert check.status == Deadline.Status.DONE
    actions = list(JournalEntry.objects.filter(subject_id=project.number).values_list("action", flat=True))
    assert actions == ["applied", "checked", "included"]
    assert ProjectVersion.objects.filter(project=project).count() == 3
    assert ProjectVersion.objects.filter(project=project, valid_to__isnull=True).get().status == "included"


def test_only_the_authorized_body_decides(people: dict[str, Any], apply: Any, today: dt.date) -> None:
    project = apply()
    for who in ("applicant", "akimat", "body", "auditor"):
        with pytest.raises(PermissionDenied):
            services.project_check(actor=people[who], project=project)
    with pytest.raises(PermissionDenied):  # an application is checked before it is included
        services.project_include(actor=people["officer"], project=project)


@pytest.mark.law("IP-6.2")
def test_an_exclusion_needs_reasons_and_the_initiator_reads_them(
    people: dict[str, Any], included: Any, today: dt.date
) -> None:
    project = included()
    with pytest.raises(services.MapError, match="reasons"):
        services.project_exclude(actor=people["officer"], project=project, reasons="  ")
    services.project_exclude(actor=people["officer"], project=project, reasons="The project was abandoned.")
    project.refresh_from_db()
    assert (project.status, project.reasons, project.excluded_on) == ("excluded", "The project was abandoned.", today)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"latitude": Decimal("55.75"), "longitude": Decimal("37.6")}, "latitude", "outside the territory"),
        ({"latitude": Decimal("43.0"), "longitude": Decimal("51.0")}, "latitude", "outside the territory"),
        ({"kato": ASTANA["kato"]}, "latitude", "region with code 35"),
        ({"kato": "991010000"}, "kato", "No region has KATO code 99"),
        ({"kato": "35101"}, "kato", "9 digits"),
        ({"initiator": "100140000003"}, "initiator", "register it first"),
        ({"initiator": "100140000004"}, "initiator", None),
        ({"hs_codes": ["999999"]}, "hs_codes", "999999"),
        ({"investment": Decimal("-1")}, "investment", "zero or more"),
        ({"responsible_kind": "holding"}, "responsible", "national managing holding"),
        ({"stages": [services.StagePlan("construction", dt.date(2026, 1, 1))]}, "stages", "commissioning"),
        ({"name": " "}, "name", "name"),
    ],
)
def test_a_bad_application_is_refused_and_nothing_is_written(
    today: dt.date, people: dict[str, Any], apply: Any, changes: dict[str, Any], field: str, message: str | None
) -> None:
    with pytest.raises(services.MapError) as refused:
        apply(**changes)
    assert refused.value.field == field
    if message:
        assert message in str(refused.value)
    assert not Project.objects.exists()
    assert not Deadline.objects.exists()


def test_who_may_apply(today: dt.date, people: dict[str, Any], apply: Any) -> None:
    assert apply(people["akimat"]).status == "applied"
    assert apply(people["officer"]).status == "applied"
    with pytest.raises(PermissionDenied):
        apply(people["stranger"])  # another organization's user for this initiator
    with pytest.raises(PermissionDenied):
        apply(people["akimat_away"])  # an akimat of another region
    with pytest.raises(PermissionDenied):
        apply(people["auditor"])
    assert apply(people["body"], responsible_kind="state_body", responsible=people["ministry"].identifier)


@pytest.mark.law("IP-6.2")
def test_the_map_as_it_stood_at_the_end_of_a_quarter(people: dict[str, Any], included: Any) -> None:
    with clock.frozen(dt.datetime(2026, 2, 10, 10, 0, tzinfo=clock.now().tzinfo)):
        first = included()
    with clock.frozen(dt.datetime(2026, 4, 15, 10, 0, tzinfo=clock.now().tzinfo)):
        second = included(name="Второй проект", **ASTANA)
        services.project_exclude(actor=people["officer"], project=first, reasons="Abandoned.")
    with clock.frozen(TODAY):
        then = map_data(MapFilters(as_of=Quarter(2026, 1)))
        now = map_data(MapFilters())
    assert [p["number"] for p in then.projects] == [first.number]
    assert [p["number"] for p in now.projects] == [second.number]
    karaganda = next(r for r in then.regions if r.code == "35")
    assert (karaganda.projects, karaganda.investment, karaganda.jobs) == (1, Decimal("12500000000.00"), 350)
    assert karaganda.by_stage["preparation"] == 1
    assert len(then.regions) == 20


def test_the_map_filters(today: dt.date, included: Any) -> None:
    included()
    included(oked="10110", **ASTANA)
    assert len(map_data(MapFilters(region="71")).projects) == 1
    assert len(map_data(MapFilters(industry="24")).projects) == 1
    assert len(map_data(MapFilters(stage="operation")).projects) == 0
    assert len(map_data(MapFilters(year=2027)).projects) == 2
    assert len(map_data(MapFilters(year=2028)).projects) == 0


@pytest.mark.law("IP-11.8")
def test_an_akimat_reports_its_quarter(today: dt.date, people: dict[str, Any], included: Any) -> None:
    project = included()
    assert reports.quarter_deadlines_open(quarter=Quarter(2026, 1)) == 0  # included after the quarter ended
    with clock.frozen(dt.date(2026, 7, 2)):
        assert reports.quarter_deadlines_open() == 1  # 2026-Q2
        assert reports.quarter_deadlines_open() == 0  # once
        deadline = Deadline.objects.get(kind=QUARTER_DEADLINE)
        assert (deadline.region_id, deadline.responsible_role, deadline.due_on) == (
            "35",
            "akimat",
            dt.date(2026, 7, 10),
        )
        report = reports.quarterly_report_submit(
            actor=people["akimat"], project=project, data=_report(quarter=2, stage="commissioning")
        )
    assert report.late is False
    deadline.refresh_from_db()
    assert deadline.status == Deadline.Status.DONE
    project.refresh_from_db()
    assert project.stage == "commissioning"
    assert project.stages.get(stage="commissioning").actual_on == dt.date(2026, 2, 1)


@pytest.mark.law("IP-6.2")
def test_bad_quarterly_information_is_refused(today: dt.date, people: dict[str, Any], included: Any) -> None:
    project = included()
    with pytest.raises(QuarterError, match="has not ended"):
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report(quarter=2))
    reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    with pytest.raises(services.MapError, match="already given"):
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    with pytest.raises(PermissionDenied):
        reports.quarterly_report_submit(
            actor=people["akimat_away"], project=project, data=_report(quarter=4, year=2025)
        )
    with pytest.raises(PermissionDenied):  # the akimat informs on this project, not the ministry
        reports.quarterly_report_submit(actor=people["body"], project=project, data=_report(quarter=4, year=2025))
    with pytest.raises(services.MapError, match="future"):
        reports.quarterly_report_submit(
            actor=people["akimat"], project=project, data=_report(year=2025, quarter=4, stage_date=dt.date(2026, 6, 1))
        )
    assert QuarterlyReport.objects.count() == 1


def test_a_late_report_is_marked_late(people: dict[str, Any], included: Any) -> None:
    with clock.frozen(dt.date(2026, 1, 5)):
        project = included()
    with clock.frozen(dt.date(2026, 4, 20)):
        report = reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    assert (report.due_on, report.late) == (dt.date(2026, 4, 10), True)


def test_the_responsible_body_reports_its_projects(today: dt.date, people: dict[str, Any], included: Any) -> None:
    project = included(responsible_kind="state_body", responsible=people["ministry"].identifier)
    with pytest.raises(PermissionDenied):
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())
    assert reports.quarterly_report_submit(actor=people["body"], project=project, data=_report()).late is True


def test_a_project_not_in_the_map_takes_no_report(today: dt.date, people: dict[str, Any], apply: Any) -> None:
    project = apply()
    with pytest.raises(services.MapError, match="not in the map"):
        reports.quarterly_report_submit(actor=people["akimat"], project=project, data=_report())


HEADER = "project,year,quarter,stage,investment_to_date,jobs_created,output,stage_date,comment\n"


@pytest.mark.law("IP-11.8")
def test_a_file_with_bad_rows_is_refused_whole_with_each_line(
    today: dt.date, people: dict[str, Any], included: Any
) -> None:
    one, two = included(), included(name="Второй")
    content = (
        HEADER
        + f"{one.number},2026,1,construction,100.00,10,,,\n"
        + f"{two.number},2026,2,construction,100.00,10,,,\n"  # not ended
        + f"{one.number},2026,1,construction,100.00,10,,,\n"  # twice
        + "IM-2026-999999,2026,1,construction,1,1,,,\n"  # unknown
        + f"{two.number},2026,1,built,1,1,,,\n"  # unknown stage
    ).encode()
    with pytest.raises(CsvImportError) as refused:
        reports.quarterly_reports_import(actor=people["akimat"], content=content, name="q.csv")
    assert [p.line for p in refused.value.problems] == [3, 4, 5, 6]
    assert not QuarterlyReport.objects.exists()
    good = (
        HEADER + f"{one.number},2026,1,construction,100.00,10,,,\n{two.number},2026,1,preparation,0,0,,,\n"
    ).encode()
    assert len(reports.quarterly_reports_import(actor=people["akimat"], content=good, name="q.csv")) == 2


def test_an_xlsx_file_is_read_like_a_csv(today: dt.date, people: dict[str, Any], included: Any) -> None:
    import io

    from openpyxl import Workbook

    project = included()
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([project.number, 2026, 1, "construction", 1500.5, 12, 0, "2026-02-01", "ok"])
    out = io.BytesIO()
    book.save(out)
    saved = reports.quarterly_reports_import(actor=people["akimat"], content=out.getvalue(), name="q.xlsx")
    assert saved[0].investment_to_date == Decimal("1500.50")
