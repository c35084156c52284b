"""Scrap and waste of metals through the API (IP-9.39): an entity's notification, its quarterly reports (one by one or
as a CSV/XLSX file) and the reads the pages give, on the same services and policies."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Path, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for
from nisi.core.csv_import import CsvImportError
from nisi.law import clock
from nisi.law.api_common import Problem, explain
from nisi.scrap_metal import rules, selectors, services
from nisi.scrap_metal.models import ScrapNotification, ScrapReport

router = Router(tags=["Scrap and waste of metals"])
NUMBER = Path(..., pattern=r"^SCR-[0-9]{4}-[0-9]{6}$", description="the notification's number, e.g. SCR-2026-000001")
ScrapCode = Literal[rules.SCRAP_CODES]  # type: ignore[valid-type]


class ScrapNotificationIn(Schema):
    site_kato: str = Field(..., pattern=r"^[0-9]{9}$", description="the KATO code of the site")
    site_address: str = Field(..., min_length=1, max_length=300)
    activities: list[Literal["collection", "storage", "processing", "sale"]] = Field(..., min_length=1, max_length=4)
    metals: list[Literal["ferrous", "non_ferrous"]] = Field(..., min_length=1, max_length=2)
    starts_on: dt.date = Field(..., description="the day the activity starts (on or after the notification)")


class ScrapNotificationOut(Schema):
    number: str
    organization: str
    region: str
    site_kato: str
    site_address: str
    activities: list[str]
    metals: list[str]
    starts_on: dt.date
    notified_on: dt.date
    status: str
    ceased_on: dt.date | None


class ScrapLineIn(Schema):
    hs_code: ScrapCode = Field(..., description="an HS 2022 subheading of waste and scrap of metals")
    bought_tonnes: Decimal = Field(..., ge=0, max_digits=14, decimal_places=3)
    sold_tonnes: Decimal = Field(..., ge=0, max_digits=14, decimal_places=3)


class ScrapReportIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    quarter: int = Field(..., ge=1, le=4)
    lines: list[ScrapLineIn] = Field(..., min_length=1, max_length=len(rules.SCRAP_CODES))


class ScrapLineOut(Schema):
    hs_code: str
    metal: str
    bought_tonnes: Decimal
    sold_tonnes: Decimal


class ScrapReportOut(Schema):
    notification: str
    period: str
    due_on: dt.date
    submitted_on: dt.date
    late: bool
    lines: list[ScrapLineOut]


class ScrapPeriodLineOut(Schema):
    notification: str
    organization: str
    region: str
    state: Literal["on_time", "late", "missing", "awaited"]
    submitted_on: dt.date | None


def _notification_out(n: ScrapNotification) -> dict[str, Any]:
    return {
        "number": n.number,
        "organization": n.organization.identifier,
        "region": n.region_id,
        "site_kato": n.site_kato,
        "site_address": n.site_address,
        "activities": n.activities,
        "metals": n.metals,
        "starts_on": n.starts_on,
        "notified_on": n.notified_on,
        "status": n.status,
        "ceased_on": n.ceased_on,
    }


def _report_out(r: ScrapReport) -> dict[str, Any]:
    return {
        "notification": r.notification.number,
        "period": r.period,
        "due_on": r.due_on,
        "submitted_on": r.submitted_on,
        "late": r.late,
        "lines": [
            {"hs_code": x.hs_code, "metal": x.metal, "bought_tonnes": x.bought_tonnes, "sold_tonnes": x.sold_tonnes}
            for x in r.lines.all()
        ],
    }


def _missing(number: str) -> Status:
    return Status(404, {"detail": _("No notification %(number)s that you may see.") % {"number": number}})


@router.get(
    "/notifications",
    auth=TokenAuth(),
    response=list[ScrapNotificationOut],
    summary="Notifications the caller may see (its own; an akimat its region's; the authorized body all)",
)
def notification_list(request: HttpRequest) -> Any:
    return [_notification_out(n) for n in selectors.notifications_for(actor_for(request.user))[:1000]]


@router.post(
    "/notifications",
    auth=TokenAuth(),
    response={201: ScrapNotificationOut, 403: Problem, 422: Problem},
    summary="Notify the start of collecting, storing, processing or selling scrap and waste of metals (IP-9.39)",
    openapi_extra=explain(
        {
            403: "Only a legal entity's own users notify.",
            422: "A site outside Kazakhstan, a start before the notification, or an activity notified already.",
        }
    ),
)
def notification_lodge(request: HttpRequest, body: ScrapNotificationIn) -> Any:
    try:
        found = services.notification_lodge(actor=actor_for(request.user), **body.dict())
    except services.ScrapError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, _notification_out(found))


@router.get(
    "/notifications/{number}",
    auth=TokenAuth(),
    response={200: ScrapNotificationOut, 404: Problem},
    summary="One notification",
    openapi_extra=explain({404: "No notification with this number that you may see."}),
)
def notification_get(request: HttpRequest, number: str = NUMBER) -> Any:
    found = selectors.notification_for(actor_for(request.user), number)
    return _missing(number) if found is None else _notification_out(found)


@router.get(
    "/notifications/{number}/reports",
    auth=TokenAuth(),
    response={200: list[ScrapReportOut], 404: Problem},
    summary="The reports under one notification",
    openapi_extra=explain({404: "No notification with this number that you may see."}),
)
def report_list(request: HttpRequest, number: str = NUMBER) -> Any:
    actor = actor_for(request.user)
    found = selectors.notification_for(actor, number)
    return _missing(number) if found is None else [_report_out(r) for r in selectors.reports_of(actor, found)]


@router.post(
    "/notifications/{number}/reports",
    auth=TokenAuth(),
    response={201: ScrapReportOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Give a quarter's report on the scrap and waste bought and sold (the entity; IP-9.39)",
    openapi_extra=explain(
        {
            403: "Only the entity that lodged the notification reports under it.",
            404: "No notification with this number that you may see.",
            422: "The period has not ended (a future period), it was reported already, or a line is not scrap.",
        }
    ),
)
def report_submit(request: HttpRequest, body: ScrapReportIn, number: str = NUMBER) -> Any:
    actor = actor_for(request.user)
    found = selectors.notification_for(actor, number)
    if found is None:
        return _missing(number)
    try:
        report = services.report_submit(
            actor=actor,
            notification=found,
            data=services.report_in(body.year, body.quarter, [line.dict() for line in body.lines]),
        )
    except services.ScrapError as exc:
        return Status(422, {"detail": str(exc)})
    except PermissionDenied as exc:
        return Status(403, {"detail": str(exc)})
    return Status(201, _report_out(report))


@router.post(
    "/reports/import",
    auth=TokenAuth(),
    response={201: list[ScrapReportOut], 422: Problem},
    summary="Reports from a CSV or XLSX file: all or nothing, every bad row named by its line",
    openapi_extra=explain({422: "The file was not imported: `detail` names every bad row by its line."}),
)
def reports_import(request: HttpRequest, file: UploadedFile = File(...)) -> Any:
    try:
        reports = services.reports_import(actor=actor_for(request.user), content=file.read(), name=file.name or "")
    except CsvImportError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, [_report_out(r) for r in reports])


class ScrapPeriodQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)
    quarter: int = Field(..., ge=1, le=4)


@router.get(
    "/reports",
    auth=TokenAuth(),
    response={200: list[ScrapPeriodLineOut]},
    summary="A period's reports: given on time, late, missing or awaited, per activity the caller may see",
)
def period_status(request: HttpRequest, q: Query[ScrapPeriodQuery]) -> Any:
    today = clock.today()
    return [
        {
            "notification": line.notification.number,
            "organization": line.notification.organization.identifier,
            "region": line.notification.region_id,
            "state": line.state,
            "submitted_on": line.report.submitted_on if line.report else None,
        }
        for line in selectors.period_status(actor_for(request.user), rules.Quarter(q.year, q.quarter), today)
    ]
