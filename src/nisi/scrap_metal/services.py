"""Every write of the scrap records (IP-9.39): a legal entity's notification of the start of its activity, its
ceasing, and the quarterly reports on the scrap and waste bought and sold, by a form, a CSV/XLSX file or the API.
The report's term is a deadline in the entity's work queue, opened when the period ends (`report_deadlines_open`).

Bad input is refused before anything is written: a period not yet ended, a period reported already, a code that is
not scrap, negative tonnes; a file with any bad row is refused whole, every bad row named by its line."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from nisi.core import validation
from nisi.core.authz import Actor, allowed_actions, require
from nisi.core.csv_import import CsvImportError, RowProblem
from nisi.core.identifiers import is_latin_digits
from nisi.core.models import Organization, Region
from nisi.core.roles import Role
from nisi.core.services import periodic_reports
from nisi.core.services.journal import journal_append
from nisi.core.services.notifications import notification_send
from nisi.core.services.periodic_reports import Obliged, report_deadline_close, report_deadlines_close_after
from nisi.core.table_import import read as read_table
from nisi.law import clock, provisions
from nisi.scrap_metal import rules
from nisi.scrap_metal.messages import REPORT, SUBJECT
from nisi.scrap_metal.models import Activity, Metal, ScrapNotification, ScrapReport, ScrapReportLine
from nisi.scrap_metal.rules import Quarter, ScrapError

PROVISION = "IP-9.39"


def _in_force(on: dt.date) -> None:
    try:
        provisions.require_in_force(PROVISION, on)
    except provisions.NotInForce as exc:
        raise ScrapError(str(exc)) from None


def _organization_of(actor: Actor) -> Organization:
    org_id = next((g.organization_id for g in actor.grants if g.role == Role.APPLICANT and g.organization_id), None)
    if org_id is None:
        raise PermissionDenied(_("Notifications are lodged by the legal entity itself: sign in with its account."))
    return Organization.objects.get(pk=org_id)


@transaction.atomic
def notification_lodge(
    *,
    actor: Actor,
    site_kato: str,
    site_address: str,
    activities: Sequence[str],
    metals: Sequence[str],
    starts_on: dt.date,
) -> ScrapNotification:
    """A legal entity notifies the akimat of its site's region that it starts collecting (procuring), storing,
    processing or selling scrap and waste of metals (IP-9.39, IP-51-3.6)."""
    organization = _organization_of(actor)
    today = clock.today()
    draft = ScrapNotification(organization=organization)
    require(actor, draft, "notify")
    _in_force(today)
    site_kato, site_address = site_kato.strip(), site_address.strip()
    if len(site_kato) != 9 or not is_latin_digits(site_kato):
        raise ScrapError(_("Give the KATO code of the site: 9 digits, for example 351010000."), "site_kato")
    region = Region.objects.filter(code=site_kato[:2]).first()
    if region is None:
        raise ScrapError(
            _("%(kato)s is not in any region of Kazakhstan: check the KATO code of the site.") % {"kato": site_kato},
            "site_kato",
        )
    problem = validation.text_problem(site_address, validation.max_length(ScrapNotification, "site_address"))
    if not site_address or problem:
        raise ScrapError(problem or _("Give the address of the site."), "site_address")
    chosen_activities = sorted(set(activities))
    if not chosen_activities or any(a not in Activity.values for a in chosen_activities):
        raise ScrapError(_("Choose at least one activity: collection, storage, processing or sale."), "activities")
    chosen_metals = sorted(set(metals))
    if not chosen_metals or any(m not in Metal.values for m in chosen_metals):
        raise ScrapError(_("Choose ferrous metals, non-ferrous metals or both."), "metals")
    problem = rules.notification_problem(starts_on, today)
    if problem:
        raise ScrapError(problem, "starts_on")
    if ScrapNotification.objects.filter(
        organization=organization, site_kato=site_kato, status=ScrapNotification.Status.ACTIVE
    ).exists():
        raise ScrapError(
            _("Your activity at this site was notified already: report under that notification, or cease it first."),
            "site_kato",
        )
    notification = ScrapNotification.objects.create(
        number=f"new-{uuid.uuid4().hex[:16]}",
        organization=organization,
        region=region,
        site_kato=site_kato,
        site_address=site_address,
        activities=chosen_activities,
        metals=chosen_metals,
        starts_on=starts_on,
        notified_on=today,
        submitted_at=clock.now(),
        submitted_by=actor.label[:200],
    )
    notification.number = f"SCR-{today.year}-{notification.pk:06d}"
    notification.save(update_fields=["number"])
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=notification.number,
        action="notified",
        payload={
            "organization": organization.identifier,
            "region": region.code,
            "site_kato": site_kato,
            "activities": chosen_activities,
            "metals": chosen_metals,
            "starts_on": starts_on.isoformat(),
        },
        provisions=[PROVISION, "IP-51-3.6"],
    )
    notification_send(
        message_key="scrap_metal.notification.received",
        params={"number": notification.number},
        provisions=[PROVISION],
        organization=organization,
        subject_type=SUBJECT,
        subject_id=notification.number,
    )
    return notification


@transaction.atomic
def notification_cease(*, actor: Actor, notification: ScrapNotification, ceased_on: dt.date) -> ScrapNotification:
    """The entity says its activity ceased: no report is due for the periods after, and the register's
    information on its scrap (IP-51-3.6) ends on that day."""
    locked = ScrapNotification.objects.select_for_update().get(pk=notification.pk)
    require(actor, locked, "cease")
    today = clock.today()
    if ceased_on > today:
        raise ScrapError(_("Say that the activity ceased once it has: the day cannot be in the future."), "ceased_on")
    if ceased_on < locked.starts_on:
        raise ScrapError(
            _("The activity started on %(day)s: it cannot cease before.") % {"day": locked.starts_on.isoformat()},
            "ceased_on",
        )
    locked.status, locked.ceased_on = ScrapNotification.Status.CEASED, ceased_on
    locked.save(update_fields=["status", "ceased_on"])
    report_deadlines_close_after(REPORT, locked.number, ceased_on)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=locked.number,
        action="ceased",
        payload={"ceased_on": ceased_on.isoformat()},
        provisions=[PROVISION],
    )
    return locked


@dataclass(frozen=True)
class LineIn:
    hs_code: str
    bought_tonnes: Decimal
    sold_tonnes: Decimal


@dataclass(frozen=True)
class ReportIn:
    """One period's report, as a form, a file's rows or the API gives it."""

    year: int
    quarter: int
    lines: tuple[LineIn, ...]


def _check(actor: Actor, notification: ScrapNotification, data: ReportIn, today: dt.date) -> Quarter:
    """Everything that refuses a report, before anything is written."""
    require(
        actor,
        ScrapReport(notification=notification, organization=notification.organization, region=notification.region),
        "submit",
    )
    if "report" not in allowed_actions(actor, notification):
        raise PermissionDenied(_("Reports under a notification are given by the legal entity that lodged it."))
    if not 1 <= data.quarter <= 4:
        raise ScrapError(_("A quarter is numbered 1 to 4."), "period")
    quarter = rules.reportable_quarter(
        Quarter(data.year, data.quarter),
        today=today,
        starts_on=notification.starts_on,
        ceased_on=notification.ceased_on,
    )
    if ScrapReport.objects.filter(notification=notification, year=data.year, quarter=data.quarter).exists():
        raise ScrapError(
            _(
                "The report under %(number)s for %(period)s was given already. A period is reported once; ask the "
                "akimat to correct it."
            )
            % {"number": notification.number, "period": quarter},
            "period",
        )
    if not data.lines:
        raise ScrapError(_("Give at least one kind of scrap with the tonnes bought and sold (zero if none)."), "lines")
    seen: set[str] = set()
    for line in data.lines:
        rules.metal_of(line.hs_code)
        if line.hs_code in seen:
            raise ScrapError(_("%(code)s is given twice: give each code once.") % {"code": line.hs_code}, "lines")
        seen.add(line.hs_code)
        for value in (line.bought_tonnes, line.sold_tonnes):
            problem = rules.tonnes_problem(value)
            if problem:
                raise ScrapError(_("%(code)s: %(problem)s.") % {"code": line.hs_code, "problem": problem}, "lines")
    return quarter


def _write(
    actor: Actor, notification: ScrapNotification, data: ReportIn, quarter: Quarter, today: dt.date
) -> ScrapReport:
    due = rules.report_due(quarter).value
    report = ScrapReport.objects.create(
        notification=notification,
        organization=notification.organization,
        region=notification.region,
        year=quarter.year,
        quarter=quarter.number,
        due_on=due,
        submitted_on=today,
        late=rules.is_late(today, due),
        submitted_at=clock.now(),
        submitted_by=actor.label[:200],
    )
    ScrapReportLine.objects.bulk_create(
        ScrapReportLine(
            report=report,
            hs_code=line.hs_code,
            metal=rules.metal_of(line.hs_code),
            bought_tonnes=line.bought_tonnes,
            sold_tonnes=line.sold_tonnes,
        )
        for line in data.lines
    )
    report_deadline_close(REPORT, quarter, notification.number)
    journal_append(
        actor=actor,
        subject_type=SUBJECT,
        subject_id=notification.number,
        action="reported",
        payload={
            "period": str(quarter),
            "late": report.late,
            "lines": [
                {"hs_code": x.hs_code, "bought": str(x.bought_tonnes), "sold": str(x.sold_tonnes)} for x in data.lines
            ],
        },
        provisions=[PROVISION],
    )
    return report


@transaction.atomic
def report_submit(*, actor: Actor, notification: ScrapNotification, data: ReportIn) -> ScrapReport:
    """The period's report on the scrap and waste bought and sold under one notification (IP-9.39). Refused for a
    period not yet ended, one reported already, one outside the activity, or a reporter who is not its entity."""
    today = clock.today()
    _in_force(today)
    locked = (
        ScrapNotification.objects.select_for_update().select_related("organization", "region").get(pk=notification.pk)
    )
    quarter = _check(actor, locked, data, today)
    return _write(actor, locked, data, quarter, today)


COLUMNS = ("notification", "period", "hs_code", "bought_tonnes", "sold_tonnes")
MAX_ROWS = 5000


def _tonnes(text: str, column: str) -> Decimal:
    cleaned = (text or "").strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    if not cleaned.isascii():
        raise ScrapError(_("%(column)s: write the number in Latin digits (0-9)") % {"column": column})
    try:
        return Decimal(cleaned or "0")
    except InvalidOperation:
        raise ScrapError(_("%(column)s '%(value)s' is not a number") % {"column": column, "value": text}) from None


@transaction.atomic
def reports_import(*, actor: Actor, content: bytes, name: str = "") -> list[ScrapReport]:
    """Reports from a CSV or XLSX file, one row per notification, period and HS code (columns as `COLUMNS`): the
    rows of one notification and period make one report. Every bad row is reported with its line, and nothing is
    stored while any row is bad (DESIGN 10)."""
    today = clock.today()
    _in_force(today)
    table = read_table(content, name=name, columns=COLUMNS, required=COLUMNS, max_rows=MAX_ROWS)
    if table.problems:
        raise CsvImportError(table.problems)
    numbers = {row["notification"].strip() for _line, row in table.rows}
    notifications = {
        n.number: n
        for n in ScrapNotification.objects.filter(number__in=numbers)
        .select_related("organization", "region")
        .select_for_update(of=("self",))
    }
    problems: list[RowProblem] = []
    groups: dict[tuple[str, Quarter], list[tuple[int, LineIn]]] = {}
    for line, row in table.rows:
        notification = notifications.get(row["notification"].strip())
        if notification is None or "view" not in allowed_actions(actor, notification):
            problems.append(
                RowProblem(line, _("no notification %(number)s of yours") % {"number": row["notification"]})
            )
            continue
        try:
            quarter = rules.parse_quarter(row["period"])
            item = LineIn(
                hs_code=row["hs_code"].strip(),
                bought_tonnes=_tonnes(row["bought_tonnes"], "bought_tonnes"),
                sold_tonnes=_tonnes(row["sold_tonnes"], "sold_tonnes"),
            )
            rules.metal_of(item.hs_code)
            for value in (item.bought_tonnes, item.sold_tonnes):
                problem = rules.tonnes_problem(value)
                if problem:
                    raise ScrapError(problem)
        except ScrapError as exc:
            problems.append(RowProblem(line, str(exc)))
            continue
        group = groups.setdefault((notification.number, quarter), [])
        twice = next((first for first, known in group if known.hs_code == item.hs_code), None)
        if twice is not None:
            problems.append(RowProblem(line, _("the same code as line %(line)s; keep one row") % {"line": twice}))
            continue
        group.append((line, item))
    checked: list[tuple[ScrapNotification, ReportIn, Quarter]] = []
    for (number, quarter), items in groups.items():
        notification = notifications[number]
        data = ReportIn(year=quarter.year, quarter=quarter.number, lines=tuple(item for _l, item in items))
        try:
            checked.append((notification, data, _check(actor, notification, data, today)))
        except ScrapError as exc:
            problems.extend(RowProblem(line, str(exc)) for line, _item in items)
        except PermissionDenied as exc:
            problems.extend(RowProblem(line, str(exc)) for line, _item in items)
    if problems:
        raise CsvImportError(sorted(problems, key=lambda p: p.line))
    return [_write(actor, notification, data, quarter, today) for notification, data, quarter in checked]


def report_in(year: int, quarter: int, lines: Iterable[Mapping[str, object]]) -> ReportIn:
    """A report from plain values (the API's and the form's lines)."""
    return ReportIn(
        year=year,
        quarter=quarter,
        lines=tuple(
            LineIn(
                hs_code=str(x["hs_code"]).strip(),
                bought_tonnes=Decimal(str(x["bought_tonnes"])),
                sold_tonnes=Decimal(str(x["sold_tonnes"])),
            )
            for x in lines
        ),
    )


def report_deadlines_open(*, quarter: Quarter | None = None) -> int:
    """Opens the report's deadline of each activity notified and under way during the period (the last ended one by
    default) that has none yet and has not reported it, for the entity (IP-9.39). Idempotent: run daily, it opens
    each once."""
    quarter = quarter or rules.last_ended_quarter(clock.today())
    notifications = (
        ScrapNotification.objects.filter(starts_on__lte=quarter.last_day)
        .exclude(ceased_on__lt=quarter.first_day)
        .select_related("organization", "region")
    )
    reported = ScrapReport.objects.filter(year=quarter.year, quarter=quarter.number).values_list(
        "notification__number", flat=True
    )
    return periodic_reports.report_deadlines_open(
        REPORT,
        quarter,
        (Obliged(n.number, Role.APPLICANT, n.organization, n.region, {"number": n.number}) for n in notifications),
        reported=[REPORT.party_key(number, None) for number in reported],
    )
