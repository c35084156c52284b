"""Projects of the map through the API: the application for inclusion, the authorized body's decisions, the
quarterly information (IP-6.2, IP-9.11, IP-11.8) and the state of a quarter's information. The same services and
policies as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema
from ninja.responses import Status

from nisi.core.api_auth import TokenAuth
from nisi.core.authz import actor_for, allowed_actions
from nisi.core.publication.as_of import as_of_query, as_of_statuses, day_asked
from nisi.industrialization.models import Project, ProjectVersion, QuarterlyReport
from nisi.industrialization.rules import Quarter, QuarterError, reportable_quarter
from nisi.industrialization.selectors import projects as selectors
from nisi.industrialization.services import measures as measure_services
from nisi.industrialization.services import projects as services
from nisi.industrialization.services import reports as report_services
from nisi.law import clock
from nisi.law.api_common import Identifier, Problem, explain

router = Router(tags=["Unified map of industrialization"])
NUMBER = Path(..., pattern=r"^IM-[0-9]{4}-[0-9]{6}$", description="the project's number, e.g. IM-2026-000001")
StageName = Literal["preparation", "construction", "commissioning", "operation"]


class MapStageIn(Schema):
    stage: StageName
    planned_on: dt.date
    actual_on: dt.date | None = None


class MapProjectIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    initiator: Identifier
    kato: str = Field(..., pattern=r"^[0-9]{9}$", description="the KATO code of the project's locality")
    latitude: Decimal = Field(..., ge=-90, le=90, max_digits=8, decimal_places=5)
    longitude: Decimal = Field(..., ge=-180, le=180, max_digits=8, decimal_places=5)
    oked: str = Field(..., pattern=r"^[0-9]{2,5}$", description="OKED (NK RK 03-2019)")
    hs_codes: list[str] = Field(default_factory=list, max_length=services.MAX_HS_CODES)
    investment: Decimal = Field(..., ge=0, max_digits=20, decimal_places=2, description="tenge")
    jobs: int = Field(..., ge=0, le=10_000_000)
    capacity: str = Field("", max_length=200)
    responsible_kind: Literal["state_body", "holding", "akimat"]
    responsible: Identifier | None = Field(None, description="BIN of the state body or holding; none for an akimat")
    stages: list[MapStageIn] = Field(..., min_length=1, max_length=4)


class MapMeasureOut(Schema):
    measure: str = Field(..., description="the measure's code in the catalogue, or industrial-grant (IP-42)")
    title: str
    operator: str
    reference: str = Field(..., description="the granted request's or the grant agreement's number")
    decided_on: dt.date
    amount: Decimal | None = Field(
        ..., description="tenge paid to date; null when the caller may not see the recipient's figures (IP-6.3)"
    )


class MapProjectOut(Schema):
    number: str
    name: str
    status: str
    initiator: str
    region: str
    kato: str
    oked: str
    stage: str
    investment: Decimal
    jobs: int
    responsible_kind: str
    reasons: str
    actions: list[str]


class MapProjectDetailOut(MapProjectOut):
    measures: list[MapMeasureOut] = Field(
        ...,
        description=(
            "the measures of state incentive the initiator received (IP-6.2), as far as the incentives' policies let "
            "the caller see them; the public sees none"
        ),
    )


class MapReasonsIn(Schema):
    reasons: str = Field(..., min_length=1, max_length=4000)


class MapReportIn(Schema):
    year: int = Field(..., ge=2000, le=2100)
    quarter: int = Field(..., ge=1, le=4)
    stage: StageName
    investment_to_date: Decimal = Field(..., ge=0, max_digits=20, decimal_places=2, description="tenge")
    jobs_created: int = Field(..., ge=0, le=10_000_000)
    output: Decimal = Field(Decimal(0), ge=0, max_digits=20, decimal_places=2, description="tenge, in the quarter")
    stage_date: dt.date | None = None
    comment: str = Field("", max_length=2000)


class MapReportOut(Schema):
    project: str
    year: int
    quarter: int
    stage: str
    investment_to_date: Decimal
    jobs_created: int
    output: Decimal
    due_on: dt.date
    submitted_on: dt.date
    late: bool


class MapQuarterLineOut(Schema):
    project: str
    region: str
    state: Literal["on_time", "late", "missing", "awaited"]
    due_on: dt.date | None
    submitted_on: dt.date | None


def _out(project: Project, request: HttpRequest | None) -> dict[str, Any]:
    return {
        "number": project.number,
        "name": project.name,
        "status": project.status,
        "initiator": project.initiator.identifier,
        "region": project.region_id,
        "kato": project.kato,
        "oked": project.oked,
        "stage": project.stage,
        "investment": project.investment,
        "jobs": project.jobs,
        "responsible_kind": project.responsible_kind,
        "reasons": project.reasons,
        "actions": sorted(allowed_actions(actor_for(request.user), project)) if request else [],
    }


def _version_out(version: ProjectVersion) -> dict[str, Any]:
    """A project as one version of the map showed it (no actions: a past state is read, not acted on)."""
    project = version.project
    return {
        **{k: v for k, v in _out(project, None).items() if k != "actions"},
        "status": version.status,
        "region": version.region_id,
        "oked": version.oked,
        "stage": version.stage,
        "investment": version.investment,
        "jobs": version.jobs,
        "name": version.data.get("name", project.name),
        "kato": version.data.get("kato", project.kato),
        "reasons": "",
        "actions": [],
    }


def _report_out(report: QuarterlyReport) -> dict[str, Any]:
    return {
        "project": report.project.number,
        **{
            name: getattr(report, name)
            for name in (
                "year",
                "quarter",
                "stage",
                "investment_to_date",
                "jobs_created",
                "output",
                "due_on",
                "submitted_on",
                "late",
            )
        },
    }


@router.get("/projects", auth=TokenAuth(), response=list[MapProjectOut], summary="Projects the caller may see")
def projects(request: HttpRequest) -> Any:
    return [_out(p, request) for p in selectors.projects_for(actor_for(request.user)).order_by("number")[:1000]]


@router.post(
    "/projects",
    auth=TokenAuth(),
    response={201: MapProjectOut, 403: Problem, 422: Problem},
    summary="Apply to include a project in the unified map of industrialization (IP-6.2, IP-9.11)",
    openapi_extra=explain(
        {
            403: "The initiator's users, the akimat of the region, the responsible body and the authorized body apply.",
            422: "An unknown BIN, KATO, OKED or product code, a point outside Kazakhstan or outside the KATO's region.",
        }
    ),
)
def project_apply(request: HttpRequest, body: MapProjectIn) -> Any:
    try:
        created = services.project_apply(
            actor=actor_for(request.user),
            **body.dict(exclude={"stages"}),
            stages=[services.StagePlan(s.stage, s.planned_on, s.actual_on) for s in body.stages],
        )
    except services.MapError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _out(created, request))


def _found(request: HttpRequest, number: str) -> Project | None:
    return selectors.project_by_number(actor_for(request.user), number)


def _missing() -> Status:
    return Status(404, {"detail": _("No project with this number that you may see.")})


def _anyone(request: HttpRequest) -> bool:
    """The public may read an included project without a token; a token, when given, identifies the caller."""
    return True


@router.get(
    "/projects/{number}",
    auth=[TokenAuth(), _anyone],
    # The token is optional (`{}`): the public reads an included project; a token says who may see its measures.
    openapi_extra={
        **as_of_statuses(
            {
                404: "No project with this number that you may see (the public sees included ones); as of a day, "
                "not on the map that day."
            }
        ),
        "security": [{}],  # added to the TokenAuth requirement ninja writes
    },
    response={200: MapProjectDetailOut, 400: Problem, 404: Problem},
    summary="A project of the map (public once included) with the measures of state incentive its initiator "
    "received, now or as the map showed it at the end of a day",
)
def project(request: HttpRequest, number: str = NUMBER, as_of: str | None = as_of_query()) -> Any:
    if (day := day_asked(as_of)) is not None:
        version = selectors.project_on_map(number, day)
        if version is None:
            return Status(404, {"detail": _("This project was not on the map that day.")})
        return {**_version_out(version), "measures": _measures(request, version.project, day)}
    found = _found(request, number)
    if found is None:
        return _missing()
    return {**_out(found, request), "measures": _measures(request, found, clock.today())}


def _measures(request: HttpRequest, project: Any, day: dt.date) -> list[dict[str, Any]]:
    """The measures the initiator had received by `day`, as far as the caller may see them."""
    seen = measure_services.project_measures_seen(actor=actor_for(request.user), project=project, on=day)
    return [
        {
            "measure": m.measure,
            "title": m.title,
            "operator": m.operator,
            "reference": m.reference,
            "decided_on": m.decided_on,
            "amount": m.amount,
        }
        for m in seen
    ]


DECIDED = explain(
    {
        403: "Only the authorized body decides on a project.",
        404: "No project with this number that you may see.",
        422: "The project is not in a state this decision starts from, or the reasons are missing.",
    }
)


def _decide(request: HttpRequest, number: str, call: Any) -> Any:
    found = _found(request, number)
    if found is None:
        return _missing()
    try:
        return _out(call(actor_for(request.user), found), request)
    except services.MapError as exc:
        return Status(422, {"detail": str(exc)})


DECIDED_RESPONSES: dict[int, Any] = {200: MapProjectOut, 403: Problem, 404: Problem, 422: Problem}


@router.post(
    "/projects/{number}/check",
    summary="Check an application (the authorized body; IP-9.11)",
    openapi_extra=DECIDED,
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
)
def project_check(request: HttpRequest, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda actor, p: services.project_check(actor=actor, project=p))


@router.post(
    "/projects/{number}/include",
    summary="Include a checked project in the map (the authorized body; IP-6.2)",
    openapi_extra=DECIDED,
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
)
def project_include(request: HttpRequest, number: str = NUMBER) -> Any:
    return _decide(request, number, lambda actor, p: services.project_include(actor=actor, project=p))


@router.post(
    "/projects/{number}/refuse",
    summary="Refuse an application, with reasons the initiator reads",
    openapi_extra=DECIDED,
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
)
def project_refuse(request: HttpRequest, body: MapReasonsIn, number: str = NUMBER) -> Any:
    return _decide(
        request, number, lambda actor, p: services.project_refuse(actor=actor, project=p, reasons=body.reasons)
    )


@router.post(
    "/projects/{number}/exclude",
    summary="Exclude a project from the map, with reasons (the authorized body)",
    openapi_extra=DECIDED,
    auth=TokenAuth(),
    response=DECIDED_RESPONSES,
)
def project_exclude(request: HttpRequest, body: MapReasonsIn, number: str = NUMBER) -> Any:
    return _decide(
        request, number, lambda actor, p: services.project_exclude(actor=actor, project=p, reasons=body.reasons)
    )


@router.post(
    "/projects/{number}/reports",
    auth=TokenAuth(),
    response={201: MapReportOut, 403: Problem, 404: Problem, 422: Problem},
    summary="Give a project's quarterly information (an akimat or the responsible body; IP-6.2, IP-11.8)",
    openapi_extra=explain(
        {
            403: "Only the akimat of the project's region, or its responsible body, informs on it.",
            404: "No project with this number that you may see.",
            422: "The quarter has not ended, it was already reported, or the project is not in the map.",
        }
    ),
)
def report_submit(request: HttpRequest, body: MapReportIn, number: str = NUMBER) -> Any:
    found = _found(request, number)
    if found is None:
        return _missing()
    try:
        report = report_services.quarterly_report_submit(
            actor=actor_for(request.user), project=found, data=report_services.ReportIn(**body.dict())
        )
    except (services.MapError, QuarterError) as exc:
        return Status(422, {"detail": str(exc)})
    return Status(201, _report_out(report))


class MapQuarterQuery(Schema):
    year: int = Field(..., ge=2000, le=2100)
    quarter: int = Field(..., ge=1, le=4)


@router.get(
    "/reports",
    auth=TokenAuth(),
    response={200: list[MapQuarterLineOut], 422: Problem},
    summary="A quarter's information: given on time, late, missing or awaited, per project the caller may see",
    openapi_extra=explain({422: "The quarter has not ended yet."}),
)
def quarter_status(request: HttpRequest, q: Query[MapQuarterQuery]) -> Any:
    try:
        quarter: Quarter = reportable_quarter(q.year, q.quarter, clock.today())
    except QuarterError as exc:
        return Status(422, {"detail": str(exc)})
    return [
        {
            "project": line.project.number,
            "region": line.project.region_id,
            "state": line.state,
            "due_on": line.deadline.due_on if line.deadline else (line.report.due_on if line.report else None),
            "submitted_on": line.report.submitted_on if line.report else None,
        }
        for line in selectors.quarter_status(actor_for(request.user), quarter)
    ]
