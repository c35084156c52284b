"""API of systemic enterprises (IP-47-1, IP-11.3): akimats submit their territory's production volumes; the
authorized body computes and approves versions of the list; the approved list is public; the listed enterprises'
purchases are monitored for domestic value (IP-47-1.3)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema
from ninja.responses import Status

from nisi.contracts.models import ProductionSubmission, SystemicList
from nisi.contracts.selectors import as_of as as_of_selectors
from nisi.contracts.selectors import systemic as selectors
from nisi.contracts.services import systemic as services
from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.models import Region
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.law.api_common import Identifier, Problem, explain

router = Router(tags=["Contracts: systemic enterprises"])
YEAR = Path(..., ge=2000, le=2100, description="the year of the production volumes")


class ProductionVolumeIn(Schema):
    manufacturer: Identifier
    volume: Decimal = Field(..., ge=0, max_digits=20, decimal_places=2, description="tenge")


class SubmissionIn(Schema):
    region: str = Field(..., pattern=r"^[0-9]{2}$", description="the territory's code (first two KATO digits)")
    year: int = Field(..., ge=2000, le=2100)
    territory_total: Decimal = Field(..., gt=0, max_digits=20, decimal_places=2, description="tenge")
    volumes: list[ProductionVolumeIn] = Field(..., min_length=1, max_length=services.MAX_VOLUMES)


class ProductionSubmissionOut(Schema):
    id: int
    region: str
    year: int
    status: str
    territory_total: Decimal
    manufacturers: int
    submitted_at: dt.datetime | None


def _submission_out(s: ProductionSubmission) -> dict[str, Any]:
    return {
        "id": s.pk,
        "region": s.region_id,
        "year": s.year,
        "status": s.status,
        "territory_total": s.territory_total,
        "manufacturers": s.volumes.count(),
        "submitted_at": s.submitted_at,
    }


@router.get(
    "/systemic/submissions",
    auth=TokenAuth(),
    response=list[ProductionSubmissionOut],
    summary="Production volume submissions the caller may see (an akimat: its own region's)",
)
def submissions(request: HttpRequest) -> Any:
    return [_submission_out(s) for s in selectors.submissions_for(actor_for(request.user))[:1000]]


@router.post(
    "/systemic/submissions",
    auth=TokenAuth(),
    response={201: ProductionSubmissionOut, 403: Problem, 422: Problem},
    summary="Draft a territory's production volumes for a year (an akimat, its own region; IP-11.3)",
    openapi_extra=explain(
        {
            403: "Only an akimat drafts its own territory's submission.",
            422: "A BIN is unknown or given twice, a volume exceeds the territory's, or the region is unknown.",
        }
    ),
)
def submission_create(request: HttpRequest, body: SubmissionIn) -> Any:
    actor = actor_for(request.user)
    region = Region.objects.filter(code=body.region).first()
    if region is None:
        return Status(422, {"detail": _("No region or city has this code.")})
    try:
        created = services.submission_create(
            actor=actor,
            region=region,
            year=body.year,
            territory_total=body.territory_total,
            volumes=[(v.manufacturer, str(v.volume)) for v in body.volumes],
        )
    except services.SystemicError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _submission_out(created))


@router.post(
    "/systemic/submissions/{submission_id}/submit",
    auth=TokenAuth(),
    response={200: ProductionSubmissionOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Submit a drafted submission to the authorized body (an akimat; replaces its earlier one)",
    openapi_extra=explain(
        {
            403: "Only the akimat of the submission's region submits it.",
            404: "No submission with this number that you may see.",
            422: "It is not a draft.",
        }
    ),
)
def submission_submit(request: HttpRequest, submission_id: int = Path(..., ge=1, le=2**63 - 1)) -> Any:
    actor = actor_for(request.user)
    found = selectors.submissions_for(actor).filter(pk=submission_id).first()
    if found is None:
        return Status(404, {"detail": _("No submission with this number that you may see.")})
    try:
        done = services.submission_submit(actor=actor, submission=found)
    except services.SystemicError as exc:
        return Status(422, {"detail": str(exc)})
    return _submission_out(done)


class EntryOut(Schema):
    manufacturer: str
    name: str
    region: str
    volume: Decimal
    territory_total: Decimal
    share: Decimal = Field(description="volume ÷ territory total, a fraction rounded to 6 places")


class ListOut(Schema):
    year: int
    version: int
    status: str
    threshold: Decimal = Field(description="the share in force: more than this is systemic (IP-47-1.1)")
    threshold_reference: str
    computed_at: dt.datetime
    approved_on: dt.date | None
    entries: list[EntryOut]


def _list_out(s: SystemicList) -> dict[str, Any]:
    return {
        "year": s.year,
        "version": s.version,
        "status": s.status,
        "threshold": s.threshold,
        "threshold_reference": s.threshold_reference,
        "computed_at": s.computed_at,
        "approved_on": s.approved_on,
        "entries": [
            {
                "manufacturer": e.manufacturer.identifier,
                "name": e.manufacturer.name,
                "region": e.region_id,
                "volume": e.volume,
                "territory_total": e.territory_total,
                "share": e.share,
            }
            for e in selectors.entries(s)
        ],
    }


@router.get(
    "/systemic/lists",
    response=list[ListOut],
    summary="Versions of the list of systemic enterprises (public once approved; drafts for the authorized body)",
    openapi_extra=as_of_statuses(),
)
def lists(request: HttpRequest, as_of: str | None = as_of_query()) -> Any:
    """With `as_of`: the approved lists in force at the end of that day (IP-47-1.2), as they were published."""
    if (day := day_asked(as_of)) is not None:
        return as_of_selectors.systemic_lists_on(day)
    return [_list_out(s) for s in selectors.lists_for(actor_for(request.user))]


def _version(request: HttpRequest, year: int, version: int) -> SystemicList | None:
    found = SystemicList.objects.filter(year=year, version=version).first()
    if found is None or "view" not in allowed_actions(actor_for(request.user), found):
        return None
    return found


@router.post(
    "/systemic/lists/{year}",
    auth=TokenAuth(),
    response={201: ListOut, 403: Problem, 422: Problem},
    summary="Compute a new draft version of the year's list from the submitted volumes (the authorized body)",
    openapi_extra=explain({403: "Only the authorized body computes the list.", 422: "No volumes were submitted."}),
)
def list_compute(request: HttpRequest, year: int = YEAR) -> Any:
    try:
        draft = services.systemic_list_compute(actor=actor_for(request.user), year=year)
    except services.SystemicError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _list_out(draft))


@router.post(
    "/systemic/lists/{year}/{version}/approve",
    auth=TokenAuth(),
    response={200: ListOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Approve a draft version (the authorized body, IP-47-1.2); the earlier approved one is superseded",
    openapi_extra=explain({404: "No such version that you may see.", 403: "Only the authorized body approves."}),
)
def list_approve(request: HttpRequest, year: int = YEAR, version: int = Path(..., ge=1, le=10_000)) -> Any:
    found = _version(request, year, version)
    if found is None:
        return Status(404, {"detail": _("No version of the list with this year and number that you may see.")})
    try:
        done = services.systemic_list_approve(actor=actor_for(request.user), systemic_list=found)
    except services.SystemicError as exc:
        return Status(422, {"detail": str(exc)})
    return _list_out(done)


class MonitoredOut(Schema):
    manufacturer: str
    region: str
    lines: int
    total: Decimal
    counted: Decimal
    share: Decimal | None = Field(description="the purchases' domestic value share, per cent; null: no purchases")


@router.get(
    "/systemic/lists/{year}/{version}/monitoring",
    auth=TokenAuth(),
    response={200: list[MonitoredOut], 403: Problem, 404: Problem},
    summary="The domestic value of each listed enterprise's purchases in the year (IP-47-1.3; an akimat: its region)",
    openapi_extra=explain({404: "No such version that you may see.", 403: "For officers and akimats."}),
)
def monitoring(request: HttpRequest, year: int = YEAR, version: int = Path(..., ge=1, le=10_000)) -> Any:
    found = _version(request, year, version)
    if found is None:
        return Status(404, {"detail": _("No version of the list with this year and number that you may see.")})
    actor = actor_for(request.user)
    if not actor.roles & {"authorized_body", "development_institute", "auditor", "akimat"}:
        raise PermissionDenied(_("The monitoring of systemic enterprises is for officers and akimats."))
    return [
        {
            "manufacturer": m.entry.manufacturer.identifier,
            "region": m.entry.region_id,
            "lines": m.figure.lines,
            "total": m.figure.total,
            "counted": m.figure.counted,
            "share": m.figure.share,
        }
        for m in selectors.monitoring(actor, found)
    ]
