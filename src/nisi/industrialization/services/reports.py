"""Quarterly information on the map's projects (IP-6.2, IP-11.8): given by the akimat or the responsible state body
or national managing holding, once per project and quarter, on an ended quarter, by a form, a CSV/XLSX file or the
API; the term is a deadline in the reporter's work queue, opened when the quarter ends."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core.authz import Actor, require, scope
from nisi.core.csv_import import CsvImportError, RowProblem, parse_date
from nisi.core.roles import Role
from nisi.core.services.journal import journal_append
from nisi.core.services.periodic_reports import Obliged, report_deadline_close, report_deadlines_open
from nisi.core.table_import import read as read_table
from nisi.industrialization import rules
from nisi.industrialization.messages import QUARTERLY_REPORT, SUBJECT
from nisi.industrialization.models import Project, ProjectStage, ProjectVersion, QuarterlyReport, Stage
from nisi.industrialization.services.projects import MAX_MONEY, MapError, version_write
from nisi.law import clock

COLUMNS = (
    "project",
    "year",
    "quarter",
    "stage",
    "investment_to_date",
    "jobs_created",
    "output",
    "stage_date",
    "comment",
)
REQUIRED = ("project", "year", "quarter", "stage", "investment_to_date", "jobs_created")
MAX_ROWS = 5000


@dataclass(frozen=True)
class ReportIn:
    """One project's information for one quarter, as a form, a file's row or the API gives it."""

    year: int
    quarter: int
    stage: str
    investment_to_date: Decimal
    jobs_created: int
    output: Decimal = Decimal(0)
    stage_date: dt.date | None = None  # the day the stage reported was actually reached
    comment: str = ""


def _check_figures(data: ReportIn, today: dt.date) -> None:
    if data.stage not in Stage.values:
        raise MapError(_("Choose the project's stage."), "stage")
    for name, value in (("investment_to_date", data.investment_to_date), ("output", data.output)):
        if not value.is_finite() or not Decimal(0) <= value < MAX_MONEY or value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise MapError(_("Give tenge, zero or more, with at most 2 decimal places."), name)
    if data.jobs_created < 0:
        raise MapError(_("The number of jobs is zero or more."), "jobs_created")
    if data.stage_date is not None and data.stage_date > today:
        raise MapError(_("The date the stage was reached cannot be in the future."), "stage_date")


def _unsaved(project: Project, data: ReportIn) -> QuarterlyReport:
    return QuarterlyReport(
        project=project,
        region_id=project.region_id,
        responsible_id=project.responsible_id,
        year=data.year,
        quarter=data.quarter,
        stage=data.stage,
        investment_to_date=data.investment_to_date,
        jobs_created=data.jobs_created,
        output=data.output,
        comment=data.comment.strip()[:2000],
    )


def _refusals(actor: Actor, project: Project, data: ReportIn, today: dt.date) -> rules.Quarter:
    """Everything that refuses a report, before anything is written."""
    report = _unsaved(project, data)
    require(actor, report, "submit")
    if project.status != Project.Status.INCLUDED:
        raise MapError(
            _("Project %(number)s is not in the map (%(status)s): information is given on included projects.")
            % {"number": project.number, "status": project.get_status_display()}
        )
    quarter = rules.reportable_quarter(data.year, data.quarter, today)
    if QuarterlyReport.objects.filter(project=project, year=data.year, quarter=data.quarter).exists():
        raise MapError(
            _(
                "The information on project %(number)s for %(quarter)s was already given. A quarter is reported "
                "once; ask the authorized body to correct it."
            )
            % {"number": project.number, "quarter": quarter},
            "quarter",
        )
    _check_figures(data, today)
    return quarter


def _write(actor: Actor, project: Project, data: ReportIn, quarter: rules.Quarter, today: dt.date) -> QuarterlyReport:
    due = rules.quarterly_report_due(quarter).value
    report = _unsaved(project, data)
    report.due_on = due
    report.submitted_on = today
    report.late = rules.is_late(today, due)
    report.submitted_at = clock.now()
    report.submitted_by = actor.label[:200]
    report.save()
    # The project as the report says it now is: its stage, and the day it was reached.
    project.stage = data.stage
    project.save(update_fields=["stage"])
    if data.stage_date is not None:
        ProjectStage.objects.update_or_create(
            project=project,
            stage=data.stage,
            defaults={"actual_on": data.stage_date},
            create_defaults={"planned_on": data.stage_date, "actual_on": data.stage_date},
        )
    version_write(project)
    report_deadline_close(QUARTERLY_REPORT, quarter, project.number)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=project.number,
        action="quarter_reported",
        payload={
            "quarter": str(quarter),
            "stage": data.stage,
            "investment_to_date": str(data.investment_to_date),
            "jobs_created": data.jobs_created,
            "output": str(data.output),
            "late": report.late,
        },
        provisions=["IP-6.2", "IP-11.8"],
    )
    return report


@transaction.atomic
def quarterly_report_submit(*, actor: Actor, project: Project, data: ReportIn) -> QuarterlyReport:
    """The quarter's information on one project (IP-6.2, IP-11.8). Refused for a quarter not yet ended, a quarter
    already reported, a project not in the map, or a reporter not responsible for it."""
    today = clock.today()
    locked = Project.objects.select_for_update().select_related("initiator").get(pk=project.pk)
    quarter = _refusals(actor, locked, data, today)
    return _write(actor, locked, data, quarter, today)


def _row_data(row: Mapping[str, str]) -> ReportIn:
    try:
        year, quarter, jobs = int(row["year"]), int(row["quarter"]), int(row["jobs_created"])
    except ValueError as exc:
        raise MapError(_("year, quarter and jobs_created are whole numbers.")) from exc
    try:
        investment = Decimal(row["investment_to_date"].replace(" ", "").replace(",", "."))
        output = Decimal((row.get("output") or "0").replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:
        raise MapError(_("investment_to_date and output are amounts in tenge, such as 1500000.00.")) from exc
    stage_date = None
    if row.get("stage_date"):
        stage_date = parse_date(row["stage_date"])
        if stage_date is None:
            raise MapError(_("stage_date is a date written 2026-03-31 or 31.03.2026."))
    return ReportIn(
        year=year,
        quarter=quarter,
        stage=row["stage"].strip().lower(),
        investment_to_date=investment,
        jobs_created=jobs,
        output=output,
        stage_date=stage_date,
        comment=row.get("comment", ""),
    )


@transaction.atomic
def quarterly_reports_import(*, actor: Actor, content: bytes, name: str = "") -> list[QuarterlyReport]:
    """Many projects' quarterly information from a CSV or XLSX file (columns as `COLUMNS`): every bad row is reported
    with its line, and nothing is stored while any row is bad (DESIGN 10)."""
    today = clock.today()
    table = read_table(content, name=name, columns=COLUMNS, required=REQUIRED, max_rows=MAX_ROWS)
    if table.problems:
        raise CsvImportError(table.problems)
    numbers = {row["project"].strip() for _line, row in table.rows}
    projects = {
        p.number: p
        for p in scope(actor, Project.objects.filter(number__in=numbers), "view").select_for_update(of=("self",))
    }
    problems: list[RowProblem] = []
    checked: list[tuple[Project, ReportIn, rules.Quarter]] = []
    seen: set[tuple[str, int, int]] = set()
    for line, row in table.rows:
        project = projects.get(row["project"].strip())
        if project is None:
            problems.append(RowProblem(line, _("no project %(number)s that you may see") % {"number": row["project"]}))
            continue
        try:
            data = _row_data(row)
            key = (project.number, data.year, data.quarter)
            if key in seen:
                raise MapError(_("this project's quarter is given twice in the file; keep one row"))
            seen.add(key)
            quarter = _refusals(actor, project, data, today)
        except (MapError, rules.QuarterError) as exc:
            problems.append(RowProblem(line, str(exc)))
            continue
        except PermissionDenied:
            problems.append(
                RowProblem(
                    line, _("you are not the one who informs on project %(number)s") % {"number": project.number}
                )
            )
            continue
        checked.append((project, data, quarter))
    if problems:
        raise CsvImportError(problems)
    return [_write(actor, project, data, quarter, today) for project, data, quarter in checked]


def quarter_deadlines_open(*, quarter: rules.Quarter | None = None) -> int:
    """Opens the quarterly information's deadline of each project that was in the map at the end of the quarter
    (the last ended one by default) and has none yet, for the akimat of its region or its responsible body
    (IP-6.2, IP-11.8). Idempotent: run daily, it opens each once."""
    quarter = quarter or rules.last_ended_quarter(clock.today())
    end = dt.datetime.combine(quarter.last_day + dt.timedelta(days=1), dt.time.min, tzinfo=clock.now().tzinfo)
    included = (
        ProjectVersion.objects.at(end).filter(status=Project.Status.INCLUDED).values_list("project_id", flat=True)
    )
    projects = Project.objects.filter(pk__in=list(included)).select_related("region", "responsible")
    reported = QuarterlyReport.objects.filter(year=quarter.year, quarter=quarter.number).values_list(
        "project__number", flat=True
    )
    return report_deadlines_open(
        QUARTERLY_REPORT,
        quarter,
        (
            Obliged(
                p.number,
                Role.AKIMAT if p.responsible_id is None else Role.RESPONSIBLE_BODY,
                p.responsible,
                p.region,
                {"number": p.number},
            )
            for p in projects
        ),
        reported=[QUARTERLY_REPORT.party_key(number, None) for number in reported],
    )
