"""Every read of the scrap records, scoped to the actor: an entity sees its own notifications and reports, an
akimat its region's, the authorized body and auditors all. `wholly_produced_information` is what the register of
Kazakhstani commodity producers reads for the scrap and waste wholly produced in Kazakhstan (IP-51-3.6): the
register asks this module and no other part of the app (ADR 32)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from nisi.core import periods
from nisi.core.authz import Actor, allowed_actions, scope
from nisi.core.models import Deadline
from nisi.core.selectors import period_deadlines
from nisi.scrap_metal import rules
from nisi.scrap_metal.messages import REPORT
from nisi.scrap_metal.models import ScrapNotification, ScrapReport, ScrapReportLine

YEAR_OF_PERIODS = 4  # the last four reported quarters make the year whose collection the register is told


def notifications_for(actor: Actor) -> QuerySet[ScrapNotification]:
    return scope(actor, ScrapNotification.objects.select_related("organization", "region"), "view")


def notification_for(actor: Actor, number: str) -> ScrapNotification | None:
    return notifications_for(actor).filter(number=number).first()


def reportable_for(actor: Actor) -> QuerySet[ScrapNotification]:
    """The notifications the actor reports under: its own entity's."""
    return scope(actor, ScrapNotification.objects.select_related("organization", "region"), "report")


def reports_of(actor: Actor, notification: ScrapNotification) -> list[ScrapReport]:
    return list(scope(actor, ScrapReport.objects.filter(notification=notification), "view").prefetch_related("lines"))


def reports_for(actor: Actor) -> QuerySet[ScrapReport]:
    return scope(actor, ScrapReport.objects.select_related("notification", "organization", "region"), "view")


@dataclass(frozen=True)
class PeriodLine:
    notification: ScrapNotification
    report: ScrapReport | None
    deadline: Deadline | None
    state: str  # on_time, late, missing, awaited


def period_status(actor: Actor, quarter: rules.Quarter, today: dt.date) -> list[PeriodLine]:
    """The period's state for every activity the actor may see that was under way in it: reported on time or late,
    missing (its due day passed), or awaited."""
    notifications = list(
        notifications_for(actor)
        .filter(starts_on__lte=quarter.last_day)
        .exclude(ceased_on__lt=quarter.first_day)
        .order_by("number")
    )
    numbers = [n.number for n in notifications]
    reports = {
        r.notification.number: r
        for r in ScrapReport.objects.filter(
            notification__number__in=numbers, year=quarter.year, quarter=quarter.number
        ).select_related("notification")
    }
    deadlines = period_deadlines(REPORT, quarter, numbers)
    due = rules.report_due(quarter).value
    lines = []
    for n in notifications:
        report, deadline = reports.get(n.number), deadlines.get(REPORT.party_key(n.number, None))
        state = periods.state(
            reported_late=None if report is None else report.late,
            due=deadline.due_on if deadline else due,
            today=today,
        )
        lines.append(PeriodLine(n, report, deadline, state.value))
    return lines


@dataclass(frozen=True)
class ScrapGood:
    hs_code: str
    name_ru: str
    annual_tonnes: Decimal


@dataclass(frozen=True)
class WhollyProducedScrap:
    """What the register needs of a notified activity (IP-51-3.1.3, 51-3.6): the entity, the notification that
    entitles it (document kind, number and dates), the region of the akimat that lodges it, and per HS code the
    tonnes collected (bought) in its last four reported quarters."""

    identifier: str
    organization_name: str
    document_kind: str
    document_number: str
    valid_from: dt.date
    valid_to: dt.date | None
    region_code: str
    periods: tuple[str, ...]
    goods: tuple[ScrapGood, ...]


def _information(notification: ScrapNotification) -> WhollyProducedScrap:
    reports = list(
        ScrapReport.objects.filter(notification=notification).order_by("-year", "-quarter")[:YEAR_OF_PERIODS]
    )
    lines = ScrapReportLine.objects.filter(report__in=reports)
    totals = rules.annual_collected(rules.Volume(x.hs_code, x.bought_tonnes, x.sold_tonnes) for x in lines)
    return WhollyProducedScrap(
        identifier=notification.organization.identifier,
        organization_name=notification.organization.name,
        document_kind="notification",
        document_number=notification.number,
        valid_from=notification.starts_on,
        valid_to=notification.ceased_on,
        region_code=notification.region_id,
        periods=tuple(r.period for r in reports),
        goods=tuple(ScrapGood(code, rules.NAMES_RU.get(code, code), tonnes) for code, tonnes in totals.items()),
    )


def wholly_produced_information(actor: Actor, number: str) -> WhollyProducedScrap | None:
    """The register's information on the scrap of one notified activity the actor may see (an akimat: its region's),
    or None."""
    notification = notification_for(actor, number)
    return None if notification is None else _information(notification)


def wholly_produced_candidates(actor: Actor) -> list[WhollyProducedScrap]:
    """The notified activities the actor may see that have reported scrap collected: what an akimat may lodge for
    the register (IP-51-3.6), newest notification first."""
    with_reports = notifications_for(actor).filter(reports__isnull=False).distinct().order_by("-notified_on", "-number")
    found = [_information(n) for n in with_reports]
    return [info for info in found if info.goods]


def notification_actions(actor: Actor, notification: ScrapNotification) -> frozenset[str]:
    return allowed_actions(actor, notification)
